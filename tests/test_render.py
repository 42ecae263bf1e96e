"""Render stage: Markdown conversion, page planning, and the parallel writer."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from conftest import run, tree_digest

from build import read_site
from timeline import render, write

MARKDOWN_CASES = [
    "Plain prose only.\n\nA second paragraph.",
    "Some *emphasis*, __strong__ and `code`.",
    "A [link](https://example.org) and a [reference][r].\n\n[r]: https://example.org/r",
    "An autolink <https://example.org> and mail <me@example.org>.",
    "Entities: &amp; &copy; and a bare & sign.",
    "Line with two trailing spaces  \nthen a break.",
    "Escaped \\*stars\\* and an image ![alt](x.png).",
    "- a list item\n- another with _emphasis_\n\n1. one\n2. two",
    "> A quotation, plain.\n\n> Another with *stress*.",
    "## A heading\n\nText <abbr title='x'>ABBR</abbr> inline HTML.\n\n<div>\nblock HTML\n</div>",
    "Quotes “curly” and 'straight', dashes – and —, numbers 1,000.",
]


@pytest.mark.parametrize("text", MARKDOWN_CASES)
def test_plain_text_skipping_changes_no_output(text: str) -> None:
    plain = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    assert render.markdown_converter().convert(text) == plain.convert(text)


def test_every_page_has_its_own_file(project: Path) -> None:
    site, problems = read_site(project)
    assert site is not None, problems
    outs = [page.out for page in render.plan(site)]
    assert len(outs) == len(set(outs))
    assert {"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "about/index.html"} <= set(outs)
    assert all(f"events/{event.slug}/index.html" in outs for event in site.events)


def test_parallel_writer_gives_the_same_site(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    serial = tree_digest(project / "_site")
    monkeypatch.setattr(write, "PARALLEL_FROM", 1)
    monkeypatch.setattr(write, "EVENT_PACKET", 1)
    assert run(project, "build", "--no-search", capsys=capsys)[0] == 0
    assert tree_digest(project / "_site") == serial
