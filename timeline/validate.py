"""Check every rule on the raw content and build the Site model; collect every problem."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import archive, body, dates, introduction, markers, quotations, quotes, translations
from .addresses import SETTING_CHECKS
from .dates import Interval, PartialDate
from .load import Document, RawContent
from .model import (
    BOTH_SIDES_FROM,
    Citation,
    Era,
    Event,
    Problem,
    Settings,
    Site,
    Source,
    Span,
    Term,
    remembered,
)
from .typography import typeset

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")
SOURCE_KINDS = ("news", "opinion", "official", "analysis", "reference")
ORIGINS = ("pakistan", "soviet-union", "russia", "third-country", "international", "unknown")


@dataclass(frozen=True)
class Field:
    """A front-matter or list field: its type and whether it must be there."""

    type: str  # text | prose (text readers see: typeset) | date | ids | id | bool | url | citations | one of `choices`
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


EVENT_FIELDS = {
    "title": Field("prose", True, help="the event's name"),
    "date": Field("edtf", True, help="when it happened: YYYY, YYYY-MM or YYYY-MM-DD, or EDTF like 1965-04~, 1988-11/1989-02"),
    "end": Field("edtf point", help="last day of a multi-day event"),
    "summary": Field("prose", True, help="one sentence for lists, feeds and link previews"),
    "topics": Field("ids", help="topic ids from content/topics.yaml"),
    "people": Field("ids", help="person ids from content/people.yaml"),
    "places": Field("ids", help="place ids from content/places.yaml"),
    "era": Field("id", help="era id, only to override the era the date falls in"),
    "sources": Field("citations", True, help="citations: source, quote, note"),
    "date_basis": Field("prose", help="how the date was worked out"),
    "sources_differ": Field("prose", help="where sources disagree, said neutrally"),
    "coverage_note": Field("prose", help="why it rests on fewer sources than usual: what was searched and not found"),
    "plan": Field("bool", help="true when it records a plan, an invitation, an offer, an announcement or a deadline"),
    "outcome": Field("id", help="for a plan: the id of the event that fulfilled, replaced or cancelled it"),
    "milestone": Field("bool", help="true for a turning point: marked in lists, on the chart and among the key moments"),
    "draft": Field("bool", help="true leaves the event out of the site"),
}
CITATION_FIELDS = {
    "source": Field("id", True, help="source id from content/sources.yaml"),
    "quote": Field("text", help="verbatim excerpt of the archived source"),
    "note": Field("prose", help="what this citation supports; a paraphrase for external sources"),
}
LIST_FIELDS = {
    "topics": {"name": Field("prose", True), "description": Field("prose", True)},
    "people": {
        "name": Field("prose", True, help="the one spelling the chronology uses"),
        "variants": Field("texts", help="other spellings the sources use, e.g. [Matviyenko]"),
        "role": Field("prose", True),
        "country": Field("prose", True),
    },
    "places": {"name": Field("prose", True), "country": Field("prose", True)},
    "eras": {
        "name": Field("prose", True),
        "start": Field("date", True),
        "end": Field("date", True),
        "description": Field("prose", True),
    },
    "sources": {
        "title": Field("prose", True),
        "kind": Field("choice", True, SOURCE_KINDS),
        "origin": Field("choice", True, ORIGINS, help="whose source: " + ", ".join(ORIGINS)),
        "date": Field("date"),
        "publisher": Field("prose"),
        "author": Field("prose"),
        "archive": Field("text", help="file name in seeds/"),
        "url": Field("url"),
        "archive_url": Field("snapshot", help="a snapshot of url: https://web.archive.org/web/YYYYMMDDhhmmss/URL"),
    },
}
SETTINGS_FIELDS = {
    "title": Field("prose", True),
    "description": Field("prose", True),
    "language": Field("text", True),
    "base_url": Field("address", True),
    "repository": Field("https", help="for 'edit this page' links, e.g. https://github.com/USER/REPO"),
    "branch": Field("branch"),
    "updated": Field("date", help="when the chronology was last brought up to date: YYYY-MM-DD"),
    "cname": Field("host", help="custom domain for GitHub Pages, e.g. chronology.example.org"),
}
DATE_PARSERS: dict[str, Callable[[str], Any]] = {"date": PartialDate.parse, "edtf": dates.parse, "edtf point": dates.parse_point}
TYPE_NAMES = {
    "text": "text",
    "prose": "text",
    "date": "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "edtf": "a date (YYYY, YYYY-MM or YYYY-MM-DD; 1965-04~, 1949?, 196X, 1988-11/1989-02, ../1950-05)",
    "edtf point": "a date (YYYY, YYYY-MM or YYYY-MM-DD; 1965-04~, 1949?, 196X)",
    "ids": "a list of ids, like [energy, trade]",
    "texts": "a list of texts, like [Matviyenko, Matvienko]",
    "id": "an id (lowercase-words-with-hyphens)",
    "bool": "true or false",
    "url": "a URL starting with http:// or https://",
    "snapshot": "an Internet Archive address, https://web.archive.org/web/YYYYMMDDhhmmss/URL",
    "address": "an https:// address; http:// only for 127.0.0.1, localhost or [::1]",
    "https": "an https:// address",
    "branch": "a git branch name",
    "host": "a host name, like chronology.example.org",
    "citations": "a list of citations (- source: ..., quote: ...)",
    "choice": "one of the allowed values",
}


class Checker:
    """Collects problems for one document."""

    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def report(self, key: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(*key), message))

    def fields(self, key: tuple[Any, ...], value: Any, fields: dict[str, Field]) -> dict[str, Any] | None:
        """Check a mapping against its declared fields; return the converted values, or None."""
        if not isinstance(value, dict):
            self.report(key, f"{_name(key)}: expected key: value lines, got {_describe(value)}")
            return None
        clean: dict[str, Any] = {}
        ok = True
        meant = set()  # fields a misspelt key stands for: reported there, with the suggestion, not as missing
        for name in value:
            if name not in fields:
                close = difflib.get_close_matches(str(name), fields, n=1, cutoff=0.75)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(fields)}"
                self.report(key + (name,), f"unknown field '{name}'{hint}")
                meant.update(close[:1])
                ok = False
        for name, spec in fields.items():
            if name not in value or value[name] is None:
                if spec.required and name in value:
                    self.report(key + (name,), f"{_name(key + (name,))}: empty")
                elif spec.required and name not in meant:
                    self.report(key, f"missing required field '{name}' ({spec.help or TYPE_NAMES[spec.type]})")
                ok = ok and not spec.required
                continue
            converted = self.convert(key + (name,), value[name], spec)
            if converted is None:
                ok = False
            clean[name] = converted
        return clean if ok else None

    def convert(self, key: tuple[Any, ...], value: Any, spec: Field) -> Any:
        """One value of a declared type, or None after reporting why not."""
        kind = spec.type
        if kind in DATE_PARSERS:
            raw = self.doc.raw.get(key)
            if raw is None or isinstance(value, (list, dict, bool)):
                return self._wrong(key, kind, value)
            try:
                return DATE_PARSERS[kind](raw.strip())
            except ValueError as error:
                self.report(key, f"{_name(key)}: {error}")
                return None
        if kind == "bool":
            return value if isinstance(value, bool) else self._wrong(key, kind, value)
        if kind == "ids":
            if not isinstance(value, list):
                return self._wrong(key, kind, value)
            items = [self.convert(key + (i,), item, Field("id")) for i, item in enumerate(value)]
            for i, item in enumerate(items):
                if item is not None and item in items[:i]:
                    self.report(key + (i,), f"{_name(key)}: '{item}' is listed twice")
                    return None
            return None if None in items else tuple(items)
        if kind == "texts":
            if not isinstance(value, list):
                return self._wrong(key, kind, value)
            texts = [self.convert(key + (i,), item, Field("text")) for i, item in enumerate(value)]
            return None if None in texts else tuple(texts)
        if kind == "citations":
            if not isinstance(value, list) or not value:
                return self._wrong(key, kind, value) if value != [] else self._empty(key, "cite at least one source")
            items = [self.fields(key + (i,), item, CITATION_FIELDS) for i, item in enumerate(value)]
            return None if None in items else tuple(items)
        if not isinstance(value, str):
            return self._wrong(key, kind, value)
        text = value.strip()
        if not text:
            return self._empty(key, "empty")
        if kind == "id" and not SLUG.match(text):
            self.report(key, f"{_name(key)}: '{text}' is not an id: use lowercase words joined by hyphens")
            return None
        if kind == "url" and not URL.match(text):
            self.report(key, f"{_name(key)}: '{text}' is not a URL starting with http:// or https://")
            return None
        if kind == "snapshot":
            try:
                return archive.parse(text)
            except ValueError as error:
                self.report(key, f"{_name(key)}: {error}")
                return None
        if kind in SETTING_CHECKS and (reason := SETTING_CHECKS[kind](text)):
            self.report(key, f"{_name(key)}: {reason}")
            return None
        if kind == "choice" and text not in spec.choices:
            self.report(key, f"{_name(key)}: '{text}' is not one of: {', '.join(spec.choices)}")
            return None
        return typeset(text) if kind == "prose" else text

    def _wrong(self, key: tuple[Any, ...], kind: str, value: Any) -> None:
        self.report(key, f"{_name(key)}: expected {TYPE_NAMES.get(kind, kind)}, got {_describe(value)}")

    def _empty(self, key: tuple[Any, ...], what: str) -> None:
        self.report(key, f"{_name(key)}: {what}")


def _name(key: tuple[Any, ...]) -> str:
    """A key path as an editor reads it: sources[1].quote."""
    text = ""
    for part in key:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return {list: "a list", dict: "key: value lines", type(None): "nothing"}.get(type(value), type(value).__name__)


def build_site(
    raw: RawContent, overrides: dict[str, str] | None = None, memo: dict[str, Any] | None = None
) -> tuple[Site | None, list[Problem]]:
    """Validate everything; the Site when there is no problem, else the full list of problems.

    `overrides` replace settings from the command line (base_url, repository, branch). With a
    `memo` (the preview server keeps one), an event file that is the same Document as last time,
    checked against the same lists and seeds, is not checked again.
    """
    problems = list(raw.problems)
    settings = _settings(raw, problems, overrides or {})
    world = _world(raw, problems, memo)
    events = _events(raw, world, problems, memo)
    published = tuple(sorted((e for e in events if not e.draft), key=lambda e: e.event.sort_key))
    problems += _outcomes(raw, events)
    problems += _introduction(raw, events)
    if problems or settings is None:
        return None, sorted(set(problems), key=_problem_order)
    spans = _spans([e.event for e in published], {} if memo is None else memo)
    site = Site(
        settings=settings,
        events=tuple(e.event for e in published),
        topics=tuple(world.terms["topics"].values()),
        people=tuple(world.terms["people"].values()),
        places=tuple(world.terms["places"].values()),
        eras=tuple(world.eras.values()),
        sources=tuple(world.sources.values()),
        spans=spans,
        introduction=raw.introduction,
    )
    translated, problems = translations.check(raw, site)
    if problems:
        return None, sorted(set(problems), key=_problem_order)
    return dataclasses.replace(site, translations=translated), []


@dataclass(frozen=True)
class _World:
    """What events are checked against: the described lists and the archived texts."""

    terms: dict[str, dict[str, Term]]
    eras: dict[str, Era]
    sources: dict[str, Source]
    declared: dict[str, set[Any]]
    problems: tuple[Problem, ...]


def _world(raw: RawContent, problems: list[Problem], memo: dict[str, Any] | None) -> _World:
    inputs = (*raw.lists.values(), *raw.seeds.values())
    if memo is not None and "world" in memo:
        previous, world = memo["world"]
        if len(previous) == len(inputs) and all(a is b for a, b in zip(previous, inputs, strict=True)):
            problems += world.problems
            return world  # type: ignore[no-any-return]
    found: list[Problem] = []
    lists = {name: _entries(raw.lists[name], LIST_FIELDS[name], found) for name in raw.lists}
    world = _World(
        terms={kind: _terms(kind, lists.get(kind, {})) for kind in ("topics", "people", "places")},
        eras=_eras(raw, lists.get("eras", {}), found),
        sources=_sources(raw, lists.get("sources", {}), found),
        declared={name: set(doc.data) for name, doc in raw.lists.items()},
        problems=tuple(found),
    )
    if memo is not None:
        memo["world"] = (inputs, world)
        memo["events"] = {}  # every event must be checked again against the new lists
    problems += found
    return world


def _introduction(raw: RawContent, checked: list[_Checked]) -> list[Problem]:
    """The introduction's links lead to published events (with no event file read, that is said already)."""
    files = {doc.path.rsplit("/", 1)[-1].removesuffix(".md") for doc in raw.events}
    if not files:
        return []
    return introduction.problems(raw.introduction, files, {c.event.slug for c in checked if c.draft})


