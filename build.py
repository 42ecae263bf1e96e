#!/usr/bin/env python3
"""Pakistan–Russia chronology: build, check or preview the static site.

.venv/bin/python build.py                      build the site into _site/
.venv/bin/python build.py build --base-url URL build for another address (GitHub Pages, a custom domain)
.venv/bin/python build.py check                validate the content only; write nothing
.venv/bin/python build.py check [--strict]     validate the content only; warnings fail with --strict
.venv/bin/python build.py new TITLE --date D   start content/events/D-title.md with every field
.venv/bin/python build.py stamp [FILE ...]     record in translation files the English they now translate
.venv/bin/python build.py serve [--port N]     build, serve on 127.0.0.1 and rebuild on every change
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from pathlib import Path
from typing import Any

import jinja2

from timeline import history, load, output, render, scaffold, translations, validate, write
from timeline.model import Problem, Site, visible
from timeline.search import SearchIndexError

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("build")


def read_site(root: Path, overrides: dict[str, str] | None = None) -> tuple[Site | None, list[Problem]]:
    """Load and validate everything, and read when each event file was added and changed; nothing is written."""
    site, problems = validate.build_site(load.load_content(root), overrides)
    if site is None:
        return site, problems
    return dataclasses.replace(site, history=history.read(root)), []


def build(root: Path, out: Path, overrides: dict[str, str] | None = None, search: bool = True) -> list[Problem]:
    """The whole pipeline: load -> validate -> render -> write. Returns the problems, if any."""
    site, problems = read_site(root, overrides)
    if site is None:
        return problems
    try:
        write.build(root, site, out, search=search)
    except jinja2.TemplateError as error:
        return [render.template_problem(error)]
    history.say(site.history, [event.path for event in site.events])  # once the site is written, not before a failure
    return []


def annotation(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions workflow command: shown on the offending line of a pull request. Its
    parts are escaped as the runner reads them, so no file name can fake a command or a line;
    a problem outside any file (line 0) names none."""
    message = _escape(visible(problem.message))
    if not problem.line:
        return f"::{level}::{_escape(problem.path)}: {message}"
    path = _escape(visible(problem.path)).replace(":", "%3A").replace(",", "%2C")
    return f"::{level} file={path},line={problem.line}::{message}"


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def report(problems: list[Problem], github: bool = False) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
        if github:
            print(annotation(problem))
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)


def command_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    overrides = {"base_url": args.base_url, "repository": args.repository, "branch": args.branch}
    try:
        output.check(args.root, args.out)
        problems = build(args.root, args.out, overrides, search=not args.no_search)
    except output.OutputRefused as error:
        print(f"build: {error}; nothing was written.", file=sys.stderr)
        return 1
    except SearchIndexError as error:  # Pagefind failed: its reason in one line; the old site is left as it was
        print(f"build: {error}; the previous site is unchanged.", file=sys.stderr)
        return 1
    except OSError as error:  # a full, read-only or vanished disk: the old site is left as it was
        print(
            f"build: could not write {output.shown(args.root, args.out)}: {_os_error(error)}; the previous site is unchanged.",
            file=sys.stderr,
        )
        return 1
    if problems:
        report(problems, args.github)
        return 1
    log.info("Built %s in %.2f s.", output.shown(args.root, args.out), time.perf_counter() - started)
    return 0


def _os_error(error: OSError) -> str:
    """'No space left on device (_site/x.html)': the reason, and the file when known."""
    where = f" ({error.filename})" if error.filename else ""
    return f"{error.strerror or error}{where}"


def command_check(args: argparse.Namespace) -> int:
    raw = load.load_content(args.root)
    site, problems = validate.build_site(raw)
    if site is None:
        report(problems, args.github)
        return 1
    gaps = validate.warnings(raw, site)
    for gap in gaps:
        print(f"{gap} (warning)", file=sys.stderr)
        if args.github:
            print(annotation(gap, "error" if args.strict else "warning"))
    if gaps and args.strict:
        print(f"{len(gaps)} warning{'s' if len(gaps) != 1 else ''} with --strict: failing.", file=sys.stderr)
        return 1
    log.info("Content is valid: %d events, %d sources, %d warnings.", len(site.events), len(site.sources), len(gaps))
    return 0


def command_new(args: argparse.Namespace) -> int:
    topics = [topic.strip() for topic in (args.topics or "").split(",") if topic.strip()]
    try:
        path = scaffold.new_event(args.root, args.title, args.date, topics)
    except ValueError as error:
        print(f"new: {error}", file=sys.stderr)
        return 1
    log.info("Created %s: fill it in, then run `.venv/bin/python build.py check`.", path.relative_to(args.root).as_posix())
    return 0


