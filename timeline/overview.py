"""The visual overview: years along an axis, era bands, one lane per topic, a mark per event.

All geometry is computed here; the template only draws what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Site

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


def overview(site: Site) -> Overview | None:
    """The whole chronology at a glance; None when there are no events."""
    if not site.events:
        return None
    first = min(min(e.date.year for e in site.events), *(era.start.year for era in site.eras))
    last = max(max(e.date.year for e in site.events), *(era.end.year for era in site.eras))
    span = last - first + 1
    per_year = (WIDTH - LEFT - RIGHT) / span

    def x(year: float) -> float:
        return round(LEFT + (year - first) * per_year, 1)

    lanes, top = [], float(TOP)
    for topic in site.topics:
        stacks: dict[int, int] = {}
        marks = []
        for event in site.events:
            if topic not in event.topics:
                continue
            level = stacks.get(event.date.year, 0)
            stacks[event.date.year] = level + 1
            marks.append(Mark(x(event.date.year + 0.5), level, event.href, f"{event.date_label}: {event.title}"))
        if not marks:
            continue
        height = max(max(stacks.values()) * STEP + LANE_GAP, 22)
        placed = tuple(Mark(m.x, round(top + LANE_GAP / 2 + m.y * STEP + STEP / 2, 1), m.href, m.label) for m in marks)
        lanes.append(Lane(topic.name, topic.href, top, height, placed))
        top += height
    bands = []
    for index, era in enumerate(site.eras):
        width = round(x(era.end.year + 1) - x(era.start.year), 1)
        label = era.name if len(era.name) * CHAR_WIDTH < width - 4 else ""
        bands.append(Band(era.name, label, x(era.start.year), width, index % 2 == 0))
    ticks = tuple(Tick(x(year), year) for year in range(first - first % 10 + 10 if first % 10 else first, last + 1, 10))
    return Overview(WIDTH, round(top + 24, 1), tuple(lanes), tuple(bands), ticks, first, last)
