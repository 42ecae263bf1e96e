"""The model's small helpers: how a source is named."""

from __future__ import annotations

import pytest

from timeline.model import Source


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
