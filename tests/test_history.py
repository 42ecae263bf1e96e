"""What is new: the feed dated by the git history of the event files, and by event date without one."""

from __future__ import annotations

import datetime
import logging
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import run

from build import read_site
from timeline import history, serve
from timeline.model import FileDates, History

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
EVENTS = Path("content/events")
NEW_EVENT = """---
title: A trade agreement
date: 1957-03
topics: [diplomacy]
summary: An event of 1957 added to the chronology long after.
coverage_note: Only the archived preview was searched for this small test site.
sources:
  - source: preview-2021
    quote: "On May 1 1948, Pakistan and Russia established diplomatic relationships with one another."
---
An old event, newly added. [@preview-2021]
"""


def day(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


def git(root: Path, *args: str, when: str = "2024-01-01T12:00:00") -> None:
    """Run git in `root` as a fixed person at a fixed time, whatever this machine's settings."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": f"{when}+00:00",
        "GIT_COMMITTER_DATE": f"{when}+00:00",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def commit(root: Path, when: str, message: str) -> None:
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)


def checkout(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    commit(project, "2024-01-01T12:00:00", "The fixture site")
    return project


def feed(project: Path) -> list[tuple[str, str, str | None]]:
    """Each entry of the built feed: (its event's slug, updated, published)."""
    root = ElementTree.parse(project / "_site" / "feed.xml").getroot()
    return [
        (
            (entry.findtext("atom:id", "", ATOM)).rstrip("/").rsplit("/", 1)[1],
            entry.findtext("atom:updated", "", ATOM),
            entry.findtext("atom:published", None, ATOM),
        )
        for entry in root.iterfind("atom:entry", ATOM)
    ]


def built(project: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, str | None]]:
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    return feed(project)


FIRST = "2024-01-01T12:00:00Z"
ALL_AT_FIRST = [  # the published fixture events, committed together: by event date, latest first
    ("2021-04-07-same-day", FIRST, FIRST),
    ("2021-04-06-lavrov-visit", FIRST, FIRST),
    ("2021-03-lavrov-visit-announced", FIRST, FIRST),
    ("2019-06-putin-khan-bishkek", FIRST, FIRST),
    ("2017-06-sco-membership", FIRST, FIRST),
    ("1965-04-approximate-energy-talks", FIRST, FIRST),
    ("1948-05-01-relations-established", FIRST, FIRST),
]


def test_entries_are_dated_by_when_they_were_added_or_changed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checkout(project)
    assert built(project, capsys) == ALL_AT_FIRST
    (project / EVENTS / "1957-03-trade-agreement.md").write_text(NEW_EVENT, encoding="utf-8")
    commit(project, "2024-02-01T08:00:00", "An event of 1957")
    old = project / EVENTS / "1948-05-01-relations-established.md"
    old.write_text(old.read_text(encoding="utf-8").replace("according to", "as told by"), encoding="utf-8")
    commit(project, "2024-03-01T09:30:00", "A better word")
    for suffix in (".md", ".ru.md", ".ur.md"):  # an event renamed with its translations
        git(project, "mv", f"{EVENTS}/2019-06-putin-khan-bishkek{suffix}", f"{EVENTS}/2019-06-putin-and-khan-in-bishkek{suffix}")
    commit(project, "2024-04-01T10:00:00", "A clearer name: renamed only")
    for suffix in (".md", ".ru.md", ".ur.md"):
        (project / EVENTS / f"2017-06-sco-membership{suffix}").rename(project / EVENTS / f"2017-06-sco-full-membership{suffix}")
    text = (project / EVENTS / "2017-06-sco-full-membership.md").read_text(encoding="utf-8")
    (project / EVENTS / "2017-06-sco-full-membership.md").write_text(
        text.replace("as a full member.\n", "as a full member state.\n"), encoding="utf-8"
    )
    commit(project, "2024-05-01T11:00:00", "Renamed and changed")
    entries = built(project, capsys)
    assert entries[:3] == [
        ("2017-06-sco-full-membership", "2024-05-01T11:00:00Z", FIRST),  # renamed and changed: news; first added kept
        ("1948-05-01-relations-established", "2024-03-01T09:30:00Z", FIRST),
        ("1957-03-trade-agreement", "2024-02-01T08:00:00Z", "2024-02-01T08:00:00Z"),  # old history, newly added
    ]
    assert ("2019-06-putin-and-khan-in-bishkek", FIRST, FIRST) in entries[3:]  # a rename alone is no news
    assert [slug for slug, _, _ in entries[3:]] == [
        "2021-04-07-same-day",
        "2021-04-06-lavrov-visit",
        "2021-03-lavrov-visit-announced",
        "2019-06-putin-and-khan-in-bishkek",
        "1965-04-approximate-energy-talks",
    ]
    updated = ElementTree.parse(project / "_site" / "feed.xml").getroot().findtext("atom:updated", "", ATOM)
    assert updated == "2024-05-01T11:00:00Z"  # the feed's own: its latest entry's


def test_the_same_commit_gives_the_same_feed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checkout(project)
    first = (built(project, capsys), (project / "_site" / "feed.xml").read_bytes())
    assert (built(project, capsys), (project / "_site" / "feed.xml").read_bytes()) == first


def test_outside_a_checkout_entries_are_dated_by_event_date(
    project: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="build")
    entries = built(project, capsys)
    assert entries[:2] == [
        ("2021-04-07-same-day", "2021-04-07T00:00:00Z", None),
        ("2021-04-06-lavrov-visit", "2021-04-06T00:00:00Z", None),
    ]
    assert ("1965-04-approximate-energy-talks", "1965-04-01T00:00:00Z", None) in entries  # its earliest day
    said = [line for line in caplog.messages if line.startswith("feed:")]
    assert said == ["feed: no git history (not a git checkout); entries dated by event date"]


def test_without_git_entries_are_dated_by_event_date(
    project: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout(project)
    monkeypatch.setenv("PATH", str(project / "no-programs-here"))
    caplog.set_level(logging.INFO, logger="build")
    assert built(project, capsys)[0] == ("2021-04-07-same-day", "2021-04-07T00:00:00Z", None)
    assert [line for line in caplog.messages if line.startswith("feed:")] == [
        "feed: no git history (git is not installed); entries dated by event date"
    ]


def test_a_file_not_committed_yet_is_dated_by_event_date(
    project: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    checkout(project)
    (project / EVENTS / "1957-03-trade-agreement.md").write_text(NEW_EVENT, encoding="utf-8")
    changed = project / EVENTS / "2021-04-07-same-day.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAn edit not committed.\n", encoding="utf-8")
    caplog.set_level(logging.INFO, logger="build")
    entries = built(project, capsys)
    assert entries[: len(ALL_AT_FIRST)] == ALL_AT_FIRST  # an edit not committed leaves the dates of the commit
    assert entries[-1] == ("1957-03-trade-agreement", "1957-03-01T00:00:00Z", None)
    assert [line for line in caplog.messages if line.startswith("feed:")] == [
        "feed: 1 event file not committed yet (content/events/1957-03-trade-agreement.md); dated by event date"
    ]


def test_the_preview_reads_the_history_only_when_the_event_files_change(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    checkout(project)
    reads: list[Path] = []
    real = history.read

    def counted(root: Path) -> History:
        reads.append(root)
        return real(root)

    monkeypatch.setattr(history, "read", counted)
    preview = serve.Preview(project, tmp_path / "preview" / "site", {"base_url": "http://127.0.0.1:8000/"})
    assert preview.rebuild() == []
    edited = project / EVENTS / "2021-04-07-same-day.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    assert preview.rebuild({str(edited)}) == []
    assert reads == [project]  # an edit: no git
    added = project / EVENTS / "1957-03-trade-agreement.md"
    added.write_text(NEW_EVENT, encoding="utf-8")
    assert preview.rebuild({str(added)}) == []
    assert reads == [project, project]  # a new file
    text = (tmp_path / "preview" / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "<published>2024-01-01T12:00:00Z</published>" in text


def log(*commits: tuple[str, list[str]]) -> str:
    """`git log -z -M --name-status --format=%x01%ct` output: each commit's date and changes, newest first."""
    text = ""
    for when, changes in commits:
        text += f"\x01{int(day(when).timestamp())}\0"
        if changes:
            parts = [part for change in changes for part in change.split(" ", 2 if change[0] in "RC" else 1)]
            text += "\n" + "".join(part + "\0" for part in parts)
    return text


A, B, C, D = (f"content/events/{name}.md" for name in "abcd")
# the log, newest commit first -> each file's (published, updated) by the name it has now
LOGS = [
    ("added", log(("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-01-01")}),
    ("changed", log(("2024-03-01", [f"M {A}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-03-01")}),
    ("changed twice", log(("2024-03-01", [f"M {A}"]), ("2024-02-01", [f"M {A}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-03-01")}),
    ("renamed only", log(("2024-03-01", [f"R100 {A} {B}"]), ("2024-01-01", [f"A {A}"])), {B: ("2024-01-01", "2024-01-01")}),
    ("renamed and changed", log(("2024-03-01", [f"R087 {A} {B}"]), ("2024-01-01", [f"A {A}"])), {B: ("2024-01-01", "2024-03-01")}),
    ("renamed twice", log(("2024-04-01", [f"R100 {B} {C}"]), ("2024-03-01", [f"M {B}"]), ("2024-02-01", [f"R100 {A} {B}"]), ("2024-01-01", [f"A {A}"])), {C: ("2024-01-01", "2024-03-01")}),
    ("deleted", log(("2024-03-01", [f"D {A}"]), ("2024-01-01", [f"A {A}"])), {}),
    ("deleted, then added again", log(("2024-05-01", [f"A {A}"]), ("2024-03-01", [f"D {A}"]), ("2024-02-01", [f"M {A}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-05-01", "2024-05-01")}),
    ("renamed, its old name taken by a new file", log(("2024-05-01", [f"A {A}"]), ("2024-03-01", [f"R100 {A} {B}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-05-01", "2024-05-01"), B: ("2024-01-01", "2024-01-01")}),
    ("two files in one commit", log(("2024-02-01", [f"M {A}", f"A {B}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-02-01"), B: ("2024-02-01", "2024-02-01")}),
    ("a commit changing no event (a merge)", log(("2024-02-01", []), ("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-01-01")}),
    ("copied", log(("2024-02-01", [f"C090 {A} {D}"]), ("2024-01-01", [f"A {A}"])), {A: ("2024-01-01", "2024-01-01"), D: ("2024-02-01", "2024-02-01")}),
    ("its history cut short (a shallow clone)", log(("2024-03-01", [f"M {A}"])), {A: ("2024-03-01", "2024-03-01")}),
    ("no history", "", {}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [row[1:] for row in LOGS], ids=[row[0] for row in LOGS])
def test_the_log_is_read(text: str, expected: dict[str, tuple[str, str]]) -> None:
    assert history.parse(text) == {path: FileDates(day(added), day(changed)) for path, (added, changed) in expected.items()}


def test_a_file_name_with_spaces_and_other_scripts_is_read() -> None:
    name = "content/events/1948 Пакистан\tيوم.md"
    assert history.parse(log(("2024-01-01", [f"A {name}"]))) == {name: FileDates(day("2024-01-01"), day("2024-01-01"))}


NOTES = [
    (History(missing="not a git checkout"), [A], "feed: no git history (not a git checkout); entries dated by event date"),
    (History({A: FileDates(day("2024-01-01"), day("2024-01-01"))}), [A], None),
    (History({}), [A], f"feed: 1 event file not committed yet ({A}); dated by event date"),
    (History({}), [A, B, C, D], f"feed: 4 event files not committed yet ({A}, {B}, {C} and 1 more); dated by event date"),
]  # fmt: skip


@pytest.mark.parametrize(("known", "paths", "said"), NOTES)
def test_what_the_build_log_says(known: History, paths: list[str], said: str | None) -> None:
    assert history.note(known, paths) == said


def test_of_the_events_with_no_history_the_latest_by_date_come_first(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    assert [event for event, _, _ in history.latest(site.events, History(), 3)] == list(site.events[::-1][:3])
    oldest = site.events[0]
    added = History({oldest.path: FileDates(day("2024-01-01"), day("2024-02-01"))})
    assert [(event, published) for event, _, published in history.latest(site.events, added, 2)] == [
        (oldest, day("2024-01-01")),
        (site.events[-1], None),
    ]
