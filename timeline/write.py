"""Render every page into a fresh folder, then swap it in for _site/ in one step."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from . import output
from .model import Problem, Site
from .render import Page, Renderer, plan

PARALLEL_FROM = 400  # below this many pages, forking costs more than it saves
EVENT_PACKET = 250

# Set in the parent before forking, so workers inherit them instead of receiving copies.
_job: tuple[Renderer, list[Page], Path] | None = None


def build(root: Path, site: Site, out: Path, preview: bool = False, search: bool = False, pages: list[Page] | None = None) -> int:
    """Write the whole site to `out` atomically; return the number of pages written.

    `search` also builds the Pagefind index (the preview leaves it out: it would be stale at once);
    `pages` are the site's planned pages, when the caller has planned them already.
    """
    global _job
    output.check(root, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    output.clear_leftovers(out)
    staging = output.staging_folder(out)
    try:
        pages = plan(site, root=root) if pages is None else pages
        _job = (Renderer(root, site, preview), pages, staging)
        _write_all(len(pages))
        _copy_static(root, staging)
        (staging / ".nojekyll").write_bytes(b"")
        if search:
            from .search import index  # only a full build needs Pagefind

            index(staging)
        if preview:
            write_problems(staging, [])
        if site.settings.cname:
            (staging / "CNAME").write_text(site.settings.cname + "\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _job = None
    return len(pages)


def _write_all(count: int) -> None:
    workers = os.cpu_count() or 1
    if count < PARALLEL_FROM or workers == 1:
        _write_pages(range(count))
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_end_with, initargs=(os.getpid(),)) as pool:
        for result in [pool.submit(_write_pages, task) for task in _tasks(count, workers)]:
            result.result()


def _end_with(parent: int) -> None:
    """In a worker: exit when the build that forked it is gone, even killed with SIGKILL, which
    gives it no chance to stop its workers (they would otherwise wait for work for ever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="parent watch", daemon=True).start()


def _tasks(count: int, workers: int = 2) -> list[list[int]]:
    """Page numbers in work packets: the list pages together (they share one cache of drawn event
    entries), then the event pages in small packets, so both cores stay busy to the end: at least
    two a worker (an event page, with its citations formatted, costs some 25 times a list page,
    so a few hundred events in one packet kept one core busy long after the other had finished)."""
    assert _job is not None
    pages = _job[1]
    lists = [number for number in range(count) if pages[number].markdown is None]
    events = [number for number in range(count) if pages[number].markdown is not None]
    size = max(1, min(EVENT_PACKET, -(-len(events) // (2 * workers))))
    return [lists] + [events[start : start + size] for start in range(0, len(events), size)]


def _write_pages(numbers: Iterable[int]) -> None:
    """Render and write the given pages; runs in the parent or in a forked worker."""
    assert _job is not None
    renderer, pages, staging = _job
    made: set[Path] = set()
    for number in numbers:
        page = pages[number]
        target = staging / page.out
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(renderer.page(page), encoding="utf-8")


def _copy_static(root: Path, staging: Path) -> None:
    static = root / "static"
    if static.is_dir():
        shutil.copytree(static, staging / "static")


def _swap(staging: Path, out: Path) -> None:
    """Replace `out` by `staging`; the old site stays whole until the new one is complete."""
    os.chmod(staging, 0o755)
    if out.exists():
        retired = output.retired_folder(out)
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, out)


def write_pages(out: Path, texts: dict[str, str]) -> None:
    """Rewrite some pages in place (the preview server's incremental rebuild), rendered before: so
    a template error leaves them all as they were. Each file is replaced in one step, so the server
    never sends a half-written page."""
    for name, text in texts.items():
        _replace(out / name, text)


def remove_pages(out: Path, names: Iterable[str]) -> None:
    """Delete pages that no longer exist, and the folders they leave empty."""
    for name in names:
        target = out / name
        target.unlink(missing_ok=True)
        folder = target.parent
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def write_problems(out: Path, problems: list[Problem]) -> None:
    """The preview's error overlay: a script every preview page loads, listing the problems."""
    lines = json.dumps([str(problem) for problem in problems], ensure_ascii=False)
    _replace(out / "_preview" / "problems.js", OVERLAY.replace("PROBLEMS", lines) if problems else "// no problems\n")


def _replace(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


OVERLAY = """\
// The last build failed: show why over the last good page.
(function () {
  var problems = PROBLEMS;
  var panel = document.createElement("section");
  panel.setAttribute("role", "alert");
  panel.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:1000;" +
    "background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:1rem 1.5rem;font:14px/1.5 monospace";
  var title = document.createElement("h2");
  title.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") +
    " in the content; the page shows the last good build.";
  title.style.cssText = "font:bold 16px sans-serif;margin:0 0 .5rem";
  var list = document.createElement("ul");
  problems.forEach(function (text) {
    var item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
  });
  panel.appendChild(title);
  panel.appendChild(list);
  document.body.appendChild(panel);
})();
"""
