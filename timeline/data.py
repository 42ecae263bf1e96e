"""The chronology as data for reuse: JSON with every field, CSV, TimelineJS, and schema.org JSON-LD."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from .dates import Interval, PartialDate, iso_day
from .model import Event, Site, Term, remembered

RELATED = 4  # related events shown per event
NEIGHBOURS = 3  # per shared topic, person or place: the events this close in its own chronology


Tags = tuple[str, tuple[Term, ...], tuple[Term, ...], tuple[Term, ...]]  # an event's slug, topics, people, places


def related(site: Site, memo: dict[str, Any] | None = None) -> dict[str, tuple[str, ...]]:
    """For each event's slug, the slugs of the events nearest in time that share most of its people,
    places and topics.

    Only neighbours in each shared term's chronology are considered, so this stays linear in the
    number of events; a shared person or place weighs more than a shared topic. The result
    depends only on the order and tagging of events: with a `memo` (the preview keeps one) it is
    worked out again only when those change.
    """
    tags = [(event.slug, event.topics, event.people, event.places) for event in site.events]
    return remembered({} if memo is None else memo, "related", tags, lambda: _related(tags))


def _related(tags: list[Tags]) -> dict[str, tuple[str, ...]]:
    tagging = [(slug, [f"{t.kind}:{t.id}" for t in topics + people + places]) for slug, topics, people, places in tags]
    position = {slug: index for index, (slug, _) in enumerate(tagging)}
    lists: dict[str, list[str]] = {}
    for slug, terms in tagging:
        for term in terms:
            lists.setdefault(term, []).append(slug)
    at = {term: {slug: index for index, slug in enumerate(slugs)} for term, slugs in lists.items()}
    found: dict[str, tuple[str, ...]] = {}
    for slug, terms in tagging:
        scores: dict[str, int] = {}
        for term in terms:
            index = at[term][slug]
            for other in lists[term][max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]:
                if other != slug:
                    scores[other] = scores.get(other, 0) + (1 if term.startswith("topics:") else 2)
        best = sorted(scores, key=lambda other: (-scores[other], abs(position[other] - position[slug]), other))
        found[slug] = tuple(best[:RELATED])
    return found


def event_record(site: Site, event: Event, url: str) -> dict[str, Any]:
    """Every field of an event, with its sources described, as plain JSON data."""
    return {
        "id": event.slug,
        "url": url,
        "title": event.title,
        "date": event.date.edtf,  # EDTF: 1948-05-01, 1965-04~, 1988-11/1989-02, ../1950-05
        "end": event.end.edtf if event.end else None,
        "earliest": iso_day(event.date.first),  # the first and last day it may stand for; null when open
        "latest": iso_day((event.end or event.date).last),
        "date_label": event.date_label,
        "date_basis": event.date_basis,
        "summary": event.summary,
        "body_markdown": event.body,
        "era": event.era.id,
        "topics": [term.id for term in event.topics],
        "people": [term.id for term in event.people],
        "places": [term.id for term in event.places],
        "sources_differ": event.sources_differ,
        "coverage_note": event.coverage_note,
        "plan": event.plan,
        "outcome": event.outcome,
        "milestone": event.milestone,
        "citations": [
            {
                "source": citation.source.id,
                "source_title": citation.source.title,
                "source_url": citation.source.url,
                "archived": not citation.source.external,
                "origin": citation.source.origin or "unknown",
                "quote": citation.quote,
                "note": citation.note,
            }
            for citation in event.citations
        ],
    }


# Each data file is a header, one fragment per event, and a footer, so the preview can keep the
# fragments of unchanged events and only join them again.


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_fragment(site: Site, event: Event, url: str) -> str:
    return compact(event_record(site, event, url))


def joined(head: str, fragments: list[str], separator: str, tail: str) -> str:
    """`head + separator.join(fragments) + tail` in one join: the text is copied once, not three
    times (events.json is some 20 MB at 10,000 events, rewritten on every edit in the preview)."""
    parts = [head]
    for fragment in fragments:
        parts += (fragment, separator)
    if fragments:
        parts.pop()
    parts.append(tail)
    return "".join(parts)


def events_json(fragments: list[str]) -> str:
    return joined('{"events":[', fragments, ",", "]}\n")


CSV_COLUMNS = [
    "id",
    "date",
    "end",
    "earliest",
    "latest",
    "title",
    "summary",
    "era",
    "topics",
    "people",
    "places",
    "sources",
    "url",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading ' before what would start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def csv_fragment(site: Site, event: Event, url: str) -> str:
    """One row per event; lists are joined with '; '."""
    row = dict(event_record(site, event, url))
    row["sources"] = [c["source"] for c in row["citations"]]
    return _csv_line([_cell("; ".join(row[c]) if isinstance(row[c], list) else row[c] or "") for c in CSV_COLUMNS])


def events_csv(fragments: list[str]) -> str:
    return joined(_csv_line(CSV_COLUMNS), fragments, "", "")


def _timelinejs_date(date: PartialDate) -> dict[str, str]:
    parts = {"year": str(date.year)}
    if date.month:
        parts["month"] = str(date.month)
    if date.day:
        parts["day"] = str(date.day)
    return parts


def _timelinejs_span(event: Event) -> tuple[PartialDate, PartialDate | None]:
    """The dates TimelineJS places a slide by; its `display_date` says in words what is known."""
    if isinstance(event.date, Interval):
        return event.date.start or event.date.known, event.date.end if event.date.start else None
    return event.date, event.end


def slide_fragment(site: Site, event: Event, url: str) -> str:
    start, end = _timelinejs_span(event)
    slide: dict[str, Any] = {
        "unique_id": event.slug,
        "start_date": _timelinejs_date(start),
        "display_date": event.date_label,
        "text": {
            "headline": html.escape(event.title),
            "text": f'{html.escape(event.summary)} <a href="{html.escape(url)}">Sources</a>',
        },
        "group": html.escape(event.era.name),
    }
    if end:
        slide["end_date"] = _timelinejs_date(end)
    return compact(slide)


def timelinejs(site: Site, fragments: list[str]) -> str:
    """The chronology in Knight Lab TimelineJS's JSON format, ready for a TimelineJS embed (which reads its text as HTML)."""
    title = compact({"text": {"headline": html.escape(site.settings.title), "text": html.escape(site.settings.description)}})
    eras = compact(
        [
            {
                "start_date": _timelinejs_date(era.start),
                "end_date": _timelinejs_date(era.end),
                "text": {"headline": html.escape(era.name)},
            }
            for era in site.eras
        ]
    )
    return joined(f'{{"title":{title},"events":[', fragments, ",", f'],"eras":{eras}}}\n')


def json_ld(site: Site, event: Event, url: str) -> str:
    """schema.org structured data for an event page; safe to put inside a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        **({"startDate": event.date.datetime} if event.date.datetime else {}),  # none for "between" or "the 1960s"
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": site.settings.title, "url": site.settings.base_url},
    }
    if event.end and event.end.datetime:
        data["endDate"] = event.end.datetime
    if event.places:
        data["location"] = [{"@type": "Place", "name": place.name, "address": place.country} for place in event.places]
    if event.people:
        data["attendee"] = [{"@type": "Person", "name": person.name} for person in event.people]
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
