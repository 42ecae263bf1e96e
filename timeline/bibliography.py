"""The chronology's citations as files for reference managers, made from the CSL items of
`citations`: `citations.bib` (BibTeX, biblatex's fields, written with bibtexparser),
`citations.ris` (RIS, written with rispy) and `citations.json` (CSL-JSON, the items themselves).

Each file is made of one part per item (an entry of the file, written by the library on its
own), so the preview keeps the parts of the events that did not change and only joins them again.
"""

from __future__ import annotations

import json
from typing import Any

import rispy
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from .citations import Item

BIB, RIS, JSON = "citations.bib", "citations.ris", "citations.json"
FILES = (BIB, RIS, JSON)

BIB_TYPES = {"webpage": "online", "article-newspaper": "article", "entry-encyclopedia": "inreference"}
BIB_CONTAINERS = {"online": "organization", "article": "journal", "inreference": "booktitle"}  # where the container's title goes
RIS_TYPES = {"webpage": "ELEC", "article-newspaper": "NEWS", "entry-encyclopedia": "ENCYC"}

# LaTeX's special characters in text fields, and only them: other characters stay as they are, in
# UTF-8, which biber and reference managers read. An address is never encoded (biblatex reads
# `url` verbatim, so `%` and `_` stay as in the address).
SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
LATEX = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, {ord(char): latex for char, latex in SPECIAL.items()})],
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
BIB_FORMAT = BibtexFormat()  # type: ignore[no-untyped-call]
BIB_FORMAT.indent = "  "
# Each entry is made afresh for writing, so the writer may brace its values in place (the default here) rather than copy it.
BIB_STACK = [AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=True, default_enclosing="{")]


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy has no type hints
    """RIS with no numbered line ("1.") before each reference: the plain form reference managers expect."""

    def set_header(self, count: int) -> str:
        return ""


def edtf(date: dict[str, Any] | None) -> str | None:
    """A CSL date as biblatex reads it (EDTF): 2026-12-02, 1965-04~, 1988-11/1989-02; None for a
    date in words only (an interval open at one end)."""
    if not date or "date-parts" not in date:
        return None
    mark = "~" if date.get("circa") else ""
    return "/".join("-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])]) + mark for parts in date["date-parts"])


def ris_date(date: dict[str, Any] | None) -> tuple[str, str] | None:
    """A CSL date's first (or only) end as RIS's year and date ("2026", "2026/12/02/"); "circa",
    or the range's end, in the date's part for other information."""
    if not date or "date-parts" not in date:
        return None
    first, *rest = date["date-parts"]
    year, month, day = (first + [None, None])[:3]
    other = [*(["circa"] if date.get("circa") else []), *("to " + "/".join(map(str, end)) for end in rest)]
    parts = [f"{year:04d}", *("" if part is None else f"{part:02d}" for part in (month, day)), " ".join(other)]
    return str(year), "/".join(parts)


def latex(text: str) -> str:
    """Text for a BibTeX field, its LaTeX special characters escaped (by pylatexenc; most texts have none)."""
    return str(LATEX.unicode_to_latex(text)) if any(char in SPECIAL for char in text) else text


def bib_entry(item: Item) -> Entry:
    """A CSL item as a biblatex entry keyed by its id: @online, @article or @inreference."""
    kind = BIB_TYPES.get(item["type"], "online")
    fields = [Field("title", latex(item["title"]))]
    if item.get("author"):
        names = (latex(name["literal"]) for name in item["author"])
        fields.append(Field("author", " and ".join(f"{{{name}}}" for name in names)))  # braced: one name, never split
    if item.get("container-title"):
        fields.append(Field(BIB_CONTAINERS[kind], latex(item["container-title"])))
    for key, variable in (("date", "issued"), ("eventdate", "event-date")):
        value = edtf(item.get(variable))
        if value:
            fields.append(Field(key, value))
    if item.get("URL"):
        fields.append(Field("url", item["URL"]))
    for key, variable in (("abstract", "abstract"), ("note", "note")):
        if item.get(variable):
            fields.append(Field(key, latex(item[variable])))
    return Entry(kind, item["id"], fields)


def ris_record(item: Item) -> dict[str, Any]:
    """A CSL item as a reference for rispy: TY, ID, TI, AU, T2, PY and DA, UR, AB, N1, LA."""
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(item["type"], "ELEC"), "id": item["id"], "title": item["title"]}
    if item.get("author"):
        record["authors"] = [name["literal"] for name in item["author"]]
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]
    dated = ris_date(item.get("issued"))
    if dated:
        record["year"], record["date"] = dated
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    if item.get("abstract"):
        record["abstract"] = item["abstract"]
    if item.get("note"):
        record["notes"] = [item["note"]]
    if item.get("language"):
        record["language"] = item["language"]
    return record


def part(kind: str, item: Item) -> str:
    """One item's part of the file `kind`."""
    if kind == BIB:
        return str(write_string(Library([bib_entry(item)]), unparse_stack=BIB_STACK, bibtex_format=BIB_FORMAT))
    if kind == RIS:
        return str(rispy.dumps([ris_record(item)], implementation=_RisWriter))
    return json.dumps(item, ensure_ascii=False)


def joined(kind: str, parts: list[str]) -> str:
    """The file `kind` from its parts: entries a blank line apart; CSL-JSON an array, one item a line."""
    if kind == JSON:
        return "[\n" + ",\n".join(parts) + "\n]\n"
    return "\n".join(parts)
