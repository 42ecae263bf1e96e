"""Citation markers in bodies ([@source-id]) and quotations in an event's own words."""

from __future__ import annotations

import pytest

from timeline import markers, quotations
from timeline.body import markdown_converter
from timeline.model import Citation, Source


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Plain. [@a]", [(0, ["a"])]),
        ("One [@a; @b] two\n\n[@c]", [(0, ["a", "b"]), (2, ["c"])]),
        ("Code `[@a]` is text.", []),
        ("A [link](http://x) and a footnote [^1] are not markers.", []),
        ("Spaces [@a ;  @b]", [(0, ["a", "b"])]),
    ],
)
def test_markers_are_found_with_their_lines(body: str, expected: list[tuple[int, list[str]]]) -> None:
    assert markers.found(body) == expected


@pytest.mark.parametrize(
    ("body", "unmarked"),
    [
        ("One. [@a]\n\nTwo.", [2]),
        ("## Heading\n\nText. [@a]", []),
        ("## Heading\nText right under it.", [1]),
        ("- a list\n- of two [@a]", []),
        ("First line\nsecond line [@a]\n\n\n\nLast.", [5]),
    ],
)
def test_paragraphs_without_a_marker(body: str, unmarked: list[int]) -> None:
    assert markers.unmarked(body) == unmarked


def test_a_marker_to_a_source_not_cited_is_reported() -> None:
    assert markers.problems("Fine [@a].\n\nNot [@a; @z].", ["a", "b"]) == [
        (2, "citation marker [@z] points at no citation of this event (it cites: a, b)")
    ]


def test_markers_render_as_numbered_links_and_record_their_places() -> None:
    converter = markdown_converter()
    processor = converter.inlinePatterns["citation_marker"]
    processor.numbering = markers.Numbering({"a": 1, "b": 2})  # type: ignore[attr-defined]
    html = converter.convert("First. [@b]\n\nSecond. [@a; @b]\n\n`[@a]`")
    assert '<sup class="cite-ref"><a href="#source-2" id="cite-2-1">2</a></sup>' in html
    assert '<a href="#source-1" id="cite-1-1">1</a><a href="#source-2" id="cite-2-2">,2</a>' in html
    assert "<code>[@a]</code>" in html
    assert processor.numbering.refs == {2: ["cite-2-1", "cite-2-2"], 1: ["cite-1-1"]}  # type: ignore[attr-defined]


ARCHIVE = "Lavrov, the first Russian foreign minister to visit Pakistan since 2012, and Qureshi held talks."


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('He was "the first Russian foreign minister" here.', ["the first Russian foreign minister"]),
        ("He was “the first Russian foreign minister” here.", ["the first Russian foreign minister"]),
        ("«to visit Pakistan since»", ["to visit Pakistan since"]),
        ("‘Pakistan’s own words here’ and an apostrophe’s", ["Pakistan’s own words here"]),
        ('Two words: "since 2012".', []),
        ("Straight 'single quotes are' apostrophes", []),
    ],
)
def test_quotations_of_three_words_or_more_are_found(text: str, found: list[str]) -> None:
    assert [passage for _, passage in quotations.passages(text)] == found


@pytest.mark.parametrize(
    ("passage", "verbatim"),
    [
        ("the first Russian foreign minister", True),
        ("the first  Russian\nforeign minister", True),  # whitespace folded
        ("Lavrov, the first … since 2012, and Qureshi", True),  # words left out, in order
        ("since 2012 ... the first Russian", False),  # out of order
        ("the first Soviet foreign minister", False),
    ],
)
def test_a_quotation_is_found_verbatim_with_its_parts_in_order(passage: str, verbatim: bool) -> None:
    assert quotations.is_quoted_from(passage, [ARCHIVE]) is verbatim


def test_a_misquotation_names_the_closest_passage() -> None:
    source = Source("s", "S", "news", "sources/s/", archive="s.txt", text=ARCHIVE)
    citation = Citation(source, "Lavrov", None, None)
    assert quotations.problems('He said "the first Russian foreign minister to visit Islamabad".', (citation,)) == [
        (
            0,
            'quotation "the first Russian foreign minister to visit Islamabad" is not in any archived source this event'
            ' cites (closest passage: "the first Russian foreign minister to visit Pakistan ")',
        )
    ]
