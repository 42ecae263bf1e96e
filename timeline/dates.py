"""Dates as historians know them: the Library of Congress Extended Date/Time Format (EDTF), level 1.

A date may be known to the year, the month or the day (`1948`, `1948-05`, `1948-05-01`),
approximate (`1965-04~`), uncertain (`1949?`) or both (`1979-12%`), have unspecified digits
(`196X`: the 1960s), or be an interval (`1988-11/1989-02`: some time between November 1988 and
February 1989), open at one end (`../1950-05`: before May 1950; `1950-05/..`: after May 1950).
The `edtf` package reads the text; the frozen values here say what it means: its words, its
earliest and latest day, where it sorts, and what an HTML `datetime` may claim about it.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import Date as EDTFDate
from edtf.parser.parser_classes import Interval as EDTFInterval
from edtf.parser.parser_classes import Level1Interval, UncertainOrApproximate, Unspecified, UnspecifiedIntervalSection

from . import language
from .editions import ENGLISH

MONTHS = tuple(calendar.month_name)  # ("", "January", ..., "December")
PLAIN = "YYYY, YYYY-MM or YYYY-MM-DD"
POINT_FORMS = f"{PLAIN}, with ~ (approximate), ? (uncertain) or % (both) at the end, or X for unknown digits"
FORMS = (
    f"{PLAIN}, or in EDTF 1965-04~ (approximate), 1949? (uncertain), 1979-12% (both), 196X (unknown digits), "
    "1988-11/1989-02 (between), ../1950-05 (before) or 1950-05/.. (after)"
)

NUMBERS = re.compile(r"(?<![0-9])([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?![0-9])")  # a date's digits, X-free

Day = tuple[int, int, int]


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, perhaps approximate or uncertain."""

    year: int  # with unknown digits, the first year it may be: 1960 for 196X
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    digits: int = 4  # how many digits of the year are known: 3 for a decade (196X), 2 for a century (19XX)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse a plain date, YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError with a reason otherwise."""
        date = parse(text, forms=PLAIN)
        if not isinstance(date, PartialDate) or date.inexact or date.digits < 4 or date.plain != text:
            raise ValueError(f"{text!r} is not a date here: write {PLAIN}")
        return date

    @property
    def plain(self) -> str:
        """The date without its qualifiers: YYYY, YYYY-MM or YYYY-MM-DD, X for unknown digits."""
        parts = [f"{self.year:04d}"[: self.digits] + "X" * (4 - self.digits)]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)

    @property
    def edtf(self) -> str:
        mark = "%" if self.approximate and self.uncertain else "~" if self.approximate else "?" if self.uncertain else ""
        return self.plain + mark

    @property
    def inexact(self) -> bool:
        """Approximate or uncertain: lists and charts mark it so."""
        return self.approximate or self.uncertain

    @property
    def first(self) -> Day:
        """The earliest day this date may stand for."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> Day:
        """The latest day this date may stand for."""
        year = self.year + 10 ** (4 - self.digits) - 1
        month = self.month or 12
        return (year, month, self.day or calendar.monthrange(year, month)[1])

    @property
    def sort_key(self) -> tuple[Day, int]:
        """By the earliest day; of two that start the same day the less precise first ("1965" before "1 January 1965")."""
        return (self.first, -_days(self.first, self.last))

    @property
    def first_key(self) -> Day:
        return self.first

    @property
    def last_key(self) -> Day:
        return self.last

    @property
    def on_day(self) -> tuple[int, int] | None:
        """(month, day) when the day is known and neither approximate nor uncertain: an anniversary."""
        return (self.month, self.day) if self.month and self.day and not self.inexact else None

    @property
    def datetime(self) -> str | None:
        """The `<time datetime>` value, no more precise than known; None for a decade or century."""
        return self.plain if self.digits == 4 else None

    @property
    def bare_label(self) -> str:
        """ "1 May 1948", "May 1948", "1948", "the 1960s"; without "about" or "(uncertain)"."""
        if language.current() is not ENGLISH:
            return language.bare_date(self)
        if self.digits == 3:
            return f"the {self.year}s"
        if self.digits < 3:
            return f"the years {self.year}–{self.last[0]}"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month]} {self.year}"
        return f"{self.day} {MONTHS[self.month]} {self.year}"

    @property
    def label(self) -> str:
        """ "about April 1965", "1949 (uncertain)", "about December 1979 (uncertain)", "the 1960s"."""
        return self.words(running=False)

    def words(self, running: bool) -> str:
        """Its label; `running`: as it reads inside a phrase ("before May 1950"), where Russian
        puts the month in the genitive ("до мая 1950")."""
        if language.current() is ENGLISH or not (running or self.approximate):
            return language.qualified(self.bare_label, self.approximate, self.uncertain)
        return language.qualified(language.bare_date(self, running=True), self.approximate, self.uncertain)


@dataclass(frozen=True)
class Interval:
    """Some time between two dates; an end that is None is open (`../1950-05`: before May 1950)."""

    start: PartialDate | None
    end: PartialDate | None

    @property
    def known(self) -> PartialDate:
        """The end that is given (the start when both are)."""
        known = self.start or self.end
        assert known is not None
        return known

    @property
    def year(self) -> int:
        """The year it is listed under: its start's, or when that is open its end's."""
        return self.known.year

    @property
    def edtf(self) -> str:
        return f"{self.start.edtf if self.start else '..'}/{self.end.edtf if self.end else '..'}"

    @property
    def inexact(self) -> bool:
        return any(date.inexact for date in (self.start, self.end) if date)

    @property
    def first(self) -> Day | None:
        return self.start.first if self.start else None

    @property
    def last(self) -> Day | None:
        return self.end.last if self.end else None

    @property
    def sort_key(self) -> tuple[Day, int]:
        """By the earliest day; with an open start, just before the dates that share its end's first day."""
        if self.start is None:
            return (self.known.first, -(10**9))
        return (self.start.first, -_days(self.start.first, self.last or self.start.last))

    @property
    def first_key(self) -> Day:
        """The earliest day, or with an open start its end's first: where it stands among the eras."""
        return self.first or self.known.first

    @property
    def last_key(self) -> Day:
        return self.last or self.known.last

    @property
    def on_day(self) -> None:
        return None

    @property
    def datetime(self) -> None:
        """No single HTML date says "between"."""
        return None

    @property
    def label(self) -> str:
        """ "between November 1988 and February 1989", "between 9 and 11 July 2025", "before May 1950"."""
        if self.start is None:
            return language.gettext("before {date}").format(date=self.known.words(running=True))
        if self.end is None:
            return language.gettext("after {date}").format(date=self.start.words(running=True))
        head, tail = shortened(self.start, self.end)
        return language.gettext("between {start} and {end}").format(start=head, end=tail)


