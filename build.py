#!/usr/bin/env python3
"""Pakistan–Russia chronology: build, check or preview the static site.

python build.py                      build the site into _site/
python build.py build --base-url URL build for another address (GitHub Pages, a custom domain)
python build.py check                validate the content only; write nothing
python build.py serve [--port N]     build, serve on 127.0.0.1 and rebuild on every change
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import jinja2

from timeline import load, validate, write
from timeline.model import Problem, Site

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("build")


def read_site(root: Path, base_url: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Load and validate everything; nothing is written."""
    return validate.build_site(load.load_content(root), base_url)


def build(root: Path, out: Path, base_url: str | None = None) -> list[Problem]:
    """The whole pipeline: load -> validate -> render -> write. Returns the problems, if any."""
    site, problems = read_site(root, base_url)
    if site is None:
        return problems
    try:
        write.build(root, site, out)
    except jinja2.TemplateSyntaxError as error:
        return [Problem(f"templates/{error.name}", error.lineno, f"template error: {error.message}")]
    except jinja2.TemplateError as error:
        return [Problem("templates", 1, f"template error: {error}")]
    return []


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)


def command_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    problems = build(args.root, args.root / args.out, args.base_url)
    if problems:
        report(problems)
        return 1
    log.info("Built %s in %.2f s.", args.out, time.perf_counter() - started)
    return 0


def command_check(args: argparse.Namespace) -> int:
    raw = load.load_content(args.root)
    site, problems = validate.build_site(raw)
    if site is None:
        report(problems)
        return 1
    gaps = validate.warnings(raw, site)
    for gap in gaps:
        print(f"{gap} (warning)", file=sys.stderr)
    if gaps and args.strict:
        print(f"{len(gaps)} warning{'s' if len(gaps) != 1 else ''} with --strict: failing.", file=sys.stderr)
        return 1
    log.info("Content is valid: %d events, %d sources, %d warnings.", len(site.events), len(site.sources), len(gaps))
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from livereload import Server  # only the preview needs it

    out = args.root / args.out
    base_url = f"http://{args.host}:{args.port}/"

    def rebuild() -> None:
        problems = build(args.root, out, base_url)
        if problems:
            for problem in problems:
                log.error("%s", problem)
            log.error("Build failed; still serving the last good site.")
        else:
            log.info("Rebuilt.")

    rebuild()
    server = Server()
    for folder in ("content", "templates", "static", "seeds"):
        server.watch(str(args.root / folder), rebuild)
    server.serve(root=str(out), host=args.host, port=args.port, open_url_delay=None)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the Pakistan–Russia chronology.")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: beside build.py)")
    parser.add_argument("--out", default="_site", help="output folder inside the project (default: _site)")
    commands = parser.add_subparsers(dest="command")
    build_parser = commands.add_parser("build", help="build the site (the default)")
    build_parser.add_argument("--base-url", help="absolute address the site is served at")
    check = commands.add_parser("check", help="validate the content and report gaps; write nothing")
    check.add_argument("--strict", action="store_true", help="treat warnings (unused entries, untagged events) as errors")
    serve = commands.add_parser("serve", help="build, serve and rebuild on change")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    args.base_url = getattr(args, "base_url", None)
    args.root = args.root.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    commands = {"build": command_build, "check": command_check, "serve": command_serve}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
