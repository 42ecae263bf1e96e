"""Citations: CSL items and their dates, APA and Chicago by citeproc-py, and the files citations.bib,
.ris and .json, read back with the libraries that wrote them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rispy
from bibtexparser.entrypoint import parse_string
from conftest import FIXTURES, make_project
from pylatexenc.latex2text import LatexNodes2Text

import build
from timeline import bibliography, citations, dates, render, styles
from timeline.citations import csl_date, event_item, source_item
from timeline.dates import PartialDate
from timeline.model import Era, Event, Settings, Site, Source

ERA = Era("e", "E", PartialDate(1900), PartialDate(2100), "", "eras/e/index.html")
SETTINGS = Settings("A Chronology", "", "en", "https://example.org/chronology/", updated=PartialDate(2021, 12, 31))
URL = "https://example.org/chronology/events/x/"


def event(date: str = "1966-01-10", end: str | None = None, title: str = "Tashkent Declaration signed") -> Event:
    return Event(
        "1966-01-10-tashkent",
        "content/events/1966-01-10-tashkent.md",
        title,
        dates.parse(date),
        dates.parse_point(end) if end else None,
        "S.",
        "Body.",
        (),
        (),
        (),
        (),
        ERA,
    )


DATES = [
    # (EDTF, end, the CSL date)
    ("1948", None, {"date-parts": [[1948]]}),
    ("1948-05", None, {"date-parts": [[1948, 5]]}),
    ("1948-05-01", None, {"date-parts": [[1948, 5, 1]]}),
    ("1965-04~", None, {"date-parts": [[1965, 4]], "circa": True}),
    ("1949?", None, {"date-parts": [[1949]], "circa": True}),
    ("1979-12%", None, {"date-parts": [[1979, 12]], "circa": True}),
    ("1965-04-12~", None, {"date-parts": [[1965, 4, 12]], "circa": True}),
    ("196X", None, {"date-parts": [[1960], [1969]]}),
    ("19XX", None, {"date-parts": [[1900], [1999]]}),
    ("196X~", None, {"date-parts": [[1960], [1969]], "circa": True}),
    ("1988-11/1989-02", None, {"date-parts": [[1988, 11], [1989, 2]]}),
    ("2025-07-09/2025-07-11", None, {"date-parts": [[2025, 7, 9], [2025, 7, 11]]}),
    ("1988-11~/1989-02", None, {"date-parts": [[1988, 11], [1989, 2]], "circa": True}),
    ("1988/1989-02?", None, {"date-parts": [[1988], [1989, 2]], "circa": True}),
    ("../1950-05", None, {"literal": "before May 1950"}),
    ("1950-05/..", None, {"literal": "after May 1950"}),
    ("../1970-07-06~", None, {"literal": "before about 6 July 1970"}),
    ("2021-04-06", "2021-04-07", {"date-parts": [[2021, 4, 6], [2021, 4, 7]]}),
    ("1979-12", "1989-02", {"date-parts": [[1979, 12], [1989, 2]]}),
    ("1979-12~", "1989-02", {"date-parts": [[1979, 12], [1989, 2]], "circa": True}),
    ("2021-04-06", "2021-04-06", {"date-parts": [[2021, 4, 6]]}),
]  # fmt: skip


@pytest.mark.parametrize(("edtf", "end", "expected"), DATES, ids=[f"{d}{'..' + e if e else ''}" for d, e, _ in DATES])
def test_a_csl_date_carries_no_more_precision_than_known(edtf: str, end: str | None, expected: dict[str, Any]) -> None:
    assert csl_date(dates.parse(edtf), dates.parse_point(end) if end else None) == expected


EVENT_ITEMS = [
    # (case, settings, event, the item expected beyond id, type, title, container and URL)
    ("issued when the chronology was brought up to date", SETTINGS, event(),
     {"issued": {"date-parts": [[2021, 12, 31]]}, "event-date": {"date-parts": [[1966, 1, 10]]}}),
    ("no update day: no issued date, nor the event's for a style to print instead",
     Settings("A Chronology", "", "en", "https://example.org/"), event(), {}),
    ("a multi-day event's days", SETTINGS, event("2021-04-06", "2021-04-07"),
     {"issued": {"date-parts": [[2021, 12, 31]]}, "event-date": {"date-parts": [[2021, 4, 6], [2021, 4, 7]]}}),
    ("an approximate event", SETTINGS, event("1965-04~"),
     {"issued": {"date-parts": [[2021, 12, 31]]}, "event-date": {"date-parts": [[1965, 4]], "circa": True}}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "settings", "given", "dated"), EVENT_ITEMS, ids=[case for case, *_ in EVENT_ITEMS])
def test_an_event_is_cited_as_a_page_of_the_chronology(
    case: str, settings: Settings, given: Event, dated: dict[str, Any]
) -> None:  # noqa: E501
    item = event_item(settings, given, URL)
    assert item == {
        "id": "event:1966-01-10-tashkent",
        "type": "webpage",
        "title": given.title,
        "container-title": "A Chronology",
        "URL": URL,
        "abstract": "S.",
        "language": "en",
        **dated,
    }


PAGE = "https://example.org/chronology/sources/s/"
SOURCE_ITEMS = [
    # (case, the source, the item expected)
    ("a news report with everything", Source("s", "Talks held", "news", "sources/s/index.html", PartialDate(2021, 4, 7), "Dawn",
     "Staff Report", "https://www.dawn.com/news/1"),
     {"type": "article-newspaper", "author": [{"literal": "Staff Report"}], "container-title": "Dawn",
      "issued": {"date-parts": [[2021, 4, 7]]}, "URL": "https://www.dawn.com/news/1"}),
    ("an opinion piece, known to the month", Source("s", "Talks held", "opinion", "sources/s/index.html", PartialDate(2021, 4),
     url="https://example.org/a"),
     {"type": "article-newspaper", "issued": {"date-parts": [[2021, 4]]}, "URL": "https://example.org/a"}),
    ("a reference page", Source("s", "Talks held", "reference", "sources/s/index.html", publisher="Wikipedia",
     url="https://en.wikipedia.org/wiki/X"),
     {"type": "entry-encyclopedia", "container-title": "Wikipedia", "URL": "https://en.wikipedia.org/wiki/X"}),
    ("an official page: no publisher guessed from its address", Source("s", "Talks held", "official", "sources/s/index.html",
     url="https://mofa.gov.pk/x"), {"type": "webpage", "URL": "https://mofa.gov.pk/x"}),
    ("analysis by a named author, in Cyrillic", Source("s", "Talks held", "analysis", "sources/s/index.html",
     author="И. Н. Селиванов", url="https://example.org/b"),
     {"type": "webpage", "author": [{"literal": "И. Н. Селиванов"}], "URL": "https://example.org/b"}),
    ("an archived text with no address: where it is kept", Source("s", "Talks held", "news", "sources/s/index.html",
     archive="s.txt"), {"type": "article-newspaper", "note": f"Archived text: {PAGE}"}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "source", "expected"), SOURCE_ITEMS, ids=[case for case, *_ in SOURCE_ITEMS])
def test_a_source_is_cited_with_only_what_it_shows(case: str, source: Source, expected: dict[str, Any]) -> None:
    assert source_item(source, PAGE) == {"id": "source:s", "title": "Talks held", **expected}


def plain(item: dict[str, Any], key: str) -> str:
    (style,) = [style for style in styles.STYLES if style.key == key]
    return styles.formatted(item, style, html=False)


def test_apa_and_chicago_name_the_event_the_site_and_the_year() -> None:
    item = event_item(SETTINGS, event(), URL)
    apa, chicago = plain(item, "apa"), plain(item, "chicago")
    assert apa == f"Tashkent Declaration signed. (2021, December 31). A Chronology. {URL}"
    assert chicago == f"A Chronology. 2021. ‘Tashkent Declaration Signed’. December 31. {URL}."
    for text in (apa, chicago):
        assert text.casefold().count("tashkent declaration signed") == 1  # the title in the author's place is not repeated
        assert text.count("A Chronology") == 1


def test_without_an_update_day_the_citation_says_no_date() -> None:
    item = event_item(Settings("A Chronology", "", "en", "https://example.org/"), event(), URL)
    assert "(n.d.)" in plain(item, "apa")
    assert "n.d." in plain(item, "chicago")
    assert "1966" not in plain(item, "apa") + plain(item, "chicago")


def test_an_approximate_date_is_said_so_by_the_style() -> None:
    """A source's date with `circa` (the only dates a style prints are `issued`)."""
    issued = csl_date(dates.parse("1965-04~"))
    item = {"id": "s", "type": "article-newspaper", "title": "Talks", "container-title": "Dawn", "issued": issued}
    assert "ca. 1965" in plain(item, "apa")