When = PartialDate | Interval


# Most dates are plain (YYYY, YYYY-MM, YYYY-MM-DD): read directly, as the `edtf` package would read
# them, since its pyparsing grammar takes some 6 ms a date, most of a build's checking time.
PLAIN_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse(text: str, forms: str = FORMS) -> When:
    """Parse an EDTF level 1 date with the `edtf` package; raise ValueError naming the forms expected."""
    if any(char.isdigit() and not "0" <= char <= "9" for char in text):
        raise ValueError(f"{text!r} is not a date: write its digits as 0-9 ({PLAIN})")
    plain = PLAIN_DATE.fullmatch(text)
    if plain and int(plain.group(2) or 1) <= 12:  # 2001-21 is a season in EDTF: the package says so
        problem = _impossible(text)
        if problem:
            raise ValueError(f"{text!r} is not a date: {problem}")
        year, month, day = (int(part) if part else None for part in plain.groups())
        return PartialDate(year or 0, month, day)
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise ValueError(f"{text!r} is not a date: {_impossible(text) or 'write ' + forms}") from None
    if type(parsed) in (EDTFInterval, Level1Interval):
        start, end = (_point(text, part, forms) for part in (parsed.lower, parsed.upper))
        if start is None and end is None:
            raise ValueError(f"{text!r} is not a date: an interval needs at least one end ({forms})")
        if start and end and end.last < start.first:
            raise ValueError(f"{text!r} is not a date: its end, {end.label}, is before its start, {start.label}")
        return Interval(start, end)
    point = _point(text, parsed, forms)
    if point is None:
        raise ValueError(f"{text!r} is not a date: write {forms}")
    return point


