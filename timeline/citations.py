"""Citations as CSL data: the JSON of the Citation Style Language that reference managers exchange
(CSL-JSON), for an event as an entry of the chronology and for each source it cites.

An event is cited as a page of the chronology: its title, the site's title as the container, the
address of its page, issued when the chronology was last brought up to date (`updated` in
site.yaml), and the day it happened as the CSL `event-date` (only beside an issued date: a
style may print an event's date in place of a missing one, as Chicago does, which would pass the
event's year off as the page's). A source is cited as what it is: a
news report or opinion piece as a newspaper article, a reference work's page as an encyclopedia
entry, anything else as a web page, with only what the source shows (its author, publisher,
date and address). Nothing is guessed: an author is a name as the source gives it, never split
into family and given names, and a missing date stays missing.

The formatting of these items (APA, Chicago) is in `styles`; the files made of them in
`bibliography`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .dates import Interval, PartialDate, When
from .model import Event, Settings, Site, Source

Item = dict[str, Any]  # one CSL-JSON item
DateParts = list[int]

EVENT_TYPE = "webpage"
SOURCE_TYPES = {  # a source's kind -> its CSL item type
    "news": "article-newspaper",
    "opinion": "article-newspaper",
    "reference": "entry-encyclopedia",
    "official": "webpage",
    "analysis": "webpage",
}


def event_id(event: Event) -> str:
    """ "event:1966-01-10-tashkent-declaration": the item's id, and its BibTeX key."""
    return f"event:{event.slug}"


def source_id(source: Source) -> str:
    return f"source:{source.id}"


def csl_date(date: When, end: PartialDate | None = None) -> dict[str, Any]:
    """A CSL date with no more precision than known: `date-parts` of a year, a year and month, or a
    full date; two of them for a range (an interval, an event with an `end`, or a decade, which
    is some year from its first to its last); `circa` when any part is approximate or uncertain.
    An interval open at one end has no CSL form, so it is given in words as a literal date
    ("before 6 July 1970"), which processors print as it is."""
    if isinstance(date, Interval):
        if date.start is None or date.end is None:
            return {"literal": date.label}
        return _range(date.start, date.end)
    if end is not None and end != date:
        return _range(date, end)
    if date.digits < 4:
        return _range(date, date)
    return _circa({"date-parts": [_parts(date)]}, date)


def _range(start: PartialDate, end: PartialDate) -> dict[str, Any]:
    return _circa({"date-parts": [_first(start), _last(end)]}, start, end)


def _circa(value: dict[str, Any], *dates: PartialDate) -> dict[str, Any]:
    return {**value, "circa": True} if any(date.inexact for date in dates) else value


def _parts(date: PartialDate) -> DateParts:
    """[1948], [1948, 5] or [1948, 5, 1]: only what is known."""
    return [part for part in (date.year, date.month, date.day) if part is not None]


def _first(date: PartialDate) -> DateParts:
    """A range's first end: the date's parts, or for a decade or century its first year."""
    return _parts(date) if date.digits == 4 else [date.year]


def _last(date: PartialDate) -> DateParts:
    """A range's last end: the date's parts, or for a decade or century its last year."""
    return _parts(date) if date.digits == 4 else [date.last[0]]


def event_item(settings: Settings, event: Event, url: str) -> Item:
    """An event as an entry (a web page) of the chronology; `url` is its page's address."""
    item: Item = {
        "id": event_id(event),
        "type": EVENT_TYPE,
        "title": event.title,
        "container-title": settings.title,
        "URL": url,
        "abstract": event.summary,
        "language": settings.language,
    }
    if settings.updated is not None:  # without it, the page's date is unknown, and Chicago would print the event's instead
        item["issued"] = csl_date(settings.updated)
        item["event-date"] = csl_date(event.date, event.end)
    return item


def source_item(source: Source, url: str) -> Item:
    """A source as the article or page it is, with only what it shows (its publisher is the
    container: the newspaper or site); `url` is its page on this site, given in a note as where
    an archived text is kept."""
    item: Item = {"id": source_id(source), "type": SOURCE_TYPES.get(source.kind, "webpage"), "title": source.title}
    if source.author:
        item["author"] = [{"literal": source.author}]  # as the source gives it: "Staff Report", "Reuters", "A Z Hilali"
    if source.publisher:
        item["container-title"] = source.publisher  # the newspaper, agency or site, as the source shows it
    if source.date:
        item["issued"] = csl_date(source.date)
    if source.url:
        item["URL"] = source.url
    if not source.external:
        item["note"] = f"Archived text: {url}"  # its page on this site, the quoted passages highlighted
    return item


def cited_sources(site: Site) -> tuple[Source, ...]:
    """The sources the published events cite, each once, in the order of content/sources.yaml."""
    cited = {ident for event in site.events for ident in event.source_ids}
    return tuple(source for source in site.sources if source.id in cited)


def items(site: Site, address: Callable[[str], str], sources: Iterable[Source] | None = None) -> list[Item]:
    """Every event's item, in chronological order, then every cited source's; `address` makes a
    page's absolute address from its path in the site (render.canonical)."""
    events = [event_item(site.settings, event, address(event.href)) for event in site.events]
    cited = cited_sources(site) if sources is None else tuple(sources)
    return events + [source_item(source, address(source.href)) for source in cited]
