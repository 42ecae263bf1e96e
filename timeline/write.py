"""Render every page into a fresh folder, then swap it in for _site/ in one step."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from .model import Site
from .render import Page, Renderer, plan

PARALLEL_FROM = 400  # below this many pages, forking costs more than it saves
EVENT_PACKET = 250

# Set in the parent before forking, so workers inherit them instead of receiving copies.
_job: tuple[Renderer, list[Page], Path] | None = None


def build(root: Path, site: Site, out: Path) -> int:
    """Write the whole site to `out` atomically; return the number of pages written."""
    global _job
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        pages = plan(site)
        _job = (Renderer(root, site), pages, staging)
        _write_all(len(pages))
        _copy_static(root, staging)
        (staging / ".nojekyll").write_bytes(b"")
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
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for result in [pool.submit(_write_pages, task) for task in _tasks(count)]:
            result.result()


def _tasks(count: int) -> list[list[int]]:
    """Page numbers in work packets: the list pages together (they share one cache of drawn event
    entries), then the event pages in small packets, so both cores stay busy to the end."""
    assert _job is not None
    pages = _job[1]
    lists = [number for number in range(count) if pages[number].markdown is None]
    events = [number for number in range(count) if pages[number].markdown is not None]
    return [lists] + [events[start : start + EVENT_PACKET] for start in range(0, len(events), EVENT_PACKET)]


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
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, out)
