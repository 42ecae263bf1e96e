"""The real content: it builds, every quote verifies, nothing is left unused, every decade is there."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, make_project, run

from timeline import coverage, introduction, load, validate


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("real"), REPO)


def test_real_content_builds_with_no_warning(real: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(real, "check", "--strict", capsys=capsys)
    assert code == 0, err
    assert "warning" not in err.replace("0 warnings", "")
    code, _, err = run(real, capsys=capsys)
    assert code == 0, err
    assert (real / "_site" / "events" / "2021-04-06-lavrov-visits-islamabad" / "index.html").is_file()


def test_every_decade_from_1948_is_covered(real: Path) -> None:
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None, problems
    decades = Counter(event.date.year // 10 * 10 for event in site.events)
    assert all(decades[decade] for decade in range(1940, 2030, 10)), decades
    assert sum(1 for event in site.events if event.date.year <= 2012) >= 30
    slugs = {event.slug for event in site.events}
    assert {
        "1948-05-01-diplomatic-relations-established",
        "2021-04-06-lavrov-visits-islamabad",
        "2023-01-29-bilawal-bhutto-zardari-visits-moscow",
    } <= slugs


GAPS = [
    # (file to append to, text appended, the warning expected)
    (
        "content/topics.yaml",
        "trade:\n  name: Trade\n  description: Trade volumes.\n",
        "content/topics.yaml:10: 'trade' has no published event",
    ),
    (
        "content/sources.yaml",
        "unused-page:\n  title: Unused\n  kind: reference\n  origin: unknown\n  url: https://example.org/unused\n",
        "content/sources.yaml:{line}: 'unused-page' never cited by a published event",
    ),
    (
        "content/people.yaml",
        "nobody:\n  name: Nobody\n  role: None\n  country: Nowhere\n",
        "content/people.yaml:{line}: 'nobody' has no published event",
    ),
]


@pytest.mark.parametrize(("rel", "addition", "expected"), GAPS)
def test_check_warns_about_unused_entries_and_strict_fails(
    project: Path, capsys: pytest.CaptureFixture[str], rel: str, addition: str, expected: str
) -> None:
    target = project / rel
    line = len(target.read_text().splitlines()) + 1
    target.write_text(target.read_text() + addition)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0
    assert f"{expected.format(line=line)} (warning)" in err.splitlines()
    count = 1 if rel == "content/sources.yaml" else 3  # a new topic or person is also not yet in Urdu and Russian
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    assert f"{count} warning{'s' if count > 1 else ''} with --strict: failing." in err


def test_event_without_topics_is_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2021-04-07-same-day.md"
    lines = event.read_text().splitlines()
    event.write_text("\n".join("topics: []" if line.startswith("topics:") else line for line in lines) + "\n")
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    assert any(
        line.startswith("content/events/2021-04-07-same-day.md:") and "no topic covers" in line for line in err.splitlines()
    )


def test_event_without_citation_is_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2021-04-07-same-day.md"
    text = event.read_text()
    front, body = text.split("\n---\n", 1)
    kept = front.split("\nsources:")[0]
    event.write_text(f"{kept}\nsources: []\n---\n{body}")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert "cite at least one source" in err


# (event of the small site, its coverage_note removed, the warnings expected at its `sources:` line)
SOURCE_GAPS = [
    ("2021-04-07-same-day", ["only one independent source: cite another, or say in coverage_note what was searched"]),
    (
        "2019-06-putin-khan-bishkek",
        [
            "no Pakistani and no Russian source: cite one, or say in coverage_note what was searched",
            "only one independent source: cite another, or say in coverage_note what was searched",
        ],
    ),
]


@pytest.mark.parametrize(("slug", "expected"), SOURCE_GAPS)
def test_thin_sources_are_a_warning_unless_a_coverage_note_says_why(
    project: Path, capsys: pytest.CaptureFixture[str], slug: str, expected: list[str]
) -> None:
    assert run(project, "check", "--strict", capsys=capsys)[0] == 0  # each event of the small site says why
    event = project / "content" / "events" / f"{slug}.md"
    lines = [line for line in event.read_text().splitlines() if not line.startswith("coverage_note:")]
    event.write_text("\n".join(lines) + "\n")
    line = lines.index("sources:") + 1
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    assert [text for text in err.splitlines() if text.startswith(f"content/events/{slug}.md:")] == [
        f"content/events/{slug}.md:{line}: {message} (warning)" for message in expected
    ]


def test_the_about_page_names_the_years_without_an_event_and_the_last_update(
    real: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None and site.settings.updated is not None, problems
    gaps = list(coverage.year_gaps(site))
    assert len(gaps) <= 8, gaps  # at most eight years from 1948 on without an event, each named on the About page
    assert run(real, "--no-search", "--out", "about-test", capsys=capsys)[0] == 0
    page = (real / "about-test" / "about" / "index.html").read_text()
    assert all(gap in page for gap in gaps) and site.settings.updated.label in page


PLAN_WORDS = ("planned", "expected", "invitation", "invites", "offer", "proposes", "deadline", "due in", "postpones")


def test_every_plan_like_event_is_marked_a_plan(real: Path) -> None:
    """An event whose title records a plan, an invitation, an offer or a deadline is marked `plan: true`,
    so its page says what came of it, or that nothing is recorded."""
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None, problems
    unmarked = [e.slug for e in site.events if any(word in e.title.lower() for word in PLAN_WORDS) and not e.plan]
    assert unmarked == []
    assert sum(1 for e in site.events if e.outcome) >= 4


@pytest.mark.parametrize(
    ("slug", "era"),
    [
        ("1979-12-24-soviet-troops-enter-afghanistan", "soviet-afghan-war"),  # eras begin on days, not years
        ("1979-03-pakistan-leaves-cento", "after-1971"),
        ("1948-first-soviet-trade-delegation-visits-pakistan", "early-years"),  # a year-only date: the first era it touches
        ("2022-02-23-imran-khan-visits-moscow", "after-february-2022"),
    ],
)
def test_events_fall_in_the_era_of_their_day(real: Path, slug: str, era: str) -> None:
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None, problems
    assert next(e for e in site.events if e.slug == slug).era.id == era


def test_two_sources_with_one_address_are_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = project / "content" / "sources.yaml"
    line = len(sources.read_text().splitlines()) + 1
    same = "same-page:\n  title: The same page\n  kind: reference\n  origin: unknown\n  url: http://encyclopaedia.example/wiki/Pakistan-Russia/\n"
    sources.write_text(sources.read_text() + same)
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    expected = f"content/sources.yaml:{line}: 'same-page' has the same address as 'encyclopaedia': keep one (warning)"
    assert expected in err.splitlines()


def test_the_turning_points_are_between_ten_and_twenty_and_span_the_eras(real: Path) -> None:
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None, problems
    milestones = [event for event in site.events if event.milestone]
    assert 10 <= len(milestones) <= 20
    assert {event.era.id for event in milestones} == {era.id for era in site.eras}
    assert {"2021-04-06-lavrov-visits-islamabad", "2023-01-29-bilawal-bhutto-zardari-visits-moscow"} <= {
        event.slug for event in milestones
    }


def test_the_introduction_tells_the_story_in_150_to_250_words_each_paragraph_linked(real: Path) -> None:
    site, problems = validate.build_site(load.load_content(real))
    assert site is not None, problems
    html = "".join(introduction.to_html(site.introduction))
    words = re.sub(r"<[^>]+>", "", html).split()
    assert 150 <= len(words) <= 250, len(words)
    paragraphs = html.split("</p>")[:-1]
    assert paragraphs and all('<a href="events/' in paragraph for paragraph in paragraphs)
    linked = introduction.events_linked(site.introduction)
    assert len(linked) >= 8 and set(linked) <= {event.slug for event in site.events}
    assert {era.id for event in site.events if event.slug in linked for era in [event.era]} == {era.id for era in site.eras}


@pytest.mark.parametrize(("count", "warned"), [(0, False), (1, False), (21, True)])
def test_too_many_milestones_are_a_warning(project: Path, capsys: pytest.CaptureFixture[str], count: int, warned: bool) -> None:
    events = sorted((project / "content" / "events").glob("*.md"))
    for event in events:
        event.write_text(event.read_text().replace("milestone: true\n", ""))
    first = events[0]
    for index in range(count):
        copy = first.parent / f"1948-05-0{index % 9 + 1}-copy-{index}"
        copy.with_suffix(".md").write_text(first.read_text().replace("---\n", "---\nmilestone: true\n", 1))
        for lang in ("ru", "ur"):  # the same title and summary: the same translations
            shutil.copyfile(first.with_suffix(f".{lang}.md"), copy.with_suffix(f".{lang}.md"))
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert (f"content/events: {count} events are milestones: mark between" in err) is warned
    assert code == (1 if warned else 0)


def test_a_paragraph_without_a_citation_marker_is_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixture = FIXTURES / "strict" / "paragraph-without-a-marker.md"
    for path in (FIXTURES / "strict").glob("paragraph-without-a-marker.*"):  # with its translations
        shutil.copyfile(path, project / "content" / "events" / path.name)
    assert run(project, "check", capsys=capsys)[0] == 0  # a warning, not an error
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    message = "a paragraph with no citation marker: end what a source supports with [@source-id] (warning)"
    assert err.splitlines()[0] == f"content/events/{fixture.name}:16: {message}"
