#!/usr/bin/env python3
"""Build-speed benchmark (not collected by pytest): prints wall time, pages/s and peak memory.

    .venv/bin/python tests/benchmark.py [N ...]      default: 1000 10000

Writes a deterministic synthetic corpus of N events in the real content format into a temporary
folder (bodies of about 200 words with a heading, a list, a quote and a link; 1-3 topics; 1-2
citations whose quotes the build verifies), then times a clean `build.py` run as a new process.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
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


def measure(count: int, where: str | None, search: bool) -> None:
    with tempfile.TemporaryDirectory(dir=where) as folder:
        root = Path(folder)
        write_corpus(root, count)
        command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build"] + ([] if search else ["--no-search"])
        os.sync()  # start with no pending disk writes, so earlier runs do not slow this one
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if result.returncode:
            sys.exit(result.stderr[-2000:])
        pages = sum(1 for _ in (root / "_site").rglob("*.html"))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = pages / elapsed
        place = where or tempfile.gettempdir()
        index = "with search index" if search else "no search index"
        print(
            f"{count:>6} events, {place}, {index}: {pages} pages in {elapsed:5.2f} s = {rate:5.0f} pages/s, peak {peak:4.0f} MiB"
        )


if __name__ == "__main__":
    # One fresh interpreter per figure, so each peak-memory figure is its own. Each size is built
    # in memory (tmpfs, where there is one) with and without the search index, and on disk: this
    # machine's disk is slow and noisy at creating thousands of small files, so the in-memory
    # figures show the generator's own cost, and Pagefind's indexing is shown apart.
    if len(sys.argv) == 4:
        measure(int(sys.argv[1]), None if sys.argv[2] == "disk" else sys.argv[2], sys.argv[3] == "search")
    else:
        memory = "/dev/shm" if Path("/dev/shm").is_dir() else "disk"
        runs = [(memory, "no-search"), (memory, "search"), ("disk", "search")]
        for n in sys.argv[1:] or ["1000", "10000"]:
            for place, search in runs:
                subprocess.run([sys.executable, __file__, n, place, search], check=True)
