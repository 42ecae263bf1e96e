"""Every content mistake: its exact `path:line: message`, exit code 1, and the old _site/ untouched."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO, run, tree_digest

from timeline import files, write

BAD = FIXTURES / "bad"
EVENTS = "content/events"

# fixture file in tests/fixtures/bad/ -> (where it goes in the project, the exact report)
CASES: dict[str, tuple[str, list[str]]] = {
    "malformed-yaml.md": (EVENTS, ["content/events/malformed-yaml.md:4: invalid YAML: did not find expected ',' or ']' (by line 5, while parsing a flow sequence)"]),
    "no-front-matter.md": (EVENTS, ["content/events/no-front-matter.md:1: no front matter: the file must start with a '---' line"]),
    "unclosed-front-matter.md": (EVENTS, ["content/events/unclosed-front-matter.md:1: front matter is never closed: add a '---' line after it"]),
    "missing-title.md": (EVENTS, ["content/events/missing-title.md:1: missing required field 'title' (the event's name)"]),
    "unknown-field.md": (EVENTS, ["content/events/unknown-field.md:4: unknown field 'topic' (did you mean 'topics'?)"]),
    "misspelt-sources.md": (EVENTS, ["content/events/misspelt-sources.md:5: unknown field 'soruces' (did you mean 'sources'?)"]),
    "wrong-type.md": (EVENTS, ["content/events/wrong-type.md:5: topics: expected a list of ids, like [energy, trade], got text 'diplomacy'"]),
    "impossible-date.md": (EVENTS, ["content/events/impossible-date.md:3: date: '2021-02-30' is not a date: February 2021 has 28 days"]),
    "date-with-time.md": (EVENTS, ["content/events/date-with-time.md:3: date: '2021-04-06 10:30' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, or in EDTF 1965-04~ (approximate), 1949? (uncertain), 1979-12% (both), 196X (unknown digits), 1988-11/1989-02 (between), ../1950-05 (before) or 1950-05/.. (after)"]),
    "date-as-number.md": (EVENTS, ["content/events/date-as-number.md:3: date: '20:21' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, or in EDTF 1965-04~ (approximate), 1949? (uncertain), 1979-12% (both), 196X (unknown digits), 1988-11/1989-02 (between), ../1950-05 (before) or 1950-05/.. (after)"]),
    "edtf-month-13-approximate.md": (EVENTS, ["content/events/edtf-month-13-approximate.md:3: date: '1965-13~' is not a date: there is no month 13 (months are 01 to 12)"]),
    "edtf-doubled-uncertainty.md": (EVENTS, ["content/events/edtf-doubled-uncertainty.md:3: date: '1949??' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, or in EDTF 1965-04~ (approximate), 1949? (uncertain), 1979-12% (both), 196X (unknown digits), 1988-11/1989-02 (between), ../1950-05 (before) or 1950-05/.. (after)"]),
    "edtf-interval-with-an-end-field.md": (EVENTS, ["content/events/edtf-interval-with-an-end-field.md:4: end: the date 1988-11/1989-02 is an interval already: give its end there, not in 'end'"]),
    "edtf-interval-ending-before-it-starts.md": (EVENTS, ["content/events/edtf-interval-ending-before-it-starts.md:3: date: '1989-02/1988-11' is not a date: its end, November 1988, is before its start, February 1989"]),
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
        "content/sources.yaml:5: archive: no file seeds/no-such-file.txt (archived texts: 2021-04-07-qureshi-lavrov-agree-cooperation.txt, 2021-04-lavrov-working-visit-preview.txt)",
        "content/sources.yaml:13: encyclopaedia.kind: 'rumour' is not one of: news, opinion, official, analysis, reference",
    ]),
    "archive-url-not-internet-archive.yaml": ("content/sources.yaml", ["content/sources.yaml:18: encyclopaedia.archive_url: 'https://archive.ph/2021.04.07-093000/https://encyclopaedia.example/wiki/Pakistan-Russia' is not an Internet Archive address: write https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"]),
    "archive-url-for-another-page.yaml": ("content/sources.yaml", ["content/sources.yaml:18: encyclopaedia.archive_url: it is a copy of 'https://encyclopaedia.example/wiki/Pakistan-China', not of the source's url 'https://encyclopaedia.example/wiki/Pakistan-Russia'"]),
    "archive-url-without-timestamp.yaml": ("content/sources.yaml", ["content/sources.yaml:18: encyclopaedia.archive_url: 'https://web.archive.org/web/https://encyclopaedia.example/wiki/Pakistan-Russia' has no timestamp after /web/: write https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"]),
    "settings-unknown-key.yaml": ("content/site.yaml", ["content/site.yaml:4: unknown field 'baseurl' (did you mean 'base_url'?)"]),
    "control-character-c1.md": (EVENTS, ["content/events/control-character-c1.md:9: column 26: control character U+0092, which is not text; it is often '’' saved in the wrong encoding: delete it or type the character again"]),
    "control-character-esc.md": (EVENTS, ['content/events/control-character-esc.md:2: column 15: control character U+001B (ESC), which is not text: delete it or type the character again']),
    "control-character-nul.md": (EVENTS, ['content/events/control-character-nul.md:9: column 16: control character U+0000 (NUL), which is not text: delete it or type the character again']),
    "control-character-vertical-tab.md": (EVENTS, ['content/events/control-character-vertical-tab.md:9: column 6: control character U+000B (a vertical tab), which is not text: delete it or type the character again']),
    "control-character-yaml-escape.md": (EVENTS, ['content/events/control-character-yaml-escape.md:2: control character U+001B (ESC), which is not text: delete it or type the character again (written as an escape)']),
    "date-arabic-indic-digits.md": (EVENTS, ["content/events/date-arabic-indic-digits.md:3: date: '٢٠٢١-٠٤-٠٦' is not a date: write its digits as 0-9 (YYYY, YYYY-MM or YYYY-MM-DD)"]),
    "date-year-zero.md": (EVENTS, ["content/events/date-year-zero.md:3: date: '0000-04-06' is not a date: there is no year 0 (1 BC is followed by AD 1)"]),
    "topic-listed-twice.md": (EVENTS, ["content/events/topic-listed-twice.md:4: topics: 'diplomacy' is listed twice"]),
    "yaml-nested-too-deep.md": (EVENTS, ['content/events/yaml-nested-too-deep.md:4: nested more than 6 levels deep: no field needs that many']),
    "markdown-brackets.md": (EVENTS, ["content/events/markdown-brackets.md:9: 20000 '[' in one paragraph (at most 200): Markdown would take minutes"]),
    "markdown-nested-lists.md": (EVENTS, ['content/events/markdown-nested-lists.md:28: nested more than 16 levels deep (lists or indentation): Markdown cannot read it']),
    "raw-html-script.md": (EVENTS, ['content/events/raw-html-script.md:11: raw HTML <script> would swallow the text after it: write &lt;script&gt; to show it, or use `backticks`']),
    "raw-html-title.md": (EVENTS, ['content/events/raw-html-title.md:9: raw HTML <title> would swallow the text after it: write &lt;title&gt; to show it, or use `backticks`']),
    "raw-html-textarea.md": (EVENTS, ['content/events/raw-html-textarea.md:11: raw HTML <textarea> would swallow the text after it: write &lt;textarea&gt; to show it, or use `backticks`']),
    "people-bad-indent.yaml": ("content/people.yaml", ['content/people.yaml:7: invalid YAML: mapping values are not allowed in this context']),
    "template-undefined-variable.html": ("templates/about.html", ["templates/about.html:3: template error: 'no_such_variable' is undefined (while rendering about/index.html)"]),
    "template-missing-include.html": ("templates/about.html", ["templates/about.html:4: template error: there is no template 'no-such-part.html' (while rendering about/index.html)"]),
    "template-exception.html": ("templates/about.html", ["templates/about.html:3: template error: ZeroDivisionError: division by zero (while rendering about/index.html)"]),
    "template-syntax-error.html": ("templates/about.html", ["templates/about.html:3: template error: unexpected '}' (while rendering about/index.html)"]),
    "cname-not-a-host.yaml": ("content/site.yaml", ["content/site.yaml:5: cname: 'https://chronology.example.org/' is not a host name like chronology.example.org (letters, digits, hyphens and dots only)"]),
    "surrogate-escape.md": (EVENTS, ["content/events/surrogate-escape.md:2: invalid YAML: found invalid Unicode character escape code"]),
    "outcome-unknown-event.md": (EVENTS, ["content/events/outcome-unknown-event.md:6: outcome: 'no-such-event' is not an event (no content/events/ file by that name)"]),
    "outcome-is-itself.md": (EVENTS, ["content/events/outcome-is-itself.md:6: outcome: 'outcome-is-itself' is this event itself"]),
    "outcome-is-a-draft.md": (EVENTS, ["content/events/outcome-is-a-draft.md:6: outcome: '2017-07-01-same-year-later' is a draft, so it is not published"]),
    "source-without-origin.yaml": ("content/sources.yaml", ["content/sources.yaml:11: missing required field 'origin' (whose source: pakistan, soviet-union, russia, third-country, international, unknown)"]),
    "people-variants-not-a-list.yaml": ("content/people.yaml", ["content/people.yaml:3: sergey-lavrov.variants: expected a list of texts, like [Matviyenko, Matvienko], got text 'Sergei Lavrov'"]),
    "introduction-links-to-no-event.md": ("content/introduction.md", [
        "content/introduction.md:1: link to 'events/1948-05-01-relations-establish.md': there is no such event in content/events/ (did you mean events/1948-05-01-relations-established.md?)",
        "content/introduction.md:3: link to 'https://example.org/': the introduction links only to events, as events/FILE.md (the event's file in content/events/)",
    ]),
    "quotation-not-in-the-archive.md": (EVENTS, ['content/events/quotation-not-in-the-archive.md:10: quotation "the first Russian foreign minister to visit Islamabad since 2012" is not in any archived source this event cites (closest passage: "the first Russian foreign minister to visit Pakistan since 2012,")']),
    "quotation-of-an-external-page.md": (EVENTS, ['content/events/quotation-of-an-external-page.md:4: quotation "established on 1 May" is not in any archived source this event cites: it cites none; paraphrase the words, or cite the archived text they come from']),
    "marker-to-a-missing-citation.md": (EVENTS, ["content/events/marker-to-a-missing-citation.md:12: citation marker [@preview-2021] points at no citation of this event (it cites: talks-2021)"]),
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


@pytest.mark.parametrize(
    "name", ["malformed-yaml.md", "yaml-tag.md", "not-utf8.md", "markdown-brackets.md", "template-exception.html"]
)
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


def make_link(target: str) -> Callable[[Path, Path], None]:
    def make(project: Path, path: Path) -> None:
        path.symlink_to(target.replace("PROJECT", str(project)))

    return make


def make_fifo(project: Path, path: Path) -> None:
    os.mkfifo(path)


def make_loop(project: Path, path: Path) -> None:
    path.symlink_to(path.name)


def make_huge(project: Path, path: Path) -> None:
    path.write_text("---\ntitle: x\n---\n" + "Very long. " * 200_000)


# where in the project (made by the function) -> the exact report; each must come at once, not hang
FILES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "seeds/environ.txt": (make_link("/proc/self/environ"), "seeds/environ.txt:1: a symlink that leads outside the project (to /proc/self/environ): copy the file into the project instead"),
    "content/events/zero.md": (make_link("/dev/zero"), "content/events/zero.md:1: not a regular file (a device): only text files are read"),
    "content/events/pipe.md": (make_fifo, "content/events/pipe.md:1: not a regular file (a FIFO): only text files are read"),
    "seeds/pipe.txt": (make_fifo, "seeds/pipe.txt:1: not a regular file (a FIFO): only text files are read"),
    "seeds/loop.txt": (make_loop, "seeds/loop.txt:1: a symlink loop: the link leads back to itself"),
    "content/events/loop.md": (make_loop, "content/events/loop.md:1: a symlink loop: the link leads back to itself"),
    "content/events/gone.md": (make_link("PROJECT/nowhere.md"), "content/events/gone.md:1: a symlink to a file that does not exist"),
    "content/events/elsewhere": (make_link("/etc"), "content/events/elsewhere:1: a symlink that leads outside the project (to /etc): copy the file into the project instead"),
    "content/events/inside": (make_link("PROJECT/seeds"), "content/events/inside:1: a symlink to a folder, which is not followed: move its files here"),
    "content/topics.yaml": (make_link("/etc/hostname"), "content/topics.yaml:1: a symlink that leads outside the project (to /etc/hostname): copy the file into the project instead"),
    "templates/passwd.html": (make_link("/etc/passwd"), "templates/passwd.html:1: a symlink that leads outside the project (to /etc/passwd): copy the file into the project instead"),
    "static/shadow.css": (make_link("/etc/shadow"), "static/shadow.css:1: a symlink that leads outside the project (to /etc/shadow): copy the file into the project instead"),
    "static/pipe.css": (make_fifo, "static/pipe.css:1: not a regular file (a FIFO): only text files are read"),
    "content/events/huge.md": (make_huge, "content/events/huge.md:1: 2,200,017 bytes: a file may hold at most 2,000,000 bytes; split it, or shorten it"),
}  # fmt: skip


@pytest.mark.parametrize("where", sorted(FILES))
def test_files_that_must_not_be_read_are_named_at_once(project: Path, where: str) -> None:
    path = project / where
    if path.exists() or path.is_symlink():
        path.unlink()
    FILES[where][0](project, path)
    command = [sys.executable, str(REPO / "build.py"), "--root", str(project), "check"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # a FIFO or /dev/zero would hang
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == FILES[where][1]
    assert "Traceback" not in result.stderr


def test_an_unreadable_file_is_named(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (CI), chmod 000 does not stop reading: the refusal the system would give is made here."""
    locked = project / "seeds" / "2021-04-lavrov-working-visit-preview.txt"
    real_open = open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", refuse, raising=False)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == "seeds/2021-04-lavrov-working-visit-preview.txt:1: cannot be read: permission denied"


