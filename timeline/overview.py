"""The visual overview: years along an axis, era bands, one lane per topic, a mark per event.

All geometry is computed here; the template only draws what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Entry, Era, Site, Term, remembered

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
    inputs = [site.topics, site.eras, *entries]
    return remembered({} if memo is None else memo, "overview", inputs, lambda: _chart(entries, site.topics, site.eras))


def _chart(entries: list[Entry], topics: tuple[Term, ...], eras: tuple[Era, ...]) -> Overview | None:
    if not entries:
        return None
    first = min(min(e.date.year for e in entries), *(era.start.year for era in eras))
    last = max(max(e.date.year for e in entries), *(era.end.year for era in eras))
    per_year = (WIDTH - LEFT - RIGHT) / (last - first + 1)

    def x(year: float) -> float:
        return round(LEFT + (year - first) * per_year, 1)

    tagged: dict[str, list[Entry]] = {}
    for entry in entries:
        for topic in entry.topics:
            tagged.setdefault(topic.id, []).append(entry)
    lanes, top = [], float(TOP)
    for topic in topics:
        stacks: dict[int, int] = {}
        levels = []
        for entry in tagged.get(topic.id, []):
            year = entry.date.year
            levels.append((stacks.get(year, 0), entry))
            stacks[year] = stacks.get(year, 0) + 1
        if not levels:
            continue
        height = max(max(stacks.values()) * STEP + LANE_GAP, 22)
        marks = tuple(
            Mark(
                x(entry.date.year + 0.5),
                round(top + LANE_GAP / 2 + level * STEP + STEP / 2, 1),
                entry.href,
                f"{entry.date_label}: {entry.title}",
            )
            for level, entry in levels
        )
        lanes.append(Lane(topic.name, topic.href, top, height, marks))
        top += height
    bands = []
    for index, era in enumerate(eras):
        width = round(x(era.end.year + 1) - x(era.start.year), 1)
        label = era.name if len(era.name) * CHAR_WIDTH < width - 4 else ""
        bands.append(Band(era.name, label, x(era.start.year), width, index % 2 == 0))
    ticks = tuple(Tick(x(year), year) for year in range(first - first % 10 + 10 if first % 10 else first, last + 1, 10))
    return Overview(WIDTH, round(top + 24, 1), tuple(lanes), tuple(bands), ticks, first, last)
