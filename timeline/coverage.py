"""What the chronology does not yet cover: the report an editor reads to find the next thing to
write, and a reader to see the record's gaps (`coverage/` and `coverage.json`).

Years with no event, events resting on a single source, events since 1991 cited from one side
only, plans with no recorded outcome, and events per topic per decade as a heat map whose
geometry is worked out here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .language import N_, gettext, ngettext
from .model import BOTH_SIDES_FROM, Entry, Event, Site, Term

LABEL_WIDTH, CELL_WIDTH, CELL_HEIGHT, HEADER = 250, 52, 26, 28  # heat map geometry, in CSS pixels
LEVELS = 5  # shades of a cell, from none to the most events of any cell


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    count: int
    level: int  # 0 (no event) to LEVELS - 1
    label: str  # "Energy, 2010s: 12 events"


@dataclass(frozen=True)
class HeatMap:
    width: int
    height: int
    decades: tuple[tuple[int, int], ...]  # (x of the column's middle, decade)
    rows: tuple[tuple[int, Term], ...]  # (y of the row's middle, topic)
    cells: tuple[Cell, ...]
    label_x: int = LABEL_WIDTH - 8  # where the topic names end
    cell_width: int = CELL_WIDTH - 2  # a cell's rectangle, leaving a gap between cells
    cell_height: int = CELL_HEIGHT - 2


@dataclass(frozen=True)
class Coverage:
    years_without_events: tuple[str, ...]  # "1951", "1995–1996"
    single_source: tuple[Entry, ...]
    one_side: tuple[tuple[str, tuple[Entry, ...]], ...]  # ("Pakistani sources only", events), ...
    open_plans: tuple[Entry, ...]
    heat_map: HeatMap

    @property
    def one_side_count(self) -> int:
        return sum(len(entries) for _, entries in self.one_side)


def year_gaps(site: Site) -> tuple[str, ...]:
    """The years between the first event and the last update (or the last event) with no event:
    "1951", "1995–1996"."""
    if not site.events:
        return ()
    years = {event.date.year for event in site.events}
    last = site.settings.updated.year if site.settings.updated else max(years)
    runs: list[list[int]] = []
    for year in (year for year in range(min(years), last + 1) if year not in years):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return tuple(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


ONLY_PAKISTANI, ONLY_RUSSIAN = N_("Pakistani sources only"), N_("Russian sources only")
NEITHER_SIDE = N_("Neither side’s sources")  # the words coverage.json keeps; the page shows them translated


def _side(event: Event) -> str | None:
    """Which side alone an event since 1991 is cited from, if not both."""
    origins = {source.origin for source, _ in event.cited_sources}
    pakistani, russian = "pakistan" in origins, bool(origins & {"russia", "soviet-union"})
    if event.date.year < BOTH_SIDES_FROM or (pakistani and russian):
        return None
    return ONLY_PAKISTANI if pakistani else ONLY_RUSSIAN if russian else NEITHER_SIDE


def coverage(site: Site) -> Coverage:
    sides: dict[str, list[Entry]] = {ONLY_PAKISTANI: [], ONLY_RUSSIAN: [], NEITHER_SIDE: []}
    for event in site.events:
        side = _side(event)
        if side:
            sides[side].append(event.entry)
    return Coverage(
        years_without_events=year_gaps(site),
        single_source=tuple(event.entry for event in site.events if event.independent_sources < 2),
        one_side=tuple((side, tuple(entries)) for side, entries in sides.items()),
        open_plans=tuple(event.entry for event in site.events if event.plan and not event.outcome),
        heat_map=heat_map(site),
    )


def _counts(site: Site) -> tuple[list[int], dict[str, dict[int, int]]]:
    """The decades the chronology spans, and each topic's events per decade."""
    if not site.events:
        return [], {}
    first, last = (site.events[0].date.year // 10 * 10, site.events[-1].date.year // 10 * 10)
    decades = list(range(first, last + 1, 10))
    counts: dict[str, dict[int, int]] = {topic.id: dict.fromkeys(decades, 0) for topic in site.topics}
    for event in site.events:
        for topic in event.topics:
            counts[topic.id][event.date.year // 10 * 10] += 1
    return decades, counts


def heat_map(site: Site) -> HeatMap:
    decades, counts = _counts(site)
    most = max((n for row in counts.values() for n in row.values()), default=0) or 1
    rows, cells = [], []
    for row, topic in enumerate(site.topics):
        y = HEADER + row * CELL_HEIGHT
        rows.append((y + CELL_HEIGHT // 2, topic))
        for column, decade in enumerate(decades):
            count = counts[topic.id][decade]
            level = 0 if not count else 1 + round((count - 1) / max(most - 1, 1) * (LEVELS - 2))
            events = ngettext("{num} event", "{num} events", count).format(num=count)
            label = gettext("{topic}, {decade}s: {events}").format(topic=topic.name, decade=decade, events=events)
            cells.append(Cell(LABEL_WIDTH + column * CELL_WIDTH, y, count, level, label))
    columns = tuple((LABEL_WIDTH + i * CELL_WIDTH + CELL_WIDTH // 2, decade) for i, decade in enumerate(decades))
    width, height = LABEL_WIDTH + len(decades) * CELL_WIDTH, HEADER + len(site.topics) * CELL_HEIGHT
    return HeatMap(width, height, columns, tuple(rows), tuple(cells))


def as_json(site: Site, report: Coverage, url: str) -> str:
    """coverage.json: the same report as data, each event by its id and address."""

    def listed(entries: tuple[Entry, ...]) -> list[dict[str, str]]:
        return [
            {"id": e.slug, "title": e.title, "date": e.date.edtf, "url": url + e.href.removesuffix("index.html")} for e in entries
        ]

    decades, counts = _counts(site)
    data = {
        "events": len(site.events),
        "years_without_events": list(report.years_without_events),
        "single_source": listed(report.single_source),
        "one_side_since_1991": {side: listed(entries) for side, entries in report.one_side},
        "plans_without_outcome": listed(report.open_plans),
        "events_per_topic_per_decade": {
            topic: {f"{decade}s": n for decade, n in row.items()} for topic, row in counts.items() if decades
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
