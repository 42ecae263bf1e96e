"""Translation files beside the English: `content/events/<slug>.ur.md`, `content/topics.ru.yaml`,
`content/introduction.ur.md`. A translation gives only the words of its language (titles, summaries,
names, descriptions, roles, bodies) and the hash of the English text it translates; dates, ids,
topics and sources always come from the English file. `check --strict` lists the translations
whose English has changed since (stale) and the entries not yet translated.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from . import quotations
from .editions import BY_LANG, TRANSLATED, translated_name
from .load import Document, RawContent
from .model import Era, Event, Problem, Settings, Site, Term, Text, Translation, remembered
from .typography import typeset

# What a translation of each kind gives; the hash covers the same English fields.
FIELDS = {
    "events": ("title", "summary"),
    "topics": ("name", "description"),
    "eras": ("name", "description"),
    "places": ("name",),
    "people": ("name", "role"),
    "introduction": (),
    "site": ("title", "description"),
}
LISTS = ("topics", "eras", "places", "people")
OPTIONAL = {"events": ("quotes",), "people": ("variants", "country"), "places": ("country",), "site": ("translators",)}
HASH = "translates"
HASH_FORM = re.compile(r"[0-9a-f]{12}")
# In a translation, straight double quotes hold the original's words; the language's own quotation
# marks (« », ” “) hold ours.
ORIGINAL_QUOTE = re.compile(r'"([^"]+?)"')


def english_hash(values: list[str]) -> str:
    """Which version of the English a translation translates: 12 hex digits of its SHA-256."""
    return hashlib.sha256("\x1f".join(value.strip() for value in values).encode()).hexdigest()[:12]


def english_values(kind: str, data: dict[str, Any], body: str | None = None, quoted: Any = None) -> list[str]:
    """The English words a translation of `kind` is hashed on: an event's body only when it is
    translated, and the quotes of the citations whose quotes it translates (`quoted`: their numbers)."""
    values = [str(data.get(name) or "") for name in FIELDS[kind]]
    values += [body] if body is not None and body.strip() else []
    if isinstance(quoted, dict) and isinstance(data.get("sources"), list):
        cited = data["sources"]
        values += [
            str(cited[n - 1].get("quote") or "")
            for n in sorted(int(k) for k in quoted if str(k).isdigit() and 0 < int(k) <= len(cited))
        ]
    return values


def english_entries(raw: RawContent, doc: Document, events: dict[str, Document]) -> dict[tuple[str, ...], list[str]]:
    """The English words each entry of a translation file is hashed on, by its key path (() for a
    whole file, (id,) for an entry of a list); empty when the English it names is not there. The
    one recipe `check` compares with and `stamp` records."""
    folder, _, name = doc.path.rpartition("/")
    original = (translated_name(name) or ("", ""))[0]
    if folder.endswith("events"):
        source = events.get(f"{folder}/{original}")  # `events`: the English event files by path
        if source is None:
            return {}
        return {(): english_values("events", source.data, source.body if doc.body.strip() else None, doc.data.get("quotes"))}
    if original == "introduction.md":
        return {(): [raw.introduction]}
    if original == "site.yaml":
        return {(): english_values("site", raw.settings.data if raw.settings is not None else {})}
    kind = original.removesuffix(".yaml")
    listed = raw.lists.get(kind)
    known = listed.data if listed is not None else {}
    return {(ident,): english_values(kind, known[ident]) for ident in doc.data if ident in known}


def check(raw: RawContent, site: Site) -> tuple[dict[str, Translation], list[Problem]]:
    """Every translation file checked against the English: the translations, and the problems."""
    english = {doc.path: doc for doc in raw.events}
    archived = {e.path: [c.source.text for c in e.citations if c.source.text] for e in site.events}
    problems: list[Problem] = []
    events: dict[str, dict[str, Text]] = {lang: {} for lang in TRANSLATED}
    terms: dict[str, dict[str, dict[str, Text]]] = {lang: {} for lang in TRANSLATED}
    introductions: dict[str, Text | None] = dict.fromkeys(TRANSLATED)
    sites: dict[str, Text | None] = dict.fromkeys(TRANSLATED)
    for doc in raw.translations:
        folder, _, name = doc.path.rpartition("/")
        original, lang = translated_name(name) or ("", "")
        if folder.endswith("events"):
            source = english.get(f"{folder}/{original}")
            if source is None:
                message = f"there is no English event {folder}/{original} for it to translate: delete it too, or restore it"
                problems.append(Problem(doc.path, 1, message))
                continue
            text = _text(doc, (), "events", english_entries(raw, doc, english)[()], problems)
            if text is not None:
                text = _with_quotes(doc, text, source, problems)
            if text is not None:
                problems += _quotes(doc, text, archived.get(source.path, []))
                events[lang][original.removesuffix(".md")] = text
        elif original == "introduction.md":
            introductions[lang] = _text(doc, (), "introduction", english_entries(raw, doc, english)[()], problems)
        elif original == "site.yaml":
            sites[lang] = _text(doc, (), "site", english_entries(raw, doc, english)[()], problems)
        else:
            kind = original.removesuffix(".yaml")
            problems += _terms(doc, kind, english_entries(raw, doc, english), terms[lang].setdefault(kind, {}))
    published = {lang for lang in TRANSLATED if any(doc.path == f"content/site.{lang}.yaml" for doc in raw.translations)}
    for doc in raw.translations:
        lang = (translated_name(doc.path.rpartition("/")[2]) or ("", ""))[1]
        if lang not in published:
            message = f"there is no {BY_LANG[lang].name} edition yet: add content/site.{lang}.yaml (title, description...)"
            problems.append(Problem(doc.path, 1, message))
    found = {lang: Translation(lang, events[lang], terms[lang], introductions[lang], sites[lang]) for lang in sorted(published)}
    return found, problems


def _terms(doc: Document, kind: str, english: dict[tuple[str, ...], list[str]], into: dict[str, Text]) -> list[Problem]:
    problems: list[Problem] = []
    for ident in doc.data:
        if (ident,) not in english:
            problems.append(Problem(doc.path, doc.line(ident), f"'{ident}' is not in content/{kind}.yaml: use the English id"))
            continue
        text = _text(doc, (ident,), kind, english[(ident,)], problems)
        if text is not None:
            into[ident] = text
    return problems


def _with_quotes(doc: Document, text: Text, english: Document, problems: list[Problem]) -> Text | None:
    """An event translation's `quotes:`, our translations of its citations' quotes by number, checked."""
    given = doc.data.get("quotes")
    if given is None:
        return text
    cited: list[Any] = english.data["sources"] if isinstance(english.data.get("sources"), list) else []
    quoted = {n for n, item in enumerate(cited, 1) if isinstance(item, dict) and item.get("quote")}
    if not isinstance(given, dict):
        problems.append(Problem(doc.path, doc.line("quotes"), 'quotes: expected number: translation lines, like 1: "..."'))
        return None
    found: dict[int, str] = {}
    for key, words in given.items():
        number = int(key) if str(key).isdigit() else key  # the loader keeps keys as typed
        if number not in quoted:
            which = ", ".join(map(str, sorted(quoted))) or "none"
            message = f"quotes: {number} is not the number of a citation with a quote in {english.path} (those: {which})"
            problems.append(Problem(doc.path, doc.line("quotes", key), message))
        elif not isinstance(words, str) or not words.strip():
            problems.append(Problem(doc.path, doc.line("quotes", key), f"quotes: {number}: expected the translation, as text"))
        else:
            found[number] = typeset(words.strip())
    return dataclasses.replace(text, quotes=found) if len(found) == len(given) else None


def _text(doc: Document, key: tuple[Any, ...], kind: str, english: list[str], problems: list[Problem]) -> Text | None:
    """One entry's translation, checked: only its language's words, all of them, and the hash."""
    data = doc.data if not key else doc.data[key[0]]
    where = f"content/{kind}.yaml" if kind not in ("events", "introduction") else "the English file"
    if not isinstance(data, dict):
        problems.append(Problem(doc.path, doc.line(*key), "expected key: value lines (translates, and the words translated)"))
        return None
    allowed = (HASH, *FIELDS[kind], *OPTIONAL.get(kind, ()))
    ok = True
    for name in data:
        if name not in allowed:
            message = f"'{name}' comes from {where}: a translation gives only {', '.join(allowed)}"
            problems.append(Problem(doc.path, doc.line(*key, name), message))
            ok = False
    values: dict[str, str] = {}
    for name in (HASH, *FIELDS[kind]):
        value = data.get(name)
        raw = doc.raw.get((*key, name), value)  # the hash as typed: 123456789012 is text, not a number
        if not isinstance(raw, str) or not raw.strip():
            problems.append(Problem(doc.path, doc.line(*key, name) if name in data else doc.line(*key), _missing(name, kind)))
            ok = False
        else:
            values[name] = raw.strip()
    for name in OPTIONAL.get(kind, ()):
        if name != "variants" and isinstance(data.get(name), str) and data[name].strip():
            values[name] = data[name].strip()
    stamp = values.pop(HASH, "")
    if stamp and not HASH_FORM.fullmatch(stamp):
        problems.append(Problem(doc.path, doc.line(*key, HASH), f"translates: '{stamp}' is not 12 hex digits: {STAMP_HINT}"))
        ok = False
    variants = data.get("variants") or []
    if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
        problems.append(Problem(doc.path, doc.line(*key, "variants"), "variants: expected a list of names, like [Лавров]"))
        ok = False
    if not ok:
        return None
    body = doc.body.strip() if not key else ""
    values = {name: typeset(value) for name, value in values.items()}  # as the English prose is
    return Text(doc.path, doc.line(*key), values, body, tuple(variants), stale=stamp != english_hash(english))


STAMP_HINT = "run `.venv/bin/python build.py stamp FILE` to record the English it translates"


def _missing(name: str, kind: str) -> str:
    if name == HASH:
        return f"missing 'translates' (the hash of the English it translates): {STAMP_HINT}"
    return f"missing '{name}': a translation of {'an event' if kind == 'events' else kind} gives its {name}"


def _quotes(doc: Document, text: Text, archived: list[str]) -> list[Problem]:
    """The original's words a translation quotes, in straight double quotes as typed, are verbatim in
    a cited archived text (the translation beside them is in the language's own quotation marks)."""
    found = []
    for name in text.values:
        for line, quoted in _quoted(str(doc.data.get(name) or "")):
            if not quotations.is_quoted_from(quoted, archived):
                message = f'{name}: "{quoted[:60]}" is not in any archived source the event cites'
                found.append(Problem(doc.path, doc.line(name) + line, message))
    for line, quoted in _quoted(text.body):
        if not quotations.is_quoted_from(quoted, archived):
            message = f'quotation "{quoted[:60]}" is not in any archived source the event cites'
            found.append(Problem(doc.path, doc.body_line + line, message))
    return found


def _quoted(text: str) -> Iterator[tuple[int, str]]:
    """(line in `text`, passage) of each passage of three words or more in straight double quotes."""
    for match in ORIGINAL_QUOTE.finditer(text):
        if len(match.group(1).split()) >= quotations.MIN_WORDS:
            yield text.count("\n", 0, match.start()), match.group(1)


def status(raw: RawContent, translations: dict[str, Translation]) -> list[Problem]:
    """For `check --strict`: each stale translation, and each entry not yet translated, per language."""
    found: list[Problem] = []
    for lang, translation in translations.items():
        for text in _all_texts(translation):
            if text.stale:
                found.append(
                    Problem(
                        text.path,
                        text.line,
                        f"stale: the English has changed since this was translated; {STAMP_HINT} once it is brought up to date",
                    )
                )
        for doc in raw.events:
            slug = doc.path.rsplit("/", 1)[-1].removesuffix(".md")
            if slug not in translation.events:
                found.append(
                    Problem(doc.path, 1, f"not yet translated into {lang}: add {doc.path.removesuffix('.md')}.{lang}.md")
                )
        if translation.introduction is None and raw.introduction.strip():
            message = f"not yet translated into {lang}: add content/introduction.{lang}.md"
            found.append(Problem("content/introduction.md", 1, message))
        for kind in LISTS:
            listed = raw.lists.get(kind)
            done = translation.terms.get(kind, {})
            if listed is None:
                continue
            for ident in listed.data:
                if ident not in done:
                    message = f"'{ident}' is not yet translated into {lang}: add it to content/{kind}.{lang}.yaml"
                    found.append(Problem(listed.path, listed.line(ident), message))
    return found


def _all_texts(translation: Translation) -> Iterator[Text]:
    yield from translation.events.values()
    for texts in translation.terms.values():
        yield from texts.values()
    if translation.introduction is not None:
        yield translation.introduction
    if translation.site is not None:
        yield translation.site


def stamp(root: Path, raw: RawContent, only: Collection[str] = ()) -> list[str]:
    """Record in each translation file (or those in `only`) the hash of the English it now translates,
    rewriting only its `translates:` lines; return the files changed. An editor runs it once the
    translation matches the English again."""
    english = {doc.path: doc for doc in raw.events}
    changed = []
    for doc in raw.translations:
        if only and doc.path not in only:
            continue
        entries = english_entries(raw, doc, english)
        path = root / doc.path
        lines = path.read_text(encoding="utf-8").split("\n")
        before = list(lines)
        for key, values in sorted(entries.items(), key=lambda item: -doc.line(*item[0])):  # bottom up: inserts keep lines
            indent = "  " * len(key)
            line = f"{indent}{HASH}: {english_hash(values)}"
            if (*key, HASH) in doc.lines:
                lines[doc.line(*key, HASH) - 1] = line
            else:
                lines.insert(doc.line(*key) if key else 1, line)  # after the entry's id line, or the opening ---
        if lines != before:
            path.write_text("\n".join(lines), encoding="utf-8")
            changed.append(doc.path)
    return changed


def applied(site: Site, lang: str, memo: dict[str, Any] | None = None) -> Site:
    """The site in `lang`: the translated words in place of the English, wherever they are shown;
    what is not translated stays English. An event whose body is not translated keeps the English
    body, marked by `body_lang`. With a `memo`, an unchanged event is the same object as last time."""
    memo = {} if memo is None else memo
    translation = site.translations.get(lang, Translation(lang))
    terms = {
        kind: {term.id: _term(term, translation.terms.get(kind, {}).get(term.id)) for term in getattr(site, kind)}
        for kind in ("topics", "people", "places")
    }
    eras = {era.id: _era(era, translation.terms.get("eras", {}).get(era.id)) for era in site.eras}
    shown = (*terms["topics"].values(), *terms["people"].values(), *terms["places"].values(), *eras.values())

    def event(english: Event) -> Event:
        text = translation.events.get(english.slug)
        return remembered(memo, ("event", english.slug), (english, text, *shown), lambda: _event(english, text, terms, eras))

    introduction = translation.introduction.body if translation.introduction else site.introduction
    settings = localised_settings(site.settings, translation)
    return dataclasses.replace(
        site,
        events=tuple(event(english) for english in site.events),
        topics=tuple(terms["topics"].values()),
        people=tuple(terms["people"].values()),
        places=tuple(terms["places"].values()),
        eras=tuple(eras.values()),
        introduction=introduction,
        settings=settings,
    )


def localised_settings(settings: Settings, translation: Translation | None) -> Settings:
    """The site's title and description in the translation's language, who translated it, and the
    address of the edition (its folder of the site): where its pages' addresses start."""
    if translation is None:
        return settings
    words = translation.site.values if translation.site else {}
    return dataclasses.replace(
        settings,
        base_url=settings.base_url + BY_LANG[translation.lang].prefix,
        language=translation.lang,
        title=words.get("title", settings.title),
        description=words.get("description", settings.description),
        translators=words.get("translators", ""),
    )


def _term(term: Term, text: Text | None) -> Term:
    if text is None:
        return term
    description = text.values.get("role" if term.kind == "people" else "description", term.description)
    variants = (*text.variants, term.name) if term.kind == "people" else term.variants  # the English name is found too
    country = text.values.get("country", term.country)
    return dataclasses.replace(term, name=text.values["name"], description=description, variants=variants, country=country)


def _era(era: Era, text: Text | None) -> Era:
    return era if text is None else dataclasses.replace(era, name=text.values["name"], description=text.values["description"])


def _event(english: Event, text: Text | None, terms: dict[str, dict[str, Term]], eras: dict[str, Era]) -> Event:
    return dataclasses.replace(
        english,
        title=text.values["title"] if text else english.title,
        summary=text.values["summary"] if text else english.summary,
        body=text.body if text and text.body else english.body,
        citations=tuple(
            dataclasses.replace(citation, translation=text.quotes[n]) if text and n in text.quotes else citation
            for n, citation in enumerate(english.citations, 1)
        ),
        body_lang="" if text and text.body else "en",
        topics=tuple(terms["topics"][t.id] for t in english.topics),
        people=tuple(terms["people"][t.id] for t in english.people),
        places=tuple(terms["places"][t.id] for t in english.places),
        era=eras[english.era.id],
    )