def parse_point(text: str) -> PartialDate:
    """An EDTF date that is not an interval: the end of a multi-day event."""
    date = parse(text, forms=POINT_FORMS)
    if isinstance(date, Interval):
        raise ValueError(f"{text!r} is not a single date: write {POINT_FORMS}")
    return date


def _point(text: str, parsed: Any, forms: str) -> PartialDate | None:
    """One end of an interval or a whole date as a PartialDate; None for an open end."""
    if isinstance(parsed, UnspecifiedIntervalSection):
        return None
    date = parsed.date if type(parsed) is UncertainOrApproximate else parsed
    if type(date) not in (EDTFDate, Unspecified):
        raise ValueError(f"{text!r} is not a date this chronology uses: write {forms}")
    year_text, month_text, day_text = date.year, date.month, date.day
    if year_text.startswith("-"):
        raise ValueError(f"{text!r} is not a date: the chronology has no years before AD 1")
    month = None if month_text in (None, "XX") else int(month_text)
    day = None if day_text in (None, "XX") else int(day_text)
    problem = _impossible("-".join(part for part in (year_text, month_text, day_text) if part and "X" not in part))
    if problem:
        raise ValueError(f"{text!r} is not a date: {problem}")
    marked = type(parsed) in (UncertainOrApproximate, Unspecified)
    both = marked and parsed.is_uncertain_and_approximate
    approximate, uncertain = both or marked and parsed.is_approximate, both or marked and parsed.is_uncertain
    return PartialDate(int(year_text.replace("X", "0")), month, day, approximate, uncertain, 4 - year_text.count("X"))


def shortened(start: PartialDate, end: PartialDate) -> tuple[str, str]:
    """Two dates' words with what they share said once: ("9", "11 July 2025"), ("30 January", "2 February 2023")."""
    if language.current() is not ENGLISH:  # word orders differ: each date in full, the first as inside a phrase
        return start.words(running=True), end.label
    if start.inexact or end.inexact or start.digits < 4 or end.digits < 4:
        return start.label, end.label
    if start.day and end.day and (start.year, start.month) == (end.year, end.month):
        return str(start.day), end.label
    if start.year == end.year and start.month and end.month:
        return start.label.rsplit(" ", 1)[0], end.label
    return start.label, end.label


def range_label(start: When, end: PartialDate | None) -> str:
    """ "6–7 April 2021", "30 January – 2 February 2023", "1979–1989"."""
    if end is None or end == start:
        return start.label
    if isinstance(start, Interval):
        return f"{start.label} – {end.label}"
    if language.current() is not ENGLISH:
        exact = not (start.inexact or end.inexact)
        return (language.interval(start, end) if exact else None) or f"{start.label} – {end.label}"
    head, tail = shortened(start, end)
    days = head.isdigit() and end.day is not None  # "6–7 April 2021"
    years = start.month is None and end.month is None and start.digits == end.digits == 4  # "1979–1989"
    return f"{head}–{tail}" if days or years else f"{head} – {tail}"


def iso_day(day: Day | None) -> str | None:
    return None if day is None else "{:04d}-{:02d}-{:02d}".format(*day)


def _impossible(text: str) -> str | None:
    """Why a date with the right shape names no real day: year 0, month 13, 30 February."""
    for year_text, month_text, day_text in NUMBERS.findall(text):
        year = int(year_text)
        month, day = int(month_text or 1), int(day_text or 1)
        if year == 0:
            return "there is no year 0 (1 BC is followed by AD 1)"
        if not 1 <= month <= 12:
            return f"there is no month {month} (months are 01 to 12)"
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"{MONTHS[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    return None


def _days(first: Day, last: Day) -> int:
    return (datetime.date(*last) - datetime.date(*first)).days + 1
