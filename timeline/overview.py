"""The charts of overview/: time across, one row per topic, a mark per event.

The overview shows the whole chronology, a year to a column; each era has a chart of its own with
several columns a year, so that busy years (1971, 2021) spread out. Every length is in CSS pixels:
the templates draw each chart at its own size (one SVG unit is one pixel, so text keeps its size)
in a box that scrolls sideways, beside a column of topic names that stays put.

All geometry is computed here; the templates only draw what they are given.
"""

from __future__ import annotations

import calendar
import textwrap
from dataclasses import dataclass
from functools import partial
from typing import Any

from .dates import Interval, PartialDate, When
from .language import gettext as _
from .model import Entry, Era, Site, Term, remembered

TARGET = 24  # a mark's target (a circle this wide), the width of a column and the step between stacked marks
STACK = 3  # marks stacked in one column of one row; when there are more, the last place is a "+n" badge
ERA_WIDTH = 1150  # about how wide an era chart is: whole columns a year, at least two
PAD = 12  # the plot's margin on the left and right
LANE_PAD = 6  # above and below a row's marks
LINE = 16  # from one line of text to the next
NAME_WIDTH = 128  # the column of topic names
NAME_CHARS = 14  # a topic name's line, in characters
BOLD_CHAR = 8.2  # generous widths of a character (DejaVu Sans, a wide face, averages less): 12-13 px bold text,
TEXT_CHAR = 7.6  # 13 px text,
LABEL_CHAR = 7.4  # 12 px text
TIP_CHARS = 26  # a line of a tip's title
TIP_LINES = 4  # lines of a tip's title; a longer one is cut with "…"
DATE_CHARS = 22  # a tip's first line, its date in bold: a longer one (a range) goes on to a second line
SHORT = 36  # a milestone's label: its title, cut to this many characters
GAP = 4  # between a tip and the row it is above, and between labels


@dataclass(frozen=True)
class Column:
    """One year of a chart: its first slot, how many slots, and the part of the year it covers."""

    year: int
    first: int
    slots: int
    start: float  # fractions of the year: an era may begin or end inside it
    end: float


@dataclass(frozen=True)
class Scale:
    """Time to slots: the chart's years as columns of slots, each slot one target wide."""

    columns: tuple[Column, ...]
    detail: bool  # an era chart (its badges lead to the era's chronology), not the overview (to an era chart)

    @property
    def width(self) -> float:
        last = self.columns[-1]
        return PAD * 2 + (last.first + last.slots) * TARGET

    def slot(self, when: When) -> int:
        """The slot of the column of the date's year that holds its middle (an interval's: its first known end's)."""
        date = when.known if isinstance(when, Interval) else when
        index = min(max(date.year - self.columns[0].year, 0), len(self.columns) - 1)
        column = self.columns[index]
        share = (_middle(date) - column.start) / (column.end - column.start)
        return column.first + min(max(int(share * column.slots), 0), column.slots - 1)

    def x(self, slot: float) -> float:
        """The middle of a slot; a slot's edge with a half."""
        return round(PAD + (slot + 0.5) * TARGET, 1)

    def at(self, year: int, fraction: float) -> float:
        """Where a moment of a year falls: `fraction` of the way through it."""
        column = next(c for c in self.columns if c.year == year)
        share = min(max((fraction - column.start) / (column.end - column.start), 0), 1)
        return round(PAD + (column.first + share * column.slots) * TARGET, 1)


