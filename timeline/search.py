"""Full-text search: a Pagefind index of the event, person and source pages, written beside them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"
SEARCHED = ("events", "people", "sources")  # folders of the pages marked with data-pagefind-body


def index(site: Path) -> None:
    """Index the built site in `site` and write the search bundle to `site/pagefind/`."""
    asyncio.run(_index(site))


async def _index(site: Path) -> None:
    # Pages are added one by one in a fixed order: Pagefind's own crawl reads them concurrently,
    # and its output then differs from build to build.
    pages = sorted(page for folder in SEARCHED for page in (site / folder).glob("*/index.html"))
    config = IndexConfig(output_path=str(site / OUTPUT), force_language="en")
    async with PagefindIndex(config=config) as search:
        for page in pages:
            await search.add_html_file(content=page.read_text(encoding="utf-8"), source_path=page.relative_to(site).as_posix())
