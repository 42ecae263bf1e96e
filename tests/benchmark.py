#!/usr/bin/env python3
"""Build-speed benchmark (not collected by pytest): the build, and its search index step beside Pagefind's own CLI.

    .venv/bin/python tests/benchmark.py [--disk] [N ...]      default: 1000 10000, in memory (tmpfs)

Writes a deterministic synthetic corpus of N events in the real content format into a temporary
folder (bodies of about 200 words with a heading, a list, a quote and a link; 1-3 topics; 1-2
citations whose quotes the build verifies), then prints, each run as a new process, its wall time,
its processor time (steadier than wall time on a shared machine) and its peak memory (the
resident size of its largest process):
- a clean `build.py` run without and with the search index;
- on the built site, its search bundle removed before each run, ROUNDS times in turn: the search
  step alone (`timeline.search.index`), the Pagefind binary of `pagefind[bin]` run by hand with the
  same options, and Pagefind's Python API (`PagefindIndex.add_directory`, what the build used
  before): the median, and the fastest and slowest run.
`--disk` builds in the system's temporary folder instead: this machine's disk is slow and noisy at
creating thousands of small files, so the in-memory figures show the generator's own cost.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.search import SEARCHED, binary  # noqa: E402

WORDS = """
    minister talks pipeline trade energy visit agreement delegation cooperation security region border treaty
    exports imports wheat gas oil defence exercise summit council commission statement ministry embassy envoy
    peace dialogue framework protocol project investment
""".split()  # noqa: SIM905 (easier to edit as prose)
TOPICS = ["diplomacy", "energy", "afghanistan", "counter-terrorism", "trade", "defence", "sco", "health"]


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def write_corpus(root: Path, count: int) -> None:
    """Content, seeds, templates and static files for `count` synthetic events."""
    rng = random.Random(count)
    content, seeds, events = root / "content", root / "seeds", root / "content" / "events"
    events.mkdir(parents=True)
    seeds.mkdir()
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "static", root / "static")
    (content / "site.yaml").write_text(
        "title: Benchmark\ndescription: Synthetic corpus.\nlanguage: en\nbase_url: https://example.org/b/\n"
    )
    (content / "topics.yaml").write_text("".join(f"{t}:\n  name: {t.title()}\n  description: About {t}.\n" for t in TOPICS))
    (content / "people.yaml").write_text(
        "".join(f"person-{i}:\n  name: Person {i}\n  role: Minister\n  country: Pakistan\n" for i in range(40))
    )
    (content / "places.yaml").write_text("".join(f"place-{i}:\n  name: Place {i}\n  country: Russia\n" for i in range(20)))
    (content / "eras.yaml").write_text(
        "".join(
            f"era-{y}:\n  name: Era {y}\n  start: {y}\n  end: {y + 9}\n  description: The years from {y}.\n"
            for y in range(1940, 2030, 10)
        )
    )
    paragraphs: dict[str, list[str]] = {}
    source_lines = []
    for i in range(20):
        lines = [sentence(rng, 25) for _ in range(30)]
        paragraphs[f"source-{i}"] = lines
        (seeds / f"source-{i}.txt").write_text("\n".join(lines) + "\n")
        source_lines.append(f"source-{i}:\n  title: Source {i}\n  kind: news\n  origin: unknown\n  archive: source-{i}.txt\n")
    (content / "sources.yaml").write_text("".join(source_lines))
    for n in range(count):
        year, month, day = rng.randint(1948, 2023), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        topics = ", ".join(rng.sample(TOPICS, rng.randint(1, 3)))
        citations = ""
        for source in rng.sample(sorted(paragraphs), rng.randint(1, 2)):
            words = rng.choice(paragraphs[source]).split()
            start = rng.randint(0, len(words) - 8)
            citations += f'  - source: {source}\n    quote: "{" ".join(words[start : start + 8])}"\n'
        body = (
            f"{sentence(rng, 40)}\n\n## Background\n\n{sentence(rng, 50)} See [the record](https://example.org/{n}).\n\n"
            f"- {sentence(rng, 8)}\n- {sentence(rng, 8)}\n- {sentence(rng, 8)}\n\n> {sentence(rng, 20)}\n\n{sentence(rng, 55)}\n"
        )
        (events / f"{date}-event-{n}.md").write_text(
            f"---\ntitle: {sentence(rng, 6)[:-1]}\ndate: {date}\ntopics: [{topics}]\n"
            f"people: [person-{rng.randrange(40)}]\nplaces: [place-{rng.randrange(20)}]\n"
            f"summary: {sentence(rng, 18)}\nsources:\n{citations}---\n{body}"
        )


ROUNDS = 5
SEARCH_STEP = """
import pathlib, sys, time, timeline.search
started = time.perf_counter()
timeline.search.index(pathlib.Path(sys.argv[1]))
print(time.perf_counter() - started)  # the step's own time, without the interpreter's start
"""
PYTHON_API = """
import asyncio, sys, time, timeline.search as s
from pagefind.index import PagefindIndex
async def main(site):
    async with PagefindIndex(config={"output_path": f"{site}/{s.OUTPUT}"}) as index:
        await index.add_directory(site, glob=s.SEARCHED)
started = time.perf_counter()
asyncio.run(main(sys.argv[1]))
print(time.perf_counter() - started)
"""


def run(command: list[str], timed_inside: bool = False) -> tuple[float, float, float]:
    """Run `command` as a new process: its wall time in seconds (or the time it prints, when
    `timed_inside`), its processor time in seconds, and its peak memory in MiB."""
    with tempfile.TemporaryFile() as output:
        os.sync()  # start with no pending disk writes, so earlier runs do not slow this one
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this process's own resource use, its children's included
        elapsed = time.perf_counter() - started
        output.seek(0)
        printed = output.read().decode()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{command[:3]} failed:\n{printed[-2000:]}")
    return float(printed) if timed_inside else elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(count: int, where: str | None) -> None:
    with tempfile.TemporaryDirectory(dir=where) as folder:
        root, site = Path(folder), Path(folder) / "_site"
        write_corpus(root, count)
        build = [sys.executable, "build.py", "--root", folder, "build"]
        rows = {"build, no search index": [run(build + ["--no-search"])]}
        pages = sum(1 for _ in site.rglob("*.html"))
        rows["build with search index"] = [run(build)]
        steps = {
            "search step alone": [sys.executable, "-c", SEARCH_STEP, str(site)],
            "Pagefind CLI, same folder": [str(binary()), "--site", str(site), "--glob", SEARCHED],
            "Pagefind Python API": [sys.executable, "-c", PYTHON_API, str(site)],
        }
        for _ in range(ROUNDS):
            for name, command in steps.items():
                shutil.rmtree(site / "pagefind")  # each run writes the whole bundle, as in a build
                rows.setdefault(name, []).append(run(command, timed_inside=command[0] == sys.executable))
        print(f"{count} events ({pages} pages), in {where or tempfile.gettempdir()}:")
        for name, runs in rows.items():
            times, cpu, memory = (sorted(figures) for figures in zip(*runs, strict=True))
            spread = f" ({times[0]:5.2f}-{times[-1]:5.2f})" if len(times) > 1 else ""
            median = statistics.median
            print(f"  {name:<26} {median(times):6.2f} s{spread:<15} cpu {median(cpu):6.2f} s  peak {max(memory):4.0f} MiB")


if __name__ == "__main__":
    disk = "--disk" in sys.argv
    memory = None if disk or not Path("/dev/shm").is_dir() else "/dev/shm"
    for n in [arg for arg in sys.argv[1:] if arg != "--disk"] or ["1000", "10000"]:
        measure(int(n), memory)
