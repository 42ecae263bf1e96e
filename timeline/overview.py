"""The visual overview: years along an axis, era bands, one lane per topic, a mark per event.

All geometry is computed here; the template only draws what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from .model import Entry, Site, Term, remembered

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
    """One topic's row; its marks are placed from the row's top, so a row moved down stays equal."""

    name: str
    href: str
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
    lanes: tuple[tuple[float, Lane], ...]  # each row with its top
    bands: tuple[Band, ...]
    ticks: tuple[Tick, ...]
    first: int
    last: int


def overview(site: Site, memo: dict[str, Any] | None = None) -> Overview | None:
    """The whole chronology at a glance; None when there are no events.

    With a `memo` (the preview keeps one), a topic's row is worked out again only when what it
    shows of its events (their entries) or the span of years changes, not when a body does.
    """
    memo = {} if memo is None else memo
    entries = [event.entry for event in site.events]
    if not entries:
        return None
    first = min(min(e.date.year for e in entries), *(era.start.year for era in site.eras))
    last = max(max(e.date.year for e in entries), *(era.end.year for era in site.eras))
    scale = Scale(first, (WIDTH - LEFT - RIGHT) / (last - first + 1))
    tagged: dict[str, list[Entry]] = {topic.id: [] for topic in site.topics}
    for entry in entries:
        for topic in entry.topics:
            tagged[topic.id].append(entry)
    lanes, top = [], float(TOP)
    for topic in site.topics:
        shown = tagged[topic.id]
        if shown:
            lane = remembered(memo, f"lane {topic.id}", [topic, scale, *shown], partial(_lane, topic, shown, scale))
            lanes.append((top, lane))
            top += lane.height
    bands = []
    for index, era in enumerate(site.eras):
        start, end = _when(era.start.sort_key), _when(era.end.last_key) + 1 / 365
        width = round(scale.x(end) - scale.x(start), 1)
        label = era.name if len(era.name) * CHAR_WIDTH < width - 4 else ""
        bands.append(Band(era.name, label, scale.x(start), width, index % 2 == 0))
    ticks = tuple(Tick(scale.x(year), year) for year in range(first - first % 10 + 10 if first % 10 else first, last + 1, 10))
    return Overview(WIDTH, round(top + 24, 1), tuple(lanes), tuple(bands), ticks, first, last)


def _when(day: tuple[int, int, int]) -> float:
    """A (year, month, day) as a year with its fraction: eras begin and end on days, not years."""
    year, month, day_of_month = day
    return year + (max(month, 1) - 1) / 12 + (max(day_of_month, 1) - 1) / 365


@dataclass(frozen=True)
class Scale:
    """Years to x: the first year shown, and the width of one year."""

    first: int
    per_year: float

    def x(self, year: float) -> float:
        return round(LEFT + (year - self.first) * self.per_year, 1)


def _lane(topic: Term, entries: list[Entry], scale: Scale) -> Lane:
    """A topic's events as marks, stacked where they share a year."""
    stacks: dict[int, int] = {}
    marks = []
    for entry in entries:
        level = stacks.get(entry.date.year, 0)
        stacks[entry.date.year] = level + 1
        y = round(LANE_GAP / 2 + level * STEP + STEP / 2, 1)
        marks.append(Mark(scale.x(entry.date.year + 0.5), y, entry.href, f"{entry.date_label}: {entry.title}"))
    height = max(max(stacks.values()) * STEP + LANE_GAP, 22)
    return Lane(topic.name, topic.href, height, tuple(marks))