def _outcomes(raw: RawContent, checked: list[_Checked]) -> list[Problem]:
    """Each plan's outcome is another published event (one with problems of its own is reported there)."""
    files = {doc.path.rsplit("/", 1)[-1].removesuffix(".md") for doc in raw.events}
    drafts = {c.event.slug for c in checked if c.draft}
    documents = {doc.path: doc for doc in raw.events}
    found = []
    for event in (c.event for c in checked if not c.draft and c.event.outcome):
        if event.outcome == event.slug:
            why = "is this event itself"
        elif event.outcome not in files:
            why = "is not an event (no content/events/ file by that name)"
        elif event.outcome in drafts:
            why = "is a draft, so it is not published"
        else:
            continue
        found.append(Problem(event.path, documents[event.path].line("outcome"), f"outcome: '{event.outcome}' {why}"))
    return found


def _problem_order(problem: Problem) -> tuple[bool, str, int, str]:
    """Settings and lists first: a mistake there can cause others in events."""
    return (problem.path.startswith("content/events/"), problem.path, problem.line, problem.message)


def _settings(raw: RawContent, problems: list[Problem], overrides: dict[str, str]) -> Settings | None:
    given = {key: value for key, value in overrides.items() if value}
    for key, value in given.items():  # checked as in site.yaml, reported as `--base-url: ...`
        reason = SETTING_CHECKS[SETTINGS_FIELDS[key].type](value)
        if reason:
            problems.append(Problem(f"--{key.replace('_', '-')}", 0, reason))
    if raw.settings is None:
        return None
    clean = Checker(raw.settings, problems).fields((), raw.settings.data, SETTINGS_FIELDS)
    if clean is None:
        return None
    clean.update(given)
    clean["base_url"] = clean["base_url"].rstrip("/") + "/"
    return Settings(**clean)


