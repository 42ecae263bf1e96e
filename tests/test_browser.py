"""The real site in a real browser: Debian's chromium driven by Playwright.

The tools the tests inject or run come from npm (tests/browser/package.json): axe-core for
accessibility and vnu-jar, the Nu Html Checker, run with Java. `bash tests/run.sh` installs them,
and chromium and Java with apt when they are missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, edit, make_project, static_server
from playwright.sync_api import Browser, Page, expect, sync_playwright

import build
from timeline.quotes import fold

CHROMIUM = "/usr/bin/chromium"
TOOLS = REPO / "tests" / "browser" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (target size included), and axe's best practices.
AXE_RUN = """async () => (await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    resultTypes: ["violations"],
})).violations"""

PAGE_TYPES = {
    "home": "",
    "overview": "overview/",
    "event": "events/1966-01-10-tashkent-declaration/",
    "topic": "topics/energy/",
    "topics": "topics/",
    "person": "people/sergey-lavrov/",
    "place": "places/islamabad/",
    "era": "eras/early-years/",
    "eras": "eras/",
    "source": "sources/qureshi-lavrov-talks-2021/",
    "sources": "sources/",
    "about": "about/",
    "print": "print/",
    "search": "search/",
    "not found": "404.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The real content, built for and served at http://127.0.0.1:PORT/REPO/ (as on GitHub Pages)."""
    top = tmp_path_factory.mktemp("www")
    with static_server(top) as address:
        base = address + "REPO/"
        project = make_project(tmp_path_factory.mktemp("real"), REPO)
        assert build.main(["--root", str(project), "build", "--base-url", base]) == 0
        shutil.move(project / "_site", top / "REPO")
        yield top / "REPO", base


@pytest.fixture(scope="module")
def browser(site: tuple[Path, str]) -> Iterator[Browser]:
    """Started after the site is built: Playwright keeps an event loop running, and the build's
    search indexing runs its own."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: bash tests/run.sh installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    outside: list[str] = []
    opened.on("request", lambda request: None if request.url.startswith("http://127.0.0.1") else outside.append(request.url))
    yield opened
    context.close()
    assert not outside, f"requests to other hosts: {outside}"


def test_search_finds_an_event_and_its_filters_narrow_it(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base + "search/")
    page.fill("#search input", "Tashkent Declaration")
    results = page.locator(".pagefind-ui__result-link")
    expect(results.filter(has_text="Tashkent Declaration signed under Soviet mediation")).to_have_count(1, timeout=15000)
    # Each result shows its kind, and an event its date; no sub-results.
    result = page.locator(
        ".pagefind-ui__result", has=results.filter(has_text="Tashkent Declaration signed under Soviet mediation")
    )
    expect(result.locator(".pagefind-ui__result-tag")).to_have_text(["Date: 10 January 1966", "Kind: Event"], timeout=5000)
    expect(page.locator(".pagefind-ui__result-nested")).to_have_count(0)
    # Filter by decade: the 1960s keeps it, the 2020s leaves it out.
    page.locator(".pagefind-ui__filter-name", has_text="decade").click()
    page.get_by_label("2020s").check()
    expect(results.filter(has_text="Tashkent Declaration signed under Soviet mediation")).to_have_count(0)
    page.get_by_label("2020s").uncheck()
    page.get_by_label("1960s").check()
    expect(results.filter(has_text="Tashkent Declaration signed under Soviet mediation")).to_have_count(1)


def visible_events(page: Page) -> int:
    return page.locator("li.event:visible").count()


def test_topic_filter_narrows_the_list_and_keeps_the_choice_in_the_url(page: Page, site: tuple[Path, str]) -> None:
    root, base = site
    records = json.loads((root / "events.json").read_text())["events"]
    energy = sum(1 for r in records if "energy" in r["topics"])
    energy_or_trade = sum(1 for r in records if {"energy", "trade"} & set(r["topics"]))
    page.goto(base)
    assert visible_events(page) == len(records)
    page.get_by_role("checkbox", name="Energy").check()
    expect(page.locator("li.event:visible")).to_have_count(energy)
    assert page.url.endswith("?topics=energy")
    page.get_by_role("checkbox", name="Trade").check()
    expect(page.locator("li.event:visible")).to_have_count(energy_or_trade)
    page.goto(base + "?topics=trade,energy")  # a shared address restores the choice
    expect(page.locator("li.event:visible")).to_have_count(energy_or_trade)
    expect(page.get_by_role("checkbox", name="Trade")).to_be_checked()
    page.get_by_role("button", name="Show all topics").click()
    expect(page.locator("li.event:visible")).to_have_count(len(records))
    assert "topics=" not in page.url


def test_pages_work_without_javascript(browser: Browser, site: tuple[Path, str]) -> None:
    root, base = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base)
    records = json.loads((root / "events.json").read_text())["events"]
    assert visible_events(page) == len(records)
    expect(page.locator("#topic-filter")).to_be_hidden()  # no dead form
    page.locator("li.event .tag", has_text="Energy").first.click()
    expect(page).to_have_url(base + "topics/energy/index.html")
    page.goto(base + "search/")
    fallback = page.locator("#search-fallback")
    expect(fallback).to_be_visible()
    fallback.get_by_role("link", name="browse the chronology by topic").click()
    expect(page.locator("h1")).to_have_text("Topics")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violation(browser: Browser, site: tuple[Path, str], kind: str, scheme: str) -> None:
    _, base = site
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base + PAGE_TYPES[kind])
    if kind == "search":
        page.fill("#search input", "Lavrov")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    context.close()
    found = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not found, found


def test_nu_html_checker_finds_no_error(site: tuple[Path, str]) -> None:
    root, _ = site
    assert shutil.which("java"), "Java is missing: bash tests/run.sh installs it"
    pages = sorted(str(path) for path in root.rglob("*.html") if "pagefind" not in path.parts)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True, check=False
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').removeprefix('file:' + str(root))}:{m.get('lastLine', '')}: {m['message']}" for m in messages]
    assert not errors, errors[:20]
    assert len(pages) > 250  # every page of the real site


def test_overview_marks_lead_to_their_events(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base + "overview/")
    marks = page.locator("svg.overview-chart a:has(circle)")
    count = marks.count()
    assert count >= 68
    for index in range(0, count, max(1, count // 12)):  # a dozen marks across the chart
        mark = marks.nth(index)
        label = mark.locator("title").text_content() or ""
        mark.focus()  # reachable from the keyboard
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(label.split(": ", 1)[1])
        page.go_back()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scrolling_at_320_pixels(browser: Browser, site: tuple[Path, str], kind: str) -> None:
    _, base = site
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base + PAGE_TYPES[kind])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


def test_the_preview_reloads_the_open_tab_after_an_edit(browser: Browser, server: tuple[Path, str]) -> None:
    """livereload's script in the page, told by the file watcher through the server: no polling."""
    project, base = server
    page = browser.new_page()
    with page.expect_websocket() as opened:
        page.goto(base + "events/2021-04-06-lavrov-visit/")
    opened.value.wait_for_event("framereceived")  # the server's hello: the tab is listening
    edit(project / "content" / "events" / "2021-04-06-lavrov-visit.md", "title: ", "title: Reloaded ")
    expect(page.locator("h1")).to_contain_text("Reloaded ", timeout=10_000)
    edit(project / "content" / "events" / "2021-04-06-lavrov-visit.md", "title: Reloaded ", "title: Again ")
    expect(page.locator("h1")).to_contain_text("Again ", timeout=10_000)  # a second save soon after reloads too
    page.close()


