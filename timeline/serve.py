"""The preview: rebuild after every change, rewriting only the pages the change affects."""

from __future__ import annotations

import dataclasses
import errno
import gc
import html
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import watchfiles
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from . import history, language, load, output, validate, write
from .editions import TRANSLATED
from .model import History, Problem, Settings, Site, remembered
from .render import Page, Renderer, plan, template_problem

log = logging.getLogger("build")

# Templates a template uses without naming them in an include, import or extends tag: through
# the Renderer's drawn() and event_items().
IMPLICIT_USES = {
    "_macros.html": {"_year.html"},
    "_year.html": {"_event_item.html"},
    "_overview.html": {"_lane.html"},
    "print.html": {"_print_event.html"},
    "on_this_day.html": {"_event_item.html"},
}


@dataclass
class Preview:
    """The state kept between rebuilds: what was read, checked and written last time."""

    root: Path
    out: Path
    overrides: dict[str, str]
    files: load.Cache = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    renderer: Renderer | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    settings: Settings | None = None
    templates: dict[str, int] = field(default_factory=dict)
    static: dict[str, int] = field(default_factory=dict)
    catalogs: dict[str, int] = field(default_factory=dict)  # locales/: the interface words of the editions
    uses: dict[str, set[str]] = field(default_factory=dict)  # template -> the templates it uses

    def rebuild(self, changed: set[str] | None = None) -> list[Problem]:
        """Bring `out` up to date; on a problem, keep the last good site and show the problems.

        `changed`: the paths the file watcher saw change, if it knows them; then files read before
        and not among them are not looked at again. A folder among them means any file may have.
        """
        if changed is not None and not all(path in self.files or os.path.isfile(path) for path in changed):
            changed = None
        try:
            raw = load.load_content(self.root, self.files, changed)
            site, problems = validate.build_site(raw, self.overrides, self.memo)
            if site is None:
                return self._fail(problems)
            self._update(self._dated(site))
        except jinja2.TemplateError as error:
            return self._fail([template_problem(error)])
        except Exception as error:  # a file that cannot be read, or a bug: the page says so too, not only the terminal
            return self._fail([self._fault(error)])
        write.write_problems(self.out, [])
        gc.freeze()  # what is kept between rebuilds is long-lived: spare the collector from walking it again
        return []

    def _dated(self, site: Site) -> Site:
        """The site with the git history of its event files, for the feed. git log takes about half
        of a rebuild that rewrites nothing (12 of 26 ms here), so it runs again only when the
        published event files change: a new file is not committed yet, and a commit alone (which
        the watcher does not see) waits for the next start."""
        paths = tuple(event.path for event in site.events)

        def read() -> History:
            dates = history.read(self.root)
            history.say(dates, paths)
            return dates

        return dataclasses.replace(site, history=remembered(self.memo, "history", paths, read))

    def _fail(self, problems: list[Problem]) -> list[Problem]:
        if not self.pages:  # no good build yet: a page that says why, until there is one
            self.renderer = None
            self.out.mkdir(parents=True, exist_ok=True)
            output.mark(self.out)  # the preview's own: its first good build may replace it
            items = "".join(f"<li>{html.escape(str(problem))}</li>" for problem in problems)
            (self.out / "index.html").write_text(
                f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Build failed</title>'
                f"<h1>{len(problems)} problem(s) in the content</h1><ul>{items}</ul></html>\n",
                encoding="utf-8",
            )
        write.write_problems(self.out, problems)
        return problems

    def _fault(self, error: Exception) -> Problem:
        """An exception as one line for the overlay; a bug (not an OSError) is also logged with its traceback."""
        if not isinstance(error, OSError):
            log.exception("The rebuild failed:")
        message = str(error).replace(f"{self.root}{os.sep}", "")  # paths as the project names them
        return Problem("preview", 0, f"could not rebuild: {type(error).__name__}: {message}")

    def _update(self, site: Site) -> None:
        templates, static = _stamps(self.root / "templates"), _stamps(self.root / "static")
        catalogs = _stamps(self.root / language.CATALOGS)
        if catalogs != self.catalogs:  # new words: what planning wrote in the old ones is planned again
            for lang in TRANSLATED:
                self.memo.pop(f"edition {lang}", None)
        pages = {page.out: page for page in plan(site, self.memo, self.root)}
        if self.renderer is None or site.settings != self.settings or catalogs != self.catalogs or not self.out.is_dir():
            write.build(self.root, site, self.out, preview=True, pages=list(pages.values()))
            self.renderer = Renderer(self.root, site, preview=True)
            for page in pages.values():  # draw what pages share (list entries, chart rows, data) now, not on the first edit
                if page.data or page.template in ("index.html", "term.html", "overview.html", "print.html"):
                    self.renderer.page(page)
            self.uses = _uses(self.renderer.env)
            log.info("Built %d pages.", len(pages))
        else:
            self.renderer.site = site
            touched = _changed(self.templates, templates)
            if touched:
                self.uses = _uses(self.renderer.env)
            stale = {name for name, used in self.uses.items() if used & touched}  # templates that use a changed one
            for drawing in [key for key in self.renderer.drawings if key[0] in stale]:
                del self.renderer.drawings[drawing]
            todo = [page for out, page in pages.items() if _differs(self.pages.get(out), page) or page.template in stale]
            gone = set(self.pages) - set(pages)
            texts = {page.out: self.renderer.page(page) for page in todo}  # all before any is written: all or nothing
            fresh = _copy_static(self.root, self.out) if static != self.static else None
            write.write_pages(self.out, texts)
            write.remove_pages(self.out, gone)
            if fresh is not None:
                _swap_static(fresh, self.out / "static")
            log.info("Rewrote %d of %d pages%s.", len(todo), len(pages), f", removed {len(gone)}" if gone else "")
        self.pages, self.settings, self.templates, self.static = pages, site.settings, templates, static
        self.catalogs = catalogs


