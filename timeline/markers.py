"""Citation markers: a sentence or paragraph of an event's body tied to the sources it rests on.

Editors write Pandoc's citation syntax after the words a source supports: `[@tass-2021-04-06]`,
or `[@dawn-2021; @tass-2021-04-06]` for several. Each id is a source the event cites. On the page
a marker is a superscript number linking to that source in the numbered list of sources, and each
source links back to the places in the text that cite it. Markers are read by a Python-Markdown
inline processor, so one in a code span stays text; the same pattern finds them for validation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.inlinepatterns import InlineProcessor

MARKER = r"\[@([^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]"
MARKER_PATTERN = re.compile(MARKER)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def ids(marker_text: str) -> list[str]:
    """The source ids in one marker's brackets: "a; @b" -> ["a", "b"]."""
    return [part.strip().removeprefix("@") for part in marker_text.split(";")]


@dataclass
class Numbering:
    """What the converter needs for one body: the number of each cited source, and, filled while
    converting, the id of each marker link, by source number (the source's back-links)."""

    numbers: dict[str, int] = field(default_factory=dict)
    refs: dict[int, list[str]] = field(default_factory=dict)


class MarkerProcessor(InlineProcessor):
    """`[@a; @b]` -> <sup class="cite-ref"><a href="#source-1">1</a><a href="#source-2">2</a></sup>."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(MARKER, md)
        self.numbering = Numbering()

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        sup = etree.Element("sup", {"class": "cite-ref"})
        for index, ident in enumerate(ids(m.group(1))):
            number = self.numbering.numbers.get(ident)
            if number is None:  # validation reports it; a preview of a half-typed id shows it as typed
                link = etree.SubElement(sup, "span")
                link.text = f"[@{ident}]"
                continue
            refs = self.numbering.refs.setdefault(number, [])
            ref_id = f"cite-{number}-{len(refs) + 1}"
            refs.append(ref_id)
            link = etree.SubElement(sup, "a", {"href": f"#source-{number}", "id": ref_id})
            link.text = f"{',' if index else ''}{number}"
        return sup, m.start(0), m.end(0)


def register(md: markdown.Markdown) -> MarkerProcessor:
    """Add the marker processor to a converter, before links (160) and footnote references (175)."""
    processor = MarkerProcessor(md)
    md.inlinePatterns.register(processor, "citation_marker", 180)
    return processor


def found(body: str) -> list[tuple[int, list[str]]]:
    """(line in the body, source ids) of each marker outside code spans."""
    plain = CODE_SPAN.sub(lambda code: re.sub(r"[^\n]", " ", code.group()), body)
    return [(plain.count("\n", 0, m.start()), ids(m.group(1))) for m in MARKER_PATTERN.finditer(plain)]


def problems(body: str, cited: list[str]) -> list[tuple[int, str]]:
    """(line in the body, message) for each marker id that is not a source the event cites."""
    listed = ", ".join(dict.fromkeys(cited)) or "none"
    return [
        (line, f"citation marker [@{ident}] points at no citation of this event (it cites: {listed})")
        for line, idents in found(body)
        for ident in idents
        if ident not in cited
    ]


def unmarked(body: str) -> list[int]:
    """The first line of each body paragraph with no marker (headings are not paragraphs): what
    `check --strict` lists."""
    lines = body.split("\n")
    marked = {line for line, _ in found(body)}
    paragraphs: list[tuple[int, int]] = []
    start = None
    for number, line in enumerate([*lines, ""]):
        ends = not line.strip() or line.lstrip().startswith("#")
        if ends and start is not None:
            paragraphs.append((start, number))
            start = None
        elif not ends and start is None:
            start = number
    return [first for first, end in paragraphs if not any(first <= line < end for line in marked)]