@dataclass(frozen=True)
class Tip:
    """What a mark shows when pointed at or focused: the date, then the title, above the mark's row
    (where only rows drawn earlier are, so nothing is drawn over it)."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[tuple[float, str], ...]  # each line's baseline and text; the first is the date
    text_x: float
    leader: tuple[float, float, float]  # the line down to the mark: x, top, bottom
    bold: int = 1  # the date's lines, drawn in bold


@dataclass(frozen=True)
class Mark:
    """An event's mark, or a badge that stands for the events of its place that are not shown."""

    x: float
    y: float
    href: str
    label: str  # the link's accessible name
    tip: Tip
    milestone: bool = False
    more: int = 0  # a badge: how many events it stands for
    inexact: bool = False  # an approximate or uncertain date: a hollow, dashed dot

    reach = TARGET / 2  # the target's radius

    @property
    def radius(self) -> int:
        """The dot's: a milestone's is larger."""
        return 7 if self.milestone else 5

    @property
    def badge(self) -> tuple[float, float, float, float]:
        """A badge's box (left, top, side: a target) and its count's baseline."""
        return (self.x - TARGET / 2, self.y - TARGET / 2, TARGET, self.y + 4)


@dataclass(frozen=True)
class Lane:
    """One topic's row; its marks are placed from the row's top, so a row moved down stays equal."""

    name: str
    href: str
    lines: tuple[str, ...]  # the name, wrapped to the names' column
    height: float
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Name:
    """A row's name in the column beside the chart: a link to the topic, as tall as the row."""

    href: str
    top: float
    height: float
    lines: tuple[tuple[float, str], ...]  # each line's baseline and text


@dataclass(frozen=True)
class Band:
    """An era on the overview (named, linked to its chart), or a year on an era chart; every other one shaded."""

    name: str
    x: float
    width: float
    shade: bool
    href: str = ""
    lines: tuple[tuple[float, str], ...] = ()  # the name, wrapped to the band: baselines and text

    @property
    def text_x(self) -> float:
        return round(self.x + GAP, 1)


@dataclass(frozen=True)
class Tick:
    x: float
    year: int
    anchor: str = ""  # an id, for links to a year of an era chart


@dataclass(frozen=True)
class Milestone:
    """A milestone's label above the rows, and its line down through them."""

    x: float
    y: float  # the label's baseline
    href: str
    text: str  # the short title
    label: str  # the link's accessible name: the date and whole title
    start: bool  # the label runs right from the line (else it ends at it, by the right edge)
    box: tuple[float, float, float, float]  # the link's target: x, y, width, height

    @property
    def text_x(self) -> float:
        return self.x + GAP if self.start else self.x - GAP

    @property
    def top(self) -> float:
        return self.box[1] + self.box[3]


@dataclass(frozen=True)
class Frame:
    """What a chart shows besides its rows: its name, its bands and its years."""

    key: str  # "overview" or the era's id: names its rows among those drawn
    title: str
    description: str
    head: float  # the height of the row of band names above it all (0: none)
    bands: tuple[Band, ...]
    grid: tuple[float, ...]  # vertical lines: decades, or years
    ticks: tuple[Tick, ...]  # the labelled years, above the rows and below them


@dataclass(frozen=True)
class Chart:
    """A chart laid out: its frame, the topic names beside it, its rows and milestones."""

    frame: Frame
    width: float
    height: float
    names_width: int
    headings: tuple[tuple[float, str], ...]  # the names of the rows above the topics: baseline and text
    names: tuple[Name, ...]
    lanes: tuple[tuple[float, Lane], ...]  # each row with its top
    rules: tuple[float, ...]  # the lines between rows
    tick_top: float  # the baselines of the years above the rows and below them
    tick_bottom: float
    milestones: tuple[Milestone, ...]
    top: float  # of the rows
    bottom: float


def chart_href(era: Era) -> str:
    """The address of an era's chart."""
    return f"overview/{era.id}/index.html"


