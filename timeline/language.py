"""The language pages are being rendered in: its gettext catalog (locales/<lang>/LC_MESSAGES/messages.po,
compiled in memory with Babel) and its ways of writing dates and numbers (Babel's CLDR data).

Rendering an edition happens inside `speaking(edition, catalog)`; what renders (templates through
Jinja2's i18n extension, Python through `gettext` here, dates.py's labels through `date_words`)
asks `current()`. English is the source language: its words are the msgids, so it needs no catalog.
"""

from __future__ import annotations

import calendar
import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol

from babel.dates import format_date, format_interval, format_skeleton, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .editions import EDITIONS, ENGLISH, Edition

CATALOGS = "locales"  # under the project root: locales/ur/LC_MESSAGES/messages.po


@dataclass(frozen=True)
class Speaking:
    edition: Edition
    catalog: NullTranslations


ENGLISH_SPEAKING = Speaking(ENGLISH, NullTranslations())
_current: ContextVar[Speaking | None] = ContextVar("speaking", default=None)


def catalogs(root: Path | None) -> dict[str, NullTranslations]:
    """Every edition's messages (none without a project root: the words stay English)."""
    return {edition.lang: catalog(root, edition) if root else NullTranslations() for edition in EDITIONS}


def catalog(root: Path, edition: Edition) -> NullTranslations:
    """The edition's messages, compiled from its .po file; English (or a missing file) has none."""
    path = root / CATALOGS / edition.lang / "LC_MESSAGES" / "messages.po"
    if edition is ENGLISH or not path.is_file():
        return NullTranslations()
    return _compiled(path, path.stat().st_mtime_ns, edition.locale)


@lru_cache(maxsize=8)
def _compiled(path: Path, stamp: int, locale: str) -> NullTranslations:
    """A .po file compiled in memory, kept while the file is unchanged (`stamp`: its modification time)."""
    with path.open("rb") as file:
        messages = read_po(file, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled)


@contextmanager
def speaking(edition: Edition, messages: NullTranslations) -> Iterator[None]:
    token = _current.set(Speaking(edition, messages))
    try:
        yield
    finally:
        _current.reset(token)


def N_(message: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark a message for extraction where it is defined; it is translated where it is shown, with `_()`."""
    return message


def _speaking() -> Speaking:
    return _current.get() or ENGLISH_SPEAKING


def current() -> Edition:
    return _speaking().edition


def gettext(message: str) -> str:
    return _speaking().catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _speaking().catalog.ngettext(singular, plural, count)


class Point(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def day(self) -> int | None: ...
    @property
    def digits(self) -> int: ...


SKELETONS = {0: "y", 1: "yMMMM", 2: "yMMMMd"}  # by how many of month and day are known


def bare_date(date: Point, running: bool = False) -> str:
    """A date as the current language writes it: "1 мая 1948 г.", "مئی 1948", "1960-е"; `running`:
    inside a sentence ("около мая 1948 г."), where Russian puts a month in the genitive."""
    locale = current().locale
    if date.digits < 4:
        decade = gettext("the {year}s") if date.digits == 3 else gettext("the years {year}–{last}")
        return decade.format(year=date.year, last=date.year + 10 ** (4 - date.digits) - 1)
    known = (date.month is not None) + (date.day is not None)
    day = datetime.date(date.year, date.month or 1, date.day or 1)
    if known == 1 and running:
        return format_date(day, "MMMM y", locale=locale)
    return format_skeleton(SKELETONS[known], day, locale=locale)


def qualified(words: str, approximate: bool, uncertain: bool) -> str:
    if approximate:
        words = gettext("about {date}").format(date=words)
    return gettext("{date} (uncertain)").format(date=words) if uncertain else words


def interval(start: Point, end: Point) -> str | None:
    """Two exact dates of the same precision in the language's own form: "6–7 апреля 2021 г."; None otherwise."""
    known = (start.month is not None) + (start.day is not None)
    if start.digits < 4 or end.digits < 4 or known != (end.month is not None) + (end.day is not None):
        return None
    first = datetime.date(start.year, start.month or 1, start.day or 1)
    last = datetime.date(end.year, end.month or 1, end.day or 1)
    return format_interval(first, last, SKELETONS[known], locale=current().locale)


def day_and_month(month: int, day: int) -> str:
    """ "1 May", "1 мая", "1 مئی": an anniversary's day."""
    edition = current()
    if edition is ENGLISH:
        return f"{day} {calendar.month_name[month]}"
    return format_skeleton("MMMMd", datetime.date(2000, month, day), locale=edition.locale)


def month_names(context: Literal["format", "stand-alone"] = "stand-alone") -> tuple[str, ...]:
    """January to December in the current language; `context` "format": as after a day ("7 декабря")."""
    edition = current()
    if edition is ENGLISH:
        return tuple(calendar.month_name)[1:]
    names = get_month_names("wide", context, locale=edition.locale)
    return tuple(names[number] for number in range(1, 13))
