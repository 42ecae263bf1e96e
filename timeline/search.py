"""Full-text search: a Pagefind index of the event, person and source pages, written beside them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"
SEARCHED = "{events,people,sources}/*/index.html"  # the pages marked with data-pagefind-body


def index(site: Path) -> None:
    """Index the built site in `site` and write the search bundle to `site/pagefind/`."""
    asyncio.run(_index(site))


async def _index(site: Path) -> None:
    config = IndexConfig(output_path=str(site / OUTPUT), force_language="en")
    async with PagefindIndex(config=config) as search:
        await search.add_directory(str(site), glob=SEARCHED)
