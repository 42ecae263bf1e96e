"""Render stage: Markdown conversion, page planning, and the parallel writer."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import edit, run, tree_digest

from build import read_site
from timeline import body, render, write
from timeline.dates import PartialDate
from timeline.model import Citation, Entry, Era, Source, Span, Term

MARKDOWN_CASES = [
    "Plain prose only.\n\nA second paragraph.",
    "Some *emphasis*, __strong__ and `code`.",
    "A [link](https://example.org) and a [reference][r].\n\n[r]: https://example.org/r",
    "An autolink <https://example.org> and mail <me@example.org>.",
    "Entities: &amp; &copy; and a bare & sign.",
    "Line with two trailing spaces  \nthen a break.",
    "Escaped \\*stars\\* and an image ![alt](x.png).",
    "- a list item\n- another with _emphasis_\n\n1. one\n2. two",
    "> A quotation, plain.\n\n> Another with *stress*.",
    "## A heading\n\nText <abbr title='x'>ABBR</abbr> inline HTML.\n\n<div>\nblock HTML\n</div>",
    "Quotes “curly” and 'straight', dashes – and —, numbers 1,000.",
    'Typed "straight" quotes, Lavrov\'s visit, 1971--1972, a pause... and an aside---like this.',
    "Text with no trigger at all, then `code with 'quotes' and -- dashes`.",
]


@pytest.mark.parametrize("text", MARKDOWN_CASES)
def test_plain_text_skipping_changes_no_output(text: str) -> None:
    plain = markdown.Markdown(extensions=body.EXTENSIONS, extension_configs=body.CONFIGS, output_format="html")
    assert body.markdown_converter().convert(text) == plain.convert(text)


def test_every_page_has_its_own_file(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    outs = [page.out for page in render.plan(site)]
    assert len(outs) == len(set(outs))
    assert {"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "about/index.html"} <= set(outs)
    assert all(f"events/{event.slug}/index.html" in outs for event in site.events)


def test_parallel_writer_gives_the_same_site(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    serial = tree_digest(project / "_site")
    monkeypatch.setattr(write, "PARALLEL_FROM", 1)
    monkeypatch.setattr(write, "EVENT_PACKET", 1)
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    assert tree_digest(project / "_site") == serial


@pytest.mark.parametrize("tagged", [True, False], ids=["as tagged", "untagged, so no event is related to another"])
def test_a_kept_plan_after_an_edit_equals_a_fresh_plan(project: Path, tagged: bool) -> None:
    """The preview plans again only the pages an edit can change: checked for a new title (seen
    by neighbours and related events), a new body (seen by none) and a changed date, per event."""
    site, _ = read_site(project)
    assert site is not None
    if not tagged:
        untagged = [dataclasses.replace(event, topics=(), people=(), places=()) for event in site.events]
        site = dataclasses.replace(site, events=tuple(untagged))
    for index, event in enumerate(site.events):
        for change in ({"title": "Edited"}, {"body": "Edited."}, {"date": PartialDate(1900)}):
            memo: dict[str, Any] = {}
            render.plan(site, memo)
            edited = dataclasses.replace(event, **change)
            events = sorted(site.events[:index] + (edited,) + site.events[index + 1 :], key=lambda e: e.sort_key)
            after = dataclasses.replace(site, events=tuple(events))
            assert render.plan(after, memo) == render.plan(after), (event.slug, change)


@pytest.mark.parametrize(
    ("kind", "names", "ordered"),
    [
        ("people", ["Sergey Lavrov", "Shah Mahmood Qureshi", "Ishaq Dar", "Zia-ul-Haq"],
         ["Ishaq Dar", "Sergey Lavrov", "Shah Mahmood Qureshi", "Zia-ul-Haq"]),
        ("places", ["Moscow", "Islamabad", "Ürümqi", "Bishkek"], ["Bishkek", "Islamabad", "Moscow", "Ürümqi"]),
    ],
)  # fmt: skip
def test_indexes_are_alphabetical(kind: str, names: list[str], ordered: list[str]) -> None:
    terms = [Term(kind, f"t{i}", name, "", f"{kind}/t{i}/index.html") for i, name in enumerate(names)]
    assert [term.name for term in sorted(terms, key=render.alphabetical)] == ordered


def test_the_sources_index_is_alphabetical_by_title(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    page = next(page for page in render.plan(site) if page.out == "sources/index.html")
    titles = [source.title for source, _ in page.context["sources"]]
    assert titles == [
        "Pakistan–Russia relations",
        "[Preview of Lavrov’s working visit]",
        "Qureshi and Lavrov agree to promote cooperation",
    ]


def test_citations_are_grouped_by_source_in_the_order_first_cited(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    event = next(e for e in site.events if e.slug == "2021-04-06-lavrov-visit")
    assert [(source.id, len(citations)) for source, citations in event.cited_sources] == [("talks-2021", 2), ("preview-2021", 1)]


def test_bodies_get_curly_quotes_and_proper_dashes() -> None:
    html = body.markdown_converter().convert('Qureshi said "Lavrov\'s visit" ran 6--7 April... in 2021---briefly.')
    assert html == "<p>Qureshi said &ldquo;Lavrov&rsquo;s visit&rdquo; ran 6&ndash;7 April&hellip; in 2021&mdash;briefly.</p>"


def test_a_long_body_gets_a_list_of_its_sections(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2021-04-07-same-day.md"
    event.write_text(event.read_text() + "\n## Talks\n\nThey talked.\n\n## Sources\n\nA body heading may be called Sources.\n")
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    page = (project / "_site" / "events" / "2021-04-07-same-day" / "index.html").read_text()
    contents = page.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#s-talks">Talks</a>' in contents and '<a href="#s-sources">Sources</a>' in contents
    assert '<h2 id="s-talks">Talks</h2>' in page and '<h2 id="s-sources">Sources</h2>' in page
    assert page.count('id="sources"') == 1  # the page's own Sources section keeps its id


def test_a_passage_lists_each_event_that_quotes_it_once_in_the_order_given() -> None:
    era = Era("e", "E", PartialDate(2000), PartialDate(2030), "", "eras/e/index.html")
    first, second = (Entry(slug, slug, PartialDate(2021), None, "", (), era) for slug in ("first", "second"))
    source = Source("s", "S", "news", "sources/s/index.html", archive="s.txt", text="We agree. We part.")
    agree, part = Span(0, 9, "q-agree"), Span(10, 18, "q-part")
    twice = [Citation(source, "We agree.", None, agree), Citation(source, "We  agree.", None, agree)]  # one passage, 2 spellings
    cited = [(first, [*twice, Citation(source, "We part.", None, part)]), (second, [Citation(source, "We agree.", None, agree)])]
    assert render.quoted_by(cited) == {"q-agree": (first, second), "q-part": (first,)}


def test_each_highlighted_passage_links_back_to_the_events_that_quote_it(project: Path) -> None:
    """Passages nested in, overlapping and the same as another event's, each with its own back-links."""
    edit(
        project / "content" / "events" / "2021-04-07-same-day.md",
        "sources:\n",
        "sources:\n"
        "  - source: talks-2021\n    quote: Lavrov, the first Russian foreign minister\n"
        "  - source: talks-2021\n    quote: since 2012, and Qureshi held delegation-level talks\n"
        "  - source: talks-2021\n    quote: Lavrov, the first Russian foreign minister to visit Pakistan since 2012\n",
    )
    site, problems = read_site(project)
    assert site is not None, problems
    pages = {page.out: page for page in render.plan(site)}
    paragraphs = pages["sources/talks-2021/index.html"].context["paragraphs"]
    quoted = [[(p.excerpt, [e.slug for e in p.events]) for p in passages] for _, passages in paragraphs]
    assert quoted[1] == [
        ("Lavrov, the first Russian foreign minister", ["2021-04-07-same-day"]),
        ("Lavrov, the first Russian … Pakistan since 2012", ["2021-04-06-lavrov-visit", "2021-04-07-same-day"]),
        ("since 2012, and Qureshi held delegation-level talks", ["2021-04-07-same-day"]),
    ]
    assert quoted[0] == [] and len(quoted) == len(paragraphs)
    anchors = [p.anchor for _, passages in paragraphs for p in passages]
    html = "".join(shown for shown, _ in paragraphs)
    assert all(html.count(f'id="{anchor}"') == 1 for anchor in anchors) and len(anchors) == len(set(anchors)) == 5
    shared = pages["sources/preview-2021/index.html"].context["paragraphs"][0][1]
    assert [[e.slug for e in p.events] for p in shared] == [["2021-03-lavrov-visit-announced", "2021-04-06-lavrov-visit"]]