def test_a_label_with_no_value_is_left_out() -> None:
    """citeproc-py printed Chicago's "Edition" label for a newspaper article without an edition."""
    source = Source("s", "Talks held", "news", "sources/s/index.html", PartialDate(2021, 4, 7), "Dawn", "Staff Report")
    item = source_item(source, PAGE)
    chicago = plain(item, "chicago")
    assert chicago == "Staff Report. 2021. ‘Talks Held’. Dawn, April 7."
    assert "Edition" not in chicago


def test_the_cite_box_is_html_with_the_text_escaped() -> None:
    item = event_item(SETTINGS, event(title="Gas & oil <talks>"), URL)
    (_, apa), (_, chicago) = styles.cite_box(item)
    assert "<i>Gas &amp; oil &lt;talks&gt;</i>. (2021, December 31). A Chronology." in apa  # citeproc-py does not escape it
    assert "‘Gas &amp; Oil &lt;talks&gt;’" in chicago


# The files, made by a build of the small fixture site and read back.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path]]:
    project = make_project(tmp_path_factory.mktemp("cite"), FIXTURES / "site")
    sources = project / "content" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("title: Pakistan–Russia relations", "title: Costs & Benefits_of 50% {aid}"), encoding="utf-8")
    assert build.main(["--root", str(project), "build", "--no-search"]) == 0
    site, problems = build.read_site(project)
    assert site is not None, problems
    yield site, project / "_site"


