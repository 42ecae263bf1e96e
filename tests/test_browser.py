"""The real site in a real browser: Debian's chromium driven by Playwright.

The tools the tests inject or run come from npm (tests/browser/package.json): axe-core for
accessibility and vnu-jar, the Nu Html Checker, run with Java. `bash tests/run.sh` installs them,
and chromium and Java with apt when they are missing.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, edit, make_project, static_server
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

import build
from build import read_site
from timeline.editions import TRANSLATED
from timeline.model import SIDES, SOURCES_OF
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
    "era chart": "overview/tashkent-to-1971/",
    "event": "events/1966-01-10-tashkent-declaration/",
    "event with both sides": "events/2021-04-06-lavrov-visits-islamabad/",
    "topic": "topics/energy/",
    "topics": "topics/",
    "person": "people/sergey-lavrov/",
    "place": "places/islamabad/",
    "era": "eras/early-years/",
    "eras": "eras/",
    "source": "sources/qureshi-lavrov-talks-2021/",
    "sources": "sources/",
    "about": "about/",
    "coverage": "coverage/",
    "print": "print/",
    "on this day": "on-this-day/",
    "day": "on-this-day/05-01/",
    "leap day": "on-this-day/02-29/",
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


def test_search_narrows_events_to_those_citing_one_sides_sources(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base + "search/")
    page.fill("#search input", "Lavrov")
    message = page.locator(".pagefind-ui__message")
    expect(message).to_have_text(re.compile(r"^\d+ results for Lavrov$"), timeout=15000)
    every = int(message.inner_text().split()[0])
    page.locator(".pagefind-ui__filter-name", has_text="origin").click()
    page.get_by_label("Russian sources").check()
    expect(message).to_have_text(re.compile(rf"^(?!{every} )\d+ results? for Lavrov$"))
    narrowed = int(message.inner_text().split()[0])
    assert 0 < narrowed < every


def visible_events(page: Page) -> int:
    return page.locator("li.event:visible").count()


def test_topic_filter_narrows_the_list_and_keeps_the_choice_in_the_url(page: Page, site: tuple[Path, str]) -> None:
    root, base = site
    records = json.loads((root / "events.json").read_text())["events"]
    energy = sum(1 for r in records if "energy" in r["topics"])
    energy_or_trade = sum(1 for r in records if {"energy", "trade"} & set(r["topics"]))
    page.goto(base)
    assert visible_events(page) == len(records)
    page.get_by_text("Filter by topic").click()  # folded away until opened
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


PHONE: ViewportSize = {"width": 390, "height": 844}
DESK: ViewportSize = {"width": 1366, "height": 900}


def days_with_events(root: Path) -> dict[str, int]:
    """ "05-01" -> how many events of the built site fall on 1 May, in any year."""
    found: dict[str, int] = {}
    for record in json.loads((root / "events.json").read_text())["events"]:
        if len(record["date"]) == len("1948-05-01"):
            found[record["date"][5:]] = found.get(record["date"][5:], 0) + 1
    return found


# (today, the day the index opens at, the status line: "{}" is that day's count)
TODAY_CASES = [
    ("2026-05-01", "05-01", "Today is 1 May: {} events."),
    ("2026-12-07", "12-12", "No events on 7 December; next: 12 December ({} event)."),
    ("2026-12-31", "01-01", "No events on 31 December; next: 1 January ({} event)."),  # round the year
    ("2026-02-28", "03-01", "No events on 28 February; next: 1 March ({} events)."),  # no 29 February in 2026
    ("2028-02-28", "02-29", "No events on 28 February; next: 29 February ({} event)."),  # a leap year
]


@pytest.mark.parametrize(("today", "opens_at", "status"), TODAY_CASES, ids=[today for today, _, _ in TODAY_CASES])
@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["phone", "desk"])
def test_on_this_day_opens_at_today_or_the_next_day_with_events(
    browser: Browser, site: tuple[Path, str], today: str, opens_at: str, status: str, viewport: ViewportSize
) -> None:
    root, base = site
    days = days_with_events(root)
    assert (today[5:] in days) == (today[5:] == opens_at) and opens_at in days  # the real content still fits the cases
    context = browser.new_context(viewport=viewport, timezone_id="Asia/Karachi")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(today + "T09:00:00+05:00"))
    page.goto(base + "on-this-day/")
    expect(page.locator("#today-status")).to_have_text(status.format(days[opens_at]))
    marked = page.locator(".day-found")
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("data-day", opens_at)
    expect(marked).to_be_in_viewport()
    expect(marked.locator(".day-mark")).to_have_text("Today" if today[5:] == opens_at else "Next")
    expect(page.locator("[aria-current=date]")).to_have_count(1 if today[5:] == opens_at else 0)
    link = page.locator("#today-status a")
    label = link.inner_text()
    link.click()  # to the day's page
    expect(page.locator("h1")).to_have_text(label)
    assert page.url.endswith(f"on-this-day/{opens_at}/index.html")
    context.close()


def test_on_a_phone_the_first_event_starts_within_one_and_a_half_screens(browser: Browser, site: tuple[Path, str]) -> None:
    _, base = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base)
    top = page.locator("li.event").first.bounding_box()
    assert top is not None and top["y"] < 1.5 * PHONE["height"], top
    # The filter is folded, not hidden: a keyboard reaches it, and it opens to its topics.
    summary = page.locator("#filter summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("checkbox", name="Energy")).to_be_visible()
    # The skip link to the list takes a keyboard past the introduction and the key moments.
    page.keyboard.press("Home")
    page.goto(base)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the list of events")
    page.keyboard.press("Enter")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('li.event')"):
            break
    assert page.evaluate("!!document.activeElement.closest('li.event')")
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, PHONE, DESK], ids=["320", "phone", "desk"])
def test_the_current_era_and_year_stay_in_view_while_scrolling(browser: Browser, site: tuple[Path, str], viewport: Any) -> None:
    _, base = site
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base + "#1979-12-24-soviet-troops-enter-afghanistan")
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(200)
    at_top = page.evaluate(
        """() => { const x = document.querySelector('.chronology-list').getBoundingClientRect().left + 8;
        const found = document.elementFromPoint(x, 4); const heading = found && found.closest('.year-heading');
        return heading ? heading.textContent.trim().replace(/\\s+/g, ' ') : null; }"""
    )
    context.close()
    assert at_top is not None and at_top.startswith("19"), at_top
    assert at_top.split(" ", 1)[1] in {"After 1971", "The Soviet war in Afghanistan"}


def test_a_december_1979_event_is_listed_in_the_afghan_war_era(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base)
    era = page.locator("section.era", has=page.locator("#soviet-afghan-war"))
    expect(era.locator('[id="1979-12-24-soviet-troops-enter-afghanistan"]')).to_have_count(1)
    expect(page.locator("section.era", has=page.locator("#after-1971")).locator("li.event time").last).not_to_have_text(
        re.compile("December 1979")
    )


def test_the_eras_bar_follows_the_topic_filter(page: Page, site: tuple[Path, str]) -> None:
    root, base = site
    records = json.loads((root / "events.json").read_text())["events"]
    page.goto(base + "?topics=sco")
    per_era: dict[str, int] = {}
    for record in records:
        if "sco" in record["topics"]:
            per_era[record["era"]] = per_era.get(record["era"], 0) + 1
    shown = page.locator(".eras-bar li:visible")
    expect(shown).to_have_count(len(per_era))
    for item in shown.all():
        era = item.get_attribute("data-era") or ""
        assert item.locator(".era-count").inner_text() == str(per_era[era])
    page.get_by_role("button", name="Show all topics").click()
    expect(page.locator(".eras-bar li:visible")).to_have_count(len({r["era"] for r in records}))


def test_key_moments_lead_to_the_milestones_marked_in_the_list(page: Page, site: tuple[Path, str]) -> None:
    root, base = site
    records = json.loads((root / "events.json").read_text())["events"]
    milestones = [r for r in records if r["milestone"]]
    page.goto(base)
    moments = page.locator(".key-moments a")
    expect(moments).to_have_count(len(milestones))
    expect(page.locator("li.event.milestone .milestone-badge")).to_have_count(len(milestones))
    moments.filter(has_text="Tashkent").click()
    expect(page.locator("h1")).to_have_text("Tashkent Declaration signed under Soviet mediation")


def test_a_desk_puts_the_lists_tools_and_an_events_facts_beside_the_text(browser: Browser, site: tuple[Path, str]) -> None:
    _, base = site
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    page.goto(base)
    tools, items = page.locator(".list-tools").bounding_box(), page.locator("li.event").first.bounding_box()
    assert tools and items and tools["x"] + tools["width"] <= items["x"]
    dates = page.locator("li.event .event-date").first.bounding_box()
    assert dates and dates["x"] + dates["width"] <= items["x"] + 1  # dates in a column of their own
    page.goto(base + "events/2021-04-06-lavrov-visits-islamabad/")
    facts, text = page.locator(".event-side").bounding_box(), page.locator(".body").bounding_box()
    assert facts and text and facts["x"] >= text["x"] + text["width"] and facts["y"] < text["y"] + 100
    assert 30 * 16 <= text["width"] <= 47 * 16  # running text keeps a reading measure
    context.close()


def test_citation_markers_and_their_back_links_lead_to_each_other(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base + "events/2021-04-06-lavrov-visits-islamabad/")
    markers = page.locator(".body sup.cite-ref a")
    assert markers.count() >= 6  # every paragraph of the body is tied to its sources
    first = markers.first
    number = first.inner_text().strip(",")
    first.click()
    expect(page).to_have_url(re.compile(f"#source-{number}$"))
    source = page.locator(f"#source-{number}")
    expect(source).to_be_in_viewport()
    back = source.locator(".backrefs a").first
    back.click()
    expect(page).to_have_url(re.compile(f"#cite-{number}-1$"))
    expect(page.locator(f"#cite-{number}-1")).to_be_in_viewport()


def test_each_side_is_set_beside_the_other_and_the_balance_counts_them(browser: Browser, site: tuple[Path, str]) -> None:
    root, base = site
    record = next(
        e for e in json.loads((root / "events.json").read_text())["events"] if e["id"] == "2021-04-06-lavrov-visits-islamabad"
    )
    sources = {c["source"]: c["origin"] for c in record["citations"]}
    expected = [SOURCES_OF[side] for side in dict.fromkeys(SIDES.values()) if side in {SIDES[o] for o in sources.values()}]
    assert len(expected) >= 2
    for viewport in (PHONE, DESK):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base + PAGE_TYPES["event with both sides"])
        expect(page.locator(".balance")).to_contain_text(f"{len(sources)} sources: ")
        expect(page.locator(".side h3")).to_have_text(expected)
        first, second = (page.locator(".side").nth(i).bounding_box() for i in (0, 1))
        assert first and second
        if viewport is DESK:  # beside each other on a desk, one above the other on a phone
            assert abs(first["y"] - second["y"]) < 2
        else:
            assert second["y"] >= first["y"] + first["height"]
        context.close()


@pytest.mark.parametrize(("index", "key"), [("people/", "surname"), ("places/", "name"), ("sources/", "title")])
def test_indexes_read_in_alphabetical_order(page: Page, site: tuple[Path, str], index: str, key: str) -> None:
    """As a reader sees them: people by surname, places by name, sources by title (no brackets or article)."""
    _, base = site
    page.goto(base + index)
    names = page.locator("main li > a:first-child").all_inner_texts()
    assert len(names) > 20

    def sort_key(name: str) -> str:
        words = name.split()
        text = words[-1] + " " + name if key == "surname" else name
        plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
        return re.sub(r"^(the|a|an) ", "", re.sub(r"^[\W_]+", "", plain))

    latin = [name for name in names if re.match(r"[\W\d_]*[A-Za-z]", name)]  # others sort after, by their script
    assert len(latin) > 20 and latin == sorted(latin, key=sort_key)


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
    page.goto(base + "on-this-day/")  # every day with events, by month, each leading to its page
    expect(page.locator("#today-status")).to_be_hidden()
    expect(page.locator(".month h2").first).to_have_text("January")
    page.locator('.day-list a[href$="/05-01/index.html"]').click()
    expect(page.locator("h1")).to_have_text("1 May")
    expect(page.locator("li.event .event-date time").first).to_have_text("1 May 1948")
    page.goto(base + PAGE_TYPES["event"])  # the citations are text to select, with no dead button
    expect(page.locator(".cite-this .citation-text")).to_have_count(2)
    expect(page.locator(".cite-this button")).to_have_count(0)
    page.goto(base + "overview/")  # a chart's tips are CSS: a focused mark shows its date and title
    mark = page.locator(MARKS).nth(40)
    mark.focus()
    expect(mark.locator("text").last).to_be_visible()
    expect(mark.locator("text").last).to_contain_text((mark.get_attribute("aria-label") or "?").split(": ")[0])
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", TRANSLATED)
def test_axe_finds_no_violation_in_each_translated_edition(
    browser: Browser, site: tuple[Path, str], lang: str, scheme: str
) -> None:
    """Every page type of the Urdu and Russian editions, one browser context for them all."""
    _, base = site
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    found = []
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{base}{lang}/{path}" if kind != "not found" else base + path)
        if kind == "search":
            page.fill("#search input", "Lavrov" if lang == "ru" else "لاوروف")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        page.add_script_tag(path=str(AXE))
        found += [f"{kind}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in page.evaluate(AXE_RUN)]
    context.close()
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
    marks = page.locator(".chart-plot a.mark:has(circle.dot)")
    count = marks.count()
    assert count >= 68
    for index in range(0, count, max(1, count // 12)):  # a dozen marks across the chart
        mark = marks.nth(index)
        label = mark.get_attribute("aria-label") or ""
        mark.focus()  # reachable from the keyboard
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(label.split(": ", 1)[1])
        page.go_back()


WINDOWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
CHARTS = {"overview": "overview/", "era chart": "overview/tashkent-to-1971/"}

# The chart is found by what it is, not by its classes: the SVG in the page, its links to events
# (marks), to topics (row names) and the box it scrolls in.
MARKS = "main svg a[href*='events/']"
SCROLL_BOX = """m => { let box = m.parentElement;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    return box; }"""

# The size text is drawn at: its font size times the scale its SVG is drawn at (a viewBox squeezed
# into a narrower box shrinks it).
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('main svg')].flatMap(svg => {
    const scale = svg.viewBox.baseVal ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    return [...svg.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
}))"""

