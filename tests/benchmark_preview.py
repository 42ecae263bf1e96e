#!/usr/bin/env python3
"""Preview benchmark (not collected by pytest): time from saving one event to its page being rewritten.

    .venv/bin/python tests/benchmark_preview.py

For the real content and for 10,000 synthetic events (the corpus of tests/benchmark.py), starts
the preview's rebuilder, then edits one event a few times (its body, then its title) and prints
how long each incremental rebuild takes, beside the time of a clean build of the same content.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from benchmark import write_corpus  # noqa: E402
from conftest import make_project  # noqa: E402

from timeline.serve import Preview  # noqa: E402


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = max(path.stat().st_mtime_ns, time.time_ns()) + 1_000_000
    os.utime(path, ns=(stamp, stamp))


def measure(label: str, root: Path) -> None:
    preview = Preview(root, root / "_site", {"base_url": "http://127.0.0.1:8000/"})
    started = time.perf_counter()
    assert preview.rebuild() == []
    clean = time.perf_counter() - started
    event = sorted((root / "content" / "events").glob("*.md"))[len(preview.pages) % 7]
    timings: dict[str, list[float]] = {"body": [], "title": []}
    for round_ in range(3):
        for kind, (old, new) in {"body": ("\n\n", f"\n\nEdit {round_}.\n\n"), "title": ("title: ", f"title: T{round_} ")}.items():
            save(event, old, new)
            started = time.perf_counter()
            assert preview.rebuild() == []
            timings[kind].append(time.perf_counter() - started)
    figures = ", ".join(f"{kind} edit {statistics.median(values):.3f} s" for kind, values in timings.items())
    print(f"{label}: first build {clean:.2f} s; then, median of 3: {figures}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        measure("real content", make_project(Path(folder), REPO))
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as folder:
        write_corpus(Path(folder), 10_000)
        measure("10,000 events", Path(folder))
