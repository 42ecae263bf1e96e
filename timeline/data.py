"""The chronology as data for reuse: JSON with every field, CSV, TimelineJS, and schema.org JSON-LD."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from .model import Event, PartialDate, Site

RELATED = 4  # related events shown per event
NEIGHBOURS = 3  # per shared topic, person or place: the events this close in its own chronology


def related(site: Site) -> dict[str, tuple[Event, ...]]:
    """For each event, the events nearest in time that share most of its people, places and topics.

    Only neighbours in each shared term's chronology are considered, so this stays linear in the
    number of events; a shared person or place weighs more than a shared topic.
    """
    position: dict[str, int] = {event.slug: index for index, event in enumerate(site.events)}
    lists: dict[tuple[str, str], list[Event]] = {}
    for event in site.events:
        for term in event.topics + event.people + event.places:
            lists.setdefault((term.kind, term.id), []).append(event)
    at = {key: {event.slug: index for index, event in enumerate(events)} for key, events in lists.items()}
    found: dict[str, tuple[Event, ...]] = {}
    for event in site.events:
        scores: dict[str, int] = {}
        for term in event.topics + event.people + event.places:
            key = (term.kind, term.id)
            index = at[key][event.slug]
            for other in lists[key][max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]:
                if other.slug != event.slug:
                    scores[other.slug] = scores.get(other.slug, 0) + (1 if term.kind == "topics" else 2)
        best = sorted(scores, key=lambda slug: (-scores[slug], abs(position[slug] - position[event.slug]), slug))
        found[event.slug] = tuple(site.events[position[slug]] for slug in best[:RELATED])
    return found


def event_record(site: Site, event: Event, url: str) -> dict[str, Any]:
    """Every field of an event, with its sources described, as plain JSON data."""
    return {
        "id": event.slug,
        "url": url,
        "title": event.title,
        "date": event.date.iso,
        "end": event.end.iso if event.end else None,
        "date_label": event.date_label,
        "date_basis": event.date_basis,
        "summary": event.summary,
        "body_markdown": event.body,
        "era": event.era.id,
        "topics": [term.id for term in event.topics],
        "people": [term.id for term in event.people],
        "places": [term.id for term in event.places],
        "sources_differ": event.sources_differ,
        "citations": [
            {
                "source": citation.source.id,
                "source_title": citation.source.title,
                "source_url": citation.source.url,
                "archived": not citation.source.external,
                "quote": citation.quote,
                "note": citation.note,
            }
            for citation in event.citations
        ],
    }


def events_json(records: list[dict[str, Any]]) -> str:
    return json.dumps({"events": records}, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ["id", "date", "end", "title", "summary", "era", "topics", "people", "places", "sources", "url"]


def events_csv(records: list[dict[str, Any]]) -> str:
    """One row per event; lists are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = dict(record, sources=[c["source"] for c in record["citations"]])
        writer.writerow(["; ".join(row[c]) if isinstance(row[c], list) else row[c] or "" for c in CSV_COLUMNS])
    return out.getvalue()


def _timelinejs_date(date: PartialDate) -> dict[str, str]:
    parts = {"year": str(date.year)}
    if date.month:
        parts["month"] = str(date.month)
    if date.day:
        parts["day"] = str(date.day)
    return parts


def timelinejs(site: Site, urls: dict[str, str]) -> str:
    """The chronology in Knight Lab TimelineJS's JSON format, ready for a TimelineJS embed."""
    slides = []
    for event in site.events:
        slide: dict[str, Any] = {
            "unique_id": event.slug,
            "start_date": _timelinejs_date(event.date),
            "text": {"headline": event.title, "text": f'{html.escape(event.summary)} <a href="{urls[event.slug]}">Sources</a>'},
            "group": event.era.name,
        }
        if event.end:
            slide["end_date"] = _timelinejs_date(event.end)
        slides.append(slide)
    document = {
        "title": {"text": {"headline": site.settings.title, "text": site.settings.description}},
        "events": slides,
        "eras": [
            {"start_date": _timelinejs_date(era.start), "end_date": _timelinejs_date(era.end), "text": {"headline": era.name}}
            for era in site.eras
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def json_ld(site: Site, event: Event, url: str) -> str:
    """schema.org structured data for an event page; safe to put inside a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.date.iso,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": site.settings.title, "url": site.settings.base_url},
    }
    if event.end:
        data["endDate"] = event.end.iso
    if event.places:
        data["location"] = [{"@type": "Place", "name": place.name, "address": place.country} for place in event.places]
    if event.people:
        data["attendee"] = [{"@type": "Person", "name": person.name} for person in event.people]
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