# The text shown in the chart just now: its text elements drawn on screen.
SHOWN_TEXT = """() => [...document.querySelectorAll('main svg text')]
    .filter(t => t.checkVisibility() && t.getBoundingClientRect().width > 0).map(t => t.textContent)"""


def window(browser: Browser, size: str, path: str) -> Page:
    page = browser.new_context(viewport=WINDOWS[size]).new_page()  # type: ignore[arg-type]
    page.goto(path)
    return page


@pytest.mark.parametrize("size", WINDOWS)
@pytest.mark.parametrize("chart", CHARTS)
def test_chart_text_is_at_least_12_pixels_and_targets_24(browser: Browser, site: tuple[Path, str], chart: str, size: str) -> None:
    page = window(browser, size, site[1] + CHARTS[chart])
    assert page.locator("main svg text").count() > 20
    smallest = page.evaluate(SMALLEST_TEXT)
    links = page.locator("main svg a")
    assert links.count() > 20
    targets = links.evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return Math.min(r.width, r.height); })"
    )
    page.locator(MARKS).first.focus()  # a tip's text too, once shown
    shown = page.evaluate(SMALLEST_TEXT)
    page.context.close()
    assert smallest >= 12 and shown >= 12, (smallest, shown)
    assert min(targets) >= 24 - 0.01, min(targets)