def command_stamp(args: argparse.Namespace) -> int:
    raw = load.load_content(args.root)
    given = [Path(name).resolve() for name in args.files]
    only = {path.relative_to(args.root).as_posix() for path in given if path.is_relative_to(args.root)}
    if raw.problems:
        report(raw.problems, args.github)
        return 1
    changed = translations.stamp(args.root, raw, only)
    for path in changed:
        log.info("stamped %s", path)
    log.info("%d translation file%s stamped.", len(changed), "" if len(changed) == 1 else "s")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    import errno

    from livereload import Server  # only the preview needs it

    from timeline.serve import FileEvents, Preview, busy_port, own_folder

    busy = busy_port(args.host, args.port)
    if busy:  # say so before building anything
        print(busy, file=sys.stderr)
        return 1
    for name in ("livereload", "watchfiles"):
        logging.getLogger(name).setLevel(logging.WARNING)  # our own lines say what was rebuilt

    def rebuild(changed: set[str] | None = None) -> None:
        started = time.perf_counter()
        try:
            problems = preview.rebuild(changed)
        except Exception:  # a bug, not a content mistake: say so, and keep serving the last good site
            log.exception("The rebuild failed; still serving the last good site.")
            return
        for problem in problems:
            log.error("%s", problem)
        if problems:
            log.error("%d problem(s): still serving the last good site; the page shows them.", len(problems))
        else:
            log.info("Rebuilt in %.3f s.", time.perf_counter() - started)

    with own_folder() as out:  # not --out: the last real build stays as it is
        log.info("Preview folder: %s", out)
        preview = Preview(args.root, out, {"base_url": f"http://{args.host}:{args.port}/"})
        rebuild()
        watched = [args.root / name for name in ("content", "templates", "static", "seeds", "locales")]
        server = Server(watcher=FileEvents(watched, rebuild))
        log.info("Serving on http://%s:%d/ (Ctrl+C stops).", args.host, args.port)
        try:
            server.serve(root=str(out), host=args.host, port=args.port, open_url_delay=None, restart_delay=0)
        except OSError as error:  # the port was taken while the first build ran
            if error.errno != errno.EADDRINUSE:
                raise
            print(busy_port(args.host, args.port), file=sys.stderr)
            return 1
    return 0


# Options people type before or after the command: --out X build, build --out X.
COMMON: dict[str, dict[str, Any]] = {
    "--root": {"type": Path, "help": "project folder (default: beside build.py)"},
    "--out": {"help": "output folder, relative to the project folder (default: _site)"},
    "--github": {"action": "store_true", "help": "also print problems as GitHub Actions annotations"},
}
BUILD: dict[str, dict[str, Any]] = {
    "--base-url": {"help": "absolute address the site is served at"},
    "--repository": {"help": "repository URL for 'edit this page' links, e.g. https://github.com/USER/REPO"},
    "--branch": {"help": "branch the edit links point at (default: the settings', or main)"},
    "--no-search": {"action": "store_true", "help": "leave out the search index (a faster build)"},
}


def add_options(parser: argparse.ArgumentParser, options: dict[str, dict[str, Any]], top: bool) -> None:
    """Add options; after a command they leave a value given before it alone unless given again."""
    for flag, settings in options.items():
        parser.add_argument(flag, **(settings if top else {**settings, "default": argparse.SUPPRESS}))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the Pakistan–Russia chronology.")
    add_options(parser, COMMON, top=True)
    add_options(parser, BUILD, top=True)
    commands = parser.add_subparsers(dest="command")
    build_parser = commands.add_parser("build", help="build the site (the default)")
    check = commands.add_parser("check", help="validate the content and report gaps; write nothing")
    check.add_argument("--strict", action="store_true", help="treat warnings (unused entries, untagged events) as errors")
    new = commands.add_parser("new", help="start a new event file")
    new.add_argument("title", help='the event\'s title, e.g. "Lavrov visits Islamabad"')
    new.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--topics", help="comma-separated topic ids, e.g. energy,defence")
    stamp = commands.add_parser("stamp", help="record in translation files which English they translate")
    stamp.add_argument("files", nargs="*", help="translation files (default: all of them)")
    serve = commands.add_parser("serve", help="build, serve and rebuild on change")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    for command in (build_parser, check, new, stamp, serve):
        add_options(command, COMMON, top=False)
    add_options(build_parser, BUILD, top=False)
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    given = [flag for flag in BUILD if getattr(args, flag[2:].replace("-", "_"))]
    if given and args.command != "build":
        parser.error(f"{given[0]} is an option of build, not of {args.command}")
    args.root = (args.root or ROOT).resolve()
    args.out = args.root / (args.out or "_site")
    return args


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    commands = {
        "build": command_build,
        "check": command_check,
        "new": command_new,
        "stamp": command_stamp,
        "serve": command_serve,
    }
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
