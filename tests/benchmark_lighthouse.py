#!/usr/bin/env python3
"""Page-quality benchmark (not collected by pytest): Lighthouse scores and home page weight.

    .venv/bin/python tests/benchmark_lighthouse.py

Builds the real content, serves it on 127.0.0.1 gzipped as GitHub Pages sends it, runs Lighthouse (npm, tests/lighthouse/; the
mobile preset, its default) in Debian's chromium on the home page and an event page, and prints
the four category scores of each, the home page's weight before search is used (HTML, CSS and
JS, uncompressed) and every request to another host (there should be none).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tests" / "lighthouse"
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import make_project  # noqa: E402

import build  # noqa: E402

METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift")
PAGES = {"home page": "", "event page": "events/2021-04-06-lavrov-visits-islamabad/"}


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml"}  # what GitHub Pages gzips


class Gzipped(SimpleHTTPRequestHandler):
    """Files as GitHub Pages serves them: text gzipped when the browser accepts it (Lighthouse's
    figures for an uncompressed page would be those of a site nobody visits)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def gzip_server(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipped, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def home_weight(site: Path) -> dict[str, int]:
    """Bytes the home page loads before search is used: itself, its stylesheets and scripts."""
    html = (site / "index.html").read_text(encoding="utf-8")
    css = sum((site / href).stat().st_size for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    js = sum((site / src).stat().st_size for src in re.findall(r'<script src="([^"]+)"', html))
    return {"HTML": len(html.encode()), "CSS": css, "JS": js, "HTML gzipped": len(gzip.compress(html.encode()))}


def lighthouse(url: str) -> dict[str, object]:
    command = [
        str(TOOL / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--chrome-path=/usr/bin/chromium",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        "--output=json",
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def main() -> None:
    if not (TOOL / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--prefix", str(TOOL), "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    with tempfile.TemporaryDirectory() as folder, gzip_server(Path(folder) / "www") as base:
        top = Path(folder)
        project = make_project(top, REPO)
        assert build.main(["--root", str(project), "build", "--base-url", base]) == 0
        shutil.move(project / "_site", top / "www")
        weight = home_weight(top / "www")
        total = weight["HTML"] + weight["CSS"] + weight["JS"]
        print(
            f"home page before search: {total / 1000:.1f} KB ("
            + ", ".join(f"{k} {v / 1000:.1f} KB" for k, v in weight.items())
            + ")"
        )
        for label, path in PAGES.items():
            report = lighthouse(base + path)
            categories = report["categories"]
            assert isinstance(categories, dict)
            scores = ", ".join(f"{c['title']} {round(c['score'] * 100)}" for c in categories.values())
            requests = report["audits"]["network-requests"]["details"]["items"]  # type: ignore[index]
            outside = [r["url"] for r in requests if not r["url"].startswith(base)]
            print(f"{label}: {scores}; {len(requests)} requests, {len(outside)} to other hosts {outside or ''}")
            audits = report["audits"]
            assert isinstance(audits, dict)
            print("  " + ", ".join(f"{audits[m]['title']} {audits[m]['displayValue']}" for m in METRICS))
            for category in categories.values():
                for ref in category["auditRefs"]:
                    audit = audits[ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        print(f"  {category['title']}: {audit['title']} ({audit['score']})")


if __name__ == "__main__":
    main()