def _entries(doc: Document, fields: dict[str, Field], problems: list[Problem]) -> dict[str, tuple[Document, dict[str, Any]]]:
    """id -> checked fields, for one described list."""
    checker = Checker(doc, problems)
    entries = {}
    for ident, value in doc.data.items():
        if not isinstance(ident, str) or not SLUG.match(ident):
            checker.report((ident,), f"'{ident}' is not an id: use lowercase words joined by hyphens")
            continue
        clean = checker.fields((ident,), value, fields)
        if clean is not None:
            entries[ident] = (doc, clean)
    return entries


def _terms(kind: str, entries: dict[str, tuple[Document, dict[str, Any]]]) -> dict[str, Term]:
    return {
        ident: Term(
            kind=kind,
            id=ident,
            name=fields["name"],
            description=fields.get("description") or fields.get("role") or "",
            href=f"{kind}/{ident}/index.html",
            country=fields.get("country", ""),
            variants=fields.get("variants", ()),
        )
        for ident, (_, fields) in entries.items()
    }


def _eras(raw: RawContent, entries: dict[str, tuple[Document, dict[str, Any]]], problems: list[Problem]) -> dict[str, Era]:
    eras: dict[str, Era] = {}
    for ident, (doc, fields) in entries.items():
        if fields["end"].last_key < fields["start"].first_key:
            problems.append(
                Problem(doc.path, doc.line(ident, "end"), f"end: {fields['end'].label} is before start {fields['start'].label}")
            )
            continue
        eras[ident] = Era(
            ident, fields["name"], fields["start"], fields["end"], fields["description"], f"eras/{ident}/index.html"
        )
    ordered = sorted(eras.values(), key=lambda era: era.start.sort_key)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start.first_key <= earlier.end.last_key:
            doc = raw.lists["eras"]
            problems.append(
                Problem(
                    doc.path,
                    doc.line(later.id, "start"),
                    f"era '{later.id}' starts before era '{earlier.id}' ends ({earlier.end.label})",
                )
            )
    return {era.id: era for era in ordered}


