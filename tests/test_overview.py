"""The charts of overview/: their geometry, worked out in Python (timeline/overview.py)."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from build import read_site
from timeline import render
from timeline.model import Entry, Site
from timeline.overview import TARGET, Chart, Mark, chart_href, era_chart, overview


@pytest.fixture(scope="module")
def real() -> Site:
    site, problems = read_site(REPO)
    assert site is not None, problems
    return site


def charts(site: Site) -> list[Chart]:
    """The overview and every era's chart, as planned."""
    pages = [page for page in render.plan(site) if page.template == "overview.html" and page.edition == "en"]
    found = [page.context["chart"] for page in pages]
    assert all(found)
    return found


def placed(chart: Chart) -> list[tuple[float, float, Mark]]:
    """Every mark with its place on the chart (its row's top added)."""
    return [(mark.x, top + mark.y, mark) for top, lane in chart.lanes for mark in lane.marks]


def test_every_era_is_named_on_the_overview_and_links_to_its_chart(real: Site) -> None:
    chart = overview(real)
    assert chart is not None
    bands = chart.frame.bands
    assert [band.name for band in bands] == [era.name for era in real.eras]
    for band, era in zip(bands, real.eras, strict=True):
        assert "".join(line for _, line in band.lines) == era.name  # the whole name: none is cut
        assert band.href == chart_href(era)
        assert len(band.lines) * 16 <= chart.frame.head  # the name fits the row above the chart
    # The narrow eras wrap their names instead of leaving them out.
    assert max(len(band.lines) for band in bands) > 1


def test_each_era_has_a_chart_page_linked_from_the_others(real: Site) -> None:
    pages = {page.out: page for page in render.plan(real)}
    for index, era in enumerate(real.eras):
        page = pages[f"overview/{era.id}/index.html"]
        assert page.template == "overview.html" and page.context["era"] == era
        assert [href for _, href, _ in page.context["eras"]] == [chart_href(e) for e in real.eras]
        assert (page.context["previous"] is None) == (index == 0)
        assert (page.context["next"] is None) == (index == len(real.eras) - 1)
    assert pages["overview/index.html"].context["era"] is None


def test_every_event_is_on_each_chart_once_per_topic(real: Site) -> None:
    """A mark for each event in the row of each of its topics, or counted in a badge there."""
    for chart in charts(real):
        era = next((e for e in real.eras if e.id == chart.frame.key), None)
        events = [e for e in real.events if era is None or e.era == era]
        for _, lane in chart.lanes:
            tagged = [e for e in events if lane.href in (t.href for t in e.topics)]
            shown = [m.href for m in lane.marks if not m.more]
            assert sorted(shown) == sorted(set(shown))
            assert len(shown) + sum(m.more for m in lane.marks) == len(tagged), (chart.frame.key, lane.name)
            assert set(shown) <= {e.href for e in tagged}
            assert "".join(lane.lines) == lane.name


def test_no_two_targets_overlap_and_each_is_24_pixels(real: Site) -> None:
    for chart in charts(real):
        marks = placed(chart)
        assert marks
        for mark in (m for _, _, m in marks):
            assert (mark.badge[2] if mark.more else mark.reach * 2) >= 24
        for (x1, y1, a), (x2, y2, b) in itertools.combinations(marks, 2):
            assert abs(x1 - x2) >= TARGET or abs(y1 - y2) >= TARGET, (chart.frame.key, a.label, b.label)
        assert all(TARGET / 2 <= x <= chart.width - TARGET / 2 for x, _, _ in marks)


def test_a_mark_on_an_era_chart_stands_in_its_own_year(real: Site) -> None:
    """Columns are whole slots a year, so a mark never drifts into the next year's band."""
    for chart in charts(real)[1:]:
        bands = {int(band.name): band for band in chart.frame.bands}
        for _, lane in chart.lanes:
            for mark in lane.marks:
                if not mark.more:
                    year = int(mark.href.removeprefix("events/")[:4])
                    assert bands[year].x < mark.x < bands[year].x + bands[year].width, mark.label


def test_the_busy_years_spread_out_on_their_era_charts(real: Site) -> None:
    """1971 and 2021 get several columns on their eras' charts (the overview has one a year), and
    their events are spread over them."""
    for year, era_id in ((1971, "tashkent-to-1971"), (2021, "rapprochement")):
        era = next(e for e in real.eras if e.id == era_id)
        chart = era_chart(real, era, tuple(e.entry for e in real.events if e.era == era))
        assert chart is not None
        band = next(band for band in chart.frame.bands if band.name == str(year))
        assert band.width >= 5 * TARGET
        columns = {mark.x for _, lane in chart.lanes for mark in lane.marks if mark.href.startswith(f"events/{year}-")}
        assert len(columns) >= 4, columns


def test_a_marks_tip_has_its_date_and_title_and_sits_above_its_row(real: Site) -> None:
    for chart in charts(real):
        for top, lane in chart.lanes:
            for mark in lane.marks:
                tip = mark.tip
                assert tip.y + tip.height <= 0  # above the row: only rows drawn before it are there
                assert top + tip.y >= 0  # inside the chart, the first row's tips too
                assert tip.x >= 0 and tip.x + tip.width <= chart.width
                assert tip.x <= mark.x <= tip.x + tip.width
                if not mark.more:
                    date, title = mark.label.split(": ", 1)
                    lines = [line for _, line in tip.lines]
                    dated = 1 if lines[0] == date + " " else 2  # a long range of days takes two lines
                    assert "".join(lines[:dated]) == date + " "
                    shown = "".join(lines[dated:]).removesuffix("…").replace(" ", "")  # lines break at spaces and hyphens
                    assert title.replace(" ", "").startswith(shown) and len(shown) > 10


