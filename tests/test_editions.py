"""The three editions of the built site: every page in each, in its language and direction, linked
to the same page in the others (language switch, hreflang alternates, sitemap), a feed each."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

import build
from timeline.editions import EDITIONS

BASE = "https://example.org/chronology/"


class Head(HTMLParser):
    """What the tests read from a page: <html lang dir>, the alternates and the language switch."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.alternates: dict[str, str] = {}
        self.switch: dict[str, str] = {}
        self._in_switch = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html = found
        elif tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.alternates[found["hreflang"] or ""] = found["href"] or ""
        elif tag == "nav" and found.get("class") == "editions":
            self._in_switch = True
        elif tag == "a" and self._in_switch:
            self.switch[found["hreflang"] or ""] = found["href"] or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switch = False


def read(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site, built once for the module's tests, which only read it."""
    project = make_project(tmp_path_factory.mktemp("editions"), FIXTURES / "site")
    assert build.main(["--root", str(project), "build", "--no-search"]) == 0
    return project / "_site"


def english_pages(site: Path) -> list[str]:
    prefixes = tuple(edition.prefix for edition in EDITIONS if edition.prefix)
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith((*prefixes, "static/"))
    )


def test_every_page_is_in_every_edition_in_its_language_and_direction(site: Path) -> None:
    pages = english_pages(site)
    assert len(pages) > 30
    for edition in EDITIONS:
        for page in pages:
            html = read(site / edition.prefix / page).html
            assert (html.get("lang"), html.get("dir")) == (edition.lang, edition.direction), f"{edition.prefix}{page}"


@pytest.mark.parametrize("page", ["index.html", "events/2021-04-06-lavrov-visit/index.html", "topics/energy/index.html"])
def test_the_switch_and_the_alternates_lead_to_the_same_page(site: Path, page: str) -> None:
    for edition in EDITIONS:
        here = f"{edition.prefix}{page}"
        head = read(site / here)
        for other in EDITIONS:
            switched = posixpath.normpath(posixpath.join(posixpath.dirname(here), head.switch[other.lang]))
            assert switched == f"{other.prefix}{page}", (here, other.lang)
            address = BASE + other.prefix + page.removesuffix("index.html")
            assert head.alternates[other.lang] == address
        assert head.alternates["x-default"] == BASE + page.removesuffix("index.html")  # the English, the reference


def test_the_sitemap_lists_every_edition_with_its_alternates(site: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", namespaces)
    locations = {url.findtext("s:loc", namespaces=namespaces): url for url in urls}
    assert len(locations) == 3 * len(english_pages(site))
    lavrov = locations[BASE + "ur/events/2021-04-06-lavrov-visit/"]
    links = {link.get("hreflang"): link.get("href") for link in lavrov.findall("x:link", namespaces)}
    assert links == {
        "en": BASE + "events/2021-04-06-lavrov-visit/",
        "ur": BASE + "ur/events/2021-04-06-lavrov-visit/",
        "ru": BASE + "ru/events/2021-04-06-lavrov-visit/",
        "x-default": BASE + "events/2021-04-06-lavrov-visit/",
    }


@pytest.mark.parametrize(("lang", "title"), [("ru", "Лавров посещает Исламабад"), ("ur", "لاوروف اسلام آباد کا دورہ کرتے ہیں")])
def test_each_edition_has_a_feed_of_its_own_pages(site: Path, lang: str, title: str) -> None:
    feed = ElementTree.parse(site / lang / "feed.xml").getroot()
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    links = [link.get("href") for link in feed.findall("a:entry/a:link", atom)]
    assert links and all(str(link).startswith(f"{BASE}{lang}/events/") for link in links)
    assert any(title in (entry.findtext("a:title", namespaces=atom) or "") for entry in feed.findall("a:entry", atom))


def test_an_untranslated_body_is_shown_in_english_and_said_so(site: Path) -> None:
    page = (site / "ru/events/2021-04-06-lavrov-visit/index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="body" lang="en" dir="ltr">', page)
    assert "Этот рассказ еще не переведен" in page
    english = (site / "events/2021-04-06-lavrov-visit/index.html").read_text(encoding="utf-8")
    assert 'class="body" lang="en"' not in english and "not yet translated" not in english


def test_data_files_are_made_once_for_the_whole_site(site: Path) -> None:
    for name in ("events.json", "anniversaries.ics", "robots.txt", "404.html", "sitemap.xml"):
        assert (site / name).is_file()
        assert not (site / "ur" / name).exists() and not (site / "ru" / name).exists()