def overview(site: Site, memo: dict[str, Any] | None = None) -> Chart | None:
    """The whole chronology at a glance, a year to a column; None when there are no events.

    With a `memo` (the preview keeps one), a topic's row is worked out again only when what it
    shows of its events (their entries) or the span of years changes, not when a body does.
    """
    memo = {} if memo is None else memo
    entries = [event.entry for event in site.events]
    if not entries:
        return None
    first = min(min(e.date.year for e in entries), *(era.start.year for era in site.eras))
    last = max(max(e.date.year for e in entries), *(era.end.year for era in site.eras))
    scale = Scale(tuple(Column(year, year - first, 1, 0.0, 1.0) for year in range(first, last + 1)), detail=False)
    bands = tuple(_era_band(scale, era, index % 2 == 0) for index, era in enumerate(site.eras))
    head = max((len(band.lines) for band in bands), default=0) * LINE + 2 * GAP
    ticks = tuple(Tick(scale.x(c.first), c.year) for c in scale.columns if c.year % 5 == 0)
    grid = tuple(scale.at(c.year, 0) for c in scale.columns if c.year % 10 == 0 and c.first)
    title = _("Events by year and topic, {first}–{last}").format(first=first, last=last)
    about = _("The years {first} to {last} from left to right, a column each, eras shaded and named above; a row per topic.")
    about = about.format(first=first, last=last)
    return _chart(Frame("overview", title, about, head, bands, grid, ticks), site, scale, entries, memo)


def era_chart(site: Site, era: Era, entries: tuple[Entry, ...], memo: dict[str, Any] | None = None) -> Chart | None:
    """One era's events, several columns a year; None when it has none."""
    memo = {} if memo is None else memo
    if not entries:
        return None
    start, end = _fraction(era.start.first_key), _fraction(era.end.last_key, through=True)
    span = era.end.year + end - era.start.year - start
    per_year = max(2, round(ERA_WIDTH / span / TARGET))
    columns, first = [], 0
    for year in range(era.start.year, era.end.year + 1):
        covers = (start if year == era.start.year else 0.0, end if year == era.end.year else 1.0)
        slots = max(1, round((covers[1] - covers[0]) * per_year))
        columns.append(Column(year, first, slots, *covers))
        first += slots
    scale = Scale(tuple(columns), detail=True)
    bands = tuple(
        Band(str(c.year), scale.at(c.year, c.start), c.slots * TARGET, index % 2 == 1) for index, c in enumerate(columns)
    )
    ticks = tuple(Tick(scale.x(c.first + c.slots / 2 - 0.5), c.year, f"y{c.year}") for c in columns)
    grid = tuple(band.x for band in bands[1:])
    title = _("Events of {era} by date and topic, {dates}").format(era=era.name, dates=era.label)
    about = _("Time from left to right, {per_year} columns a year, the years shaded in turn; a row per topic.").format(
        per_year=per_year
    )
    return _chart(Frame(era.id, title, about, 0.0, bands, grid, ticks), site, scale, list(entries), memo)


def _chart(frame: Frame, site: Site, scale: Scale, entries: list[Entry], memo: dict[str, Any]) -> Chart:
    """The rows of a chart and the milestones above them, below the frame's band names."""
    rows = _rows(frame.key, site, scale, entries, memo)
    milestones, strip = _milestones(entries, scale, frame.head)
    room = max((-mark.tip.y for mark in (rows[0].marks if rows else ())), default=0.0) + 2  # for the first row's tips
    top = round(max(frame.head + strip + TARGET, room), 1)  # the years' row is just above the first
    lanes, y = [], top
    for lane in rows:
        lanes.append((y, lane))
        y = round(y + lane.height, 1)
    headings = [(frame.head / 2 + GAP, _("Era"))] if frame.head else []
    headings += [(frame.head + LINE, _("Milestones"))] if milestones else []
    headings.append((top - 8, _("Year")))
    return Chart(
        frame=frame,
        width=scale.width,
        height=round(y + TARGET + GAP, 1),
        names_width=NAME_WIDTH,
        headings=tuple(headings),
        names=tuple(_name(lane, top) for top, lane in lanes),
        lanes=tuple(lanes),
        rules=tuple(top for top, _ in lanes) + (y,),
        tick_top=top - 8,
        tick_bottom=round(y + LINE + GAP, 1),
        milestones=milestones,
        top=top,
        bottom=y,
    )


