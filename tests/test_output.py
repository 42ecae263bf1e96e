"""The output folder: a build replaces only a folder it made, and clears what a killed build left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from benchmark import write_corpus
from conftest import REPO, run, tree_digest, wait_for

from timeline import search, write
from timeline.output import MARKER

# --out as typed (relative to the project folder) -> why it is refused
REFUSED = {
    ".": "that is the project folder (or holds it); a build replaces its output folder whole",
    "..": "that is the project folder (or holds it); a build replaces its output folder whole",
    "content": "that is content/ or inside it, which holds the project's own files",
    "content/events": "that is content/ or inside it, which holds the project's own files",
    "templates": "that is templates/ or inside it, which holds the project's own files",
    "static/site": "that is static/ or inside it, which holds the project's own files",
    "seeds": "that is seeds/ or inside it, which holds the project's own files",
    ".git": "that is .git/ or inside it, which holds the project's own files",
    "notes": f"that folder holds files no build made (it has no {MARKER} file); choose a new folder, or empty this one yourself",
    "notes/todo.txt": "that is a file, not a folder",
}


def everything(folder: Path) -> dict[str, str]:
    return tree_digest(folder) | {p.relative_to(folder).as_posix(): "folder" for p in folder.rglob("*") if p.is_dir()}


@pytest.mark.parametrize("out", sorted(REFUSED))
def test_a_folder_the_build_did_not_make_is_refused_and_kept(project: Path, capsys: pytest.CaptureFixture[str], out: str) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("keep me\n")
    before = everything(project.parent)
    code, _, err = run(project, "--out", out, capsys=capsys)
    shown = Path(out).as_posix() if out != ".." else str(project / "..")
    assert code == 1
    assert err.splitlines() == [f"build: --out {shown}: {REFUSED[out]}; nothing was written."]
    assert everything(project.parent) == before


def test_a_folder_outside_the_project_holding_other_files_is_kept(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "photos"
    elsewhere.mkdir()
    (elsewhere / "holiday.jpg").write_bytes(b"\xff\xd8 not really a photo")
    code, _, err = run(project, "build", "--out", str(elsewhere), capsys=capsys)
    assert code == 1
    assert "has no .chronology-build file" in err
    assert [p.name for p in elsewhere.iterdir()] == ["holiday.jpg"]


@pytest.mark.parametrize("given", ["new", "empty", "previous build"])
def test_a_new_or_empty_folder_or_a_previous_build_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, given: str
) -> None:
    out = tmp_path / "site"
    if given == "empty":
        out.mkdir()
    if given == "previous build":
        assert run(project, "--no-search", "--out", str(out), capsys=capsys)[0] == 0
        (out / "stale.html").write_text("from a build long ago")
    code, _, err = run(project, "build", "--no-search", "--out", str(out), capsys=capsys)
    assert code == 0, err
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert not (out / "stale.html").exists()


def ended_pid() -> int:
    """The number of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_killed_builds_are_cleared_and_nothing_else(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = project / f"._site-{ended_pid()}-x1"
    retired = project / "._site-old-x2"
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    live = project / f"._site-{running.pid}-x3"
    foreign = project / "._site-notes"
    for folder in (stale, retired / "_site", live, foreign):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("page")
    for folder in (stale, retired / "_site", live):
        (folder / MARKER).write_text("made by a build")
    try:
        assert run(project, "--no-search", capsys=capsys)[0] == 0
    finally:
        running.kill()
        running.wait()
    assert not stale.exists() and not retired.exists()
    assert live.exists() and foreign.exists()  # a build still running keeps its folder; a folder not ours is not touched


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux's /proc")
def test_a_build_killed_with_sigkill_leaves_no_worker_and_no_staging_folder(tmp_path: Path) -> None:
    root = tmp_path / "big"
    write_corpus(root, 1500)  # enough pages for the build to fork its workers
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "--no-search"]
    build = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    workers: set[int] = set()

    def forked() -> bool:
        workers.update(children(build.pid))
        return bool(workers)

    wait_for(forked, "the build's workers", seconds=60)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to end", seconds=10)
    assert [p.name for p in root.glob("._site-*")]  # the killed build's staging folder is still there...
    assert subprocess.run(command, stderr=subprocess.DEVNULL, check=False).returncode == 0
    assert [p.name for p in root.glob("._site-*")] == []  # ...until the next build clears it
    assert (root / "_site" / "index.html").is_file()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "_site/x.html"),
            "No space left on device (_site/x.html)",
        ),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/www"), "Permission denied (/srv/www)"),
        (OSError(errno.EROFS, "Read-only file system", "/srv/www"), "Read-only file system (/srv/www)"),
    ],
)
def test_a_full_or_read_only_disk_is_said_plainly_and_the_old_site_kept(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fault: OSError, message: str
) -> None:
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    before = tree_digest(project / "_site")

    def fail(numbers: object) -> None:
        raise fault

    monkeypatch.setattr(write, "_write_pages", fail)
    code, _, err = run(project, "--no-search", capsys=capsys)
    assert code == 1
    assert err.splitlines() == [f"build: could not write _site: {message}; the previous site is unchanged."]
    assert tree_digest(project / "_site") == before
    assert list(project.glob("._site-*")) == []


def test_a_failing_search_index_is_said_plainly_and_the_old_site_kept(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    before = tree_digest(project / "_site")

    def fail(site: Path) -> int:
        raise search.SearchIndexError("Search index not built: Pagefind exited with code 1: Error: no pages")

    monkeypatch.setattr(search, "index", fail)
    code, _, err = run(project, capsys=capsys)
    assert code == 1
    assert err.splitlines() == [
        "build: Search index not built: Pagefind exited with code 1: Error: no pages; the previous site is unchanged."
    ]
    assert tree_digest(project / "_site") == before
    assert list(project.glob("._site-*")) == []
