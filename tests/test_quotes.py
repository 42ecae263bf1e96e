"""Finding quotes in archived texts: only whitespace, quote marks and dashes are forgiven."""

from __future__ import annotations

import pytest

from timeline.model import Span
from timeline.quotes import anchor_for, ending, excerpt, highlight, locate

TEXT = "He said “we agree” — and left.\nThe pipeline – 1,100 km long.\n\nLast line."


@pytest.mark.parametrize(
    "quote, found",
    [
        ('He said "we agree" - and left.', "He said “we agree” — and left."),
        ("we  agree”   —\tand", "we agree” — and"),
        ("left. The pipeline", "left.\nThe pipeline"),
        ("pipeline - 1,100 km", "pipeline – 1,100 km"),
        ("  Last line.  ", "Last line."),
    ],
)
def test_forgiven_differences(quote: str, found: str) -> None:
    span = locate(quote, TEXT)
    assert span is not None and TEXT[span.start : span.end] == found


@pytest.mark.parametrize("quote", ["he said", "We agree", "1100 km", "Last line!", "pipeline – 1,100 miles", "", "   "])
def test_real_differences(quote: str) -> None:
    assert locate(quote, TEXT) is None


def test_anchor_is_stable_across_spellings() -> None:
    assert anchor_for('"we agree"') == anchor_for("“we  agree”")
    assert anchor_for("we agree") != anchor_for("we disagree")


def test_highlight_marks_anchors_and_escapes() -> None:
    text = "A <b> & B.\nSecond para here."
    one = Span(0, 5, "q-one")
    two = Span(2, 20, "q-two")  # overlaps one and crosses into the second paragraph
    assert list(highlight(text, (one, two))) == [
        '<span class="anchor" id="q-one"></span><mark>A </mark><span class="anchor" id="q-two"></span>'
        "<mark>&lt;b&gt;</mark><mark> &amp; B.</mark>",
        "<mark>Second pa</mark>ra here.",
    ]


def test_back_links_follow_the_paragraph_where_each_passage_ends() -> None:
    text = "First para, quoted twice.\nSecond para.\n\nThird."
    inner = Span(0, 10, "q-inner")  # "First para"
    outer = Span(0, 25, "q-outer")  # the whole first paragraph, around the inner passage
    crossing = Span(12, 37, "q-crossing")  # from the first paragraph into the second
    assert ending(text, (inner, outer, crossing)) == ((inner, outer), (crossing,), ())


@pytest.mark.parametrize(
    "span, named",
    [
        (Span(0, 18, "q-a"), "He said “we agree”"),  # short: whole
        (Span(8, 45, "q-b"), "“we agree” — and left. The pipeline –"),  # eight words, the line break as a space
        (Span(0, 60, "q-c"), "He said “we agree” … 1,100 km long."),  # longer: its first and last words
    ],
)
def test_a_back_link_names_its_passage_by_its_words(span: Span, named: str) -> None:
    assert excerpt(TEXT, span) == named
