"""Plain, frozen data: what the site is made of. No I/O here."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urlsplit

from . import archive
from .archive import Snapshot
from .dates import Day, PartialDate, When, range_label
from .editions import EDITIONS, ENGLISH, Edition
from .language import N_


@dataclass(frozen=True)
class Problem:
    """A content mistake, reported as `path:line: message`; a command-line option's as `--option: message`."""

    path: str
    line: int  # 0: not in a file (a command-line option)
    message: str

    def __str__(self) -> str:
        """`path:line: message`; a problem outside any file (a command-line option) has line 0 and shows none."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return visible(f"{where}: {self.message}")


class ContentError(Exception):
    """A content file that cannot be read or parsed: carries the Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# Characters a terminal or a CI log would act on instead of showing: C0 and C1 controls (line
# breaks included: a report is one line per problem), and the bidirectional overrides.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character written as an escape, e.g. \\x1b, so none reaches a terminal."""
    return INVISIBLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Settings:
    title: str
    description: str
    language: str
    base_url: str
    repository: str | None = None  # e.g. https://github.com/USER/REPO, for "edit this page" links
    branch: str = "main"
    cname: str | None = None  # custom domain: written to CNAME for GitHub Pages
    updated: PartialDate | None = None  # when the chronology was last brought up to date
    translators: str = ""  # in a translated edition: who translated it (content/site.<lang>.yaml)


@dataclass(frozen=True)
class Term:
    """A topic, person or place: anything an event is tagged with."""

    kind: str  # "topics", "people" or "places"
    id: str
    name: str
    description: str  # a topic's description, a person's role
    href: str
    country: str = ""
    variants: tuple[str, ...] = ()  # other spellings of a person's name in the sources


@dataclass(frozen=True)
class Era:
    id: str
    name: str
    start: PartialDate
    end: PartialDate
    description: str
    href: str

    @property
    def label(self) -> str:
        return range_label(self.start, self.end)


@dataclass(frozen=True)
class Span:
    """A quoted passage's place in an archived text: [start, end) character offsets."""

    start: int
    end: int
    anchor: str


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str
    href: str
    date: PartialDate | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive: str | None = None  # file name in seeds/
    origin: str | None = None  # pakistan, soviet-union, russia, third-country, international or unknown
    archive_url: Snapshot | None = None  # a copy of `url` in the Internet Archive the editor chose
    text: str = ""  # the archived text, when there is one

    @property
    def external(self) -> bool:
        return self.archive is None

    @property
    def copies(self) -> str | None:
        """The Internet Archive's list of every copy of its address."""
        return archive.copies(self.url) if self.url else None

    @property
    def site(self) -> str | None:
        """The web site that published it, from its address: "dawn.com"."""
        host = urlsplit(self.url).hostname if self.url else None
        return host.removeprefix("www.") if host else None

    @property
    def published_by(self) -> str | None:
        """Who published it: as the source shows, else the site its address names."""
        return self.publisher or self.site

    @property
    def origin_label(self) -> str:
        return ORIGIN_LABELS[self.origin or "unknown"]


ORIGIN_LABELS = {  # marked for the catalogs (N_), translated where they are shown
    "pakistan": N_("Pakistani"),
    "soviet-union": N_("Soviet"),
    "russia": N_("Russian"),
    "third-country": N_("third-country"),
    "international": N_("international"),
    "unknown": N_("unknown"),
}


ORIGIN_ORDER = tuple(ORIGIN_LABELS.values())
BOTH_SIDES_FROM = 1991  # since the Russian Federation: a Pakistani and a Russian source are expected
SIDES = {  # origin -> the side of the event's "How each side reported it"
    "pakistan": "Pakistani",
    "soviet-union": "Soviet or Russian",
    "russia": "Soviet or Russian",
    "third-country": "Third-country and international",
    "international": "Third-country and international",
    "unknown": "Of unknown origin",
}
# The words pages show for an origin and a side, in the catalogs.
SOURCES_OF = {
    "Pakistani": N_("Pakistani sources"),
    "Soviet": N_("Soviet sources"),
    "Russian": N_("Russian sources"),
    "third-country": N_("Third-country sources"),
    "international": N_("International sources"),
    "unknown": N_("Unknown origin sources"),
    "Soviet or Russian": N_("Soviet or Russian sources"),
    "Third-country and international": N_("Third-country and international sources"),
    "Of unknown origin": N_("Sources of unknown origin"),
}
KINDS = {
    "news": N_("News"),
    "opinion": N_("Opinion"),
    "official": N_("Official"),
    "analysis": N_("Analysis"),
    "reference": N_("Reference"),
}


