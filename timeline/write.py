"""Render every page into a fresh folder, then swap it in for _site/ in one step."""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import jinja2

from .model import Site
from .render import MarkdownRenderer, Page, environment, plan, render

PARALLEL_FROM = 400  # below this many pages, forking costs more than it saves

# Set in the parent before forking, so workers inherit them instead of receiving copies.
_job: tuple[jinja2.Environment, Site, list[Page], Path] | None = None


def build(root: Path, site: Site, out: Path) -> int:
    """Write the whole site to `out` atomically; return the number of pages written."""
    global _job
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        pages = plan(site)
        _job = (environment(root), site, pages, staging)
        _write_all(len(pages))
        _copy_static(root, staging)
        (staging / ".nojekyll").write_bytes(b"")
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
        _write_range(0, count)
        return
    bounds = [count * i // (workers * 4) for i in range(workers * 4 + 1)]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        for result in [pool.submit(_write_range, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]:
            result.result()


def _write_range(first: int, last: int) -> None:
    """Render and write pages[first:last]; runs in the parent or in a forked worker."""
    assert _job is not None
    env, site, pages, staging = _job
    to_html = MarkdownRenderer()
    made: set[Path] = set()
    for page in pages[first:last]:
        target = staging / page.out
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(render(env, site, page, to_html), encoding="utf-8")


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
