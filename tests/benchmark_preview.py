#!/usr/bin/env python3
"""Preview benchmark (not collected by pytest): time from saving one event to its page being rewritten.

    .venv/bin/python tests/benchmark_preview.py

For the real content and for 10,000 synthetic events (the corpus of tests/benchmark.py), prints
two figures for an edit to an event's body and to its title, each the median (and the slowest)
of five saves:
- rebuild: the preview's incremental rebuild alone, told the changed path as the file watcher
  tells it, beside the time of a clean build of the same content;
- served: end to end through `build.py serve`, from the moment the file is saved to the moment
  the event's page on disk shows the edit (file events, then the rebuild up to that page), and
  the whole rebuild as the server logs it.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from benchmark import write_corpus  # noqa: E402
from conftest import make_project  # noqa: E402

from timeline.serve import Preview  # noqa: E402

ROUNDS = 5
EDITS = {"body": ("\n\n", "\n\nEdit {n}.\n\n", "Edit {n}."), "title": ("title: ", "title: T{n} ", "T{n} ")}  # old, new, shown


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def figures(timings: dict[str, list[float]]) -> str:
    return ", ".join(f"{kind} edit {statistics.median(t):.3f} s (slowest {max(t):.3f})" for kind, t in timings.items())


def edits(event: Path, wait: Callable[[str], None], first: int) -> dict[str, list[float]]:
    """Save each kind of edit ROUNDS times, numbered from `first`; `wait(shown)` returns once the
    page shows `shown`."""
    timings: dict[str, list[float]] = {kind: [] for kind in EDITS}
    for n in range(first, first + ROUNDS):
        for kind, (old, new, shown) in EDITS.items():
            started = time.perf_counter()
            save(event, old, new.format(n=n))
            wait(shown.format(n=n))
            timings[kind].append(time.perf_counter() - started)
            time.sleep(0.2)  # let the watcher settle, as between an editor's saves
    return timings


def rebuilds(label: str, root: Path) -> Path:
    preview = Preview(root, root / "_site", {"base_url": "http://127.0.0.1:8000/"})
    started = time.perf_counter()
    assert preview.rebuild() == []
    clean = time.perf_counter() - started
    event = sorted((root / "content" / "events").glob("*.md"))[len(preview.pages) % 7]

    def rebuild(shown: str) -> None:
        assert preview.rebuild({str(event)}) == []

    timings = edits(event, rebuild, first=0)
    print(f"{label}, rebuild: first build {clean:.2f} s; then {figures(timings)}")
    return event


def served(label: str, root: Path, event: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        for line in server.stderr:
            if line.startswith("Preview folder: "):  # the preview's own folder, not _site/
                page = Path(line.removeprefix("Preview folder: ").strip()) / "events" / event.stem / "index.html"
            if line.startswith("Serving on"):
                break
        time.sleep(1)  # the watcher starts on the server's loop

        def wait(shown: str) -> None:
            deadline = time.perf_counter() + 30
            while shown not in page.read_text(encoding="utf-8"):
                assert time.perf_counter() < deadline, "the page never showed the edit"
                time.sleep(0.001)

        timings = edits(event, wait, first=ROUNDS)
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[1]
    # the edits only: the first build was logged before "Serving on", and read then
    rebuilt = [float(line.split()[2]) for line in log.splitlines() if line.startswith("Rebuilt in ")]
    print(f"{label}, served: saved to page rewritten: {figures(timings)}")
    if len(rebuilt) == len(EDITS) * ROUNDS:  # one rebuild per save, in the order of the saves
        by_kind = {kind: rebuilt[index :: len(EDITS)] for index, kind in enumerate(EDITS)}
        print(f"{label}, served: the whole rebuild, as logged: {figures(by_kind)}")
    else:
        print(f"{label}, served: {len(rebuilt)} rebuilds for {len(EDITS) * ROUNDS} saves: {rebuilt}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), REPO)
        served("real content", project, rebuilds("real content", project))
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as folder:
        write_corpus(Path(folder), 10_000)
        served("10,000 events", Path(folder), rebuilds("10,000 events", Path(folder)))