def expected(site: Site) -> list[tuple[str, str, str | None, str | None]]:
    """Each event's and cited source's (id, title, address, year of its issued date)."""
    events = [(citations.event_id(e), e.title, render.canonical(site, e.href), "2021") for e in site.events]
    sources = [
        (citations.source_id(s), s.title, s.url, str(s.date.year) if s.date else None) for s in citations.cited_sources(site)
    ]
    return events + sources


def test_citations_bib_reads_back_with_bibtexparser(built: tuple[Site, Path]) -> None:
    site, out = built
    library = parse_string((out / bibliography.BIB).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    decode = LatexNodes2Text().latex_to_text
    found = [
        (
            entry.key,
            decode(entry["title"]),
            entry.fields_dict["url"].value if "url" in entry.fields_dict else None,
            entry["date"][:4] if "date" in entry.fields_dict else None,
        )
        for entry in library.entries
    ]
    assert found == expected(site)
    assert len(library.entries) == len(site.events) + 3
    assert [entry.entry_type for entry in library.entries][-3:] == ["article", "article", "inreference"]
    assert library.entries[-1]["title"] == r"Costs \& Benefits\_of 50\% \{aid\}"  # LaTeX's special characters escaped
    lavrov = library.entries_dict["event:2021-04-06-lavrov-visit"]
    assert (lavrov["eventdate"], lavrov["organization"]) == ("2021-04-06/2021-04-07", "Fixture Chronology")
    assert library.entries_dict["event:1965-04-approximate-energy-talks"]["eventdate"] == "1965-04~"


def test_citations_ris_reads_back_with_rispy(built: tuple[Site, Path]) -> None:
    site, out = built
    records = rispy.loads((out / bibliography.RIS).read_text(encoding="utf-8"))
    found = [(r["id"], r["title"], (r.get("urls") or [None])[0], r.get("year")) for r in records]
    assert found == expected(site)
    assert [r["type_of_reference"] for r in records] == ["ELEC"] * len(site.events) + ["NEWS", "NEWS", "ENCYC"]
    assert records[0]["secondary_title"] == "Fixture Chronology"
    assert records[0]["date"] == "2021/12/31/"


def test_citations_json_is_the_csl_items(built: tuple[Site, Path]) -> None:
    site, out = built
    items = json.loads((out / bibliography.JSON).read_text(encoding="utf-8"))
    assert all({"id", "type", "title"} <= item.keys() for item in items)
    years = [str(item["issued"]["date-parts"][0][0]) if "issued" in item else None for item in items]
    assert [(item["id"], item["title"], item.get("URL"), year) for item, year in zip(items, years, strict=True)] == expected(site)
    assert items == citations.items(site, lambda path: render.canonical(site, path))
    assert len({item["id"] for item in items}) == len(items)


def test_the_files_are_linked_from_the_about_page_the_sources_and_each_event(built: tuple[Site, Path]) -> None:
    site, out = built
    for page, root in [("about/index.html", "../"), ("sources/index.html", "../"), (site.events[0].href, "../../")]:
        text = (out / page).read_text(encoding="utf-8")
        assert all(f'href="{root}{name}"' in text for name in bibliography.FILES), page


@pytest.mark.parametrize(
    ("date", "bib", "ris"),
    [
        ({"date-parts": [[2021, 12, 31]]}, "2021-12-31", ("2021", "2021/12/31/")),
        ({"date-parts": [[1965, 4]], "circa": True}, "1965-04~", ("1965", "1965/04//circa")),
        ({"date-parts": [[1948]]}, "1948", ("1948", "1948///")),
        ({"date-parts": [[1988, 11], [1989, 2]]}, "1988-11/1989-02", ("1988", "1988/11//to 1989/2")),
        ({"literal": "before May 1950"}, None, None),
        (None, None, None),
    ],
    ids=["day", "approximate month", "year", "range", "in words", "none"],
)
def test_csl_dates_in_bibtex_and_ris(date: dict[str, Any] | None, bib: str | None, ris: tuple[str, str] | None) -> None:
    assert bibliography.edtf(date) == bib
    assert bibliography.ris_date(date) == ris