def _sources(raw: RawContent, entries: dict[str, tuple[Document, dict[str, Any]]], problems: list[Problem]) -> dict[str, Source]:
    sources = {}
    for ident, (doc, fields) in entries.items():
        seed, snapshot = fields.get("archive"), fields.get("archive_url")
        if seed is None and fields.get("url") is None:
            problems.append(Problem(doc.path, doc.line(ident), f"source '{ident}': give an archive file in seeds/ or a url"))
            continue
        wrong = archive.mismatch(snapshot, fields.get("url")) if snapshot else None
        if wrong:
            problems.append(Problem(doc.path, doc.line(ident, "archive_url"), f"{ident}.archive_url: {wrong}"))
            continue
        if seed in raw.unreadable_seeds:
            continue
        if seed is not None and seed not in raw.seeds:
            known = ", ".join(raw.seeds) or "none"
            message = f"archive: no file seeds/{seed} (archived texts: {known})"
            problems.append(Problem(doc.path, doc.line(ident, "archive"), message))
            continue
        sources[ident] = Source(
            id=ident,
            href=f"sources/{ident}/index.html",
            text=raw.seeds.get(seed, "") if seed else "",
            **fields,
        )
    return sources


@dataclass(frozen=True)
class _Checked:
    event: Event
    draft: bool


