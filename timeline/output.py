"""Which folder a build may replace, and clearing what a killed build left behind.

A build replaces its output folder whole, so it must never be given one it did not make: every
output carries a marker file, and a folder without it is refused unless it is new or empty (as
Pelican refuses to delete output that holds its sources). The project's own folders are refused
whatever they hold.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".chronology-build"
MARKER_TEXT = "Made by build.py of the Pakistan-Russia chronology: each build replaces this folder whole.\n"
PROTECTED = ("content", "templates", "static", "seeds", ".git")
PROTECTED_NAMES = set(PROTECTED) - {"static"}  # a build has static/ of its own


class OutputRefused(Exception):
    """The output folder is one the build must not replace; the message says why."""


def check(root: Path, out: Path) -> None:
    """Raise OutputRefused unless `out` is new, empty, or a previous build's output."""
    reason = _refusal(root.resolve(), out.resolve())
    if reason:
        raise OutputRefused(f"--out {shown(root, out)}: {reason}")


def _refusal(root: Path, target: Path) -> str | None:
    if target == root or target in root.parents:
        return "that is the project folder (or holds it); a build replaces its output folder whole"
    for folder in PROTECTED:
        if target == root / folder or root / folder in target.parents:
            return f"that is {folder}/ or inside it, which holds the project's own files"
    if target.exists() and not target.is_dir():
        return "that is a file, not a folder"
    if not target.is_dir() or not any(target.iterdir()):
        return None
    if (target / MARKER).is_file() and not PROTECTED_NAMES & set(os.listdir(target)):
        return None
    return f"that folder holds files no build made (it has no {MARKER} file); choose a new folder, or empty this one yourself"


def staging_folder(out: Path) -> Path:
    """A new hidden folder beside `out`, named for this process, signed as the build's own."""
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}-{os.getpid()}-", dir=out.parent))
    mark(folder)
    return folder


def retired_folder(out: Path) -> Path:
    """A new hidden folder beside `out` to move the previous output into, until the new one is in place."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))


def mark(folder: Path) -> None:
    """Sign `folder` as one a build may replace."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def clear_leftovers(out: Path) -> None:
    """Remove what a killed build left beside `out`: staging folders that carry the marker of a
    process that has ended, and retired folders that hold nothing but one marked old output."""
    if not out.parent.is_dir():
        return
    for entry in out.parent.iterdir():
        if not entry.name.startswith(f".{out.name}-") or entry.is_symlink() or not entry.is_dir():
            continue
        if entry.name.startswith(f".{out.name}-old-"):
            stale = os.listdir(entry) == [out.name] and (entry / out.name / MARKER).is_file()
        else:
            stale = (entry / MARKER).is_file() and _owner_gone(entry, f".{out.name}-")
        if stale:
            shutil.rmtree(entry, ignore_errors=True)


def _owner_gone(folder: Path, prefix: str) -> bool:
    """Whether the process named in a staging folder's name has ended (a running build keeps its own)."""
    try:
        pid = int(folder.name[len(prefix) :].split("-", 1)[0])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user's
        pass
    return False


def shown(root: Path, out: Path) -> str:
    """The folder as the editor named it: relative to the project when inside it."""
    try:
        return out.resolve().relative_to(root).as_posix() or "."
    except ValueError:
        return str(out)
