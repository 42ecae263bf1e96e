"""The preview: incremental rebuilds equal clean builds, and the live server survives bad content."""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import livereload
import pytest
from babel.messages.pofile import read_po, write_po
from conftest import edit, free_port, get, run, serving, touch, tree_digest, wait_for

from timeline import files, load, validate, write
from timeline.serve import Preview

BASE = {"base_url": "http://127.0.0.1:8000/"}


def clean_build(project: Path, out: Path) -> dict[str, str]:
    site, problems = validate.build_site(load.load_content(project), BASE)
    assert site is not None, problems
    write.build(project, site, out, preview=True)
    return tree_digest(out)


EVENTS = Path("content/events")


def delete(folder: Path, slug: str) -> None:
    """An event file and its translations, as an editor deletes an event."""
    for path in folder.glob(f"{slug}.*"):
        path.unlink()


EDITS: list[tuple[str, Callable[[Path], object]]] = [
    ("edit a body", lambda p: edit(p / EVENTS / "2021-04-06-lavrov-visit.md", "Lavrov", "Sergey Lavrov")),
    ("edit a title", lambda p: edit(p / EVENTS / "2019-06-putin-khan-bishkek.md", "title: ", "title: Renamed ")),
    (
        "give a plan an outcome",
        lambda p: edit(p / EVENTS / "2019-06-putin-khan-bishkek.md", "places:", "outcome: 2021-04-07-same-day\nplaces:"),
    ),
    ("retitle an outcome", lambda p: edit(p / EVENTS / "2021-04-07-same-day.md", "title: ", "title: Later ")),
    ("retitle a plan", lambda p: edit(p / EVENTS / "2019-06-putin-khan-bishkek.md", "title: ", "title: Planned ")),
    (
        "add an event",
        lambda p: touch(
            p / EVENTS / "2020-01-new-event.md",
            (p / EVENTS / "2021-04-07-same-day.md").read_text(encoding="utf-8").replace("date: 2021-04-07", "date: 2020-01"),
        ),
    ),
    ("rename an event", lambda p: (p / EVENTS / "2020-01-new-event.md").rename(p / EVENTS / "2020-01-renamed-event.md")),
    ("delete an event", lambda p: delete(p / EVENTS, "2017-07-01-same-year-later")),
    ("edit a topic", lambda p: edit(p / "content/topics.yaml", "Gas pipelines and oil.", "Oil and gas.")),
    (
        "edit a list template",
        lambda p: edit(p / "templates/_event_item.html", 'class="event-summary"', 'class="event-summary x"'),
    ),
    ("edit the base template", lambda p: edit(p / "templates/base.html", "</footer>", "<!-- edited --></footer>")),
    ("edit the stylesheet", lambda p: touch(p / "static/style.css", (p / "static/style.css").read_text() + "\n/* edited */\n")),
]


def stamps(project: Path) -> dict[str, int]:
    """Every source file with its modification time: what a file watcher would report changes of."""
    return {str(path): path.stat().st_mtime_ns for path in project.rglob("*") if path.is_file() and "_site" not in path.parts}


@pytest.mark.parametrize("told", [False, True], ids=["looking at every file", "told the changed paths"])
def test_incremental_rebuilds_equal_clean_builds(tmp_path: Path, project: Path, told: bool) -> None:
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    for name, change in EDITS:
        before = stamps(project)
        change(project)
        after = stamps(project)
        changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
        assert preview.rebuild(changed if told else None) == [], name
        assert tree_digest(project / "_site") == clean_build(project, tmp_path / name.replace(" ", "-")), name


def test_a_folder_among_the_changed_paths_means_any_file_in_it_may_have_changed(project: Path) -> None:
    """A folder swapped in whole (a branch switch, a sync tool) is reported as the folder alone."""
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    events, swapped = project / EVENTS, project / "swapped-events"
    shutil.copytree(events, swapped)
    edit(swapped / "2021-04-06-lavrov-visit.md", "title: ", "title: Swapped ")
    events.rename(project / "old-events")
    swapped.rename(events)
    assert preview.rebuild({str(events)}) == []
    assert "Swapped " in (project / "_site" / "events" / "2021-04-06-lavrov-visit" / "index.html").read_text()


def test_an_edit_rewrites_only_the_pages_that_show_it(project: Path) -> None:
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    before = {p: p.stat().st_mtime_ns for p in (project / "_site").rglob("*.html")}
    time.sleep(0.01)
    edit(project / EVENTS / "2021-04-06-lavrov-visit.md", "Lavrov", "Sergey Lavrov")  # the body only
    assert preview.rebuild() == []
    rewritten = {p for p, stamp in before.items() if p.stat().st_mtime_ns != stamp}
    assert project / "_site" / "events" / "2021-04-06-lavrov-visit" / "index.html" in rewritten
    assert all("2021-04-06-lavrov-visit" in p.read_text() for p in rewritten)  # only pages that show the event
    assert project / "_site" / "about" / "index.html" not in rewritten


