"""Every content mistake: its exact `path:line: message`, exit code 1, and the old _site/ untouched."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run, tree_digest

BAD = FIXTURES / "bad"
EVENTS = "content/events"

# fixture file in tests/fixtures/bad/ -> (where it goes in the project, the exact report)
CASES: dict[str, tuple[str, list[str]]] = {
    "malformed-yaml.md": (EVENTS, ["content/events/malformed-yaml.md:4: invalid YAML: did not find expected ',' or ']' (by line 5, while parsing a flow sequence)"]),
    "no-front-matter.md": (EVENTS, ["content/events/no-front-matter.md:1: no front matter: the file must start with a '---' line"]),
    "unclosed-front-matter.md": (EVENTS, ["content/events/unclosed-front-matter.md:1: front matter is never closed: add a '---' line after it"]),
    "missing-title.md": (EVENTS, ["content/events/missing-title.md:1: missing required field 'title' (the event's name)"]),
    "unknown-field.md": (EVENTS, ["content/events/unknown-field.md:4: unknown field 'topic' (did you mean 'topics'?)"]),
    "misspelt-sources.md": (EVENTS, [
        "content/events/misspelt-sources.md:1: missing required field 'sources' (citations: source, quote, note)",
        "content/events/misspelt-sources.md:5: unknown field 'soruces' (did you mean 'sources'?)",
    ]),
    "wrong-type.md": (EVENTS, ["content/events/wrong-type.md:5: topics: expected a list of ids, like [energy, trade], got text 'diplomacy'"]),
    "impossible-date.md": (EVENTS, ["content/events/impossible-date.md:3: date: '2021-02-30' is not a date: February 2021 has 28 days"]),
    "date-with-time.md": (EVENTS, ["content/events/date-with-time.md:3: date: '2021-04-06 10:30' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"]),
    "date-as-number.md": (EVENTS, ["content/events/date-as-number.md:3: date: '20:21' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"]),
    "end-before-date.md": (EVENTS, ["content/events/end-before-date.md:4: end: 6 April 2021 is before date 7 April 2021"]),
    "unknown-topic.md": (EVENTS, ["content/events/unknown-topic.md:5: topics: unknown id 'nobody-knows' (not in content/topics.yaml)"]),
    "unknown-person.md": (EVENTS, ["content/events/unknown-person.md:5: people: unknown id 'nobody-knows' (not in content/people.yaml)"]),
    "unknown-place.md": (EVENTS, ["content/events/unknown-place.md:5: places: unknown id 'nobody-knows' (not in content/places.yaml)"]),
    "unknown-era.md": (EVENTS, ["content/events/unknown-era.md:4: era: unknown id 'cold-war' (not in content/eras.yaml)"]),
    "unknown-source.md": (EVENTS, ["content/events/unknown-source.md:6: sources[1].source: unknown id 'tass-1965' (not in content/sources.yaml)"]),
    "quote-not-verbatim.md": (EVENTS, ["content/events/quote-not-verbatim.md:7: sources[1].quote: not found verbatim in seeds/2021-04-07-qureshi-lavrov-agree-cooperation.txt (it matches up to '…ian foreign minister to visit ', then the text differs)"]),
    "empty-summary.md": (EVENTS, ["content/events/empty-summary.md:4: summary: empty"]),
    "empty-body.md": (EVENTS, ["content/events/empty-body.md:9: empty body: write at least a sentence below the front matter"]),
    "not-utf8.md": (EVENTS, ["content/events/not-utf8.md:4: not UTF-8 text (byte 0xe9); save it as UTF-8"]),
    "yaml-tag.md": (EVENTS, ["content/events/yaml-tag.md:2: invalid YAML: YAML tag not allowed here ('tag:yaml.org,2002:python/object/apply:os.system')"]),
    "duplicate-key.md": (EVENTS, ["content/events/duplicate-key.md:4: duplicate key 'title' (first on line 2)"]),
    "yaml-alias.md": (EVENTS, ["content/events/yaml-alias.md:4: YAML aliases (*name) are not allowed"]),
    "quote-of-external-source.md": (EVENTS, ["content/events/quote-of-external-source.md:7: sources[1].quote: 'encyclopaedia' has no archived text to check a quote against; paraphrase it in note instead"]),
    "external-source-without-note.md": (EVENTS, ["content/events/external-source-without-note.md:6: sources[1]: a citation of external source 'encyclopaedia' needs a note paraphrasing what it says"]),
    "archived-source-without-quote.md": (EVENTS, ["content/events/archived-source-without-quote.md:6: sources[1]: missing quote from seeds/2021-04-07-qureshi-lavrov-agree-cooperation.txt"]),
    "no-sources.md": (EVENTS, ["content/events/no-sources.md:5: sources: cite at least one source"]),
    "duplicate-slug.md": (f"{EVENTS}/2021/2021-04-06-lavrov-visit.md", [
        "content/events/2021-04-06-lavrov-visit.md:1: duplicate event slug '2021-04-06-lavrov-visit': content/events/2021/2021-04-06-lavrov-visit.md writes the same page events/2021-04-06-lavrov-visit/",
    ]),
    "Not A Slug.md": (EVENTS, ["content/events/Not A Slug.md:1: file name 'Not A Slug.md' is not a slug: use lowercase words joined by hyphens, like 2021-04-06-lavrov-visits-islamabad.md"]),
    "not-markdown.txt": (EVENTS, ["content/events/not-markdown.txt:1: not an event: event files end in .md"]),
    "era-overlap.yaml": ("content/eras.yaml", ["content/eras.yaml:8: era 'new-century' starts before era 'early-years' ends (2005)"]),
    "archive-missing.yaml": ("content/sources.yaml", [
        "content/sources.yaml:4: archive: no file seeds/no-such-file.txt (archived texts: 2021-04-07-qureshi-lavrov-agree-cooperation.txt, 2021-04-lavrov-working-visit-preview.txt)",
        "content/sources.yaml:11: encyclopaedia.kind: 'rumour' is not one of: news, opinion, official, analysis, reference",
    ]),
    "settings-unknown-key.yaml": ("content/site.yaml", [
        "content/site.yaml:1: missing required field 'base_url' (an https:// address; http:// only for 127.0.0.1, localhost or [::1])",
        "content/site.yaml:4: unknown field 'baseurl'; allowed: title, description, language, base_url, repository, branch, cname",
    ]),
    "cname-not-a-host.yaml": ("content/site.yaml", ["content/site.yaml:5: cname: 'https://chronology.example.org/' is not a host name like chronology.example.org (letters, digits, hyphens and dots only)"]),
}  # fmt: skip


def place(root: Path, name: str) -> None:
    """Copy one bad fixture into the project where the table says."""
    where = CASES[name][0]
    target = root / where / name if where == EVENTS else root / where
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / name, target)


def test_every_fixture_has_a_case() -> None:
    assert sorted(path.name for path in BAD.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_and_the_old_site_kept(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, capsys=capsys)[0] == 0
    before = tree_digest(project / "_site")
    place(project, name)
    code, _, err = run(project, capsys=capsys)
    expected = CASES[name][1]
    assert code == 1
    assert err.splitlines() == expected + [
        f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found; nothing was written."
    ]
    assert tree_digest(project / "_site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []  # no staging folder left behind


def test_all_problems_in_all_files_are_reported_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["unknown-field.md", "impossible-date.md", "not-utf8.md", "era-overlap.yaml"]
    for name in names:
        place(project, name)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert err.splitlines()[:-1] == sorted(line for name in names for line in CASES[name][1])


@pytest.mark.parametrize("name", ["malformed-yaml.md", "yaml-tag.md", "not-utf8.md"])
def test_no_traceback_from_the_command_line(project: Path, name: str) -> None:
    place(project, name)
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(project)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(CASES[name][1][0])


def test_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(tmp_path, capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == "content:1: no content/ folder here: run the build from the project root"


def test_missing_settings_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "site.yaml").unlink()
    code, _, err = run(project, capsys=capsys)
    assert code == 1
    assert err.splitlines() == ["content/site.yaml:1: file missing", "1 problem found; nothing was written."]


def test_the_yaml_tag_never_runs(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    bad = (BAD / "yaml-tag.md").read_text().replace("echo owned", f"touch {marker}")
    (project / EVENTS / "yaml-tag.md").write_text(bad)
    assert run(project, capsys=capsys)[0] == 1
    assert not marker.exists()
