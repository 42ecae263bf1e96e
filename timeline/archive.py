"""The Internet Archive's copies of a source's address: the list of every copy, built from the
source's `url`, and a snapshot an editor chose (`archive_url`), checked to be a copy of that address."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .dates import PartialDate
from .language import gettext

WAYBACK = "https://web.archive.org/web/"
# What an address may hold as it is: RFC 3986's reserved characters and the % of an escape made
# already (quote() never encodes letters, digits and -._~). Anything else (a space, a quote mark,
# <, >, a non-ASCII letter) is percent-encoded.
KEPT = "!#$%&'()*+,/:;=?@[]"
FORM = "https://web.archive.org/web/YYYYMMDDhhmmss/<the source's url>, as the Internet Archive shows a snapshot"
SNAPSHOT = re.compile(r"^https://web\.archive\.org/web/(?P<rest>.*)$")
STAMP = re.compile(r"^(?P<digits>[0-9]+)(?P<flag>[a-z]{2}_)?$")  # 20210407093000, 20210407093000id_
FIRST_YEAR = 1996
PARTS = (("month", 4, 1, 12), ("day", 6, 1, 31), ("hour", 8, 0, 23), ("minute", 10, 0, 59), ("second", 12, 0, 59))


def copies(url: str) -> str:
    """The Internet Archive's list of every copy it holds of `url`."""
    return f"{WAYBACK}*/{quote(url, safe=KEPT)}"


@dataclass(frozen=True)
class Snapshot:
    """One copy in the Internet Archive: https://web.archive.org/web/<stamp>/<original>."""

    url: str  # as the editor gave it
    stamp: str  # the timestamp's digits: YYYYMMDDhhmmss, or fewer
    original: str  # the address it is a copy of

    @property
    def date(self) -> PartialDate:
        """The day it was taken, or as much of it as the timestamp gives."""
        month, day = self.stamp[4:6], self.stamp[6:8]
        return PartialDate(int(self.stamp[:4]), int(month) if len(month) == 2 else None, int(day) if len(day) == 2 else None)

    @property
    def label(self) -> str:
        """ "archived copy, 7 April 2021"."""
        return gettext("archived copy, {day}").format(day=self.date.label)


def parse(text: str) -> Snapshot:
    """A snapshot's address; ValueError says what is wrong with it."""
    found = SNAPSHOT.match(text)
    if not found:
        raise ValueError(f"'{text}' is not an Internet Archive address: write {FORM}")
    stamp, _, original = found["rest"].partition("/")
    if stamp == "*":
        raise ValueError(f"'{text}' is the list of every copy, which the site links already: give one snapshot, {FORM}")
    if stamp.lower().rstrip(":") in ("http", "https") or not original:
        raise ValueError(f"'{text}' has no timestamp after /web/: write {FORM}")
    digits = STAMP.match(stamp)
    if not digits or not 4 <= len(digits["digits"]) <= 14:
        raise ValueError(f"'{stamp}' is not a timestamp: write 4 to 14 digits, YYYYMMDDhhmmss, as in {FORM}")
    wrong = _impossible(digits["digits"])
    if wrong:
        raise ValueError(f"the timestamp {digits['digits']} names no real moment: {wrong}")
    return Snapshot(text, digits["digits"], original)


def _impossible(stamp: str) -> str | None:
    """Why a timestamp's digits name no moment of the Internet Archive: month 13, 30 February, hour 24."""
    if int(stamp[:4]) < FIRST_YEAR:
        return f"year {stamp[:4]} (the Internet Archive's copies begin in {FIRST_YEAR})"
    for name, start, low, high in PARTS:
        part = stamp[start : start + 2]
        if len(part) < 2:
            break
        if name == "day":
            high = calendar.monthrange(int(stamp[:4]), int(stamp[4:6]))[1]
        if not low <= int(part) <= high:
            return f"{name} {part} (from {low:02d} to {high:02d})"
    return None


def mismatch(snapshot: Snapshot, url: str | None) -> str | None:
    """Why `snapshot` is not a copy of the source's `url` (a scheme, a trailing slash, the host's
    case and percent-encoding aside); None when it is."""
    if url is None:
        return "the source has no url to be a copy of: give its address in url"
    if _key(snapshot.original) == _key(url):
        return None
    return f"it is a copy of '{snapshot.original}', not of the source's url '{url}'"


def _key(address: str) -> str:
    """An address as two copies of one page compare: no scheme, the host in lower case, escapes
    decoded, no trailing slash."""
    rest = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", unquote(address))
    host, slash, path = rest.partition("/")
    return (host.lower() + slash + path).rstrip("/")