def _rows(key: str, site: Site, scale: Scale, entries: list[Entry], memo: dict[str, Any]) -> list[Lane]:
    """A row per topic that has events here, kept in `memo` while its entries and the scale stay equal."""
    tagged: dict[str, list[Entry]] = {topic.id: [] for topic in site.topics}
    for entry in entries:
        for topic in entry.topics:
            tagged[topic.id].append(entry)
    rows = ((topic, tagged[topic.id]) for topic in site.topics if tagged[topic.id])
    return [remembered(memo, f"lane {key} {t.id}", [t, scale, *shown], partial(_lane, t, shown, scale)) for t, shown in rows]


def _lane(topic: Term, entries: list[Entry], scale: Scale) -> Lane:
    """A topic's events as marks, stacked where they share a slot; beyond STACK, a badge."""
    slots: dict[int, list[Entry]] = {}
    for entry in entries:
        slots.setdefault(scale.slot(entry.date), []).append(entry)
    marks = []
    for slot, found in slots.items():
        shown = sorted(found, key=lambda entry: not entry.milestone)  # milestones first, then by date
        if len(shown) > STACK:
            shown, rest = shown[: STACK - 1], shown[STACK - 1 :]
        else:
            rest = []
        x = scale.x(slot)
        for level, entry in enumerate(shown):
            y = _level(level)
            title = _wrap(entry.title, TIP_CHARS, max_lines=TIP_LINES, placeholder=" …")
            date = _date_lines(entry.date_label)
            label = f"{entry.date_label}: {entry.title}"
            tip = _tip(x, y, (*date, *title), scale.width, len(date))
            marks.append(Mark(x, y, entry.href, label, tip, entry.milestone, inexact=entry.date.inexact))
        if rest:
            marks.append(_badge(topic, rest, x, _level(len(shown)), scale))
    levels = max(min(len(found), STACK) for found in slots.values())
    lines = _wrap(topic.name, NAME_CHARS, break_long_words=False) or (topic.name,)
    height = max(levels * TARGET, len(lines) * LINE) + 2 * LANE_PAD
    return Lane(topic.name, topic.href, lines, height, tuple(marks))


