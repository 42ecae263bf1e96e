"""The built site: golden output, determinism, safety, links and addresses.

Regenerate the goldens after an intended change to templates or rendering with:

    UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_build.py -k golden
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from conftest import FIXTURES, REPO, run, tree_digest

from build import read_site
from timeline import render

EXPECTED = FIXTURES / "expected"


def built(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    code, _, err = run(project, *args, capsys=capsys)
    assert code == 0, err
    return project / "_site"


def golden_files(folder: Path) -> dict[str, Path]:
    """Every built file but copied static files and Pagefind's index, which have no logic of ours."""
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(("static/", "pagefind/"))
    }


def test_golden_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    if os.environ.get("UPDATE_GOLDENS"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for rel, path in golden_files(site).items():
            (EXPECTED / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, EXPECTED / rel)
    actual, expected = golden_files(site), golden_files(EXPECTED)
    assert sorted(actual) == sorted(expected), "pages added or missing"
    diffs: list[str] = []
    for rel in sorted(actual):
        got, want = actual[rel].read_text(), expected[rel].read_text()
        if got != want:
            diffs += difflib.unified_diff(want.splitlines(), got.splitlines(), f"expected/{rel}", f"built/{rel}", lineterm="")
    assert not diffs, "\n".join(diffs)


# Pagefind writes its filter and metadata indexes (and the entry file naming them) in an order
# that changes from run to run (upstream: github.com/Pagefind/pagefind/issues/638); everything
# else, its word index and page fragments included, must be byte-identical.
UNSTABLE_UPSTREAM = re.compile(r"pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$")


def stable(digest: dict[str, str]) -> dict[str, str]:
    return {path: value for path, value in digest.items() if not UNSTABLE_UPSTREAM.match(path)}


def test_two_builds_are_byte_identical(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = tree_digest(built(project, capsys))
    second = tree_digest(built(project, capsys))
    assert stable(second) == stable(first)
    assert any(path.startswith("pagefind/fragment/") for path in first)  # the search index is part of the build


def test_static_files_and_nojekyll_are_there(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    assert (site / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()
    assert (site / ".nojekyll").exists()


def test_drafts_are_left_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    assert not (site / "events" / "2017-07-01-same-year-later").exists()
    assert "same-year-later" not in (site / "index.html").read_text()


def test_markdown_cannot_inject_script(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What validation lets through (raw <script> and <iframe> are refused there, see the bad
    fixtures) is cleaned by the sanitiser."""
    event = project / "content" / "events" / "2021-04-07-same-day.md"
    event.write_text(
        event.read_text()
        + '\n<img src=x onerror="alert(2)">\n[click](javascript:alert(3))\n'
        + '<a href="JaVaScRiPt:alert(4)">x</a> <svg><a href="javascript:alert(5)">z</a></svg>\n'
        + '<div style="background:url(javascript:alert(6))">y</div> <object data="x.swf"></object>\n'
    )
    page = (built(project, capsys) / "events" / "2021-04-07-same-day" / "index.html").read_text().lower()
    page = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", page)  # our structured data
    page = page.replace('<script src="../../static/cite.js" defer></script>', "")  # our copy buttons
    for danger in ("<script", "onerror", "javascript:", "<iframe", "<svg", "style=", "<object"):
        assert danger not in page


def test_the_sanitiser_removes_what_validation_would_refuse(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    html = render.Renderer(project, site).markdown('a <script>alert(1)</script> b <iframe src="https://evil.example"></iframe>')
    assert "<script" not in html and "<iframe" not in html


def test_titles_are_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2021-04-07-same-day.md"
    event.write_text(event.read_text().replace("title: Lavrov speaks of vaccine supplies", "title: '<script>alert(1)</script>'"))
    site = built(project, capsys)
    for page in ("index.html", "events/2021-04-07-same-day/index.html", "feed.xml"):
        text = (site / page).read_text()
        assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    structured = (site / "events/2021-04-07-same-day/index.html").read_text()
    assert "\\u003cscript\\u003e" in structured  # inside JSON-LD, < and > are escaped: no way out of the script


def internal_links(page: Path) -> list[str]:
    """Every href and src but the canonical address and the other editions' (hreflang), absolute by design."""
    text = re.sub(r'<link rel="(canonical|alternate" hreflang=)[^>]*>', "", page.read_text())
    return re.findall(r'(?:href|src)="([^"]*)"', text)


def test_internal_links_are_relative_and_resolve(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        text = page.read_text()
        ids = set(re.findall(r'id="([^"]+)"', text))
        for link in internal_links(page):
            if urlparse(link).scheme:
                assert not link.startswith("https://example.org/chronology"), f"{page}: absolute internal link {link}"
                continue
            assert not link.startswith("/"), f"{page}: root-absolute link {link}"
            path, fragment = urldefrag(link)
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), f"{page.relative_to(site)}: broken link {link}"
            if fragment:
                assert fragment in set(re.findall(r'id="([^"]+)"', target.read_text())) | (ids if not path else set())


def test_base_url_sets_canonical_sitemap_and_feed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys, "build", "--base-url", "https://user.github.io/repo")
    assert (
        '<link rel="canonical" href="https://user.github.io/repo/events/2021-04-06-lavrov-visit/">'
        in (site / "events" / "2021-04-06-lavrov-visit" / "index.html").read_text()
    )
    assert "<loc>https://user.github.io/repo/topics/energy/</loc>" in (site / "sitemap.xml").read_text()
    assert "<id>https://user.github.io/repo/events/2021-04-07-same-day/</id>" in (site / "feed.xml").read_text()
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in (site / "robots.txt").read_text()
    assert "example.org" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_chronology_order_and_partial_dates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = (built(project, capsys) / "index.html").read_text()
    order = re.findall(r'<p class="event-date"><time datetime="([^"]+)">([^<]+)</time>', home)
    assert order == [
        ("1948-05-01", "1 May 1948"),
        ("1965-04", "about April 1965"),
        ("2017-06", "June 2017"),
        ("2019-06", "June 2019"),
        ("2021-03", "March 2021"),
        ("2021-04-06", "6–7 April 2021"),
        ("2021-04-07", "7 April 2021"),
    ]


def test_quoted_passages_are_highlighted_and_anchored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    event = (site / "events" / "2021-04-07-same-day" / "index.html").read_text()
    link = re.search(r'href="(\.\./\.\./sources/talks-2021/index\.html#(q-[0-9a-f]+))"', event)
    assert link
    source = (site / "sources" / "talks-2021" / "index.html").read_text()
    assert f'<span class="anchor" id="{link.group(2)}"></span><mark>“We have provided 50,000 doses' in source


def test_a_plan_with_no_known_outcome_says_so(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2017-06-sco-membership.md"
    event.write_text(event.read_text().replace("topics:", "plan: true\ntopics:", 1))
    page = (built(project, capsys) / "events" / "2017-06-sco-membership" / "index.html").read_text()
    assert "What came of it" in page and "No outcome is recorded in the sources found so far." in page
    record = next(e for e in json.loads((project / "_site" / "events.json").read_text())["events"] if e["id"] == event.stem)
    assert (record["plan"], record["outcome"]) == (True, None)


def test_readers_see_no_repository_file_paths(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = built(project, capsys)
    for page in site.rglob("*.html"):
        text = re.sub(r'href="[^"]*"', "", page.read_text())  # an edit link may point into the repository
        assert "content/events/" not in text and "seeds/" not in text, page


def test_the_printable_chronology_has_every_event_and_its_source_addresses(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built(project, capsys)
    page = (site / "print" / "index.html").read_text()
    for event in (site / "events").iterdir():
        assert f'href="../events/{event.name}/index.html"' in page
    assert "https://encyclopaedia.example/wiki/Pakistan-Russia</a>" in page  # an external source's address, printed
    assert 'href="../print/index.html"' in (site / "about" / "index.html").read_text()
