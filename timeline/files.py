"""Which files the build reads: regular files inside the project, of a sane size, named when not.

A symlink that leads outside the project would publish what it points at (a seed linked to
/proc/self/environ shows the environment on a source page); a FIFO or /dev/zero would hang a
build or fill memory. Each is refused by name before it is opened.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .model import ContentError, Problem

MAX_BYTES = 2_000_000  # per file: the longest archived article is some 30 KB, an event some 10 KB


def read_bytes(root: Path, path: Path) -> bytes:
    """The bytes of a file of the project, or ContentError saying why it cannot be read."""
    refusal = check(root, path)
    if refusal:
        raise ContentError(refusal)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ContentError(Problem(shown(root, path), 1, _reason(error, path))) from None
    if len(data) > MAX_BYTES:
        raise ContentError(Problem(shown(root, path), 1, _too_big(len(data))))
    return data


def check(root: Path, path: Path) -> Problem | None:
    """Why the file at `path` (a link is followed) must not be read, or None."""
    rel = shown(root, path)
    try:
        status = os.stat(path)
    except OSError as error:
        return Problem(rel, 1, _reason(error, path))
    if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
        return Problem(rel, 1, f"not a regular file ({_kind(status.st_mode)}): only text files are read")
    real = os.path.realpath(path)
    if not _inside(real, root):
        target = os.readlink(path) if os.path.islink(path) else real
        return Problem(rel, 1, f"a symlink that leads outside the project (to {target}): copy the file into the project instead")
    if stat.S_ISDIR(status.st_mode):
        return None
    if status.st_size > MAX_BYTES:
        return Problem(rel, 1, _too_big(status.st_size))
    return None


def scan(root: Path, folder: Path) -> list[Problem]:
    """Every file and linked folder under `folder` that must not be read (templates, static files)."""
    found: list[Problem] = []
    if not folder.is_dir():
        return found
    for top, folders, names in os.walk(
        folder, onerror=lambda error: found.append(Problem(shown(root, folder), 1, _reason(error, folder)))
    ):
        for name in folders + names:
            problem = check(root, Path(top) / name)
            if problem:
                found.append(problem)
    return found


def shown(root: Path, path: Path) -> str:
    """The path as the editor knows it: relative to the project, its links not followed."""
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _inside(real: str, root: Path) -> bool:
    top = os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _reason(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return "a symlink loop: the link leads back to itself"
    if error.errno == errno.ENOENT:
        return "a symlink to a file that does not exist" if os.path.islink(path) else "file missing"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {error.strerror or error}"


def _kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device", stat.S_ISSOCK: "a socket"}
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def _too_big(size: int) -> str:
    return f"{size:,} bytes: a file may hold at most {MAX_BYTES:,} bytes; split it, or shorten it"
