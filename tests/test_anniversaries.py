"""On this day: events grouped by calendar day across the years, and the anniversaries calendar."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import icalendar
import pytest
from conftest import REPO, make_project
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]  # icalendar's own dependency

import build
from build import read_site
from timeline import anniversaries, dates, render
from timeline.anniversaries import Day, by_day, by_month, day_entries, neighbours, span
from timeline.dates import PartialDate
from timeline.model import Entry, Era, Event, Settings, Site

ERA = Era("e", "E", PartialDate(1900), PartialDate(2100), "", "eras/e/index.html")
SETTINGS = Settings("A Chronology", "", "en", "https://example.org/chronology/", updated=PartialDate(2021, 12, 31))


def event(slug: str, date: str, end: str | None = None, title: str = "", summary: str = "") -> Event:
    return Event(
        slug,
        f"content/events/{slug}.md",
        title or f"Title of {slug}",
        dates.parse(date),
        dates.parse_point(end) if end else None,
        summary or f"Summary of {slug}.",
        "Body.",
        (),
        (),
        (),
        (),
        ERA,
    )


def entries(*events: Event) -> tuple[Entry, ...]:
    return day_entries(events)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("1948-05-01", (5, 1)),
        ("2020-02-29", (2, 29)),
        ("1948-05", None),
        ("1948", None),
        ("1948-05-01~", None),
        ("1948-05-01?", None),
        ("1999-06-30/1999-07-01", None),
    ],
)
def test_only_an_event_known_to_the_day_has_an_anniversary(date: str, expected: tuple[int, int] | None) -> None:
    assert event("x", date).entry.date.on_day == expected
    assert len(entries(event("x", date))) == int(expected is not None)
    assert len(by_day([event("x", date).entry])) == int(expected is not None)  # the days ask it too


GROUPING = [
    # (case, events as (slug, date, end), the days expected: key -> slugs in order)
    ("across the years, oldest first", [("c", "2021-05-01", None), ("a", "1948-05-01", None), ("b", "1960-05-01", None)],
     {"05-01": ["a", "b", "c"]}),
    ("in calendar order, not by year", [("dec", "1948-12-31", None), ("jan", "2021-01-01", None), ("jun", "1990-06-15", None)],
     {"01-01": ["jan"], "06-15": ["jun"], "12-31": ["dec"]}),
    ("29 February between 28 February and 1 March", [("mar", "2021-03-01", None), ("leap", "2020-02-29", None),
     ("feb", "1999-02-28", None)], {"02-28": ["feb"], "02-29": ["leap"], "03-01": ["mar"]}),
    ("the same day of one year by slug", [("b", "2021-04-07", None), ("a", "2021-04-07", None)], {"04-07": ["a", "b"]}),
    ("a multi-day event on its first day only", [("visit", "2021-04-06", "2021-04-07"), ("talks", "2021-04-07", None)],
     {"04-06": ["visit"], "04-07": ["talks"]}),
    ("an event known to the month or year is left out", [("month", "2021-04", None), ("year", "2021", None),
     ("day", "2021-04-06", None)], {"04-06": ["day"]}),
    ("none known to the day: no day", [("month", "2021-04", None)], {}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "given", "expected"), GROUPING, ids=[case for case, _, _ in GROUPING])
def test_events_are_grouped_by_calendar_day(
    case: str, given: list[tuple[str, str, str | None]], expected: dict[str, list[str]]
) -> None:
    days = by_day(entries(*(event(slug, date, end) for slug, date, end in given)))
    assert {day.key: [entry.slug for entry in day.events] for day in days} == expected
    assert [day.key for day in days] == list(expected)  # January to December
    assert all(day.href == f"on-this-day/{day.key}/index.html" for day in days)


@pytest.mark.parametrize(
    ("date", "label", "leap_day"),
    [("1948-05-01", "1 May", False), ("2020-02-29", "29 February", True), ("1971-12-13", "13 December", False)],
)
def test_a_day_is_named_as_the_site_names_dates(date: str, label: str, leap_day: bool) -> None:
    (day,) = by_day(entries(event("x", date)))
    assert (day.label, day.leap_day) == (label, leap_day)


def test_the_index_groups_the_days_under_their_months() -> None:
    days = by_day(entries(*(event(f"e{i}", date) for i, date in enumerate(["2021-05-01", "1948-05-03", "2020-02-29"]))))
    months = by_month(days)
    assert [(month.name, month.id, [day.key for day in month.days]) for month in months] == [
        ("February", "february", ["02-29"]),
        ("May", "may", ["05-01", "05-03"]),
    ]
    assert [[day.count for day in month.days] for month in months] == [[1], [1, 1]]


def test_a_new_title_leaves_the_index_and_the_neighbours_pages_as_they_were() -> None:
    """They show a day's label and count, not its titles: the preview need not rewrite them."""
    before = by_day(entries(event("a", "1948-05-01"), event("b", "1960-05-03")))
    after = by_day(entries(event("a", "1948-05-01", title="Renamed"), event("b", "1960-05-03")))
    assert before != after
    assert by_month(before) == by_month(after)
    assert [(prev, nxt) for _, prev, nxt in neighbours(before)] == [(prev, nxt) for _, prev, nxt in neighbours(after)]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["01-01", "05-01", "12-31"], [("01-01", "12-31", "05-01"), ("05-01", "01-01", "12-31"), ("12-31", "05-01", "01-01")]),
        (["01-01", "12-31"], [("01-01", "12-31", "12-31"), ("12-31", "01-01", "01-01")]),
        (["05-01"], [("05-01", None, None)]),
        ([], []),
    ],
    ids=["round the year", "two days", "a day alone", "no day"],
)
def test_each_day_leads_to_the_days_before_and_after_round_the_year(keys: list[str], expected: list[tuple[str, ...]]) -> None:
    days = tuple(Day(int(key[:2]), int(key[3:]), ()) for key in keys)
    found = [(day.key, before.key if before else None, after.key if after else None) for day, before, after in neighbours(days)]
    assert found == expected


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["1948-05-01"], "Events of the chronology on 1 May, across the years: 1948."),
        (["1948-05-01", "1960-05-01"], "Events of the chronology on 1 May, across the years: 1948 and 1960."),
        (["1948-05-01", "1960-05-01", "1960-05-01", "2021-05-01"], "Events of the chronology on 1 May, across the years: 1948, 1960 and 2021."),  # noqa: E501
    ],
)  # fmt: skip
def test_a_days_description_names_its_years(dates: list[str], expected: str) -> None:
    (day,) = by_day(entries(*(event(f"e{i}", date) for i, date in enumerate(dates))))
    assert anniversaries.description(day) == expected


