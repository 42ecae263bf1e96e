"""Data for reuse: events.json, events.csv, timeline.json, JSON-LD and related events."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import run

from build import read_site
from timeline import data


@pytest.fixture
def site_dir(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(project, capsys=capsys)[0] == 0
    return project / "_site"


def test_events_json_has_every_event_and_field(site_dir: Path, project: Path) -> None:
    site, _ = read_site(project)
    assert site is not None
    records = json.loads((site_dir / "events.json").read_text())["events"]
    assert [r["id"] for r in records] == [e.slug for e in site.events]
    first = records[0]
    assert set(first) >= {"title", "date", "end", "summary", "body_markdown", "topics", "people", "places", "era", "citations"}
    assert first["citations"][0]["quote"] == site.events[0].citations[0].quote


def test_events_csv_reads_back(site_dir: Path) -> None:
    rows = list(csv.DictReader((site_dir / "events.csv").open(encoding="utf-8", newline="")))
    records = json.loads((site_dir / "events.json").read_text())["events"]
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    assert rows[0]["topics"] == "; ".join(records[0]["topics"])


def test_timelinejs_format(site_dir: Path) -> None:
    document = json.loads((site_dir / "timeline.json").read_text())
    assert document["title"]["text"]["headline"]
    for slide in document["events"]:
        assert re.fullmatch(r"\d{4}", slide["start_date"]["year"])
        assert set(slide["start_date"]) <= {"year", "month", "day"}
        assert slide["text"]["headline"] and slide["unique_id"]
    assert len({slide["unique_id"] for slide in document["events"]}) == len(document["events"])
    assert all(era["text"]["headline"] for era in document["eras"])


def test_json_ld_is_valid_json_with_the_event(site_dir: Path) -> None:
    page = (site_dir / "events" / "2021-04-06-lavrov-visit" / "index.html").read_text()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
    assert found
    structured = json.loads(found.group(1))
    assert structured["@type"] == "Event" and structured["startDate"] == "2021-04-06"
    assert structured["url"].endswith("/events/2021-04-06-lavrov-visit/")


def test_related_events_share_something_and_exclude_the_event(project: Path) -> None:
    site, _ = read_site(project)
    assert site is not None
    near, by_slug = data.related(site), {event.slug: event for event in site.events}
    for event in site.events:
        assert event.slug not in near[event.slug]
        assert len(near[event.slug]) <= data.RELATED
        terms = set(event.topics + event.people + event.places)
        others = [by_slug[slug] for slug in near[event.slug]]
        assert all(terms & set(other.topics + other.people + other.places) for other in others)