def _events(raw: RawContent, world: _World, problems: list[Problem], memo: dict[str, Any] | None) -> list[_Checked]:
    checked: list[_Checked] = []
    slugs: dict[str, str] = {}
    remembered: dict[str, tuple[Document, list[Problem], _Checked | None]] = {}
    if memo is not None:
        remembered = memo.setdefault("events", {})
    for doc in raw.events:
        slug = doc.path.rsplit("/", 1)[-1][: -len(".md")]
        if slug in slugs:
            message = f"duplicate event slug '{slug}': {slugs[slug]} writes the same page events/{slug}/"
            problems.append(Problem(doc.path, doc.line(), message))
        slugs.setdefault(slug, doc.path)
        previous = remembered.get(doc.path)
        if previous is None or previous[0] is not doc:
            found: list[Problem] = []
            previous = (doc, found, _checked_event(doc, slug, world, found))
            remembered[doc.path] = previous
        problems += previous[1]
        if previous[2] is not None:
            checked.append(previous[2])
    for path in set(remembered) - {doc.path for doc in raw.events}:
        del remembered[path]
    return checked


def _checked_event(doc: Document, slug: str, world: _World, problems: list[Problem]) -> _Checked | None:
    """One event file checked on its own; None after reporting its problems."""
    checker = Checker(doc, problems)
    if not SLUG.match(slug):
        checker.report(
            (),
            f"file name '{slug}.md' is not a slug: use lowercase words joined by hyphens, "
            "like 2021-04-06-lavrov-visits-islamabad.md",
        )
    if not doc.body.strip():
        problems.append(Problem(doc.path, doc.body_line, "empty body: write at least a sentence below the front matter"))
    in_body = [Problem(doc.path, doc.body_line + line, message) for line, message in body.problems(doc.body)]
    problems += in_body
    fields = checker.fields((), doc.data, EVENT_FIELDS)
    if fields is None or not SLUG.match(slug) or not doc.body.strip() or in_body:
        return None
    event = _event(checker, slug, fields, world.terms, world.eras, world.sources, world.declared)
    if event is None:
        return None
    in_words = _in_own_words(doc, event)
    problems += in_words
    return None if in_words else _Checked(event, fields.get("draft", False))


def _in_own_words(doc: Document, event: Event) -> list[Problem]:
    """The summary's and the body's quotations are in archived texts the event cites, and the body's
    citation markers name sources it cites."""
    cited = [citation.source.id for citation in event.citations]
    summary = doc.line("summary")
    found = [Problem(doc.path, summary + line, message) for line, message in quotations.problems(event.summary, event.citations)]
    body = [*quotations.problems(event.body, event.citations), *markers.problems(event.body, cited)]
    return found + [Problem(doc.path, doc.body_line + line, message) for line, message in sorted(body)]