def _level(level: int) -> float:
    return float(LANE_PAD + level * TARGET + TARGET // 2)


def _badge(topic: Term, rest: list[Entry], x: float, y: float, scale: Scale) -> Mark:
    """A "+n" for the events of a slot not shown: to the year on the era's chart (from the overview),
    or in the era's chronology (from an era chart)."""
    year, era = rest[0].date.year, rest[0].era
    where = (f"{era.href}#{era.id}-{year}", "in the era's chronology") if scale.detail else (
        f"{chart_href(era)}#y{year}", "on the era's own chart")  # fmt: skip
    label = f"{len(rest)} more {topic.name} events of {year}, {where[1]}"
    lines = (f"{year}: {len(rest)} more events", where[1])
    return Mark(x, y, where[0], label, _tip(x, y, lines, scale.width), more=len(rest))


def _tip(x: float, y: float, lines: tuple[str, ...], width: float, bold: int = 1) -> Tip:
    """A box with the lines (the first `bold` ones in bold), ending GAP above its row (whose top is
    0), over the mark as far as the chart's edges allow."""
    widths = (len(line) * (BOLD_CHAR if i < bold else TEXT_CHAR) for i, line in enumerate(lines))
    wide = round(max(widths) + 2 * GAP + 8, 1)
    tall = len(lines) * LINE + 2 * GAP + 4
    left = round(min(max(x - wide / 2, 2), width - wide - 2), 1)
    top = -GAP - tall
    baselines = tuple((top + GAP + 14 + i * LINE, line) for i, line in enumerate(lines))
    return Tip(left, top, wide, tall, baselines, round(left + GAP + 4, 1), (x, -GAP, y - TARGET / 2), bold)


def _name(lane: Lane, top: float) -> Name:
    lines = tuple((round(top + LANE_PAD + LINE + i * LINE, 1), line) for i, line in enumerate(lane.lines))
    return Name(lane.href, top, lane.height, lines)


def _era_band(scale: Scale, era: Era, shade: bool) -> Band:
    """An era on the overview, its name wrapped to its width (cut with "…" after three lines)."""
    start = scale.at(era.start.year, _fraction(era.start.first_key))
    end = scale.at(era.end.year, _fraction(era.end.last_key, through=True))
    width = round(end - start, 1)
    fits = max(int((width - 2 * GAP) / BOLD_CHAR), 4)
    lines = _wrap(era.name, fits, max_lines=3, placeholder="…")
    baselines = tuple((float(GAP + 13 + i * LINE), line) for i, line in enumerate(lines))
    return Band(era.name, start, width, shade, chart_href(era), baselines)


def _milestones(entries: list[Entry], scale: Scale, top: float) -> tuple[tuple[Milestone, ...], float]:
    """The milestones' labels, each on the first line (from `top` down) where it meets no other,
    running right from its line or else ending at it; and the height of their lines together."""
    placed: list[list[tuple[float, float]]] = []  # per line, the spans taken
    found = []
    for entry in (entry for entry in entries if entry.milestone):
        x = scale.x(scale.slot(entry.date))
        text = entry.title if len(entry.title) <= SHORT else textwrap.shorten(entry.title, SHORT, placeholder=" …")
        wide = len(text) * LABEL_CHAR + 2 * GAP
        both = ((x - GAP, x - GAP + wide), (x + GAP - wide, x + GAP))  # running right from the line, or ending at it
        spans = [span for span in both if span[0] >= 0 and span[1] <= scale.width] or [both[0]]
        line, span = next(
            ((i, span) for i, taken in enumerate(placed) for span in spans if not any(_meet(span, other) for other in taken)),
            (len(placed), spans[0]),
        )
        if line == len(placed):
            placed.append([])
        placed[line].append(span)
        y = top + line * TARGET
        box = (round(span[0], 1), y, round(wide, 1), float(TARGET))
        label = _("Milestone, {date}: {title}").format(date=entry.date_label, title=entry.title)
        found.append(Milestone(x, y + LINE, entry.href, text, label, span == both[0], box))
    return tuple(found), len(placed) * TARGET


def _date_lines(label: str) -> tuple[str, ...]:
    """A tip's date, in bold: a long range breaks after its dash ("30 January – " over "2 February 2023 ")."""
    first, dash, rest = label.partition(" – ")
    return (label + " ",) if len(label) <= DATE_CHARS or not dash else (first + dash, rest + " ")


def _wrap(text: str, width: int, **options: Any) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters, broken at spaces and after hyphens; each line
    but the last keeps the space it broke at, so that the lines read (and are named) as the text."""
    lines = textwrap.wrap(text, width, **options)
    return tuple(line if i == len(lines) - 1 or line.endswith("-") else line + " " for i, line in enumerate(lines))


def _meet(span: tuple[float, float], other: tuple[float, float]) -> bool:
    """Whether two labels' spans overlap or come closer than GAP."""
    return span[0] < other[1] + GAP and other[0] < span[1] + GAP


def _middle(date: PartialDate) -> float:
    """The middle of the time a date stands for, as a fraction of its year."""
    if date.month is None:
        return 0.5
    days = calendar.monthrange(date.year, date.month)[1]
    within = 0.5 if date.day is None else (date.day - 0.5) / days
    return (date.month - 1 + within) / 12


def _fraction(day: tuple[int, int, int], through: bool = False) -> float:
    """How far through its year a (year, month, day) begins, or with `through`, ends."""
    year, month, day_of_month = day
    days = calendar.monthrange(year, max(month, 1))[1]
    return (max(month, 1) - 1 + (max(day_of_month, 1) - (0 if through else 1)) / days) / 12
