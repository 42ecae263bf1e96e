"""On this day: the events known to the day, grouped by calendar day across the years, for the
`on-this-day/` pages, and the same anniversaries as an iCalendar file (`anniversaries.ics`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar

from . import language
from .dates import MONTHS
from .model import Entry, Event, Settings

INDEX = "on-this-day/index.html"
CALENDAR = "anniversaries.ics"
PRODID = "-//pakistan-russia-chronology//anniversaries//EN"
LONGEST_SPAN = 365  # days: a longer event recurring every year would overlap itself, so it is shown on its first day


@dataclass(frozen=True)
class CalendarDay:
    """A day of the year (month and day, any year): what a link to its page shows."""

    month: int
    day: int

    @property
    def key(self) -> str:
        """ "05-01": the day's folder, and its id on the index."""
        return f"{self.month:02d}-{self.day:02d}"

    @property
    def href(self) -> str:
        return f"on-this-day/{self.key}/index.html"

    @property
    def label(self) -> str:
        """ "1 May"."""
        return language.day_and_month(self.month, self.day)

    @property
    def leap_day(self) -> bool:
        """29 February: it comes round in leap years only."""
        return (self.month, self.day) == (2, 29)


@dataclass(frozen=True)
class DayCount(CalendarDay):
    """A day on the index: its link and how many events it has (not their titles, so a new title
    leaves the index as it was)."""

    count: int


@dataclass(frozen=True)
class Day(CalendarDay):
    """A day of the year and the events on it, oldest first: its page."""

    events: tuple[Entry, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(event.date.year for event in self.events))

    @property
    def on_index(self) -> DayCount:
        return DayCount(self.month, self.day, len(self.events))

    @property
    def link(self) -> CalendarDay:
        return CalendarDay(self.month, self.day)


@dataclass(frozen=True)
class Month:
    """A month's days with events, for the index's headings."""

    number: int
    days: tuple[DayCount, ...]

    @property
    def name(self) -> str:
        return language.month_names()[self.number - 1]

    @property
    def id(self) -> str:
        return MONTHS[self.number].lower()  # the same in every edition


def day_entries(events: Iterable[Event]) -> tuple[Entry, ...]:
    """What the pages and the calendar show: the entries of the events dated to the day."""
    return tuple(event.entry for event in events if event.date.on_day is not None)


def by_day(entries: Iterable[Entry]) -> tuple[Day, ...]:
    """Entries grouped by calendar day, January to December, each day's oldest first; an entry not
    dated to the day is left out."""
    grouped: dict[tuple[int, int], list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: (e.date.sort_key, e.slug)):
        on = entry.date.on_day
        if on is not None:
            grouped.setdefault(on, []).append(entry)
    return tuple(Day(month, day, tuple(items)) for (month, day), items in sorted(grouped.items()))


def by_month(days: tuple[Day, ...]) -> tuple[Month, ...]:
    """Days (in calendar order) grouped under their months, as the index shows them; months with no
    day are left out."""
    grouped: dict[int, list[DayCount]] = {}
    for day in days:
        grouped.setdefault(day.month, []).append(day.on_index)
    return tuple(Month(number, tuple(items)) for number, items in grouped.items())


def neighbours(days: tuple[Day, ...]) -> list[tuple[Day, CalendarDay | None, CalendarDay | None]]:
    """Each day with the days with events before and after it, round the year (31 December is
    followed by 1 January); a day alone has none."""
    if len(days) < 2:
        return [(day, None, None) for day in days]
    return [(day, days[i - 1].link, days[(i + 1) % len(days)].link) for i, day in enumerate(days)]


def description(day: Day) -> str:
    """ "Events of the chronology on 1 May, across the years: 1948, 1960 and 2021." """
    years = [str(year) for year in day.years]
    listed = (
        years[0] if len(years) == 1 else language.gettext("{some} and {last}").format(some=", ".join(years[:-1]), last=years[-1])
    )
    return language.gettext("Events of the chronology on {day}, across the years: {years}.").format(day=day.label, years=listed)


# The calendar. RFC 5545 (3.3.10) says a yearly rule ignores a date that does not exist, so an
# event of 29 February recurs in leap years only: like the site, which has a 29 February page
# and no other day for it.


def calendar(settings: Settings, entries: Iterable[Entry], address: Callable[[str], str]) -> str:
    """anniversaries.ics: one yearly all-day event per entry (dated to the day), in the order given.

    `address`: a page's canonical address from its path in the site (render.canonical). The text
    depends on the content only (its DTSTAMP is the day the chronology was brought up to date), so
    two builds of the same content are byte-identical.
    """
    entries = tuple(entries)
    ics = icalendar.Calendar()
    ics.add("prodid", PRODID)
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("x-wr-calname", settings.title)
    stamp = dtstamp(settings, entries)
    for entry in entries:
        ics.add_component(anniversary(entry, address(entry.href), uid(entry, settings.base_url), stamp))
    text: bytes = ics.to_ical()  # CRLF line ends, long lines folded, as RFC 5545 wants
    return text.decode("utf-8")


def anniversary(entry: Entry, url: str, ident: str, stamp: datetime.datetime) -> icalendar.Event:
    """One all-day VEVENT on the entry's days (DTEND is the day after the last), every year."""
    start, end = span(entry)
    event = icalendar.Event()
    event.add("uid", ident)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", {"freq": "yearly"})
    event.add("summary", entry.title)
    event.add("description", entry.summary)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # an anniversary: it does not make the reader busy
    return event


def span(entry: Entry) -> tuple[datetime.date, datetime.date]:
    """The first day and the day after the last (DTEND is exclusive): the days of a multi-day event
    whose end is known to the day and within a year of its start; else its first day alone."""
    start = first_day(entry)
    end = last_day(entry) or start
    if not start <= end < start + datetime.timedelta(days=LONGEST_SPAN):
        end = start
    return start, end + datetime.timedelta(days=1)


def first_day(entry: Entry) -> datetime.date:
    """The day an entry dated to the day happened, as a datetime.date."""
    on = entry.date.on_day
    assert on is not None, f"{entry.slug} is not dated to the day"
    return datetime.date(entry.date.year, *on)


def last_day(entry: Entry) -> datetime.date | None:
    """A multi-day event's last day, when its end is known to the day."""
    end = entry.end
    return None if end is None or end.on_day is None else datetime.date(end.year, *end.on_day)


def uid(entry: Entry, base_url: str) -> str:
    """ "1948-05-01-relations@example.org/chronology": stable for the event, unique among sites."""
    parts = urlsplit(base_url)
    return f"{entry.slug}@{parts.netloc}{parts.path.rstrip('/')}"


def dtstamp(settings: Settings, entries: tuple[Entry, ...]) -> datetime.datetime:
    """When the calendar was made, from the content, never the clock: the day the chronology was
    brought up to date (`updated` in site.yaml), else its latest event's first day."""
    dates = [settings.updated] if settings.updated else [entry.date for entry in entries]
    latest = max((date.first_key for date in dates), default=(1970, 1, 1))
    return datetime.datetime(*latest, tzinfo=datetime.UTC)
