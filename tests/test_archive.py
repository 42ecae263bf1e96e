"""The Internet Archive's copies of a source: the list of every copy, and a chosen snapshot checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run

from timeline import archive, schema
from timeline.model import Source

# a source's url -> the address of the list of its copies: only what may not stand in a URL is encoded
COPIES = [
    ("https://en.wikipedia.org/wiki/Tashkent_Declaration", "https://web.archive.org/web/*/https://en.wikipedia.org/wiki/Tashkent_Declaration"),
    ("http://www.dawn.com/news/1205993", "https://web.archive.org/web/*/http://www.dawn.com/news/1205993"),
    ("https://en.wikipedia.org/wiki/Pakistan%E2%80%93Soviet_Union_relations", "https://web.archive.org/web/*/https://en.wikipedia.org/wiki/Pakistan%E2%80%93Soviet_Union_relations"),
    ("https://en.wikipedia.org/wiki/Pakistan–Russia_relations", "https://web.archive.org/web/*/https://en.wikipedia.org/wiki/Pakistan%E2%80%93Russia_relations"),
    ("https://bhutto.org/?p=15611", "https://web.archive.org/web/*/https://bhutto.org/?p=15611"),
    ("https://en.wikipedia.org/wiki/Liaquat_Ali_Khan's_state_visit", "https://web.archive.org/web/*/https://en.wikipedia.org/wiki/Liaquat_Ali_Khan's_state_visit"),
    ("https://simple.m.wikipedia.org/wiki/Doha_Agreement_(2020)", "https://web.archive.org/web/*/https://simple.m.wikipedia.org/wiki/Doha_Agreement_(2020)"),
    ("https://example.org/a?b=1&c=[2]#part", "https://web.archive.org/web/*/https://example.org/a?b=1&c=[2]#part"),
    ('https://example.org/"quoted"<tag>{x}|y^z`', "https://web.archive.org/web/*/https://example.org/%22quoted%22%3Ctag%3E%7Bx%7D%7Cy%5Ez%60"),
    ("https://example.org/~user/a b", "https://web.archive.org/web/*/https://example.org/~user/a%20b"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "expected"), COPIES)
def test_copies_are_built_from_the_url(url: str, expected: str) -> None:
    assert archive.copies(url) == expected


def test_a_source_with_a_url_links_its_copies_and_one_without_none() -> None:
    with_url = Source("a", "A", "reference", "sources/a/index.html", url="https://example.org/a")
    assert with_url.copies == "https://web.archive.org/web/*/https://example.org/a"
    assert Source("b", "B", "news", "sources/b/index.html", archive="b.txt").copies is None


# a snapshot's address -> (its timestamp's digits, the address it copies, how the site names it)
GOOD = [
    ("https://web.archive.org/web/20210407093000/https://dawn.com/news/1", ("20210407093000", "https://dawn.com/news/1", "archived copy, 7 April 2021")),
    ("https://web.archive.org/web/20210407093000id_/https://dawn.com/news/1", ("20210407093000", "https://dawn.com/news/1", "archived copy, 7 April 2021")),
    ("https://web.archive.org/web/19961231235959/http://example.org/", ("19961231235959", "http://example.org/", "archived copy, 31 December 1996")),
    ("https://web.archive.org/web/20210407/https://dawn.com/news/1", ("20210407", "https://dawn.com/news/1", "archived copy, 7 April 2021")),
    ("https://web.archive.org/web/202104/https://dawn.com/news/1", ("202104", "https://dawn.com/news/1", "archived copy, April 2021")),
    ("https://web.archive.org/web/20214/https://dawn.com/news/1", ("20214", "https://dawn.com/news/1", "archived copy, 2021")),
    ("https://web.archive.org/web/2021/https://bhutto.org/?p=15611", ("2021", "https://bhutto.org/?p=15611", "archived copy, 2021")),
    ("https://web.archive.org/web/20240229120000im_/https://example.org/a.png", ("20240229120000", "https://example.org/a.png", "archived copy, 29 February 2024")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_a_snapshot_is_read(text: str, expected: tuple[str, str, str]) -> None:
    snapshot = archive.parse(text)
    assert (snapshot.stamp, snapshot.original, snapshot.label) == expected
    assert snapshot.url == text


FORM = "write https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"
# not a snapshot's address -> why
BAD = [
    ("https://archive.ph/2021.04.07/https://dawn.com/news/1", f"'https://archive.ph/2021.04.07/https://dawn.com/news/1' is not an Internet Archive address: {FORM}"),
    ("http://web.archive.org/web/20210407093000/https://dawn.com/news/1", f"'http://web.archive.org/web/20210407093000/https://dawn.com/news/1' is not an Internet Archive address: {FORM}"),
    ("https://web.archive.org.example/web/20210407/https://dawn.com/", f"'https://web.archive.org.example/web/20210407/https://dawn.com/' is not an Internet Archive address: {FORM}"),
    ("https://archive.org/details/dawn-1965", f"'https://archive.org/details/dawn-1965' is not an Internet Archive address: {FORM}"),
    ("https://web.archive.org/web/*/https://dawn.com/news/1", "'https://web.archive.org/web/*/https://dawn.com/news/1' is the list of every copy, which the site links already: give one snapshot, https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"),
    ("https://web.archive.org/web/https://dawn.com/news/1", f"'https://web.archive.org/web/https://dawn.com/news/1' has no timestamp after /web/: {FORM}"),
    ("https://web.archive.org/web/20210407093000", f"'https://web.archive.org/web/20210407093000' has no timestamp after /web/: {FORM}"),
    ("https://web.archive.org/web/202/https://dawn.com/", "'202' is not a timestamp: write 4 to 14 digits, YYYYMMDDhhmmss, as in https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"),
    ("https://web.archive.org/web/202104070930001/https://dawn.com/", "'202104070930001' is not a timestamp: write 4 to 14 digits, YYYYMMDDhhmmss, as in https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"),
    ("https://web.archive.org/web/2021-04-07/https://dawn.com/", "'2021-04-07' is not a timestamp: write 4 to 14 digits, YYYYMMDDhhmmss, as in https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"),
    ("https://web.archive.org/web/20211307/https://dawn.com/", "the timestamp 20211307 names no real moment: month 13 (from 01 to 12)"),
    ("https://web.archive.org/web/20210230/https://dawn.com/", "the timestamp 20210230 names no real moment: day 30 (from 01 to 28)"),
    ("https://web.archive.org/web/20210407240000/https://dawn.com/", "the timestamp 20210407240000 names no real moment: hour 24 (from 00 to 23)"),
    ("https://web.archive.org/web/20210407096100/https://dawn.com/", "the timestamp 20210407096100 names no real moment: minute 61 (from 00 to 59)"),
    ("https://web.archive.org/web/19650407/https://dawn.com/", "the timestamp 19650407 names no real moment: year 1965 (the Internet Archive's copies begin in 1996)"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_what_is_not_a_snapshot_is_said(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as error:
        archive.parse(text)
    assert str(error.value) == reason


# (the snapshot's original address, the source's url) -> why it is not a copy of it (None: it is)
MATCHES = [
    ("https://dawn.com/news/1", "https://dawn.com/news/1", None),
    ("http://dawn.com/news/1", "https://dawn.com/news/1", None),
    ("https://dawn.com/news/1/", "https://dawn.com/news/1", None),
    ("http://DAWN.com/news/1", "https://dawn.com/news/1/", None),
    ("https://en.wikipedia.org/wiki/Pakistan–Russia_relations", "https://en.wikipedia.org/wiki/Pakistan%E2%80%93Russia_relations", None),
    ("https://dawn.com/news/2", "https://dawn.com/news/1", "it is a copy of 'https://dawn.com/news/2', not of the source's url 'https://dawn.com/news/1'"),
    ("https://dawn.com/News/1", "https://dawn.com/news/1", "it is a copy of 'https://dawn.com/News/1', not of the source's url 'https://dawn.com/news/1'"),
    ("https://tribune.com.pk/news/1", "https://dawn.com/news/1", "it is a copy of 'https://tribune.com.pk/news/1', not of the source's url 'https://dawn.com/news/1'"),
    ("https://bhutto.org/?p=1", "https://bhutto.org/?p=15611", "it is a copy of 'https://bhutto.org/?p=1', not of the source's url 'https://bhutto.org/?p=15611'"),
    ("https://dawn.com/news/1", None, "the source has no url to be a copy of: give its address in url"),
]  # fmt: skip


@pytest.mark.parametrize(("original", "url", "reason"), MATCHES)
def test_a_snapshot_must_copy_the_source_url(original: str, url: str | None, reason: str | None) -> None:
    assert archive.mismatch(archive.parse(f"https://web.archive.org/web/20210407093000/{original}"), url) == reason


@pytest.mark.parametrize("text", [text for text, _ in GOOD])
def test_the_schema_accepts_every_snapshot(text: str) -> None:
    assert re.match(schema.SNAPSHOT, text)


@pytest.mark.parametrize("text", [text for text, _ in BAD[:9]])
def test_the_schema_rejects_what_is_no_snapshot_address(text: str) -> None:
    assert not re.match(schema.SNAPSHOT, text)


def test_a_snapshot_of_an_archived_source_without_url_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = project / "content" / "sources.yaml"
    text = sources.read_text(encoding="utf-8").replace(
        "  archive: 2021-04-lavrov-working-visit-preview.txt\n",
        "  archive: 2021-04-lavrov-working-visit-preview.txt\n  archive_url: https://web.archive.org/web/2021/https://example.org/\n",
    )
    sources.write_text(text, encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/sources.yaml:12: preview-2021.archive_url: the source has no url to be a copy of: give its address in url"
    )


def test_pages_link_the_snapshot_and_every_copy(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, capsys=capsys)[0] == 0
    snapshot = "https://web.archive.org/web/20210407093000/https://encyclopaedia.example/wiki/Pakistan-Russia"
    every = "https://web.archive.org/web/*/https://encyclopaedia.example/wiki/Pakistan-Russia"
    links = f'<a href="{snapshot}">archived copy, 7 April 2021</a>; <a href="{every}">all copies in the Internet Archive</a>'
    for page in ("sources/encyclopaedia/index.html", "events/1948-05-01-relations-established/index.html"):
        assert links in (project / "_site" / page).read_text(encoding="utf-8")
    talks = (project / "_site" / "sources" / "talks-2021" / "index.html").read_text(encoding="utf-8")
    assert "web.archive.org" not in talks  # an archived text with no url: nothing to look up


def test_without_a_snapshot_pages_link_every_copy(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = project / "content" / "sources.yaml"
    sources.write_text("".join(line for line in sources.open(encoding="utf-8") if "archive_url" not in line), encoding="utf-8")
    assert run(project, capsys=capsys)[0] == 0
    every = "https://web.archive.org/web/*/https://encyclopaedia.example/wiki/Pakistan-Russia"
    page = (project / "_site" / "sources" / "encyclopaedia" / "index.html").read_text(encoding="utf-8")
    assert f'<dt>Archived copies</dt><dd><a href="{every}">all copies in the Internet Archive</a></dd>' in page
    assert "archived copy," not in page
