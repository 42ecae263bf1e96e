"""Find quoted passages in archived texts and mark them up. Pure functions."""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache

from .model import Span

# Only whitespace, quote marks and dashes are normalised when matching a quote.
_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Quote marks and dashes folded, whitespace collapsed: what two spellings of a quote share."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quote marks and dashes, collapse whitespace; map each output char to its input offset."""
    out: list[str] = []
    offsets: list[int] = []
    folded = text.translate(_QUOTE_MARKS)
    position = 0
    for match in _SPACE.finditer(folded):
        out.append(folded[position : match.start()])
        offsets.extend(range(position, match.start()))
        out.append(" ")
        offsets.append(match.start())
        position = match.end()
    out.append(folded[position:])
    offsets.extend(range(position, len(folded)))
    return "".join(out), offsets


@lru_cache(maxsize=256)
def normalised_text(text: str) -> tuple[str, list[int]]:
    """normalise() of an archived text, computed once however many quotes it holds."""
    return normalise(text)


def anchor_for(quote: str) -> str:
    """A stable id for a quoted passage, the same wherever it is cited."""
    return _anchor(fold(quote))


def _anchor(needle: str) -> str:
    return "q-" + hashlib.sha1(needle.encode("utf-8")).hexdigest()[:10]


def locate(quote: str, text: str) -> Span | None:
    """Where `quote` stands in `text`, or None when it is not there verbatim."""
    needle = fold(quote)
    haystack, offsets = normalised_text(text)
    found = haystack.find(needle) if needle else -1
    if found < 0:
        return None
    end = offsets[found + len(needle) - 1] + 1
    return Span(offsets[found], end, _anchor(needle))


def matching_start(needle: str, haystack: str) -> int:
    """How many characters of the needle's start stand in the haystack (a binary search)."""
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    return low


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of each non-blank line: the archived texts keep a paragraph a line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


@lru_cache(maxsize=256)
def highlight(text: str, spans: tuple[Span, ...]) -> tuple[str, ...]:
    """Each paragraph as HTML, quoted passages in <mark>, each passage's start anchored."""
    result = []
    for start, end in paragraphs(text):
        inside = [s for s in spans if s.start < end and s.end > start]
        cuts = sorted({start, end} | {max(start, min(end, p)) for s in inside for p in (s.start, s.end)})
        parts = []
        for left, right in zip(cuts, cuts[1:], strict=False):
            for span in inside:
                if span.start == left:
                    parts.append(f'<span class="anchor" id="{span.anchor}"></span>')
            piece = html.escape(text[left:right], quote=False)
            covered = any(s.start <= left and s.end >= right for s in inside)
            parts.append(f"<mark>{piece}</mark>" if covered else piece)
        result.append("".join(parts))
    return tuple(result)


@lru_cache(maxsize=256)
def ending(text: str, spans: tuple[Span, ...]) -> tuple[tuple[Span, ...], ...]:
    """For each paragraph (as highlight() gives them), the passages that end in it: where their back-links go."""
    return tuple(tuple(s for s in spans if start < s.end <= end) for start, end in paragraphs(text))


EXCERPT_WORDS = 8  # a passage this long or shorter is named in full, a longer one by its first and last words


def excerpt(text: str, span: Span) -> str:
    """A passage named short, as a back-link names it: "Lavrov, the first Russian … Pakistan since 2012"."""
    words = text[span.start : span.end].split()
    if len(words) <= EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[:4]) + " … " + " ".join(words[-3:])
