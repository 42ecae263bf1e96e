"""Typography of text from YAML: smarty's curly quotes, apostrophes and dashes, nothing else of Markdown."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import edit

from build import read_site
from timeline import body
from timeline.typography import typeset


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('Lavrov\'s "working visit"', "Lavrov’s “working visit”"),
        ("'Single' quotes, and \"double 'nested' ones\"", "‘Single’ quotes, and “double ‘nested’ ones”"),
        ("The '90s, the 1990s and Pakistan's", "The ’90s, the 1990s and Pakistan’s"),
        ("6--7 April 1971, a war---briefly", "6–7 April 1971, a war—briefly"),
        ("Talks went on... and on", "Talks went on… and on"),
        ("[Report on Lavrov's talks]", "[Report on Lavrov’s talks]"),
        ("*Not emphasis*, _nor_ __this__, `no code`, \\*", "*Not emphasis*, _nor_ __this__, `no code`, \\*"),  # as typed
        ("A [link](https://example.org) <b>tag</b> & &amp; &mdash;", "A [link](https://example.org) <b>tag</b> & &amp; &mdash;"),
        ("# Not a heading", "# Not a heading"),
        ("1. Not a list", "1. Not a list"),
        ("Zia-ul-Haq and a - hyphen", "Zia-ul-Haq and a - hyphen"),
        ("Curly “already” and – dashes", "Curly “already” and – dashes"),
        ("<<angled>>", "<<angled>>"),  # off, as in bodies
        ("Two lines,\n\n'each' typeset", "Two lines,\n\n‘each’ typeset"),
    ],
)
def test_yaml_text_is_typeset_and_markdown_syntax_stays_as_typed(typed: str, shown: str) -> None:
    assert typeset(typed) == shown


@pytest.mark.parametrize(
    "text",
    ['Qureshi said "Lavrov\'s visit" ran 6--7 April... in 2021---briefly.', "'Tis the '90s' \"end\"", 'He said: "no".'],
)
def test_yaml_text_gets_the_typography_of_bodies(text: str) -> None:
    """One standard: what a body's paragraph of plain text shows, as characters instead of entities."""
    paragraph = body.markdown_converter().convert(text).removeprefix("<p>").removesuffix("</p>")
    assert typeset(text) == html.unescape(paragraph)


def test_the_model_has_typeset_text_and_quotes_as_typed(project: Path) -> None:
    """Titles, summaries, notes and names are typeset; a quote is checked against its archived text
    and shown as typed; ids, addresses and dates are left alone."""
    event = project / "content" / "events" / "2021-04-06-lavrov-visit.md"
    edit(event, "note: Qureshi at the joint press conference.", "note: Qureshi's words at the joint press conference.")
    site, problems = read_site(project)
    assert site is not None, problems
    visit = next(e for e in site.events if e.slug == "2021-04-06-lavrov-visit")
    assert visit.date_basis == "The preview gives the visit as “from 6th to 7th April”."
    quoted = next(c for c in visit.citations if c.note)
    assert quoted.note == "Qureshi’s words at the joint press conference."
    assert quoted.quote == '"There is a new approach and mindset in Pakistan for a relationship with Russia.'
    announced = next(e for e in site.events if e.slug == "2021-03-lavrov-visit-announced")
    assert announced.title == "Lavrov’s working visit announced"
    preview = next(s for s in site.sources if s.id == "preview-2021")
    assert preview.title == "[Preview of Lavrov’s working visit]"
    assert preview.archive == "2021-04-lavrov-working-visit-preview.txt" and preview.href == "sources/preview-2021/index.html"