def test_a_badge_leads_to_its_year_on_the_era_chart_or_in_the_era_chronology(real: Site) -> None:
    found = charts(real)
    anchors = {
        f"{chart_href(era)}#{tick.anchor}" for era, chart in zip(real.eras, found[1:], strict=True) for tick in chart.frame.ticks
    }
    badges = [mark for _, lane in found[0].lanes for mark in lane.marks if mark.more]
    assert badges and all(badge.href in anchors for badge in badges)
    assert all(badge.more >= 2 for badge in badges)  # one event more would have had its place
    for era, chart in zip(real.eras, found[1:], strict=True):
        for _, lane in chart.lanes:
            assert all(m.href.startswith(f"{era.href}#{era.id}-") for m in lane.marks if m.more)


def with_milestones(site: Site, *slugs: str) -> Site:
    events = tuple(dataclasses.replace(e, milestone=True) if e.slug in slugs else e for e in site.events)
    return dataclasses.replace(site, events=events)


MILESTONES = (
    "1966-01-10-tashkent-declaration",
    "1971-08-17-kosygin-message-to-yahya-khan",
    "2021-04-06-lavrov-visits-islamabad",
    "2021-05-28-pakistan-stream-protocol-signed",
    "2023-01-29-bilawal-bhutto-zardari-visits-moscow",
)


def test_milestones_are_labelled_with_their_short_titles_and_never_hidden(real: Site) -> None:
    slugs = [slug for slug in MILESTONES if any(e.slug == slug for e in real.events)]
    assert len(slugs) == len(MILESTONES)
    site = with_milestones(real, *slugs)
    titles = {e.href: e.title for e in site.events if e.milestone}
    for chart in charts(site):
        labels = {m.href: m for m in chart.milestones}
        era = next((e for e in site.eras if e.id == chart.frame.key), None)
        assert set(labels) == {e.href for e in site.events if e.milestone and (era is None or e.era == era)}
        for href, label in labels.items():
            assert len(label.text) <= 36 and titles[href].startswith(label.text.removesuffix(" …"))
            assert label.box[3] >= 24 and chart.frame.head <= label.box[1] < chart.top - TARGET  # above the years' row
            assert label.box[0] >= 0 and label.box[0] + label.box[2] <= chart.width
            edge = label.box[0] if label.start else label.box[0] + label.box[2]  # it runs from its line, or ends at it
            assert abs(edge - label.x) == 4
        for a, b in itertools.combinations(labels.values(), 2):  # no two labels meet
            assert a.box[1] != b.box[1] or a.box[0] + a.box[2] < b.box[0] or b.box[0] + b.box[2] < a.box[0]
        marks = [m for _, _, m in placed(chart) if m.href in titles]
        assert all(m.milestone for m in marks)  # drawn as milestones, and none counted in a badge
        assert {m.href for m in marks} == set(labels)


def test_rows_are_worked_out_again_only_when_their_entries_change(real: Site) -> None:
    memo: dict[str, Any] = {}
    before = [lane for chart in charts_with(real, memo) for _, lane in chart.lanes]
    event = next(e for e in real.events if e.slug == "1966-01-10-tashkent-declaration")
    body = replaced(real, dataclasses.replace(event, body="Edited."))
    assert [lane for chart in charts_with(body, memo) for _, lane in chart.lanes] == before
    assert all(a is b for a, b in zip([lane for c in charts_with(body, memo) for _, lane in c.lanes], before, strict=True))
    titled = replaced(real, dataclasses.replace(event, title="Edited"))
    after = [lane for chart in charts_with(titled, memo) for _, lane in chart.lanes]
    redone = {lane.href for lane, old in zip(after, before, strict=True) if lane is not old}
    assert redone == {topic.href for topic in event.topics}
    assert sum(lane is not old for lane, old in zip(after, before, strict=True)) == 2 * len(event.topics)  # overview, era chart


def charts_with(site: Site, memo: dict[str, Any]) -> list[Chart]:
    in_era: dict[str, list[Entry]] = {}
    for event in site.events:
        in_era.setdefault(event.era.id, []).append(event.entry)
    found = [overview(site, memo)] + [era_chart(site, era, tuple(in_era[era.id]), memo) for era in site.eras]
    return [chart for chart in found if chart]


def replaced(site: Site, event: Any) -> Site:
    return dataclasses.replace(site, events=tuple(event if e.slug == event.slug else e for e in site.events))


def test_a_chart_without_events_is_none(project: Path) -> None:
    site, _ = read_site(project)
    assert site is not None
    empty = dataclasses.replace(site, events=())
    assert overview(empty) is None and era_chart(empty, site.eras[0], ()) is None
    page = next(p for p in render.plan(empty) if p.out == f"overview/{site.eras[0].id}/index.html")
    assert page.context["chart"] is None
