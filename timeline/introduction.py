"""The home page's introduction: the story in outline, every claim linked to the events it rests on.

Editors write `content/introduction.md` in Markdown and link to an event by its file, relative to
`content/` (`[relations opened in May 1948](events/1948-05-01-diplomatic-relations-established.md)`),
so the links work when the file is read on GitHub too. The build turns each into the event page's
address; a link to no published event, or to anything but an event, is an error at its line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from difflib import get_close_matches
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .model import Problem

PATH = "content/introduction.md"
EVENT_LINK = re.compile(r"^events/([^/]+)\.md$")


class EventLinks(Treeprocessor):
    """Each link's target as written, in order; event files become their pages' addresses."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.targets: list[str] = []

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            target = link.get("href", "")
            self.targets.append(target)
            found = EVENT_LINK.match(target)
            if found:
                link.set("href", f"events/{found[1]}/index.html")


def _convert(text: str) -> tuple[str, list[str]]:
    converter = markdown.Markdown(extensions=["smarty"], output_format="html")
    links = EventLinks(converter)
    converter.treeprocessors.register(links, "event_links", 5)  # after "inline" (20) has made the links
    return converter.convert(text), links.targets


@lru_cache(maxsize=4)
def to_html(text: str) -> tuple[str, ...]:
    """The introduction's paragraphs (blocks between blank lines) as safe HTML, links relative to
    the site's root (the home page's folder): a phone shows the first and folds the rest."""
    blocks = (block for block in re.split(r"\n\s*\n", text) if block.strip())
    return tuple(str(nh3.clean(_convert(block)[0])) for block in blocks)


def events_linked(text: str) -> list[str]:
    """The slugs of the events the introduction links to, in order."""
    return [found[1] for target in _convert(text)[1] if (found := EVENT_LINK.match(target))]


def problems(text: str, files: set[str], drafts: set[str]) -> list[Problem]:
    """Every link that leads to no published event, at its line (`files`: every event file's name,
    so that a link to an event with mistakes of its own is not reported twice)."""
    found = []
    for target in _convert(text)[1]:
        line = text.count("\n", 0, max(text.find(f"]({target}"), 0)) + 1
        event = EVENT_LINK.match(target)
        if event is None:
            why = "the introduction links only to events, as events/FILE.md (the event's file in content/events/)"
        elif event[1] in drafts:
            why = "that event is a draft, which the site leaves out"
        elif event[1] not in files:
            near = get_close_matches(event[1], files, n=1)
            why = "there is no such event in content/events/" + (f" (did you mean events/{near[0]}.md?)" if near else "")
        else:
            continue
        found.append(Problem(PATH, line, f"link to '{target}': {why}"))
    return found
