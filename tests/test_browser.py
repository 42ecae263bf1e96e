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
from typing import Any

import pytest
from conftest import REPO, edit, make_project, static_server
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

import build
from timeline.model import SIDES
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
    expected = [side + " sources" for side in dict.fromkeys(SIDES.values()) if side in {SIDES[o] for o in sources.values()}]
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
