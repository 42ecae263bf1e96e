"""The search index: every event, person and source page in it with its filters, and failures told in one line."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pagefind_bin
import pytest
from conftest import run

from timeline import search
from timeline.editions import EDITIONS
from timeline.search import SearchIndexError


@pytest.fixture
def site(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The small fixture site, built without its search index."""
    code, _, err = run(project, "build", "--no-search", capsys=capsys)
    assert code == 0, err
    return project / "_site"


def searched_urls(site: Path, prefix: str = "") -> set[str]:
    """The event, person and source pages of one edition (its folder: "", "ur/" or "ru/")."""
    return {
        f"/{page.parent.relative_to(site).as_posix()}/"
        for kind in ("events", "people", "sources")
        for page in site.glob(f"{prefix}{kind}/*/index.html")
    }


def fragments(site: Path) -> list[dict[str, Any]]:
    """Pagefind's record of every indexed page: gzip, then a signature, then JSON."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").iterdir()
    ]


def test_index_has_every_event_person_and_source_page_with_its_filters(site: Path) -> None:
    expected = searched_urls(site)
    assert len(expected) == 12 and not (site / "pagefind").exists()  # 7 events, 2 people, 3 sources
    assert search.index(site) == 3 * len(expected)  # each edition's pages
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    for edition in EDITIONS:  # an index per language, as each page's <html lang> says
        assert entry["languages"][edition.lang]["page_count"] == len(expected)
    records = fragments(site)
    assert {record["url"] for record in records} == {url for e in EDITIONS for url in searched_urls(site, e.prefix)}
    kinds = {"events": "Event", "people": "Person", "sources": "Source"}
    for record in (r for r in records if not r["url"].startswith(("/ur/", "/ru/"))):
        assert record["filters"]["kind"] == [kinds[record["url"].split("/")[1]]]
        if record["url"].startswith("/events/"):
            assert record["filters"]["decade"] and record["filters"]["topic"]
            event = json.loads((site / "events.json").read_text())["events"]
            origins = next({c["origin"] for c in e["citations"]} for e in event if e["url"].endswith(record["url"]))
            labels = {
                "pakistan": "Pakistani sources",
                "international": "International sources",
                "unknown": "Unknown origin sources",
            }
            assert set(record["filters"]["origin"]) == {labels[origin] for origin in origins}
    russian = next(r for r in records if r["url"] == "/ru/events/2021-04-06-lavrov-visit/")
    assert russian["meta"]["title"] == "Лавров посещает Исламабад" and russian["filters"]["тема"]  # its filters named in Russian
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_a_binary_that_does_not_exist_is_reported(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "no-such-pagefind"
    monkeypatch.setattr(search, "binary", lambda: missing)
    with pytest.raises(SearchIndexError) as caught:
        search.index(site)
    assert str(caught.value) == f"Search index not built: cannot run {missing}: No such file or directory"


def no_binary() -> Path:
    raise FileNotFoundError("Could not find any of [pagefind_extended, pagefind]")


@pytest.mark.parametrize("missing", ["binary", "package"])
def test_a_package_without_its_binary_is_reported(site: Path, monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    if missing == "binary":
        monkeypatch.setattr(pagefind_bin, "get_executable", no_binary)
    else:
        monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import pagefind_bin fails
    with pytest.raises(
        SearchIndexError, match=r"^Search index not built: Pagefind binary missing \(.*\); reinstall pagefind\[bin\]$"
    ):
        search.index(site)


def test_a_failing_binary_is_reported_with_its_error_output(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = tmp_path / "pagefind"
    stderr = r"thread panicked at src/x.rs:1:\nout of memory\nnote: run with RUST_BACKTRACE=1\n"
    failing.write_text(f"#!/bin/sh\necho Indexing\nprintf '{stderr}' >&2\nexit 101\n")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "binary", lambda: failing)
    with pytest.raises(SearchIndexError) as caught:
        search.index(site)
    assert (
        str(caught.value) == "Search index not built: Pagefind exited with code 101: thread panicked at src/x.rs:1: out of memory"
    )


def test_an_output_folder_that_cannot_be_made_is_reported(site: Path) -> None:
    (site / "pagefind").write_text("a file where the search bundle should go")  # even root cannot make a folder here
    with pytest.raises(SearchIndexError) as caught:
        search.index(site)  # Pagefind itself panics here, and its Python API then waits forever
    assert str(caught.value) == f"Search index not built: cannot write to {site.resolve() / 'pagefind'}: File exists"


def test_a_read_only_output_folder_is_reported(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)  # tests may run as root, whom permissions do not stop
    with pytest.raises(SearchIndexError) as caught:
        search.index(site)
    assert str(caught.value) == f"Search index not built: cannot write to {site.resolve() / 'pagefind'}: Permission denied"