D = datetime.date
SPANS = [
    # (case, date, end, DTSTART, DTEND: the day after the last)
    ("one day", "2021-04-07", None, D(2021, 4, 7), D(2021, 4, 8)),
    ("two days", "2021-04-06", "2021-04-07", D(2021, 4, 6), D(2021, 4, 8)),
    ("ending on its first day", "2021-04-06", "2021-04-06", D(2021, 4, 6), D(2021, 4, 7)),
    ("over the new year", "1971-12-30", "1972-01-02", D(1971, 12, 30), D(1972, 1, 3)),
    ("from 29 February", "2020-02-29", "2020-03-01", D(2020, 2, 29), D(2020, 3, 2)),
    ("an end known to the month: its first day", "2021-04-06", "2021-05", D(2021, 4, 6), D(2021, 4, 7)),
    ("an end known to the year: its first day", "2021-04-06", "2022", D(2021, 4, 6), D(2021, 4, 7)),
    ("a year or longer would overlap itself: its first day", "1979-12-24", "1989-02-15", D(1979, 12, 24), D(1979, 12, 25)),
    ("just under a year", "2021-01-01", "2021-12-31", D(2021, 1, 1), D(2022, 1, 1)),
]  # fmt: skip


@pytest.mark.parametrize(("case", "date", "end", "start", "stop"), SPANS, ids=[case for case, *_ in SPANS])
def test_an_anniversary_spans_the_days_of_its_event(case: str, date: str, end: str | None, start: D, stop: D) -> None:
    assert span(event("x", date, end).entry) == (start, stop)


def parsed(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))  # type: ignore[arg-type]


def address(href: str) -> str:
    return SETTINGS.base_url + href.removesuffix("index.html")


def test_the_calendar_reads_back_as_one_yearly_all_day_event_per_day_dated_event() -> None:
    given = [event("1948-05-01-relations", "1948-05-01"), event("2019-06", "2019-06"), event("visit", "2021-04-06", "2021-04-07")]
    text = anniversaries.calendar(SETTINGS, entries(*given), address)
    calendar = icalendar.Calendar.from_ical(text)
    assert (str(calendar["PRODID"]), str(calendar["VERSION"]), str(calendar["CALSCALE"])) == (
        anniversaries.PRODID,
        "2.0",
        "GREGORIAN",
    )
    assert str(calendar["X-WR-CALNAME"]) == "A Chronology"
    found = parsed(text)
    assert [str(e["SUMMARY"]) for e in found] == ["Title of 1948-05-01-relations", "Title of visit"]
    assert [str(e["DESCRIPTION"]) for e in found] == ["Summary of 1948-05-01-relations.", "Summary of visit."]
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in found] == [
        (D(1948, 5, 1), D(1948, 5, 2)),
        (D(2021, 4, 6), D(2021, 4, 8)),
    ]
    assert all(e["DTSTART"].params.get("VALUE") == "DATE" for e in found)  # all-day
    assert [e["RRULE"].to_ical() for e in found] == [b"FREQ=YEARLY", b"FREQ=YEARLY"]
    assert {str(e["TRANSP"]) for e in found} == {"TRANSPARENT"}  # free, not busy, on the day
    assert [str(e["URL"]) for e in found] == [
        "https://example.org/chronology/events/1948-05-01-relations/",
        "https://example.org/chronology/events/visit/",
    ]
    assert [str(e["UID"]) for e in found] == [
        "1948-05-01-relations@example.org/chronology",
        "visit@example.org/chronology",
    ]
    assert text.endswith("END:VCALENDAR\r\n") and "\r\n" in text and "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize(
    ("updated", "expected"),
    [
        (PartialDate(2021, 12, 31), datetime.datetime(2021, 12, 31, tzinfo=datetime.UTC)),
        (PartialDate(2021, 12), datetime.datetime(2021, 12, 1, tzinfo=datetime.UTC)),
        (None, datetime.datetime(2021, 4, 6, tzinfo=datetime.UTC)),  # the latest event's day
    ],
)
def test_the_calendar_is_stamped_from_the_content_never_the_clock(
    updated: PartialDate | None, expected: datetime.datetime
) -> None:
    settings = Settings("A Chronology", "", "en", "https://example.org/", updated=updated)
    given = entries(event("a", "1948-05-01"), event("b", "2021-04-06"), event("c", "2022"))
    text = anniversaries.calendar(settings, given, address)
    assert {e.decoded("DTSTAMP") for e in parsed(text)} == {expected}
    assert anniversaries.calendar(settings, given, address) == text  # byte-identical


