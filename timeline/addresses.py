"""Where the site is published: its address, the repository and branch of its edit links, and
its custom domain, checked so that none can break out of an HTML attribute or a URL."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # one part of a host name: 1-63 characters
HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){LABEL}(?:\.{LABEL})*$")
UNSAFE = set("\"'<>\\`")  # besides whitespace and control characters: what could end an attribute or a URL
BRANCH_UNSAFE = UNSAFE | set("~^:?*[#%&")  # git forbids ~^:?*[ in a ref; # % & would change the edit URL
BRANCH_FORM = re.compile(r"\.\.|@\{|//|/\.|\.lock(?:/|$)|^[-/.]|[/.]$|^@$")  # the forms git check-ref-format rejects


def _shown(text: str) -> str:
    """A value quoted in a message, its invisible characters written as escapes."""
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"


def _unsafe(text: str, unsafe: set[str]) -> str | None:
    """The first character of `text` in `unsafe`, or whitespace, a control or an invisible format character."""
    return next((c for c in text if c in unsafe or unicodedata.category(c)[0] in "CZ"), None)


def _address_problem(text: str, loopback_http: bool) -> str | None:
    """Why `text` cannot be the site's (`loopback_http`) or the repository's address; None if it can."""
    wrong = f"{_shown(text)} is not an https:// address"
    bad = _unsafe(text, UNSAFE)
    if bad is not None:
        return f"{wrong}: it contains {_shown(bad)}"
    try:
        parts = urlsplit(text)
        host, scheme = parts.hostname or "", parts.scheme.lower()
        _ = parts.port  # raises ValueError when the port is not a number from 0 to 65535
    except ValueError as error:
        return f"{wrong}: {error}"
    if scheme not in ("https", "http") or not text.lower().startswith(f"{scheme}://"):
        return wrong
    if parts.username is not None:
        return f"{wrong}: it cannot have a user name"
    if not (HOST_NAME.match(host) or _ip(host)):
        return f"{wrong}: it needs a host name, like example.org"
    if scheme == "http" and not (loopback_http and _on_this_machine(host)):
        return wrong + (" (http:// only for 127.0.0.1, localhost or [::1])" if loopback_http else "")
    if "?" in text or "#" in text:
        return f"{wrong}: it cannot have a ?query or #fragment"
    return None


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _on_this_machine(host: str) -> bool:
    """Loopback, or 0.0.0.0: the address `build.py serve --host 0.0.0.0` gives its preview."""
    ip = _ip(host)
    return host.lower() == "localhost" or (ip is not None and (ip.is_loopback or ip.is_unspecified))


def _branch_problem(text: str) -> str | None:
    bad = _unsafe(text, BRANCH_UNSAFE)
    if bad is not None:
        return f"{_shown(text)} is not a git branch name: it contains {_shown(bad)}"
    if BRANCH_FORM.search(text):
        return f"{_shown(text)} is not a git branch name (no '..', '//', '@{{', and no '-', '.' or '/' at either end)"
    return None


def _host_problem(text: str) -> str | None:
    if HOST_NAME.match(text):
        return None
    return f"{_shown(text)} is not a host name like chronology.example.org (letters, digits, hyphens and dots only)"


SETTING_CHECKS = {
    "address": lambda text: _address_problem(text, loopback_http=True),
    "https": lambda text: _address_problem(text, loopback_http=False),
    "branch": _branch_problem,
    "host": _host_problem,
}
