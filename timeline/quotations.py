"""Quotations in an event's own words: every passage of three words or more that its body or
summary puts in quotation marks must stand verbatim in an archived text the event cites.

Citation quotes are checked where they are cited (validate.py); this extends the same check, with
the same normalisation (whitespace, quote marks and dash kinds), to the prose. Double quotation
marks, straight or curly, and guillemets open a quotation; so does a curly single quote (a
straight one is too often an apostrophe). An ellipsis (... or …) marks words left out: each part
must be found, in order. External pages are paraphrased, never quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Citation
from .quotes import fold, matching_start, normalised_text

MIN_WORDS = 3
QUOTED = re.compile(r'"([^"]+?)"|“([^”]+?)”|„([^“”]+?)[“”]|«([^»]+?)»|‘((?:[^’]|’(?=\w))+?)’(?!\w)')
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[(?:\.\.\.|…)\])\s*")


def passages(text: str) -> Iterator[tuple[int, str]]:
    """(line in `text`, passage) of each quotation of three words or more."""
    for match in QUOTED.finditer(text):
        passage = next(group for group in match.groups() if group is not None)
        if len(passage.split()) >= MIN_WORDS:
            yield text.count("\n", 0, match.start()), passage


def is_quoted_from(passage: str, texts: list[str]) -> bool:
    """Whether every part of the passage (between ellipses) stands, in order, in one of the texts."""
    parts = [part for part in ELLIPSIS.split(passage) if part.strip()]
    for text in texts:
        haystack, at = normalised_text(text)[0], 0
        for part in parts:
            at = haystack.find(fold(part), at)
            if at < 0:
                break
        else:
            return True
    return False


def closest(passage: str, texts: list[str]) -> str:
    """The archived words that match the passage's start for longest, as long as the passage:
    the editor's clue to what differs ("" when not even eight characters match)."""
    needle = fold(ELLIPSIS.split(passage)[0])
    best, best_length = "", 7
    for text in texts:
        haystack = normalised_text(text)[0]
        low = matching_start(needle, haystack)
        if low > best_length:
            start = haystack.find(needle[:low])
            best, best_length = haystack[start : start + max(len(needle), low)], low
    return best


def problems(text: str, citations: tuple[Citation, ...]) -> list[tuple[int, str]]:
    """(line in `text`, message) for each quotation not found in an archived text the event cites."""
    texts = [c.source.text for c in citations if c.source.text]
    found = []
    for line, passage in passages(text):
        if is_quoted_from(passage, texts):
            continue
        short = passage if len(passage) <= 80 else passage[:77] + "…"
        message = f'quotation "{short}" is not in any archived source this event cites'
        if not texts:
            message += ": it cites none; paraphrase the words, or cite the archived text they come from"
        elif near := closest(passage, texts):
            message += f' (closest passage: "{near}")'
        found.append((line, message))
    return found