def test_an_event_of_29_february_recurs_in_leap_years_only() -> None:
    """As RFC 5545 (3.3.10) wants of a yearly rule: a date that does not exist is skipped."""
    (found,) = parsed(anniversaries.calendar(SETTINGS, entries(event("leap", "2020-02-29")), address))
    text = found["RRULE"].to_ical()
    rule = rrulestr(text.decode() if isinstance(text, bytes) else text, dtstart=datetime.datetime(2020, 2, 29))
    years = [when.year for when in rule.between(datetime.datetime(2020, 3, 1), datetime.datetime(2033, 1, 1))]
    assert years == [2024, 2028, 2032]


def test_a_title_or_summary_cannot_break_out_of_its_event() -> None:
    hostile = "Talks; agreed, signed\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"
    given = entries(event("a", "2021-04-06", title=hostile, summary=hostile), event("b", "2021-04-07"))
    found = parsed(anniversaries.calendar(SETTINGS, given, address))
    assert [str(e["SUMMARY"]) for e in found] == [hostile, "Title of b"]
    assert str(found[0]["DESCRIPTION"]) == hostile


def test_the_pages_are_planned_from_the_days(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    pages = {page.out: page for page in render.plan(site)}
    days = [day for month in pages[anniversaries.INDEX].context["months"] for day in month.days]
    assert [day.key for day in days] == ["04-06", "04-07", "05-01"]  # a draft of 1 July is left out
    assert all(pages[day.href].context["day"].on_index == day for day in days)
    assert pages["on-this-day/05-01/index.html"].context["previous"].key == "04-07"
    assert pages[anniversaries.CALENDAR].data == anniversaries.CALENDAR


# The real content, built.


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    project = make_project(tmp_path_factory.mktemp("real"), REPO)
    site, problems = read_site(project)
    assert site is not None, problems
    assert build.main(["--root", str(project), "build", "--no-search"]) == 0
    return site, project


def test_the_real_calendar_has_every_event_known_to_the_day(real: tuple[Site, Path]) -> None:
    site, project = real
    text = (project / "_site" / anniversaries.CALENDAR).read_bytes().decode("utf-8")
    found = parsed(text)
    expected = [e for e in site.events if e.date.on_day is not None]
    assert len(expected) > 100 and len(found) == len(expected)
    assert [str(e["SUMMARY"]) for e in found] == [e.title for e in expected]
    assert [str(e["DESCRIPTION"]) for e in found] == [e.summary for e in expected]
    assert [e.decoded("DTSTART") for e in found] == [D(*e.date.first_key) for e in expected]
    assert [str(e["URL"]) for e in found] == [render.canonical(site, e.href) for e in expected]
    assert {e["RRULE"].to_ical() for e in found} == {b"FREQ=YEARLY"}
    assert len({str(e["UID"]) for e in found}) == len(found)
    assert any(e.decoded("DTSTART") == D(2020, 2, 29) for e in found)  # the real content has a leap day
    multi = [(e, f) for e, f in zip(expected, found, strict=True) if e.end and e.end.day]
    assert multi and all(f.decoded("DTEND") > f.decoded("DTSTART") + datetime.timedelta(days=1) for _, f in multi)


def test_the_real_1_may_page_lists_1948_and_1960_oldest_first(real: tuple[Site, Path]) -> None:
    _, project = real
    page = (project / "_site" / "on-this-day" / "05-01" / "index.html").read_text()
    dates = re.findall(r'<p class="event-date"><time datetime="([^"]+)">', page)
    assert dates[:2] == ["1948-05-01", "1960-05-01"] and dates == sorted(dates)
    assert 'href="../../events/1948-05-01-diplomatic-relations-established/index.html"' in page
    index = (project / "_site" / "on-this-day" / "index.html").read_text()
    link = (
        f'<a href="../on-this-day/05-01/index.html"><span class="day-label">1 May</span> <span class="muted">{len(dates)} events'
    )
    assert link in index