def _copy_static(root: Path, out: Path) -> Path:
    """A fresh copy of static/ beside the served one, to swap in once the pages are written."""
    fresh = out / ".static-new"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        if (root / "static").is_dir():
            shutil.copytree(root / "static", fresh)
        else:
            fresh.mkdir()
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return fresh


def _swap_static(fresh: Path, served: Path) -> None:
    retired = served.with_name(".static-old")
    shutil.rmtree(retired, ignore_errors=True)
    if served.exists():
        os.replace(served, retired)
    os.replace(fresh, served)
    shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def own_folder() -> Iterator[Path]:
    """Where the preview writes: a temporary folder outside the project, removed when the server
    stops, on Ctrl+C or SIGTERM (which stops it as Ctrl+C does)."""
    folder = Path(tempfile.mkdtemp(prefix="timeline-preview-"))
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield folder / "site"  # write.build stages and swaps beside it, inside the folder
    except KeyboardInterrupt:  # before the server started; once started, the server stops on its own
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def busy_port(host: str, port: int) -> str | None:
    """What to say when something else listens on `port`, with the next free port to try; None when it is free."""
    if not _in_use(host, port):
        return None
    free = next((other for other in range(port + 1, 65536) if not _in_use(host, other)), None)
    return f"port {port} is in use; try --port {free}" if free else f"port {port} is in use; try another --port"


def _in_use(host: str, port: int) -> bool:
    """Whether binding `port` fails because it is taken; other failures are left for the server to report."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, protocol, _, address in addresses:
            with socket.socket(family, kind, protocol) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server: closing connections do not count
                probe.bind(address)
    except OSError as error:
        return error.errno == errno.EADDRINUSE
    return False


def _stamps(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def _uses(env: jinja2.Environment) -> dict[str, set[str]]:
    """Each template with every template it uses, directly or through others, itself included."""
    assert env.loader is not None
    direct: dict[str, set[str]] = {}
    for name in env.loader.list_templates():
        source, filename, _ = env.loader.get_source(env, name)
        named = jinja2.meta.find_referenced_templates(env.parse(source, name, filename))
        direct[name] = {str(used) for used in named if used} | IMPLICIT_USES.get(name, set())
    closure: dict[str, set[str]] = {}
    for name in direct:
        seen, stack = {name}, [name]
        while stack:
            for used in direct.get(stack.pop(), set()) - seen:
                seen.add(used)
                stack.append(used)
        closure[name] = seen
    return closure


class FileEvents(Watcher):  # type: ignore[misc]
    """livereload's watcher, woken by the operating system's file events (through watchfiles)
    instead of walking every watched file each 0.8 s; it hands the rebuild the changed paths."""

    def __init__(self, folders: list[Path], rebuild: Callable[[set[str]], None]):
        super().__init__()
        self.folders, self.rebuild = [str(folder) for folder in folders if folder.is_dir()], rebuild
        self.stopped = threading.Event()

    def start(self, callback: Callable[[], None]) -> bool:
        """Listen on a thread; rebuild and reload on the server's loop, where pages are served."""
        loop = IOLoop.current()

        def listen() -> None:
            try:
                # step: changes are handed over once none came for 20 ms (the default 50 ms adds 50-100 ms to each rebuild)
                for changes in watchfiles.watch(*self.folders, step=20, stop_event=self.stopped, raise_interrupt=False):
                    loop.add_callback(self._changed, {path for _, path in changes}, callback)
            except Exception:  # say so, rather than serve on while edits go unseen
                log.exception("Watching for changes stopped; restart the preview to see edits.")

        threading.Thread(target=listen, name="file events", daemon=True).start()
        return True  # livereload need not poll

    def _changed(self, paths: set[str], reload: Callable[[], None]) -> None:
        self.rebuild(paths)
        self._changes.append(("__livereload__", None))  # the name livereload reloads for at once, with no 3 s throttle
        reload()

    def examine(self) -> tuple[str | None, float | None]:
        return self._changes.pop() if self._changes else (None, None)


def _differs(before: Page | None, after: Page) -> bool:
    """`!=` on dataclasses compares every field even of the very same object; 10,000 pages add up."""
    return before is not after and before != after
