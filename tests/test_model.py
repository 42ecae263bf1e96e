"""Partial dates: parsing, labels, sorting, ranges."""

from __future__ import annotations

import pytest

from timeline.model import PartialDate, Source, range_label


@pytest.mark.parametrize(
    "text, expected, label, iso",
    [
        ("1948", PartialDate(1948), "1948", "1948"),
        ("2017-06", PartialDate(2017, 6), "June 2017", "2017-06"),
        ("1948-05-01", PartialDate(1948, 5, 1), "1 May 1948", "1948-05-01"),
        ("2020-02-29", PartialDate(2020, 2, 29), "29 February 2020", "2020-02-29"),
    ],
)
def test_parse_and_label(text: str, expected: PartialDate, label: str, iso: str) -> None:
    date = PartialDate.parse(text)
    assert (date, date.label, date.iso) == (expected, label, iso)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2021-02-30", "February 2021 has 28 days"),
        ("2019-02-29", "February 2019 has 28 days"),
        ("2021-13", "there is no month 13"),
        ("2021-00-10", "there is no month 0"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("21-04-06", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021/04/06", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("6 April 2021", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021-4-6", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_dates(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(text)


def test_less_precise_dates_sort_first() -> None:
    dates = ["2017-07-01", "2017-06", "2017", "2016-12-31", "2017-06-30"]
    ordered = sorted((PartialDate.parse(d) for d in dates), key=lambda d: d.sort_key)
    assert [d.label for d in ordered] == ["31 December 2016", "2017", "June 2017", "30 June 2017", "1 July 2017"]


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
    ],
)
def test_range_labels(start: str, end: str | None, label: str) -> None:
    assert range_label(PartialDate.parse(start), PartialDate.parse(end) if end else None) == label


@pytest.mark.parametrize(
    ("url", "publisher", "shown"),
    [
        ("https://www.dawn.com/news/1618474", None, "dawn.com"),
        ("https://tass.ru/politika/1", None, "tass.ru"),
        ("https://www.dawn.com/news/1618474", "Dawn", "Dawn"),  # what the page shows comes first
        (None, None, None),
    ],
)
def test_a_source_is_published_by_what_it_shows_or_its_site(url: str | None, publisher: str | None, shown: str | None) -> None:
    source = Source("x", "A page", "news", "sources/x/index.html", url=url, publisher=publisher, archive=None if url else "x.txt")
    assert source.published_by == shown