def test_a_changed_catalog_rewrites_the_words_of_its_edition(project: Path) -> None:
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    chart = project / "_site" / "ru" / "overview" / "index.html"
    assert "ВЕХИ-ПРОВЕРКА" not in chart.read_text()
    path = project / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="ru")
    catalog["Milestones"].string = "ВЕХИ-ПРОВЕРКА"  # a word planning writes: the chart's heading
    time.sleep(0.01)
    with path.open("wb") as file:
        write_po(file, catalog)
    assert preview.rebuild() == []
    assert "ВЕХИ-ПРОВЕРКА" in chart.read_text()


def test_bad_content_keeps_the_last_good_site_and_recovers(project: Path) -> None:
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    page = project / "_site" / "events" / "2021-04-06-lavrov-visit" / "index.html"
    good = page.read_bytes()
    event = project / EVENTS / "2021-04-06-lavrov-visit.md"
    edit(event, "title:", "titel:")
    problems = preview.rebuild()
    message = "content/events/2021-04-06-lavrov-visit.md:2: unknown field 'titel' (did you mean 'title'?)"
    assert [str(p) for p in problems][-1] == message
    assert page.read_bytes() == good
    overlay = (project / "_site" / "_preview" / "problems.js").read_text()
    assert "unknown field 'titel'" in overlay
    edit(event, "titel:", "title:")
    assert preview.rebuild() == []
    assert (project / "_site" / "_preview" / "problems.js").read_text() == "// no problems\n"


def test_template_error_is_reported_not_raised(project: Path) -> None:
    preview = Preview(project, project / "_site", BASE)
    assert preview.rebuild() == []
    edit(project / "templates" / "event.html", "{% block content %}", "{% block content %}{% if %}")
    problems = preview.rebuild()
    assert problems and problems[0].path == "templates/event.html"


def served_files(out: Path) -> dict[str, str]:
    """Every file of the preview but the overlay's script."""
    return {name: digest for name, digest in tree_digest(out).items() if name != "_preview/problems.js"}


