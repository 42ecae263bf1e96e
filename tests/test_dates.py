"""Dates as historians know them (EDTF level 1): parsing, words, sorting, the datetime attribute, ranges."""

from __future__ import annotations

import pytest

from timeline.dates import Interval, PartialDate, iso_day, parse, parse_point, range_label

# text, words, <time datetime> (None: no HTML date claims so little), EDTF written back, earliest, latest, inexact
FORMS = [
    ("1948", "1948", "1948", "1948", "1948-01-01", "1948-12-31", False),
    ("2017-06", "June 2017", "2017-06", "2017-06", "2017-06-01", "2017-06-30", False),
    ("1948-05-01", "1 May 1948", "1948-05-01", "1948-05-01", "1948-05-01", "1948-05-01", False),
    ("2020-02-29", "29 February 2020", "2020-02-29", "2020-02-29", "2020-02-29", "2020-02-29", False),
    ("1965-04~", "about April 1965", "1965-04", "1965-04~", "1965-04-01", "1965-04-30", True),
    ("1949?", "1949 (uncertain)", "1949", "1949?", "1949-01-01", "1949-12-31", True),
    ("1979-12%", "about December 1979 (uncertain)", "1979-12", "1979-12%", "1979-12-01", "1979-12-31", True),
    ("1971-12-03~", "about 3 December 1971", "1971-12-03", "1971-12-03~", "1971-12-03", "1971-12-03", True),
    ("196X", "the 1960s", None, "196X", "1960-01-01", "1969-12-31", False),
    ("19XX", "the years 1900–1999", None, "19XX", "1900-01-01", "1999-12-31", False),
    ("196X~", "about the 1960s", None, "196X~", "1960-01-01", "1969-12-31", True),
    ("1965-XX", "1965", "1965", "1965", "1965-01-01", "1965-12-31", False),
    ("1965-04-XX", "April 1965", "1965-04", "1965-04", "1965-04-01", "1965-04-30", False),
    ("1988-11/1989-02", "between November 1988 and February 1989", None, "1988-11/1989-02", "1988-11-01", "1989-02-28", False),
    ("2025-07-09/2025-07-11", "between 9 and 11 July 2025", None, "2025-07-09/2025-07-11", "2025-07-09", "2025-07-11", False),
    ("1988-11/1988-12", "between November and December 1988", None, "1988-11/1988-12", "1988-11-01", "1988-12-31", False),
    ("1965-04~/1965-06", "between about April 1965 and June 1965", None, "1965-04~/1965-06", "1965-04-01", "1965-06-30", True),
    ("../1950-05", "before May 1950", None, "../1950-05", None, "1950-05-31", False),
    ("/1950-05", "before May 1950", None, "../1950-05", None, "1950-05-31", False),  # an unknown start reads as open
    ("1950-05/..", "after May 1950", None, "1950-05/..", "1950-05-01", None, False),
]


@pytest.mark.parametrize("text, words, datetime, edtf, earliest, latest, inexact", FORMS, ids=[f[0] for f in FORMS])
def test_each_form_in_words_datetime_and_bounds(
    text: str, words: str, datetime: str | None, edtf: str, earliest: str | None, latest: str | None, inexact: bool
) -> None:
    date = parse(text)
    assert (date.label, date.datetime, date.edtf) == (words, datetime, edtf)
    assert (iso_day(date.first), iso_day(date.last), date.inexact) == (earliest, latest, inexact)
    assert parse(date.edtf) == date  # what the exports write reads back the same


