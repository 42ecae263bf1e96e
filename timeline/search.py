"""Full-text search: a Pagefind index of the event, person and source pages, written beside them.

Runs the Pagefind binary that the pip package `pagefind[bin]` ships, as its command line: the same
indexing as Pagefind's Python API, which drives that binary as a service over a pipe, but with less
memory, and with an exit code and error output to report when it fails.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

OUTPUT = "pagefind"
SEARCHED = "**/{events,people,sources}/*/index.html"  # the pages marked with data-pagefind-body, in every edition


class SearchIndexError(Exception):
    """The search index could not be built; the message says why, in one line."""


def binary() -> Path:
    """The Pagefind executable installed with `pagefind[bin]`."""
    from pagefind_bin import get_executable

    return Path(get_executable())


def index(site: Path) -> int:
    """Index the built site in `site` and write the search bundle to `site/pagefind/`; return the number of pages indexed."""
    site = site.resolve()  # absolute: Pagefind runs in `site`, where no pagefind.yml of the caller's folder applies
    output = site / OUTPUT
    try:  # checked here: Pagefind panics, or retries forever, when it cannot write there
        output.mkdir(exist_ok=True)
        tempfile.TemporaryFile(dir=output).close()
    except OSError as error:
        raise SearchIndexError(f"Search index not built: cannot write to {output}: {error.strerror}") from None
    try:
        executable = binary()
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(f"Search index not built: Pagefind binary missing ({error}); reinstall pagefind[bin]") from None
    command = [str(executable), "--site", str(site), "--glob", SEARCHED, "--output-subdir", OUTPUT]
    command.append("--quiet")  # an index per language, as each page's <html lang> says: each edition searches its own
    try:
        result = subprocess.run(command, cwd=site, capture_output=True, text=True, errors="replace", check=False)
    except OSError as error:
        raise SearchIndexError(f"Search index not built: cannot run {executable}: {error.strerror}") from None
    if result.returncode:
        reason = _last_lines(result.stderr) or _last_lines(result.stdout) or "no error output"
        raise SearchIndexError(f"Search index not built: Pagefind exited with code {result.returncode}: {reason}")
    return _page_count(output / "pagefind-entry.json")


def _last_lines(output: str, count: int = 2) -> str:
    """The last distinct lines of Pagefind's output before any backtrace, as one line."""
    lines: list[str] = []
    for line in map(str.strip, output.splitlines()):
        if line.startswith(("stack backtrace:", "note: ")):
            break
        if line and line not in lines:
            lines.append(line)
    return " ".join(lines[-count:])


def _page_count(entry: Path) -> int:
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        return sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError) as error:
        raise SearchIndexError(f"Search index not built: Pagefind left no readable {entry.name} ({error})") from None
