"""`build.py new`: a new event file with every field, commented, ready to fill in."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .dates import PartialDate
from .load import load_yaml
from .model import ContentError

TEMPLATE = """\
---
# {rel}: fill in every field, write the body in Markdown below the
# closing "---" (what happened, with statements attributed), then run `.venv/bin/python build.py check`.
title: {title}
date: {date}
# end: YYYY-MM-DD             # optional: the last day of a multi-day event
topics: [{topics}]  # ids from content/topics.yaml; every topic the event really touches
people: []                    # ids from content/people.yaml
places: []                    # ids from content/places.yaml
summary: ""                   # one neutral sentence for lists, feeds and link previews
# date_basis: ...             # optional: how the date was worked out ("the article dated ... says 'on Monday'")
# sources_differ: ...         # optional: where sources disagree, said neutrally
# plan: true                  # optional: it records a plan, an invitation, an offer, an announcement or a deadline
# outcome: ...                # optional, for a plan: the id of the event that fulfilled, replaced or cancelled it
# milestone: true             # optional: a turning point of the relationship (keep 10 to 20 of them)
sources:
  - source: ""                # an id from content/sources.yaml
    quote: ""                 # archived source: words copied exactly from its text in seeds/
    # note: ...               # what this citation supports; for a public page (url only), your paraphrase instead of a quote
draft: true                   # remove this line when the event is ready to publish
---
"""


MAX_TITLE = 200
MAX_SLUG = 60  # characters of the title in the file name and address
LINE_BREAK_OR_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def slugify(title: str) -> str:
    """'Lavrov visits Islamabad' -> 'lavrov-visits-islamabad' (ASCII, lowercase, hyphens, whole words
    up to MAX_SLUG characters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


def new_event(root: Path, title: str, date: str, topics: list[str]) -> Path:
    """Write the file and return its path; raise ValueError with a reason instead of overwriting or guessing."""
    PartialDate.parse(date)
    if LINE_BREAK_OR_CONTROL.search(title):
        raise ValueError("a title is one line of text: no line breaks or control characters")
    if len(title) > MAX_TITLE:
        raise ValueError(f"a title of {len(title)} characters is too long: keep it under {MAX_TITLE}; the summary says the rest")
    slug = slugify(title)
    if not slug:
        raise ValueError(f"cannot make a file name from the title {title!r}: use some letters or digits")
    try:
        known = load_yaml(root, root / "content" / "topics.yaml").data
    except (ContentError, FileNotFoundError) as error:
        raise ValueError(f"cannot read content/topics.yaml: {error}") from None
    unknown = [topic for topic in topics if topic not in known]
    if unknown:
        raise ValueError(f"unknown topic {', '.join(unknown)}; known topics: {', '.join(sorted(known))}")
    path = root / "content" / "events" / f"{date}-{slug}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        raise ValueError(f"{rel} already exists; edit it, or choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(rel=rel, title=_yaml_text(title), date=date, topics=", ".join(topics))
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path


def _yaml_text(text: str) -> str:
    """The title as a YAML scalar that reads back as the same text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
