#!/usr/bin/env python3
"""Pakistan–Russia chronology: build, check or preview the static site.

python build.py                      build the site into _site/
python build.py build --base-url URL build for another address (GitHub Pages, a custom domain)
python build.py check                validate the content only; write nothing
python build.py check [--strict]     validate the content only; warnings fail with --strict
python build.py new TITLE --date D   start content/events/D-title.md with every field
python build.py serve [--port N]     build, serve on 127.0.0.1 and rebuild on every change
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import jinja2

from timeline import load, render, scaffold, validate, write
from timeline.model import Problem, Site

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("build")


def read_site(root: Path, overrides: dict[str, str] | None = None) -> tuple[Site | None, list[Problem]]:
    """Load and validate everything; nothing is written."""
    return validate.build_site(load.load_content(root), overrides)


def build(root: Path, out: Path, overrides: dict[str, str] | None = None, search: bool = True) -> list[Problem]:
    """The whole pipeline: load -> validate -> render -> write. Returns the problems, if any."""
    site, problems = read_site(root, overrides)
    if site is None:
        return problems
    try:
        write.build(root, site, out, search=search)
    except jinja2.TemplateError as error:
        return [render.template_problem(error)]
    return []


def annotation(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions workflow command: shown on the offending line of a pull request."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
    return f"::{level} file={path},line={problem.line}::{message}"


def report(problems: list[Problem], github: bool = False) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
        if github:
            print(annotation(problem))
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)


def command_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    overrides = {"base_url": args.base_url, "repository": args.repository, "branch": args.branch}
    problems = build(args.root, args.root / args.out, overrides, search=not args.no_search)
    if problems:
        report(problems, args.github)
        return 1
    log.info("Built %s in %.2f s.", args.out, time.perf_counter() - started)
    return 0


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
    log.info("Created %s: fill it in, then run `python build.py check`.", path.relative_to(args.root).as_posix())
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from livereload import Server  # only the preview needs it

    from timeline.serve import FileEvents, Preview

    for name in ("livereload", "watchfiles"):
        logging.getLogger(name).setLevel(logging.WARNING)  # our own lines say what was rebuilt
    preview = Preview(args.root, args.root / args.out, {"base_url": f"http://{args.host}:{args.port}/"})

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

    rebuild()
    server = Server(watcher=FileEvents([args.root / name for name in ("content", "templates", "static", "seeds")], rebuild))
    log.info("Serving on http://%s:%d/ (Ctrl+C stops).", args.host, args.port)
    server.serve(root=str(preview.out), host=args.host, port=args.port, open_url_delay=None, restart_delay=0)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the Pakistan–Russia chronology.")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: beside build.py)")
    parser.add_argument("--out", default="_site", help="output folder inside the project (default: _site)")
    parser.add_argument("--github", action="store_true", help="also print problems as GitHub Actions annotations")
    commands = parser.add_subparsers(dest="command")
    build_parser = commands.add_parser("build", help="build the site (the default)")
    build_parser.add_argument("--base-url", help="absolute address the site is served at")
    build_parser.add_argument("--repository", help="repository URL for 'edit this page' links, e.g. https://github.com/USER/REPO")
    build_parser.add_argument("--no-search", action="store_true", help="leave out the search index (a faster build)")
    build_parser.add_argument("--branch", help="branch the edit links point at (default: the settings', or main)")
    check = commands.add_parser("check", help="validate the content and report gaps; write nothing")
    check.add_argument("--strict", action="store_true", help="treat warnings (unused entries, untagged events) as errors")
    new = commands.add_parser("new", help="start a new event file")
    new.add_argument("title", help='the event\'s title, e.g. "Lavrov visits Islamabad"')
    new.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--topics", help="comma-separated topic ids, e.g. energy,defence")
    serve = commands.add_parser("serve", help="build, serve and rebuild on change")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    for option in ("base_url", "repository", "branch", "no_search"):
        setattr(args, option, getattr(args, option, None))
    args.root = args.root.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    commands = {"build": command_build, "check": command_check, "new": command_new, "serve": command_serve}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
