"""The visual overview: years along an axis, era bands, one lane per topic, a mark per event.

All geometry is computed here; the template only draws what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Site, unchanged

LEFT, RIGHT, TOP = 150, 16, 34  # margins, in SVG units (the topic names sit in the left one)
WIDTH = 1000
STEP = 8  # vertical distance between marks stacked in one year of one lane
LANE_GAP = 10
CHAR_WIDTH = 6.2  # average width of a label character at the chart's font size


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    href: str
    label: str  # the event's date and title: the link's accessible name


@dataclass(frozen=True)
class Lane:
    name: str
    href: str
    y: float  # top of the lane
    height: float
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Band:
    name: str
    label: str  # the name when it fits in the band, else nothing (the name stays in the band's tooltip)
    x: float
    width: float
    shade: bool  # every other era is shaded


@dataclass(frozen=True)
class Tick:
    x: float
    year: int


@dataclass(frozen=True)
class Overview:
    width: int
    height: float
    lanes: tuple[Lane, ...]
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    first: int
    last: int


def overview(site: Site, memo: dict[str, Any] | None = None) -> Overview | None:
    """The whole chronology at a glance; None when there are no events.

    With a `memo` (the preview keeps one), the chart is drawn again only when what it shows of the
    events (their entries), the topics or the eras change, not when a body does.
    """
    entries = [event.entry for event in site.events]
    memo = {} if memo is None else memo
    previous = memo.get("overview")
    inputs = (site.topics, site.eras)
    if previous is None or previous[1] != inputs or not unchanged(previous[0], entries):
        shown = tuple((e.href, e.title, e.date_label, e.date.year, tuple(t.id for t in e.topics)) for e in entries)
        topics = tuple((t.id, t.name, t.href) for t in site.topics)
        eras = tuple((era.name, era.start.year, era.end.year) for era in site.eras)
        previous = (entries, inputs, _chart(shown, topics, eras))
        memo["overview"] = previous
    return previous[2]


Shown = tuple[tuple[str, str, str, int, tuple[str, ...]], ...]


def _chart(events: Shown, topics: tuple[tuple[str, str, str], ...], eras: tuple[tuple[str, int, int], ...]) -> Overview | None:
    if not events:
        return None
    first = min(min(year for _, _, _, year, _ in events), *(start for _, start, _ in eras))
    last = max(max(year for _, _, _, year, _ in events), *(end for _, _, end in eras))
    per_year = (WIDTH - LEFT - RIGHT) / (last - first + 1)

    def x(year: float) -> float:
        return round(LEFT + (year - first) * per_year, 1)

    tagged: dict[str, list[tuple[str, str, str, int]]] = {}
    for href, title, label, year, topic_ids in events:
        for topic_id in topic_ids:
            tagged.setdefault(topic_id, []).append((href, title, label, year))
    lanes, top = [], float(TOP)
    for topic_id, name, topic_href in topics:
        stacks: dict[int, int] = {}
        levels = []
        for href, title, label, year in tagged.get(topic_id, []):
            levels.append((stacks.get(year, 0), href, f"{label}: {title}", year))
            stacks[year] = stacks.get(year, 0) + 1
        if not levels:
            continue
        height = max(max(stacks.values()) * STEP + LANE_GAP, 22)
        marks = tuple(
            Mark(x(year + 0.5), round(top + LANE_GAP / 2 + level * STEP + STEP / 2, 1), href, text)
            for level, href, text, year in levels
        )
        lanes.append(Lane(name, topic_href, top, height, marks))
        top += height
    bands = []
    for index, (name, start, end) in enumerate(eras):
        width = round(x(end + 1) - x(start), 1)
        bands.append(Band(name, name if len(name) * CHAR_WIDTH < width - 4 else "", x(start), width, index % 2 == 0))
    ticks = tuple(Tick(x(year), year) for year in range(first - first % 10 + 10 if first % 10 else first, last + 1, 10))
    return Overview(WIDTH, round(top + 24, 1), tuple(lanes), tuple(bands), ticks, first, last)