@pytest.mark.parametrize("state", ["missing", "empty", "only a hidden file"])
def test_no_events_is_an_error(project: Path, capsys: pytest.CaptureFixture[str], state: str) -> None:
    events = project / "content" / "events"
    shutil.rmtree(events)
    if state != "missing":
        events.mkdir()
    if state == "only a hidden file":
        (events / ".draft.md.swp").write_text("x")
    code, _, err = run(project, "check", capsys=capsys)
    found = "no content/events/ folder" if state == "missing" else "content/events/ holds no event file"
    assert code == 1
    assert err.splitlines() == [
        f"content/events:1: {found}: a chronology needs at least one event (see README)",
        "1 problem found; nothing was written.",
    ]


def test_a_template_error_in_a_worker_process_names_the_template(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write, "PARALLEL_FROM", 0)  # the small site's pages are written by forked workers
    place(project, "template-exception.html")
    code, _, err = run(project, capsys=capsys)
    assert code == 1
    assert err.splitlines() == CASES["template-exception.html"][1] + ["1 problem found; nothing was written."]


@pytest.mark.parametrize("name", ["control-character-esc.md", "control-character-c1.md", "control-character-yaml-escape.md"])
def test_no_raw_control_character_reaches_the_terminal(project: Path, name: str) -> None:
    place(project, name)
    (project / EVENTS / name).rename(project / EVENTS / f"evil\x1b[2J{name}")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(project), "--github"], capture_output=True, check=False
    )
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", output.replace(b"\n", b"")), output
    assert b"evil\\x1b[2J" in result.stderr
