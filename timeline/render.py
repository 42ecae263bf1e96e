"""Plan every page of the site and render it with Jinja2. URLs, sorting and grouping live here."""

from __future__ import annotations

import dataclasses
import datetime
import re
import traceback
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markupsafe import Markup

from . import (
    anniversaries,
    bibliography,
    citations,
    coverage,
    data,
    history,
    introduction,
    language,
    markers,
    styles,
    translations,
)
from .body import markdown_converter, sections
from .editions import BY_LANG, Edition
from .language import N_, ngettext
from .language import gettext as _
from .model import (
    KINDS,
    SOURCES_OF,
    Citation,
    Entry,
    EraGroup,
    Event,
    Problem,
    Settings,
    Site,
    Source,
    Term,
    YearGroup,
    by_year,
    changed_in_place,
    remembered,
)
from .overview import chart_href, era_chart, overview
from .quotes import ending, excerpt, highlight

FEED_SIZE = 50
MIN_SECTIONS = 2  # a body with this many sections gets an "On this page" list
SAFE_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "a": {"href", "id", "title"},
    "sup": {"class"},
}


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template draws it, and what it shows."""

    out: str  # path inside _site/, e.g. "events/x/index.html"
    template: str
    title: str
    description: str
    section: str = ""  # the navigation entry it belongs to
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str | None = None  # converted to `body_html` at render time
    cited: tuple[str, ...] = ()  # the ids of the sources the body's markers number, in order
    data: str = ""  # a data file made in Python rather than by a template: "events.json", ...
    edition: str = "en"  # the language of the edition it belongs to; `out` starts with the edition's folder

    @property
    def local(self) -> str:
        """Where it is inside its edition: "events/x/index.html" for "ur/events/x/index.html"."""
        return self.out.removeprefix(BY_LANG[self.edition].prefix)


@dataclass(frozen=True)
class Passage:
    """A highlighted passage of an archived text with the events that quote it: its back-links."""

    anchor: str
    excerpt: str  # how its back-links name it
    events: tuple[Entry, ...]


# Characters XML 1.0 allows nowhere, not even escaped: one in the feed would make it unreadable.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Renderer:
    """Turns pages into text: one Jinja environment (templates compiled once), one Markdown converter.

    The preview server keeps one Renderer across rebuilds: `site` is replaced, and what it drew
    or made (list entries, year sections, chart rows, data-file parts) is made again only when
    what it shows changed.
    """

    def __init__(self, root: Path, site: Site, preview: bool = False):
        self.site = site
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(root / "templates"),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_callables(language.gettext, language.ngettext, newstyle=True)  # type: ignore[attr-defined]
        self.catalogs = language.catalogs(root)
        self.env.globals["event_items"] = self.event_items
        self.env.globals["origin_count"] = origin_count
        self.env.globals["sources_of"] = SOURCES_OF
        self.env.globals["kinds"] = KINDS
        self.env.globals["drawn"] = self.drawn
        self.env.globals["preview"] = preview
        self.env.globals["json_ld"] = lambda event, url: data.json_ld(self.site, event, url)
        self.settings: Settings = site.settings  # the settings of the edition whose page is being rendered
        self.env.globals["cite_box"] = lambda event, url: styles.cite_box(citations.event_item(self.settings, event, url))
        self.fragments: dict[str, tuple[tuple[Event, ...], list[str]]] = {}  # file -> the events, each one's part of it
        self.converter = markdown_converter()
        self.markers: markers.MarkerProcessor = self.converter.inlinePatterns["citation_marker"]  # type: ignore[assignment]
        self.drawings: dict[tuple[str, str, Hashable], Any] = {}  # (template, language, key) -> what drawn() kept
        self.kept: dict[Hashable, Any] = {}  # what data files share across rebuilds: the sources' parts of the citation files

    def data_file(self, kind: str) -> str:
        """events.json, events.csv, timeline.json and the citation files, each event's part made once
        and kept; coverage.json; anniversaries.ics."""
        if kind in bibliography.FILES:
            return self._citation_file(kind)
        if kind == "coverage.json":
            return coverage.as_json(self.site, coverage.coverage(self.site), self.site.settings.base_url)
        if kind == anniversaries.CALENDAR:
            entries = anniversaries.day_entries(self.site.events)
            return anniversaries.calendar(self.site.settings, entries, partial(canonical, self.site))
        files: dict[str, tuple[Callable[[Site, Event, str], str], Callable[[list[str]], str]]] = {
            "events.json": (data.record_fragment, data.events_json),
            "events.csv": (data.csv_fragment, data.events_csv),
            "timeline.json": (data.slide_fragment, partial(data.timelinejs, self.site)),
        }
        make, join = files[kind]
        return join(self._event_parts(kind, make))

    def _citation_file(self, kind: str) -> str:
        """citations.bib, .ris or .json: every event's item, then every cited source's (their parts
        made again only when the sources cited or the site's address change)."""

        def event_part(site: Site, event: Event, url: str) -> str:
            return bibliography.part(kind, citations.event_item(site.settings, event, url))

        sources = citations.cited_sources(self.site)

        def source_parts() -> list[str]:
            return [bibliography.part(kind, citations.source_item(s, canonical(self.site, s.href))) for s in sources]

        kept = remembered(self.kept, kind, (self.site.settings.base_url, *sources), source_parts)
        return bibliography.joined(kind, self._event_parts(kind, event_part) + kept)

    def _event_parts(self, kind: str, make: Callable[[Site, Event, str], str]) -> list[str]:
        """Each event's part of the data file `kind`, in order; kept from last time for an event that is the same object."""
        events = self.site.events
        last_events, last_parts = self.fragments.get(kind, ((), []))

        def part(event: Event) -> str:
            return make(self.site, event, canonical(self.site, event.href))

        changed = changed_in_place(last_events, events)
        if changed is not None:
            parts = list(last_parts)  # the same events in the same order: only the changed ones are made again
            for i in changed:
                parts[i] = part(events[i])
        else:
            kept = {event.slug: (event, made) for event, made in zip(last_events, last_parts, strict=True)}
            parts = [kept[e.slug][1] if e.slug in kept and kept[e.slug][0] is e else part(e) for e in events]
        self.fragments[kind] = (events, parts)
        return parts

    def markdown(self, text: str, numbering: markers.Numbering | None = None) -> str:
        """Markdown to safe HTML: the converter is reset between documents, raw HTML cleaned by nh3
        (which keeps the ids of headings, for the list of a body's sections, and of citation
        markers, for the sources' links back to them). `numbering`: each cited source's number."""
        self.markers.numbering = numbering or markers.Numbering()
        return str(nh3.clean(self.converter.reset().convert(text), attributes=SAFE_ATTRIBUTES))

    def drawn(self, template: str, key: Hashable, **context: Any) -> Markup:
        """A template drawn once and kept while its context stays equal: what many pages show alike.

        `key` names what is drawn among the template's drawings (an event, a chart row); the
        preview keeps the Renderer, so an edit redraws only the entries and rows it changes.
        """

        def draw() -> Markup:
            return Markup(self.env.get_template(template).render(**context))

        return remembered(self.drawings, (template, language.current().lang, key), context.values(), draw)

    def event_items(self, events: list[Entry], root: str, heading: str = "h4") -> Markup:
        """Events' entries in a list; an entry is the same on every list page at one depth, so drawn once."""
        item = partial(self.drawn, "_event_item.html")
        drawn = (item((event.slug, root, heading), event=event, root=root, heading=heading) for event in events)
        return Markup("".join(drawn))  # every part is Markup already: Markup.join would escape each again

    def page(self, page: Page) -> str:
        """The text of one page, in its edition's language; PageError names the template file and line when it fails."""
        try:
            with language.speaking(BY_LANG[page.edition], self.catalogs[page.edition]):
                return self._page(page)
        except Exception as error:  # any mistake in a template, reported where it is
            raise PageError(template_problem(error, page.out)) from error

    def _page(self, page: Page) -> str:
        if page.data:
            return self.data_file(page.data)
        context = {"search_type": None, **page.context}
        if page.markdown is not None:
            numbering = markers.Numbering({ident: n for n, ident in enumerate(page.cited, 1)})
            context["body_html"] = self.markdown(page.markdown, numbering)
            context["cited_from"] = numbering.refs  # source number -> the ids of the markers citing it
            found = sections(self.converter)
            context["contents"] = found if len(found) >= MIN_SECTIONS else ()
        edition = BY_LANG[page.edition]
        shared = page.out not in ROOT_ONLY  # a page every edition has: the switch and the alternates lead to its others
        self.settings = translations.localised_settings(self.site.settings, self.site.translations.get(page.edition))
        assets = self.site.settings.base_url if page.out == "404.html" else "../" * page.out.count("/")  # static/, pagefind/
        text = self.env.get_template(page.template).render(
            settings=self.settings,
            page=page,
            edition=edition,
            root=assets + edition.prefix if page.out == "404.html" else "../" * page.local.count("/"),  # the edition's root
            assets=assets,
            editions=[(other, assets + other.prefix + (page.local if shared else "index.html")) for other in self.site.editions],
            english=ENGLISH_TEXT if edition.lang != "en" else "",  # on what stays English (sources, quotes, notes)
            # TRANSLATORS: the marks that join the parts of a list, and that end a sentence the page puts together.
            comma=_(", "),
            full_stop=_("."),
            alternates=alternates(self.site, page.local) if shared else (),
            canonical=canonical(self.site, page.out),
            **context,
        )
        return NOT_XML.sub("", text) if page.out.endswith(".xml") else text


class PageError(jinja2.TemplateError):
    """A page could not be rendered: carries the Problem that names the template file and line
    (worked out where it happened, since a worker process's traceback does not reach the parent)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem

    def __reduce__(self) -> tuple[type[PageError], tuple[Problem]]:
        return PageError, (self.problem,)


def template_problem(error: BaseException, page: str = "") -> Problem:
    """A template mistake as a Problem at the template file and line where it happened."""
    if isinstance(error, PageError):
        return error.problem
    during = f" (while rendering {page})" if page else ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        name = error.name or (Path(error.filename).name if error.filename else "?")
        return Problem(f"templates/{name}", error.lineno, f"template error: {error.message}{during}")
    if isinstance(error, jinja2.TemplateNotFound):
        what = f"there is no template '{error.name}'"
    elif isinstance(error, jinja2.TemplateError) and error.message:
        what = error.message
    else:
        what = f"{type(error).__name__}: {error}"
    name, line = _template_frame(error)
    return Problem(f"templates/{name}" if name else "templates", line, f"template error: {what}{during}")


def _template_frame(error: BaseException) -> tuple[str, int]:
    """The innermost template file and line in the error's traceback (Jinja puts them there)."""
    found = ("", 1)
    for frame in traceback.extract_tb(error.__traceback__):
        if "/templates/" in frame.filename.replace("\\", "/"):
            found = (frame.filename.replace("\\", "/").rsplit("/templates/", 1)[1], frame.lineno or 1)
    return found


SEARCH_KINDS = (N_("Event"), N_("Person"), N_("Source"))  # the kinds of page search finds, in the catalogs
ENGLISH_TEXT = Markup(' lang="en" dir="ltr"')  # the attributes of English text on a page of another edition


def origin_count(origin: str, count: int) -> str:
    """ "2 Pakistani", "1 of unknown origin": how many of an event's sources an origin gave, in the page's language."""
    words = {
        "Pakistani": ngettext("{num} Pakistani", "{num} Pakistani", count),
        "Soviet": ngettext("{num} Soviet", "{num} Soviet", count),
        "Russian": ngettext("{num} Russian", "{num} Russian", count),
        "third-country": ngettext("{num} third-country", "{num} third-country", count),
        "international": ngettext("{num} international", "{num} international", count),
        "unknown": ngettext("{num} of unknown origin", "{num} of unknown origin", count),
    }
    return words[origin].format(num=count)


def canonical(site: Site, out: str) -> str:
    """The page's absolute address: pretty URLs, no index.html."""
    path = out[: -len("index.html")] if out.endswith("index.html") else out
    return site.settings.base_url + path


def edit_url(site: Site, event: Event) -> str | None:
    repository = site.settings.repository
    if repository is None:
        return None
    return f"{repository.rstrip('/')}/edit/{site.settings.branch}/{event.path}"


ROOT_ONLY = ("404.html", "robots.txt")  # one for the whole site, like the data files and the sitemap


def plan(site: Site, memo: dict[str, Any] | None = None, root: Path | None = None) -> list[Page]:
    """Every page of every edition, in a fixed order: the English pages, then each translated
    edition's pages under its folder, then the sitemap of them all.

    With a `memo` (the preview keeps one), an event page whose inputs are the same objects as last
    time is the same Page object, which makes planning and comparing 10,000 of them cheap. The
    words planning writes (titles, chart labels) come from the catalogs in the project `root`.
    """
    memo = {} if memo is None else memo
    pages = _edition_pages(site, memo)
    catalogs = language.catalogs(root)
    for lang in (edition.lang for edition in site.editions[1:]):
        kept = memo.setdefault(f"edition {lang}", {})
        localised = translations.applied(site, lang, kept)
        with language.speaking(BY_LANG[lang], catalogs[lang]):
            planned = _edition_pages(localised, kept)
        for page in planned:
            if page.out not in ROOT_ONLY and not page.data:
                pages.append(remembered(kept, ("page", page.out), [page], partial(_in_edition, page, BY_LANG[lang])))
    listed = [p for p in pages if p.out.endswith("index.html")]
    urls = remembered(memo, "sitemap", [site.settings.base_url, *listed], lambda: [_sitemap_entry(site, p) for p in listed])
    pages.append(Page("sitemap.xml", "sitemap.xml", "", "", "", {"urls": urls}))
    return pages


def _in_edition(page: Page, edition: Edition) -> Page:
    return dataclasses.replace(page, out=edition.prefix + page.out, edition=edition.lang)


def _sitemap_entry(site: Site, page: Page) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A page's address with the addresses of the same page in every edition (hreflang, x-default)."""
    return canonical(site, page.out), alternates(site, page.local)


def alternates(site: Site, local: str) -> tuple[tuple[str, str], ...]:
    """(hreflang, address) of a page in each edition, and x-default: the English, the reference text."""
    found = tuple((edition.lang, canonical(site, edition.prefix + local)) for edition in site.editions)
    return (*found, ("x-default", found[0][1])) if len(found) > 1 else ()


def _edition_pages(site: Site, memo: dict[str, Any]) -> list[Page]:
    """Every page of one edition, as if it were the whole site."""
    years = partial(_years, memo)
    tagged: dict[str, list[Entry]] = {term.href: [] for term in site.topics + site.people + site.places}  # a str hashes fast
    citing: dict[str, list[Event]] = {source.id: [] for source in site.sources}
    in_era: dict[str, list[Entry]] = {}
    printed: dict[str, list[tuple[Entry, tuple[tuple[Source, tuple[Citation, ...]], ...]]]] = {}
    for event in site.events:
        entry = event.entry
        in_era.setdefault(event.era.id, []).append(entry)
        printed.setdefault(event.era.id, []).append((entry, event.cited_sources))  # equal after a body edit
        for term in event.topics + event.people + event.places:
            tagged[term.href].append(entry)
        for source_id in event.source_ids:
            citing[source_id].append(event)
    pages = [
        Page(
            "index.html",
            "index.html",
            site.settings.title,
            site.settings.description,
            "home",
            {
                "groups": tuple(EraGroup(era, years(era.href, tuple(in_era[era.id]))) for era in site.eras if era.id in in_era),
                "counts": (len(site.events), len(site.sources)),
                "filters": [(topic, len(tagged[topic.href])) for topic in site.topics if tagged[topic.href]],
                "introduction": tuple(map(Markup, introduction.to_html(site.introduction))),
                "milestones": tuple(event.entry for event in site.events if event.milestone),
            },
        ),
    ]
    pages += _event_pages(site, memo)
    for kind, label, terms in (
        ("topics", _("Topics"), site.topics),
        ("people", _("People"), site.people),
        ("places", _("Places"), site.places),
    ):
        pages.append(
            Page(
                f"{kind}/index.html",
                "terms.html",
                label,
                _("{kind} in the chronology.").format(kind=label),
                kind,
                {
                    "terms": [(t, len(tagged[t.href]), _subtitle(t) or t.description) for t in sorted(terms, key=alphabetical)],
                    "see_also": SEE_ALSO.get(kind, ()),
                },
            )
        )
        pages += [_term_page(term, years(term.href, tuple(tagged[term.href])), len(tagged[term.href])) for term in terms]
    pages.append(
        Page(
            "eras/index.html",
            "terms.html",
            _("Eras"),
            _("The periods of the relationship."),
            "eras",
            {
                "terms": [(era, len(in_era.get(era.id, ())), f"{era.label}. {era.description}") for era in site.eras],
                "see_also": (),
            },
        )
    )
    for era in site.eras:
        entries = tuple(in_era.get(era.id, ()))
        pages.append(
            Page(
                era.href,
                "term.html",
                era.name,
                era.description,
                "eras",
                {"term": era, "subtitle": era.label, "groups": years(era.href, entries), "count": len(entries), "variants": ()},
            )
        )
    pages.append(
        Page(
            "sources/index.html",
            "sources.html",
            _("Sources"),
            _("Every source the chronology cites."),
            "sources",
            {"sources": [(s, len(citing[s.id])) for s in sorted(site.sources, key=lambda s: _sort_text(s.title))]},
        )
    )
    for source in site.sources:
        cited = tuple(citing[source.id])
        shown = (source, site.spans.get(source.id, ()), *cited)
        pages.append(remembered(memo, f"source {source.id}", shown, partial(_source_page, site, source, cited)))
    pages += [
        Page(
            "about/index.html",
            "about.html",
            _("About"),
            _("What this chronology is and how it uses sources."),
            "about",
            {"gaps": coverage.year_gaps(site), "counts": (len(site.events), len(site.sources))},
        ),
        Page(
            "coverage/index.html",
            "coverage.html",
            _("What the chronology covers"),
            _("Years with no event, events on one source or one side only, plans with no outcome, events per topic per decade."),
            "about",
            {"report": coverage.coverage(site)},
        ),
        Page(
            "print/index.html",
            "print.html",
            _("The chronology, printable"),
            _("Every event with its date, summary and sources, on one page to print or save as PDF."),
            "about",
            {"eras": tuple((era, tuple(printed[era.id])) for era in site.eras if era.id in printed)},
        ),
        *_chart_pages(site, in_era, memo),
        *_on_this_day_pages(site, memo),
        Page(
            "search/index.html",
            "search.html",
            _("Search"),
            _("Search the events, people and sources of the chronology."),
            "search",
        ),
        Page("404.html", "404.html", _("Page not found"), _("There is no page at this address.")),
        Page("feed.xml", "feed.xml", site.settings.title, site.settings.description, "", {"entries": _feed_entries(site)}),
        Page("robots.txt", "robots.txt", "", ""),
        *_data_pages(site),
    ]
    return pages


def _chart_pages(site: Site, in_era: dict[str, list[Entry]], memo: dict[str, Any]) -> list[Page]:
    """The overview chart, and a chart for each era, each linked to the others."""
    eras = tuple((era, chart_href(era), len(in_era.get(era.id, ()))) for era in site.eras)
    pages = [
        Page(
            "overview/index.html",
            "overview.html",
            _("Overview"),
            _("Every event of the chronology on one chart, by year and topic."),
            "overview",
            {"chart": overview(site, memo), "era": None, "eras": eras, "previous": None, "next": None},
        )
    ]
    for index, (era, href, _count) in enumerate(eras):
        pages.append(
            Page(
                href,
                "overview.html",
                _("{era}: chart").format(era=era.name),
                _("The events of {era} ({dates}) on one chart, by date and topic.").format(era=era.name, dates=era.label),
                "overview",
                {
                    "chart": era_chart(site, era, tuple(in_era.get(era.id, ())), memo),
                    "era": era,
                    "eras": eras,
                    "previous": eras[index - 1] if index else None,
                    "next": eras[index + 1] if index + 1 < len(eras) else None,
                },
            )
        )
    return pages


def _on_this_day_pages(site: Site, memo: dict[str, Any]) -> list[Page]:
    """The on-this-day index, by month, and a page per calendar day with the events on it."""
    entries = anniversaries.day_entries(site.events)
    days = remembered(memo, "on this day", entries, lambda: anniversaries.by_day(entries))
    pages = [
        Page(
            anniversaries.INDEX,
            "on_this_day_index.html",
            _("On this day"),
            _("Every day of the year with events in the chronology, by month, each with its events across the years."),
            "home",
            {
                "months": anniversaries.by_month(days),
                "counts": (len(days), len(entries)),
                "month_names": language.month_names("format"),
            },
        )
    ]
    for day, previous, following in anniversaries.neighbours(days):
        context = {"day": day, "previous": previous, "next": following}
        pages.append(
            Page(
                day.href,
                "on_this_day.html",
                _("{day}: on this day").format(day=day.label),
                anniversaries.description(day),
                "home",
                context,
            )
        )
    return pages


@dataclass(frozen=True)
class _EventPlan:
    """The event pages planned last time, and what they were planned from (the preview keeps it)."""

    settings: Settings
    events: tuple[Event, ...]
    near: dict[str, tuple[str, ...]]  # related events, by slug
    outcomes: dict[str, Outcome]
    pages: list[Page]
    position: dict[str, int]  # slug -> its place in `events`
    shown_by: dict[str, list[int]]  # slug -> the places of the events whose pages show its entry


def _event_pages(site: Site, memo: dict[str, Any]) -> list[Page]:
    """One page per event, with its neighbours and related events.

    With the plan kept in `memo` from last time, when only events themselves changed (same
    order, same tagging), only their pages and the pages that show their entries are planned
    again: an edit costs a few pages, not 10,000.
    """
    events, near = site.events, data.related(site, memo)
    outcomes = remembered(memo, "outcomes", [(e.slug, e.outcome) for e in events], lambda: _outcomes(events))
    last: _EventPlan | None = memo.get("event pages")
    changed = None
    if last is not None and last.settings == site.settings and last.near is near and last.outcomes is outcomes:
        changed = changed_in_place(last.events, events)
    if last is None or changed is None:
        position = {event.slug: i for i, event in enumerate(events)}
        shown_by: dict[str, list[int]] = {event.slug: [] for event in events}
        for slug in position:
            outcome, plans = outcomes.get(slug, (None, ()))
            for other in (*near[slug], *plans, *([outcome] if outcome else [])):
                shown_by[other].append(position[slug])
        pages = [_event_page_at(site, near, outcomes, position, i) for i in range(len(events))]
        plan = _EventPlan(site.settings, events, near, outcomes, pages, position, shown_by)
    else:
        redo = set(changed)
        for i in changed:
            if events[i].entry != last.events[i].entry:  # what other pages show of it changed
                redo.update(j for j in (i - 1, i + 1, *last.shown_by[events[i].slug]) if 0 <= j < len(events))
        pages = list(last.pages)
        for i in redo:
            pages[i] = _event_page_at(site, near, outcomes, last.position, i)
        plan = dataclasses.replace(last, events=events, pages=pages)
    memo["event pages"] = plan
    return plan.pages


Outcome = tuple[str | None, tuple[str, ...]]  # a plan's outcome, and the plans an event is the outcome of


def _outcomes(events: tuple[Event, ...]) -> dict[str, Outcome]:
    """For each event in a plan-and-outcome pair: what came of it, and what it came of."""
    found: dict[str, Outcome] = {}
    for event in events:
        if event.outcome:
            found[event.slug] = (event.outcome, found.get(event.slug, (None, ()))[1])
            outcome, plans = found.get(event.outcome, (None, ()))
            found[event.outcome] = (outcome, (*plans, event.slug))
    return found


def _event_page_at(
    site: Site, near: dict[str, tuple[str, ...]], outcomes: dict[str, Outcome], position: dict[str, int], i: int
) -> Page:
    events = site.events

    def entry(slug: str) -> Entry:
        return events[position[slug]].entry

    outcome, plans = outcomes.get(events[i].slug, (None, ()))
    return _event_page(
        site,
        events[i],
        events[i - 1].entry if i else None,
        events[i + 1].entry if i + 1 < len(events) else None,
        tuple(map(entry, near[events[i].slug])),
        (entry(outcome) if outcome else None, tuple(map(entry, plans))),
    )


def _event_page(
    site: Site,
    event: Event,
    previous: Entry | None,
    following: Entry | None,
    related: tuple[Entry, ...],
    outcome: tuple[Entry | None, tuple[Entry, ...]],
) -> Page:
    return Page(
        event.href,
        "event.html",
        event.title,
        event.summary,
        "home",
        {
            "event": event,
            "previous": previous,
            "next": following,
            "related": related,
            "outcome": outcome[0],
            "outcome_of": outcome[1],
            "search_type": "Event",
            "decade": event.date.year // 10 * 10,
            "edit_url": edit_url(site, event),
        },
        markdown=event.body,
        cited=tuple(source.id for source, _ in event.cited_sources),
    )


def _data_pages(site: Site) -> list[Page]:
    """events.json, events.csv, timeline.json (TimelineJS), coverage.json, anniversaries.ics and the
    citation files, linked from the about page; made at render time, so the preview makes them
    again only when what they show changes."""
    every = {"events": site.events, "eras": site.eras, "settings": site.settings}
    entries = tuple(event.entry for event in site.events)
    rows = tuple((e.entry, e.people, e.places, e.source_ids) for e in site.events)
    on_days = anniversaries.day_entries(site.events)  # what the calendar shows of them
    return [
        Page("events.json", "", "", "", context=every, data="events.json"),
        Page("events.csv", "", "", "", context=dict(every, events=rows), data="events.csv"),  # no body in CSV
        Page("timeline.json", "", "", "", context=dict(every, events=entries), data="timeline.json"),  # nor here
        Page("coverage.json", "", "", "", context=every, data="coverage.json"),
        Page(anniversaries.CALENDAR, "", "", "", context=dict(every, events=on_days), data=anniversaries.CALENDAR),
        *(Page(kind, "", "", "", context=dict(every, sources=site.sources), data=kind) for kind in bibliography.FILES),
    ]


# The indexes the navigation has no room for, linked from their neighbours.
SEE_ALSO = {"people": (("Places", "places/index.html"),), "places": (("People", "people/index.html"),)}


def alphabetical(term: Term) -> str:
    """How an index orders terms: people by surname (the last word of the name), others by name."""
    return _sort_text(term.name.split()[-1] + " " + term.name if term.kind == "people" else term.name)


def _sort_text(text: str) -> str:
    """A title as an index sorts it: no brackets, quotes or leading article, no accents, one case
    (Latin titles A to Z, then those in other scripts, each in code-point order)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"^[\W_]+", "", plain)
    return re.sub(r"^(the|a|an) ", "", plain)


def _subtitle(term: Term) -> str:
    """A person's role and country, a place's country; nothing for a topic."""
    return ", ".join(part for part in (term.description if term.kind != "topics" else "", term.country) if part)


def _years(memo: dict[str, Any], key: str, entries: tuple[Entry, ...]) -> tuple[YearGroup, ...]:
    """Events grouped by year; kept in the memo while the entries they show stay equal."""
    return remembered(memo, f"years {key}", entries, lambda: by_year(entries))


def _term_page(term: Term, groups: tuple[YearGroup, ...], count: int) -> Page:
    subtitle = _subtitle(term)
    description = term.description if term.kind == "topics" else f"{term.name}: {subtitle}."
    return Page(
        term.href,
        "term.html",
        term.name,
        description,
        term.kind,
        {
            "term": term,
            "subtitle": subtitle,
            "groups": groups,
            "count": count,
            "search_type": "Person" if term.kind == "people" else None,
            "variants": term.variants,
        },
    )


def _source_page(site: Site, source: Source, events: tuple[Event, ...]) -> Page:
    spans = site.spans.get(source.id, ())
    cited = [(event.entry, [c for c in event.citations if c.source.id == source.id]) for event in events]
    quoting = quoted_by(cited)
    paragraphs = tuple(
        (shown, tuple(Passage(s.anchor, excerpt(source.text, s), quoting.get(s.anchor, ())) for s in ended))
        for shown, ended in zip(highlight(source.text, spans), ending(source.text, spans), strict=True)
    )
    return Page(
        source.href,
        "source.html",
        source.title,
        _("Source: {title}").format(title=source.title),
        "sources",
        {"source": source, "paragraphs": paragraphs, "cited": cited, "search_type": "Source"},
    )


def quoted_by(cited: list[tuple[Entry, list[Citation]]]) -> dict[str, tuple[Entry, ...]]:
    """Each quoted passage's anchor -> the events that quote it, each once, in the order given."""
    found: dict[str, dict[str, Entry]] = {}
    for entry, cites in cited:
        for citation in cites:
            if citation.anchor:
                found.setdefault(citation.anchor, {})[entry.slug] = entry
    return {anchor: tuple(entries.values()) for anchor, entries in found.items()}


def _feed_entries(site: Site) -> list[tuple[Entry, str, str, str | None]]:
    """The events last added or changed, newest first, each with its address and Atom timestamps:
    when it last changed, and when it was added (known from the git history only)."""
    latest = history.latest(site.events, site.history, FEED_SIZE)
    return [(e.entry, canonical(site, e.href), _atom(updated), _atom(added) if added else None) for e, updated, added in latest]


def _atom(moment: datetime.datetime) -> str:
    """An RFC 3339 timestamp in UTC, as Atom wants: 2021-04-07T09:30:00Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
