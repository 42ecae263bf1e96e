"""The preview: rebuild after every change, rewriting only the pages the change affects."""

from __future__ import annotations

import gc
import html
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from . import load, validate, write
from .model import Problem, Settings, Site
from .render import Page, Renderer, plan, template_problem

log = logging.getLogger("build")

# Templates a template uses without naming them in an include, import or extends tag.
IMPLICIT_USES = {"_macros.html": {"_event_item.html"}}


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
    uses: dict[str, set[str]] = field(default_factory=dict)  # template -> the templates it uses

    def rebuild(self) -> list[Problem]:
        """Bring `out` up to date; on a problem, keep the last good site and show the problems."""
        try:
            raw = load.load_content(self.root, self.files)
            site, problems = validate.build_site(raw, self.overrides, self.memo)
            if site is None:
                return self._fail(problems)
            self._update(site)
        except jinja2.TemplateError as error:
            return self._fail([template_problem(error)])
        write.write_problems(self.out, [])
        gc.freeze()  # what is kept between rebuilds is long-lived: spare the collector from walking it again
        return []

    def _fail(self, problems: list[Problem]) -> list[Problem]:
        if not self.pages:  # no good build yet: a page that says why, until there is one
            self.renderer = None
            self.out.mkdir(parents=True, exist_ok=True)
            items = "".join(f"<li>{html.escape(str(problem))}</li>" for problem in problems)
            (self.out / "index.html").write_text(
                f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Build failed</title>'
                f"<h1>{len(problems)} problem(s) in the content</h1><ul>{items}</ul></html>\n",
                encoding="utf-8",
            )
        write.write_problems(self.out, problems)
        return problems

    def _update(self, site: Site) -> None:
        templates, static = _stamps(self.root / "templates"), _stamps(self.root / "static")
        pages = {page.out: page for page in plan(site, self.memo)}
        if self.renderer is None or site.settings != self.settings or not self.out.is_dir():
            write.build(self.root, site, self.out, preview=True, pages=list(pages.values()))
            self.renderer = Renderer(self.root, site, preview=True)
            for depth, heading in ((0, "h4"), (2, "h3"), (2, "h4")):  # draw list entries now, not on the first edit
                self.renderer.event_items([event.entry for event in site.events], "../" * depth, heading)
            for page in pages.values():
                if page.data:
                    self.renderer.data_file(page.data)
            log.info("Built %d pages.", len(pages))
        else:
            self.renderer.site = site
            touched = _changed(self.templates, templates)
            if touched or not self.uses:
                self.uses = _uses(self.renderer.env)
            stale = {name for name, used in self.uses.items() if used & touched}  # templates that use a changed one
            if "_event_item.html" in stale:
                self.renderer.items.clear()
            todo = [page for out, page in pages.items() if self.pages.get(out) != page or page.template in stale]
            gone = set(self.pages) - set(pages)
            write.write_pages(self.renderer, todo, self.out)
            write.remove_pages(self.out, gone)
            if static != self.static:
                shutil.rmtree(self.out / "static", ignore_errors=True)
                shutil.copytree(self.root / "static", self.out / "static")
            log.info("Rewrote %d of %d pages%s.", len(todo), len(pages), f", removed {len(gone)}" if gone else "")
        self.pages, self.settings, self.templates, self.static = pages, site.settings, templates, static


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
