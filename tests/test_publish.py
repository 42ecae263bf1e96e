"""Publishing: the site works under a GitHub Pages subpath; annotations, CNAME and edit links."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from conftest import REPO, make_project, run, static_server


class Links(HTMLParser):
    """Every link, stylesheet, script and image address in a page, and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img", "source"):
                self.links.append(str(values[name]))


@pytest.fixture
def served_subpath(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A static server on a free port whose document root holds the site at /REPO/."""
    top = tmp_path / "www"
    top.mkdir()
    with static_server(top) as address:
        yield top, address + "REPO/"


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_every_link_and_asset_resolves_inside_the_subpath(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], served_subpath: tuple[Path, str]
) -> None:
    top, base = served_subpath
    project = make_project(tmp_path, REPO)
    code, _, err = run(project, "build", "--base-url", base, capsys=capsys)
    assert code == 0, err
    (project / "_site").rename(top / "REPO")

    queue, seen, broken, escaping = [base, base + "404.html"], set(), [], []
    anchors: list[tuple[str, str, str]] = []  # (page, target, fragment)
    ids: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if kind != "text/html":
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for link in parser.links:
            target, fragment = urldefrag(urljoin(url, link))
            parts = urlparse(target)
            if parts.netloc != urlparse(base).netloc:
                assert parts.scheme in ("http", "https", "mailto"), f"{url}: odd link {link}"
                continue  # another site: never fetched by a test
            if not target.startswith(base):
                escaping.append(f"{url} -> {link}")
                continue
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)

    assert not broken, broken
    assert not escaping, escaping
    missing = [f"{page} -> {target}#{fragment}" for page, target, fragment in anchors if fragment not in ids.get(target, set())]
    assert not missing, missing[:10]
    assert len(seen) > 300  # every event, term and source page was reached


def test_github_annotations_point_at_the_offending_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = project / "content" / "events" / "2021-04-06-lavrov-visit.md"
    event.write_text(event.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    code, out, err = run(project, "--github", "check", capsys=capsys)
    assert code == 1
    assert "::error file=content/events/2021-04-06-lavrov-visit.md,line=2::unknown field 'titel'" in out
    assert "content/events/2021-04-06-lavrov-visit.md:2: unknown field 'titel'" in err


def test_cname_and_edit_links_from_settings_or_command_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / "content" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "cname: chronology.example.org\n", encoding="utf-8")
    code, _, err = run(
        project, "build", "--repository", "https://github.com/someone/chronology", "--branch", "trunk", capsys=capsys
    )
    assert code == 0, err
    assert (project / "_site" / "CNAME").read_text() == "chronology.example.org\n"
    page = (project / "_site" / "events" / "2021-04-06-lavrov-visit" / "index.html").read_text()
    assert 'href="https://github.com/someone/chronology/edit/trunk/content/events/2021-04-06-lavrov-visit.md"' in page


def test_no_hidden_file_but_nojekyll_and_the_marker(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """upload-pages-artifact leaves hidden files out, so the site must not need any (the marker
    only tells the next build that the folder is its own)."""
    assert run(project, capsys=capsys)[0] == 0
    hidden = sorted(p.name for p in (project / "_site").rglob(".*"))
    assert hidden == [".chronology-build", ".nojekyll"]
