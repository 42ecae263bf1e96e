"""The coverage report: what the chronology does not yet cover, on a page and as coverage.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import edit, run

from build import read_site
from timeline import coverage


def report(project: Path) -> tuple[coverage.Coverage, str]:
    site, problems = read_site(project)
    assert site is not None, problems
    return coverage.coverage(site), coverage.as_json(site, coverage.coverage(site), "https://x.org/")


def test_the_report_lists_each_gap_of_the_small_site(project: Path) -> None:
    found, data = report(project)
    slugs = {side: [e.slug for e in entries] for side, entries in found.one_side}
    assert slugs["Pakistani sources only"] == ["2021-04-06-lavrov-visit", "2021-04-07-same-day"]
    assert slugs["Russian sources only"] == []
    assert "2019-06-putin-khan-bishkek" in slugs["Neither side’s sources"]
    assert [e.slug for e in found.open_plans] == []  # the one plan has its outcome
    record = json.loads(data)
    assert record["events_per_topic_per_decade"]["diplomacy"]["1940s"] == 1
    assert record["single_source"] == [
        {"id": e.slug, "title": e.title, "date": e.date.edtf, "url": f"https://x.org/events/{e.slug}/"}
        for e in found.single_source
    ]


def test_a_plan_without_an_outcome_and_a_year_without_an_event_are_reported(project: Path) -> None:
    edit(project / "content" / "events" / "2021-03-lavrov-visit-announced.md", "outcome: 2021-04-06-lavrov-visit\n", "")
    found, _ = report(project)
    assert [e.slug for e in found.open_plans] == ["2021-03-lavrov-visit-announced"]
    assert found.years_without_events[:3] == ("1949–1964", "1966–2016", "2018")


def test_heat_map_cells_are_shaded_from_none_to_the_most_events_in_a_cell(project: Path) -> None:
    site, _ = read_site(project)
    assert site is not None
    cells = coverage.heat_map(site).cells
    most = max(cell.count for cell in cells)
    assert most > 1
    assert {cell.level for cell in cells if cell.count == 0} == {0}
    assert {cell.level for cell in cells if cell.count == 1} == {1}
    assert {cell.level for cell in cells if cell.count == most} == {coverage.LEVELS - 1}
    assert len(cells) == len(site.topics) * len(coverage.heat_map(site).decades)


def test_the_coverage_page_is_linked_from_about_and_written_with_its_data(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, capsys=capsys)[0] == 0
    site = project / "_site"
    assert 'href="../coverage/index.html"' in (site / "about" / "index.html").read_text()
    page = (site / "coverage" / "index.html").read_text()
    assert "Events since 1991 from one side only</a> (" in page and 'class="heat-map"' in page
    assert json.loads((site / "coverage.json").read_text())["events"] == 7