def overlay(out: Path) -> str:
    return (out / "_preview" / "problems.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("error", ["{{ 1/0 }}", "{{ no_such_variable }}"], ids=["an exception", "an undefined variable"])
@pytest.mark.parametrize(
    "change",
    [
        lambda p: edit(p / EVENTS / "2021-04-06-lavrov-visit.md", "title: ", "title: Renamed "),  # rewrites many pages
        lambda p: edit(p / "content/site.yaml", "title: ", "title: Renamed "),  # a full build: staged, swapped in whole
    ],
    ids=["an event's title", "the site's title"],
)
def test_a_template_error_on_a_later_page_leaves_every_page_as_it_was(
    tmp_path: Path, project: Path, error: str, change: Callable[[Path], object]
) -> None:
    """Pages are rendered before any is written: source pages come after the home page and the lists."""
    out = tmp_path / "preview"
    preview = Preview(project, out, BASE)
    assert preview.rebuild() == []
    before = served_files(out)
    change(project)
    edit(project / "templates" / "source.html", "{% block content %}", "{% block content %}" + error)
    problems = preview.rebuild()
    assert problems
    assert served_files(out) == before
    assert problems[0].message in overlay(out)
    assert ("ZeroDivisionError" if "1/0" in error else "no_such_variable") in overlay(out)


def test_a_static_file_that_cannot_be_copied_leaves_every_page_as_it_was(tmp_path: Path, project: Path) -> None:
    """static/ is copied beside the served one before any page is written, and swapped in after."""
    out = tmp_path / "preview"
    preview = Preview(project, out, BASE)
    assert preview.rebuild() == []
    before = served_files(out)
    edit(project / EVENTS / "2021-04-06-lavrov-visit.md", "title: ", "title: Renamed ")
    edit(project / "static" / "style.css", "}", "} /* edited */")
    loop = project / "static" / "loop.css"
    loop.symlink_to(loop.name)
    assert preview.rebuild()
    assert served_files(out) == before
    assert "static/loop.css" in overlay(out)
    loop.unlink()
    assert preview.rebuild() == []
    assert "/* edited */" in (out / "static" / "style.css").read_text(encoding="utf-8")


def test_a_symlink_loop_shows_in_the_overlay(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "preview"
    preview = Preview(project, out, BASE)
    assert preview.rebuild() == []
    before = served_files(out)
    loop = project / EVENTS / "loop.md"
    loop.symlink_to(loop.name)  # ln -s loop.md loop.md: fails to read even for root
    assert preview.rebuild({str(loop)})
    assert "content/events/loop.md" in overlay(out)
    assert served_files(out) == before
    loop.unlink()
    assert preview.rebuild({str(loop)}) == []
    assert overlay(out) == "// no problems\n"


def test_an_unreadable_event_shows_in_the_overlay(tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "preview"
    preview = Preview(project, out, BASE)
    assert preview.rebuild() == []
    before = served_files(out)
    event = project / EVENTS / "2021-04-06-lavrov-visit.md"
    event.chmod(0)
    if os.geteuid() == 0:  # root reads it all the same: fail the read as it fails for anyone else
        real_open = open

        def refuse(path: Any, *args: Any, **kwargs: Any) -> Any:
            if Path(path) == event:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(files, "open", refuse, raising=False)
    assert preview.rebuild({str(event)})  # the watcher reports a change of permissions as a change
    assert "content/events/2021-04-06-lavrov-visit.md:1: cannot be read: permission denied" in overlay(out)
    assert served_files(out) == before
    event.chmod(0o644)
    monkeypatch.undo()
    assert preview.rebuild({str(event)}) == []
    assert overlay(out) == "// no problems\n"


def test_a_bug_in_a_rebuild_shows_in_the_overlay_and_is_logged(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "preview"
    preview = Preview(project, out, BASE)
    assert preview.rebuild() == []

    def bug(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(validate, "build_site", bug)
    assert [str(problem) for problem in preview.rebuild()] == ["preview: could not rebuild: RuntimeError: a bug"]
    assert "preview: could not rebuild: RuntimeError: a bug" in overlay(out)
    assert "Traceback" in caplog.text  # a bug: the terminal shows where


# The live server, driven over HTTP.


def test_serve_leaves_the_real_build_alone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Started on broken content, edited, shown a fault: _site/ stays as `build` left it; the
    preview's own folder is outside the project and removed when the server stops."""
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    built = tree_digest(project / "_site")
    event = project / EVENTS / "2021-04-06-lavrov-visit.md"
    edit(event, "title:", "titel:")
    with serving(project, ready="unknown field") as served:  # a page that says why, until the fix
        assert tree_digest(project / "_site") == built
        edit(event, "titel:", "title: Fixed")
        wait_for(lambda: "Fixed " in get(served.base + "events/2021-04-06-lavrov-visit/"), "the fix to show")
        assert tree_digest(project / "_site") == built
    assert tree_digest(project / "_site") == built
    assert project not in served.folder.parents
    assert not served.folder.exists()  # removed on SIGTERM


def test_serve_writes_its_own_folder_whatever_out_says(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roots: list[Path] = []

    def serve(self: object, root: str, **options: object) -> None:  # instead of serving until stopped
        roots.append(Path(root))
        assert (Path(root) / "index.html").is_file()

    monkeypatch.setattr(livereload.Server, "serve", serve)
    assert run(project, "--out", "public", "serve", "--port", str(free_port()), capsys=capsys)[0] == 0
    assert len(roots) == 1 and project not in roots[0].parents
    assert not roots[0].exists()
    assert not (project / "public").exists() and not (project / "_site").exists()


def test_serve_on_a_busy_port_says_so_and_touches_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    built = tree_digest(project / "_site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(project, "serve", "--port", str(port), capsys=capsys)
        suggested = re.fullmatch(rf"port {port} is in use; try --port (\d+)\n", err)
        assert code == 1 and suggested and int(suggested[1]) > port, err
        with socket.socket() as free:
            free.bind(("127.0.0.1", int(suggested[1])))  # the suggested port is free
    assert tree_digest(project / "_site") == built


def test_server_shows_edits_survives_a_broken_file_and_recovers(server: tuple[Path, str]) -> None:
    project, base = server
    page = base + "events/2021-04-06-lavrov-visit/"
    event = project / EVENTS / "2021-04-06-lavrov-visit.md"
    assert "127.0.0.1" in get(page)  # served on this machine only

    edit(event, "title: ", "title: Edited ")
    wait_for(lambda: "Edited " in get(page), "the edit to show")

    edit(event, "title:", "titel:")
    wait_for(lambda: "unknown field" in get(base + "_preview/problems.js"), "the problems overlay")
    assert "Edited " in get(page)  # the last good page is still served

    edit(event, "titel: Edited ", "title: Fixed ")
    wait_for(lambda: "Fixed " in get(page), "the fix to show")
    assert get(base + "_preview/problems.js") == "// no problems\n"

    loop = project / EVENTS / "loop.md"
    loop.symlink_to(loop.name)  # not a content mistake but a fault: the overlay shows it all the same
    wait_for(lambda: "content/events/loop.md" in get(base + "_preview/problems.js"), "the overlay to show the symlink loop")
    assert "Fixed " in get(page)
    loop.unlink()
    wait_for(lambda: get(base + "_preview/problems.js") == "// no problems\n", "the overlay to clear")
