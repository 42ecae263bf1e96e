"""Curly quotes, apostrophes, dashes and ellipses in text from YAML, by Python-Markdown's own smarty
extension: the typographic standard event bodies get, as Unicode characters rather than entities
(the text also goes into JSON, CSV and the feed), and with no other Markdown applied."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown

# smarty's substitutions as characters: the default ones are HTML entities.
CHARACTERS = {
    "left-single-quote": "\u2018",
    "right-single-quote": "\u2019",
    "left-double-quote": "\u201c",
    "right-double-quote": "\u201d",
    "left-angle-quote": "\u00ab",
    "right-angle-quote": "\u00bb",
    "mdash": "\u2014",
    "ndash": "\u2013",
    "ellipsis": "\u2026",
}
_CONVERTER = markdown.Markdown(extensions=["smarty"], extension_configs={"smarty": {"substitutions": CHARACTERS}})
_SMARTY = _CONVERTER.treeprocessors["smarty"]  # smarty's own inline processor: its patterns, no others
_STASHED = _CONVERTER.postprocessors["raw_html"]  # puts back what smarty's patterns stashed


TRIGGERS = ("'", '"', "--", "...")  # what smarty's patterns need (its angled quotes are off, as in bodies)


def typeset(text: str) -> str:
    """`text` with smarty's typography, every other character (Markdown syntax too) as typed."""
    return _smarty(text) if any(trigger in text for trigger in TRIGGERS) else text


@lru_cache(maxsize=65536)  # the preview checks every event again after a list changes: the texts are the same
def _smarty(text: str) -> str:
    root = etree.Element("div")
    etree.SubElement(root, "p").text = text
    _SMARTY.run(root)  # it educates the text of the root's children
    result = _STASHED.run(root[0].text or "")
    _CONVERTER.reset()  # one converter, reused: the build checks content in one thread
    return result