def test_an_archived_text_reads_and_copies_exactly_as_its_file(page: Page, site: tuple[Path, str]) -> None:
    """Highlighted passages add no space a reader would see or copy (padding drew false gaps
    where two passages met), and the visible text is the archive file's, paragraph by paragraph."""
    _, base = site
    page.goto(base + "sources/qureshi-lavrov-talks-2021/")
    shown = page.locator(".archive-text p").all_inner_texts()
    archived = (REPO / "seeds" / "2021-04-07-qureshi-lavrov-agree-cooperation.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(part.split()) for part in archived.split("\n") if part.strip()]
    assert [" ".join(text.split()) for text in shown] == paragraphs
    copied = page.evaluate(SELECT_ALL, ".archive-text")  # the back-links between paragraphs are not copied
    assert copied.split() == archived.split()
    paddings = page.locator(".archive-text mark").evaluate_all(
        "marks => marks.map(m => getComputedStyle(m).paddingLeft + ' ' + getComputedStyle(m).paddingRight)"
    )
    assert paddings and set(paddings) == {"0px 0px"}


SELECT_ALL = """selector => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
}"""


def test_a_quoted_passage_and_the_events_quoting_it_link_to_each_other(page: Page, site: tuple[Path, str]) -> None:
    """Cited by: each quote leads to its highlighted passage; the passage's back-link leads to the event."""
    _, base = site
    page.goto(base + "sources/qureshi-lavrov-talks-2021/")
    citing = page.locator(".cited-by > li").first
    event = citing.locator("> a")
    title, href = event.inner_text(), event.get_attribute("href")
    quote = citing.locator("blockquote a").first
    anchor = (quote.get_attribute("href") or "").removeprefix("#")
    quoted = quote.inner_text()
    quote.click()
    assert page.url.endswith(f"#{anchor}")
    passage = page.locator(f"#{anchor} ~ mark").first  # anchors of passages that start together come first
    expect(passage).to_be_in_viewport()
    assert fold(quoted).startswith(fold(passage.inner_text()))
    back = page.locator(f"p:has(#{anchor}) + .quoted-in a[href='{href}']")
    expect(back).to_have_count(1)
    back.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(f".citations a[href$='sources/qureshi-lavrov-talks-2021/index.html#{anchor}']")).to_have_count(1)


def test_printing_gives_a_clean_booklet(page: Page, site: tuple[Path, str]) -> None:
    """Print styles: no navigation or controls, a new page for each era; Chromium makes a PDF of it."""
    _, base = site
    page.goto(base + "print/")
    page.emulate_media(media="print")
    assert page.locator(".masthead").is_hidden() and page.locator(".colophon").is_hidden()
    breaks = page.locator(".print-era").evaluate_all("eras => eras.map(e => getComputedStyle(e).breakBefore)")
    assert breaks[0] != "page" and set(breaks[1:]) == {"page"}
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) > len(breaks)  # at least a page per era
