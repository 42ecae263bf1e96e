"""Event bodies in Markdown: the converter, and the checks that keep a body from losing text
silently or from taking minutes to convert."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import markers

# A character (or two spaces before a line break) that some default inline pattern needs: code,
# escapes, links and images, autolinks and raw HTML, entities, emphasis, stashed placeholders.
# Smarty (curly quotes, dashes, ellipses) needs quote marks, "--", "..." and "<<" or ">>".
INLINE_TRIGGER = re.compile(r"[`\\\[<&*_\x02'\"]|  \n|--|\.\.\.|>>")


class PlainTextSkipper(Treeprocessor):
    """Mark text no inline pattern can match as atomic, so Markdown skips its ~14 pattern passes.

    Output is unchanged (tests compare it with plain Python-Markdown); the build's Markdown
    time roughly halves, because most text in event bodies is plain prose.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text and not INLINE_TRIGGER.search(element.text):
                element.text = AtomicString(element.text)
            if element.tail and not INLINE_TRIGGER.search(element.tail):
                element.tail = AtomicString(element.tail)


def section_id(value: str, separator: str) -> str:
    """A body heading's id, prefixed so that no heading can take an id of the page's own."""
    return "s-" + slugify(value, separator)


# smarty: one typographic standard (curly quotes and apostrophes, en and em dashes, ellipses) from
# what editors type; toc: ids on headings, and the list of a long body's sections. Both are
# Python-Markdown's own extensions.
EXTENSIONS = ["sane_lists", "smarty", "toc"]
CONFIGS = {"toc": {"slugify": section_id}}


def markdown_converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS, output_format="html")
    converter.treeprocessors.register(PlainTextSkipper(converter), "plain_text", 25)  # before "inline" (20)
    markers.register(converter)
    return converter


def sections(converter: markdown.Markdown) -> tuple[tuple[str, str], ...]:
    """The (id, title) of each second-level section of what `converter` last converted."""
    tokens = getattr(converter, "toc_tokens", [])
    return tuple((token["id"], html.unescape(token["name"])) for token in tokens if token["level"] == 2)


# Raw HTML elements the sanitiser removes together with what follows them, or whose content a
# browser reads as plain text ("typed <script> into the chat" would lose the rest of the paragraph).
SWALLOWING = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "template")
SWALLOWING_TAG = re.compile(rf"<\s*({'|'.join(SWALLOWING)})\b", re.IGNORECASE)
MAX_BRACKETS = 200  # per paragraph: Python-Markdown's link search is quadratic in them
MAX_INDENT = 64  # columns: sixteen levels of nested lists
LIST_MARKERS = re.compile(r"^(?:[ \t]*(?:[*+-]|[0-9]{1,9}[.)])[ \t]+){16,}")


def problems(body: str) -> list[tuple[int, str]]:
    """(line in the body, message) for each part of it that would be lost or would hang the build."""
    found: list[tuple[int, str]] = []
    lines = body.split("\n")
    deep = next((n for n, line in enumerate(lines) if _indent(line) > MAX_INDENT or LIST_MARKERS.match(line)), None)
    if deep is not None:
        found.append((deep, "nested more than 16 levels deep (lists or indentation): Markdown cannot read it"))
    for number, paragraph in _paragraphs(lines):
        brackets = paragraph.count("[")
        if brackets > MAX_BRACKETS:
            found.append((number, f"{brackets} '[' in one paragraph (at most {MAX_BRACKETS}): Markdown would take minutes"))
    if not found and SWALLOWING_TAG.search(body):  # rare: only then is the body converted to be sure
        found += _swallowing_html(body)
    return found


def _indent(line: str) -> int:
    spaced = line.expandtabs(4)
    return len(spaced) - len(spaced.lstrip())


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """(first line, text) of each run of lines that are not blank."""
    found: list[tuple[int, str]] = []
    start = None
    for number, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            found.append((start, "\n".join(lines[start:number])))
            start = None
    return found


def _swallowing_html(body: str) -> list[tuple[int, str]]:
    """Raw HTML tags (not code) that would swallow text, found as Markdown itself finds raw HTML."""
    converter = markdown_converter()
    converter.convert(body)
    found = []
    for raw in converter.htmlStash.rawHtmlBlocks:
        match = SWALLOWING_TAG.search(str(raw))
        if match:
            at = body.lower().find(match.group().lower())
            tag = match.group(1).lower()
            message = f"raw HTML <{tag}> would swallow the text after it: write &lt;{tag}&gt; to show it, or use `backticks`"
            found.append((body.count("\n", 0, max(at, 0)), message))
    return found
