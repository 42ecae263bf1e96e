"""Reading files: front matter, lines of keys, raw date text, encodings, the preview's cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, make_project

from timeline.load import Cache, load_content, load_markdown, parse_yaml, split_front_matter
from timeline.model import ContentError


def test_lines_point_at_keys_and_list_items() -> None:
    doc = parse_yaml("e.md", "title: T\nsources:\n  - source: a\n    quote: q\n", first_line=2)
    assert doc.line("title") == 2
    assert doc.line("sources", 0, "quote") == 5
    assert doc.line("sources", 3, "note") == 3  # falls back to the nearest known ancestor


@pytest.mark.parametrize(
    "text, raw",
    [("date: 2021-04-06", "2021-04-06"), ("date: 1948", "1948"), ("date: '2017-06'", "2017-06")],
)
def test_dates_keep_their_raw_text(text: str, raw: str) -> None:
    doc = parse_yaml("e.md", text)
    assert doc.raw[("date",)] == raw
    assert not hasattr(doc.data["date"], "year")  # never a datetime.date


@pytest.mark.parametrize(
    "text, body, body_line",
    [
        ("---\na: 1\n---\nBody\n", "Body\n", 4),
        ("---\na: 1\n...\n\nBody", "\nBody", 4),
        ("---\na: 1\nb: 2\n---\n", "", 5),
    ],
)
def test_split_front_matter(text: str, body: str, body_line: int) -> None:
    front, found_body, found_line = split_front_matter("e.md", text)
    assert (found_body, found_line) == (body, body_line)
    assert front.startswith("a: 1")


def test_windows_line_ends_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_bytes("\ufeff---\r\ntitle: Café\r\n---\r\nBody\r\n".encode())
    doc = load_markdown(tmp_path, path)
    assert doc.data == {"title": "Café"} and doc.body == "Body\n"


def test_a_list_is_not_front_matter() -> None:
    with pytest.raises(ContentError, match="expected key: value lines"):
        parse_yaml("e.md", "- a\n- b\n")


def titles(project: Path, cache: Cache, changed: set[str] | None) -> set[object]:
    return {document.data["title"] for document in load_content(project, cache, changed).events}


def test_the_cache_rereads_what_changed_and_trusts_the_watcher(tmp_path: Path) -> None:
    project = make_project(tmp_path, REPO / "tests" / "fixtures" / "site")
    cache: Cache = {}
    first = titles(project, cache, None)
    event = sorted((project / "content" / "events").glob("*.md"))[0]
    event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    assert titles(project, cache, set()) == first  # the watcher saw no change: the file is not looked at
    edited = titles(project, cache, {str(event)})
    assert edited != first and any(str(title).startswith("Edited ") for title in edited)
    event.unlink()
    assert len(titles(project, cache, set())) == len(first) - 1  # a file gone is gone, told or not
