#!/usr/bin/env python3
"""Page-quality benchmark (not collected by pytest): Lighthouse scores and home page weight.

    .venv/bin/python tests/benchmark_lighthouse.py

Builds the real content, serves it on 127.0.0.1, runs Lighthouse (npm, tests/lighthouse/; the
mobile preset, its default) in Debian's chromium on the home page and an event page, and prints
the four category scores of each, the home page's weight before search is used (HTML, CSS and
JS, uncompressed) and every request to another host (there should be none).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tests" / "lighthouse"
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import make_project, static_server  # noqa: E402

import build  # noqa: E402

METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift")
PAGES = {"home page": "", "event page": "events/2021-04-06-lavrov-visits-islamabad/"}


def home_weight(site: Path) -> dict[str, int]:
    """Bytes the home page loads before search is used: itself, its stylesheets and scripts."""
    html = (site / "index.html").read_text(encoding="utf-8")
    css = sum((site / href).stat().st_size for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    js = sum((site / src).stat().st_size for src in re.findall(r'<script src="([^"]+)"', html))
    return {"HTML": len(html.encode()), "CSS": css, "JS": js}


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
    with tempfile.TemporaryDirectory() as folder, static_server(Path(folder) / "www") as base:
        top = Path(folder)
        project = make_project(top, REPO)
        assert build.main(["--root", str(project), "build", "--base-url", base]) == 0
        shutil.move(project / "_site", top / "www")
        weight = home_weight(top / "www")
        total = sum(weight.values())
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