def _event(
    checker: Checker,
    slug: str,
    fields: dict[str, Any],
    terms: dict[str, dict[str, Term]],
    eras: dict[str, Era],
    sources: dict[str, Source],
    declared: dict[str, set[Any]],
) -> Event | None:
    """One event from its checked fields, with every id resolved; None after reporting problems."""
    ok = True

    def resolve(kind: str, table: dict[str, Any]) -> tuple[Any, ...]:
        nonlocal ok
        found = []
        for index, ident in enumerate(fields.get(kind, ())):
            if ident in table:
                found.append(table[ident])
            else:
                if kind in declared and ident not in declared[kind]:  # a broken list or entry is reported once, in its list
                    checker.report((kind, index), f"{kind}: unknown id '{ident}' (not in content/{kind}.yaml)")
                ok = False
        return tuple(found)

    date, end = fields["date"], fields.get("end")
    if end is not None and isinstance(date, Interval):
        checker.report(("end",), f"end: the date {date.edtf} is an interval already: give its end there, not in 'end'")
        ok = False
    elif end is not None and end.last_key < date.last_key:
        checker.report(("end",), f"end: {end.label} is before date {date.label}")
        ok = False
    era = _era_for(checker, fields, eras)
    citations = _citations(checker, fields["sources"], sources, declared.get("sources"))
    topics, people, places = (
        resolve("topics", terms["topics"]),
        resolve("people", terms["people"]),
        resolve("places", terms["places"]),
    )
    if not ok or era is None or citations is None:
        return None
    return Event(
        slug=slug,
        path=checker.doc.path,
        title=fields["title"],
        date=date,
        end=end,
        summary=fields["summary"],
        body=checker.doc.body,
        topics=topics,
        people=people,
        places=places,
        citations=citations,
        era=era,
        date_basis=fields.get("date_basis"),
        sources_differ=fields.get("sources_differ"),
        coverage_note=fields.get("coverage_note"),
        plan=fields.get("plan", False) or "outcome" in fields,
        outcome=fields.get("outcome"),
        milestone=fields.get("milestone", False),
    )


def _era_for(checker: Checker, fields: dict[str, Any], eras: dict[str, Era]) -> Era | None:
    """The era named in the file, or the one the date falls in."""
    if "era" in fields:
        if fields["era"] not in eras:
            checker.report(("era",), f"era: unknown id '{fields['era']}' (not in content/eras.yaml)")
            return None
        return eras[fields["era"]]
    first, last = fields["date"].first_key, fields["date"].last_key
    for era in eras.values():  # in order: a date known only to the year or month belongs to the first era it touches
        if era.start.first_key <= last and first <= era.end.last_key:
            return era
    if eras:
        checker.report(("date",), f"date: {fields['date'].label} falls in no era of content/eras.yaml")
    return None


def _citations(
    checker: Checker, items: tuple[dict[str, Any], ...], sources: dict[str, Source], declared: set[Any] | None
) -> tuple[Citation, ...] | None:
    """The citations, each quote found in its archived text; `declared`: the ids in sources.yaml, if it could be read."""
    citations = []
    for index, item in enumerate(items):
        key = ("sources", index)
        source = sources.get(item["source"])
        if source is None and (declared is None or item["source"] in declared):
            continue
        if source is None:
            checker.report(
                key + ("source",), f"sources[{index + 1}].source: unknown id '{item['source']}' (not in content/sources.yaml)"
            )
            continue
        quote, note = item.get("quote"), item.get("note")
        span = None
        if source.external:
            if quote is not None:
                checker.report(
                    key + ("quote",),
                    f"sources[{index + 1}].quote: '{source.id}' has no archived text to check a quote against; "
                    "paraphrase it in note instead",
                )
                continue
            if note is None:
                checker.report(
                    key,
                    f"sources[{index + 1}]: a citation of external source '{source.id}' needs a note paraphrasing what it says",
                )
                continue
        else:
            if quote is None:
                checker.report(key, f"sources[{index + 1}]: missing quote from seeds/{source.archive}")
                continue
            span = quotes.locate(quote, source.text)
            if span is None:
                checker.report(
                    key + ("quote",),
                    f"sources[{index + 1}].quote: not found verbatim in seeds/{source.archive}{_near_miss(quote, source.text)}",
                )
                continue
        citations.append(Citation(source, quote, note, span))
    return tuple(citations) if len(citations) == len(items) else None