@pytest.mark.parametrize("size", WINDOWS)
def test_topic_names_stay_in_view_while_the_chart_scrolls_sideways(browser: Browser, site: tuple[Path, str], size: str) -> None:
    page = window(browser, size, site[1] + "overview/")
    mark = page.locator(MARKS).first
    before = mark.bounding_box()
    mark.evaluate(f"m => {{ const box = ({SCROLL_BOX})(m); box.scrollLeft = box.scrollWidth; }}")
    assert mark.evaluate(f"m => ({SCROLL_BOX})(m).scrollLeft") > 500  # the chart is wider than its box, and scrolled
    after = mark.bounding_box()
    assert before and after and after["x"] < before["x"] - 500
    name = page.locator("main svg a[href*='topics/diplomacy/']")
    page.evaluate("y => window.scrollBy(0, y)", (name.bounding_box() or {"y": 0})["y"] - 100)  # the row in the window
    box = name.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= WINDOWS[size]["width"]
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert name.evaluate("(a, [x, y]) => a.contains(document.elementFromPoint(x, y))", middle)  # not covered
    page.context.close()


@pytest.mark.parametrize("size", WINDOWS)
@pytest.mark.parametrize("chart", CHARTS)
def test_tabbing_to_a_mark_shows_its_date_and_title(browser: Browser, site: tuple[Path, str], chart: str, size: str) -> None:
    page = window(browser, size, site[1] + CHARTS[chart])
    marks = page.locator(MARKS)
    mark = marks.nth(marks.count() // 2)  # one far along the chart, out of view at first on a phone
    date, title = mark.evaluate("m => m.getAttribute('aria-label') || m.querySelector('title').textContent").split(": ", 1)
    before = page.evaluate(SHOWN_TEXT)
    mark.evaluate("m => { const links = [...document.querySelectorAll('a')]; links[links.indexOf(m) - 1].focus(); }")
    page.keyboard.press("Tab")
    assert mark.evaluate("m => document.activeElement === m")
    tips = [text for text in page.evaluate(SHOWN_TEXT) if text not in before]
    shown = "".join("".join(tips).split()).removesuffix("…")  # its lines, without the spaces they break at
    assert shown.startswith("".join(date.split())) and "".join((date + title).split()).startswith(shown), tips
    assert len(shown) > len(date) + 10
    tip, box = page.locator("main svg a:focus text").last.bounding_box(), mark.evaluate_handle(SCROLL_BOX).as_element()
    frame = box.bounding_box() if box else None
    assert tip and frame
    inside = min(tip["x"] + tip["width"], frame["x"] + frame["width"]) - max(tip["x"], frame["x"])
    assert inside >= min(tip["width"], frame["width"]) - 1  # in the chart's box, as far as it fits
    page.mouse.move(0, 0)
    page.locator("h1").click()  # neither focused nor pointed at: hidden again
    assert page.evaluate(SHOWN_TEXT) == before
    mark.hover()
    assert [text for text in page.evaluate(SHOWN_TEXT) if text not in before] == tips
    page.context.close()


def test_on_a_desktop_the_chart_is_wider_than_the_reading_column(browser: Browser, site: tuple[Path, str]) -> None:
    page = window(browser, "desktop", site[1] + "overview/")
    box = page.locator(MARKS).first.evaluate_handle(SCROLL_BOX).as_element()
    column, chart = page.locator("main h1").bounding_box(), box.bounding_box() if box else None
    assert column and chart
    assert chart["width"] > column["width"] + 300 and chart["x"] + chart["width"] > column["x"] + column["width"]
    assert chart["x"] >= 0 and chart["x"] + chart["width"] <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.context.close()


def test_every_era_is_named_on_the_overview_and_leads_to_its_chart(page: Page, site: tuple[Path, str]) -> None:
    eras = read_site(REPO)[0].eras  # type: ignore[union-attr]
    page.goto(site[1] + "overview/")
    for era in eras:
        name = page.locator("main svg a", has_text=era.name)
        expect(name).to_have_count(1)
        assert name.text_content() == era.name  # named in full on the chart
        name.focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(f"{era.name}: the chart")
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


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_page_of_a_translated_edition_scrolls_sideways_at_320_pixels(
    browser: Browser, site: tuple[Path, str], lang: str
) -> None:
    _, base = site
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for kind, path in PAGE_TYPES.items():
        if kind != "not found":
            page.goto(f"{base}{lang}/{path}")
            wide[kind] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert {kind: width for kind, width in wide.items() if width > 320} == {}


def test_the_urdu_edition_reads_right_to_left(page: Page, site: tuple[Path, str]) -> None:
    _, base = site
    page.goto(base + "ur/events/2021-04-06-lavrov-visits-islamabad/")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    main, heading = page.locator("main").bounding_box(), page.locator("main h1").bounding_box()
    assert (
        main and heading and heading["x"] + heading["width"] == pytest.approx(main["x"] + main["width"], abs=2)
    )  # set from the right
    page.goto(base + "events/2021-04-06-lavrov-visits-islamabad/")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "ltr"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_search_finds_an_event_by_its_translated_title(page: Page, site: tuple[Path, str], lang: str) -> None:
    root, base = site
    slug = "1966-01-10-tashkent-declaration"
    text = (REPO / "content" / "events" / f"{slug}.{lang}.md").read_text(encoding="utf-8")
    title = re.search(r'^title: "(.*)"$', text, re.M).group(1)  # type: ignore[union-attr]
    page.goto(f"{base}{lang}/search/")
    page.fill("#search input", title)
    result = page.locator(".pagefind-ui__result-link", has_text=title)
    expect(result.first).to_be_visible(timeout=15000)
    assert (result.first.get_attribute("href") or "").endswith(f"/{lang}/events/{slug}/")


def test_the_preview_reloads_the_open_tab_after_an_edit(browser: Browser, server: tuple[Path, str]) -> None:
    """livereload's script in the page, told by the file watcher through the server: no polling."""
    project, base = server
    page = browser.new_page()
    with page.expect_websocket() as opened:
        page.goto(base + "events/2021-04-06-lavrov-visit/")
    opened.value.wait_for_event("framereceived")  # the server's hello: the tab is listening
    listening: list[object] = []  # the sockets that have heard the server's hello
    page.on("websocket", lambda socket: socket.on("framereceived", lambda _: listening.append(socket)))
    edit(project / "content" / "events" / "2021-04-06-lavrov-visit.md", "title: ", "title: Reloaded ")
    expect(page.locator("h1")).to_contain_text("Reloaded ", timeout=10_000)
    for _ in range(100):  # the reloaded tab listens again before the next save, or its reload would reach no tab
        if listening:
            break
        page.wait_for_timeout(100)
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


TASHKENT = "Tashkent Declaration signed under Soviet mediation"
CLIPBOARD_HTML = """async () => {
    const [item] = await navigator.clipboard.read();
    return await (await item.getType("text/html")).text();
}"""


def test_the_copy_button_copies_a_citation_and_says_so(browser: Browser, site: tuple[Path, str]) -> None:
    _, base = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + PAGE_TYPES["event"])
    for key, name in [("apa", "APA (7th edition)"), ("chicago", "Chicago (18th edition, author-date)")]:
        citation = page.locator(f"#citation-{key}")
        button = page.get_by_role("button", name=f"Copy the {name} citation")
        status = citation.locator("xpath=following-sibling::p[1]").get_by_role("status")
        expect(status).to_have_text("")
        button.click()
        expect(status).to_have_text("Copied")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == " ".join(citation.inner_text().split())
        assert TASHKENT.casefold() in copied.casefold() and base + PAGE_TYPES["event"] in copied
        if key == "apa":  # as HTML too, for a word processor: the title in italics
            assert f"<i>{TASHKENT}</i>" in page.evaluate(CLIPBOARD_HTML)
    context.close()