@dataclass(frozen=True)
class Citation:
    source: Source
    quote: str | None
    note: str | None
    span: Span | None  # where the quote stands in the archived text
    translation: str | None = None  # in a translated edition: our translation of the quote, shown beside it

    @property
    def anchor(self) -> str | None:
        """The id of the quoted passage on the source page."""
        return self.span.anchor if self.span else None

    @property
    def href(self) -> str:
        return f"{self.source.href}#{self.anchor}" if self.span else self.source.href


@dataclass(frozen=True)
class Entry:
    """What a list, a pager or a feed shows of an event: an edit to its body leaves it equal,
    so the preview does not rewrite the pages that list the event."""

    slug: str
    title: str
    date: When
    end: PartialDate | None
    summary: str
    topics: tuple[Term, ...]
    era: Era
    milestone: bool = False  # a turning point: marked in lists and on the chart

    @property
    def href(self) -> str:
        return f"events/{self.slug}/index.html"

    @property
    def date_label(self) -> str:
        return range_label(self.date, self.end)


@dataclass(frozen=True)
class Event:
    slug: str
    path: str  # content file, relative to the project root
    title: str
    date: When
    end: PartialDate | None
    summary: str
    body: str  # Markdown
    topics: tuple[Term, ...]
    people: tuple[Term, ...]
    places: tuple[Term, ...]
    citations: tuple[Citation, ...]
    era: Era
    date_basis: str | None = None
    sources_differ: str | None = None
    coverage_note: str | None = None  # why it rests on few sources: what was searched
    plan: bool = False  # it records a plan, an invitation, an offer, an announcement or a deadline
    outcome: str | None = None  # the slug of the event that fulfilled, replaced or cancelled it
    milestone: bool = False  # a turning point of the relationship
    body_lang: str = ""  # the body's language when it is not the page's: "en" in an edition that has no translation of it

    @property
    def href(self) -> str:
        return self.entry.href

    @property
    def date_label(self) -> str:
        return self.entry.date_label

    @cached_property
    def sort_key(self) -> tuple[tuple[Day, int], str]:
        return (self.date.sort_key, self.slug)

    @cached_property
    def entry(self) -> Entry:
        return Entry(self.slug, self.title, self.date, self.end, self.summary, self.topics, self.era, self.milestone)

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """The sources it cites, each once, in the order first cited."""
        return tuple(dict.fromkeys(citation.source.id for citation in self.citations))

    @cached_property
    def cited_sources(self) -> tuple[tuple[Source, tuple[Citation, ...]], ...]:
        """Each source once, in the order first cited, with every citation of it: the numbered list
        readers refer to, instead of the same title repeated for each quote."""
        grouped: dict[str, list[Citation]] = {}
        for citation in self.citations:
            grouped.setdefault(citation.source.id, []).append(citation)
        return tuple((cited[0].source, tuple(cited)) for cited in grouped.values())

    @cached_property
    def balance(self) -> tuple[tuple[str, int], ...]:
        """How many of its sources each origin gave, most first: (("Pakistani", 2), ("Russian", 1))."""
        counts: dict[str, int] = {}
        for source, _ in self.cited_sources:
            counts[source.origin_label] = counts.get(source.origin_label, 0) + 1
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], ORIGIN_ORDER.index(item[0]))))

    @cached_property
    def sides(self) -> tuple[tuple[str, tuple[tuple[int, Citation], ...]], ...]:
        """Each side's citations with their sources' numbers, when more than one side is cited:
        what Pakistani, Soviet or Russian, and other sources said of the event, side by side."""
        grouped: dict[str, list[tuple[int, Citation]]] = {side: [] for side in SIDES.values()}
        for number, (source, citations) in enumerate(self.cited_sources, 1):
            grouped[SIDES[source.origin or "unknown"]] += [(number, citation) for citation in citations]
        found = tuple((side, tuple(cited)) for side, cited in grouped.items() if cited)
        return found if len(found) > 1 else ()

    @property
    def independent_sources(self) -> int:
        """Sources counted once per publisher (a publisher not shown counts as its own)."""
        return len({c.source.publisher or c.source.id for c in self.citations})