def _near_miss(quote: str, text: str) -> str:
    """Where a quote stops matching, to help the editor find the difference."""
    needle, haystack = quotes.fold(quote), quotes.normalised_text(text)[0]
    low = quotes.matching_start(needle, haystack)
    if low < 8:
        return ""
    return f" (it matches up to '…{needle[max(0, low - 30) : low]}', then the text differs)"


def _spans(events: list[Event], memo: dict[str, Any]) -> dict[str, tuple[Span, ...]]:
    """Each archived source's quoted passages, once each, in text order (kept while citations stay equal)."""
    return remembered(memo, "spans", [event.citations for event in events], lambda: _collect_spans(events))


def _collect_spans(events: list[Event]) -> dict[str, tuple[Span, ...]]:
    found: dict[str, dict[str, Span]] = {}
    for event in events:
        for citation in event.citations:
            if citation.span is not None:
                found.setdefault(citation.source.id, {})[citation.span.anchor] = citation.span
    return {ident: tuple(sorted(spans.values(), key=lambda s: (s.start, s.end))) for ident, spans in found.items()}


def warnings(raw: RawContent, site: Site) -> list[Problem]:
    """Gaps in valid content: entries nothing uses, and events no topic covers."""
    found: list[Problem] = []
    used = {
        "topics": {term.id for event in site.events for term in event.topics},
        "people": {term.id for event in site.events for term in event.people},
        "places": {term.id for event in site.events for term in event.places},
        "sources": {citation.source.id for event in site.events for citation in event.citations},
    }
    for kind, ids in used.items():
        doc = raw.lists[kind]
        what = "never cited by a published event" if kind == "sources" else "has no published event"
        found += [Problem(doc.path, doc.line(key), f"'{key}' {what}") for key in doc.data if key not in ids]
    lines = {doc.path: doc.line("topics") for doc in raw.events}
    found += [
        Problem(e.path, lines.get(e.path, 1), "no topic covers this event: add topics") for e in site.events if not e.topics
    ]
    listed = raw.lists["sources"]
    first: dict[str, str] = {}  # an address -> the first source with it
    for source in site.sources:
        address = _address_key(source.url) if source.url else ""
        if address in first:
            message = f"'{source.id}' has the same address as '{first[address]}': keep one"
            found.append(Problem(listed.path, listed.line(source.id), message))
        elif address:
            first[address] = source.id
    sources = {doc.path: doc.line("sources") for doc in raw.events}
    found += [Problem(e.path, sources.get(e.path, 1), gap) for e in site.events for gap in _source_gaps(e)]
    found += _milestone_count(site)
    found += translations.status(raw, site.translations)
    body_lines = {doc.path: doc.body_line for doc in raw.events}
    found += [
        Problem(
            e.path,
            body_lines.get(e.path, 1) + line,
            "a paragraph with no citation marker: end what a source supports with [@source-id]",
        )
        for e in site.events
        for line in markers.unmarked(e.body)
    ]
    return sorted(found, key=_problem_order)


MILESTONES = (10, 20)  # fewer say too little of the story; more and they no longer stand out


def _milestone_count(site: Site) -> list[Problem]:
    """The turning points stand out only while they are few: between 10 and 20 of them (in a
    chronology of under 100 events, as few as one in ten of them)."""
    count = sum(event.milestone for event in site.events)
    low, high = min(MILESTONES[0], len(site.events) // 10), MILESTONES[1]
    if low <= count <= high:
        return []
    return [Problem("content/events", 0, f"{count} events are milestones: mark between {low} and {high} turning points")]


def _address_key(url: str) -> str:
    """An address as it is compared with others: no scheme, no www., no trailing slash, one case."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


def _source_gaps(event: Event) -> list[str]:
    """What an event's sources lack, unless its coverage_note says what was searched."""
    if event.coverage_note:
        return []
    gaps = []
    if event.independent_sources < 2:
        gaps.append("only one independent source: cite another, or say in coverage_note what was searched")
    origins = {citation.source.origin for citation in event.citations}
    if event.date.year >= BOTH_SIDES_FROM and not origins & {"pakistan", "russia"}:
        gaps.append("no Pakistani and no Russian source: cite one, or say in coverage_note what was searched")
    return gaps