def test_where_the_clipboard_is_refused_the_citation_is_left_selected(browser: Browser, site: tuple[Path, str]) -> None:
    _, base = site
    context = browser.new_context()
    context.add_init_script(
        """
        const refuse = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
        Object.defineProperty(navigator, "clipboard", {value: {write: refuse, writeText: refuse}});
        document.execCommand = () => false;
        """
    )
    page = context.new_page()
    page.goto(base + PAGE_TYPES["event"])
    page.get_by_role("button", name="Copy the APA (7th edition) citation").click()
    expect(page.get_by_role("status").first).to_have_text("Selected: press Ctrl+C (⌘C on a Mac) to copy")
    selected = page.evaluate("() => getSelection().toString()")
    assert " ".join(selected.split()) == " ".join(page.locator("#citation-apa").inner_text().split())
    context.close()


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
    date = page.locator(".print-event .event-date").first.bounding_box()
    heading = page.locator(".print-event h3").first.bounding_box()
    assert date and heading and date["x"] >= heading["x"]  # each date printed in its heading
    page.emulate_media(media="print")
    assert page.locator(".masthead").is_hidden() and page.locator(".colophon").is_hidden()
    breaks = page.locator(".print-era").evaluate_all("eras => eras.map(e => getComputedStyle(e).breakBefore)")
    assert breaks[0] != "page" and set(breaks[1:]) == {"page"}
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) > len(breaks)  # at least a page per era