@dataclass(frozen=True)
class YearGroup:
    year: int
    events: tuple[Entry, ...]


@dataclass(frozen=True)
class EraGroup:
    era: Era
    years: tuple[YearGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(year.events) for year in self.years)


@dataclass(frozen=True)
class FileDates:
    """When an event file was first committed (under any earlier name), and when a commit last changed what it says."""

    published: datetime.datetime
    updated: datetime.datetime


@dataclass(frozen=True)
class History:
    """What the repository's history says of the event files (timeline/history.py reads it)."""

    files: Mapping[str, FileDates] = field(default_factory=dict)  # path, as Event.path -> its dates
    missing: str = ""  # why there is no history at all: "not a git checkout", "git is not installed"


@dataclass(frozen=True)
class Site:
    settings: Settings
    events: tuple[Event, ...]  # in chronological order
    topics: tuple[Term, ...]
    people: tuple[Term, ...]
    places: tuple[Term, ...]
    eras: tuple[Era, ...]
    sources: tuple[Source, ...]
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # source id -> passages
    introduction: str = ""  # Markdown: the home page's story in outline, linking to events
    translations: dict[str, Translation] = field(default_factory=dict)  # language -> what is translated into it
    history: History = field(default_factory=History)  # when each event file was added and last changed, for the feed

    @property
    def editions(self) -> tuple[Edition, ...]:
        """English, and each edition whose content/site.<lang>.yaml is there, in the order of EDITIONS."""
        return tuple(edition for edition in EDITIONS if edition is ENGLISH or edition.lang in self.translations)


@dataclass(frozen=True)
class Text:
    """One translated entry: its words by field, and whether the English has changed since."""

    path: str
    line: int
    values: dict[str, str]
    body: str = ""  # Markdown; empty: the body is not translated yet
    variants: tuple[str, ...] = ()
    stale: bool = False
    quotes: dict[int, str] = field(default_factory=dict)  # an event's: citation number (from 1) -> our translation of its quote


@dataclass(frozen=True)
class Translation:
    """Everything translated into one language."""

    lang: str
    events: dict[str, Text] = field(default_factory=dict)  # slug -> its translation
    terms: dict[str, dict[str, Text]] = field(default_factory=dict)  # "topics", "eras"... -> id -> its translation
    introduction: Text | None = None
    site: Text | None = None  # the site's title and description, and who translated


def by_year(entries: tuple[Entry, ...]) -> tuple[YearGroup, ...]:
    """Group chronologically sorted events by year."""
    groups: dict[int, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.date.year, []).append(entry)
    return tuple(YearGroup(year, tuple(items)) for year, items in groups.items())


T = TypeVar("T")


def remembered(memo: dict[Any, Any], key: Hashable, inputs: Iterable[object], make: Callable[[], T]) -> T:
    """What `make` gave for equal `inputs` last time (the preview keeps `memo`), else a new result."""
    inputs = tuple(inputs)
    kept = memo.get(key)
    if kept is None or kept[0] != inputs:  # items compare by identity first, so the same objects compare fast
        kept = memo[key] = (inputs, make())
    return kept[1]


def changed_in_place(before: Sequence[Event], after: Sequence[Event]) -> list[int] | None:
    """The places where `after` holds another object than `before`, when both list the same events
    (by slug) in the same order; None when events were added, removed or moved."""
    if len(before) != len(after):
        return None
    changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old is not new]
    return None if any(after[i].slug != before[i].slug for i in changed) else changed