@pytest.mark.parametrize(
    "text, reason",
    [
        ("1965-13~", "there is no month 13"),
        ("2021-00-10", "there is no month 0"),
        ("2021-02-30", "February 2021 has 28 days"),
        ("2019-02-29", "February 2019 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("1965-04-31/1966", "April 1965 has 30 days"),
        ("0000-04-06", r"there is no year 0 \(1 BC is followed by AD 1\)"),
        ("1949??", r"write YYYY, YYYY-MM or YYYY-MM-DD, or in EDTF 1965-04~ \(approximate\), 1949\? \(uncertain\)"),
        ("21-04-06", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021/04/06", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("6 April 2021", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021-4-6", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("٢٠٢١-٠٤-٠٦", "write its digits as 0-9"),
        ("1989/1988", "its end, 1988, is before its start, 1989"),
        ("../..", "an interval needs at least one end"),
        ("2021-04-06T10:00:00", "is not a date this chronology uses"),  # EDTF, but a time of day
        ("2001-21", "is not a date this chronology uses"),  # a season
        ("1984?-06", "is not a date this chronology uses"),  # level 2: a qualifier inside the date
        ("-0100", "no years before AD 1"),
    ],
)
def test_invalid_forms_say_what_is_wrong_or_what_to_write(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse(text)


@pytest.mark.parametrize("text", ["1965-04~", "196X", "1988/1989", "../1950"])
def test_a_plain_date_field_takes_only_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(ValueError, match="write YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


def test_the_end_of_a_multi_day_event_is_no_interval() -> None:
    assert parse_point("1965-04~") == PartialDate(1965, 4, approximate=True)
    with pytest.raises(ValueError, match="is not a single date"):
        parse_point("1988-11/1989-02")


def test_sorted_by_the_earliest_day_and_then_the_less_precise_first() -> None:
    dates = ["2017-07-01", "2017-06", "2017", "2016-12-31", "2017-06-30", "201X", "../2017-06", "2017-06~", "2017-05/2017-07"]
    ordered = sorted((parse(d) for d in dates), key=lambda d: d.sort_key)
    assert [d.edtf for d in ordered] == [
        "201X",  # 1 January 2010
        "2016-12-31",
        "2017",  # 1 January 2017, a year long
        "2017-05/2017-07",  # 1 May
        "../2017-06",  # open: just before what starts on its end's first day
        "2017-06",
        "2017-06~",  # a qualifier does not move a date
        "2017-06-30",
        "2017-07-01",
    ]


@pytest.mark.parametrize(
    "text, year, on_day",
    [
        ("1948-05-01", 1948, (5, 1)),
        ("1948-05-01~", 1948, None),  # an approximate day is no anniversary
        ("1948-05-01?", 1948, None),
        ("1948-05", 1948, None),
        ("196X", 1960, None),
        ("../1950-05-01", 1950, None),
        ("1988-11/1989-02", 1988, None),
    ],
)
def test_listed_under_a_year_and_an_anniversary_only_when_the_day_is_sure(text: str, year: int, on_day: object) -> None:
    date = parse(text)
    assert (date.year, date.on_day) == (year, on_day)


@pytest.mark.parametrize(
    "start, end, label",
    [
        ("2021-04-06", "2021-04-07", "6–7 April 2021"),
        ("2023-01-29", "2023-01-30", "29–30 January 2023"),
        ("2023-01-30", "2023-02-02", "30 January – 2 February 2023"),
        ("2022-12-30", "2023-01-02", "30 December 2022 – 2 January 2023"),
        ("1979", "1989", "1979–1989"),
        ("1965-04", "1965-06", "April – June 1965"),
        ("1971", "1972-08", "1971 – August 1972"),
        ("1948-05-01", None, "1 May 1948"),
        ("1948-05-01", "1948-05-01", "1 May 1948"),
        ("2021-04-06~", "2021-04-07", "about 6 April 2021 – 7 April 2021"),  # each end says what it is
    ],
)
def test_range_labels(start: str, end: str | None, label: str) -> None:
    assert range_label(parse(start), parse_point(end) if end else None) == label


def test_an_interval_knows_its_given_end() -> None:
    before = parse("../1950-05")
    assert isinstance(before, Interval)
    assert (before.start, before.known) == (None, PartialDate(1950, 5))
    assert (before.first_key, before.last_key) == ((1950, 5, 1), (1950, 5, 31))
