"""What is new: when each event file was added to the repository and last changed, from one
`git log`, so the feed lists a newly added event about 1957 as news. Outside a checkout (or
without git, or for a file not committed yet) an event is dated by its own date instead."""

from __future__ import annotations

import datetime
import heapq
import logging
import os
import subprocess
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from .model import Event, FileDates, History

log = logging.getLogger("build")
HEADER = "\x01"  # starts each commit in the log, before its committer date
# Committer dates (the day a change reached the branch), renames followed (-M) so a renamed file
# keeps the day it was first added; children before parents (--date-order) so the walk back is in
# order; paths relative to the project folder, which need not be the top of the checkout.
COMMAND = (
    *("git", "-c", "log.showSignature=false", "log", "-z", "-M", "--name-status", "--relative", "--date-order"),
    *("--no-color", f"--format={HEADER}%ct", "--", "content/events"),
)


def read(root: Path) -> History:
    """The history of the event files in `root`, from one git call."""
    try:
        done = subprocess.run(COMMAND, cwd=root, capture_output=True, check=False, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        history = History(missing="git is not installed")
    except OSError as error:
        history = History(missing=f"git could not run: {error.strerror or error}")
    else:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        if done.returncode == 0:
            history = History(parse(done.stdout.decode("utf-8", "surrogateescape")))
        elif "not a git repository" in stderr:
            history = History(missing="not a git checkout")
        else:
            history = History(missing=f"git log failed: {stderr.splitlines()[0] if stderr else done.returncode}")
    return history


def say(history: History, paths: Sequence[str]) -> None:
    """Say in the build log when the feed dates some of `paths` (the published events' files) by their event's date."""
    said = note(history, paths)
    if said:
        log.info("%s", said)


def note(history: History, paths: Sequence[str]) -> str | None:
    """What the build log says when the feed dates some events by their own date; None when it dates none so."""
    if history.missing:
        return f"feed: no git history ({history.missing}); entries dated by event date"
    new = [path for path in paths if path not in history.files]
    if not new:
        return None
    shown = ", ".join(new[:3]) + (f" and {len(new) - 3} more" if len(new) > 3 else "")
    files = "file" if len(new) == 1 else "files"
    return f"feed: {len(new)} event {files} not committed yet ({shown}); dated by event date"


def parse(text: str) -> dict[str, FileDates]:
    """Each file's dates from the log (`git log -z -M --name-status`, newest commit first), by the
    name it has now: renames are followed back to the commit that added the file."""
    names: dict[str, str] = {}  # a name a file had, at this point of the walk back -> its name now
    ended: set[str] = set()  # names whose file begins later: what an older commit did to them was another file's
    first: dict[str, datetime.datetime] = {}
    changed: dict[str, datetime.datetime] = {}
    for status, old, new, when in _changes(text):
        if status == "D":  # what older commits did to this name was done to a file now gone
            ended.add(new)
            continue
        file = names.get(new) or (new if new not in ended else None)
        if file is None:  # an older file of a name a file has now, or a file now gone
            continue
        first[file] = when  # going back: the earliest commit seen so far
        if status != "R100":  # a rename alone leaves the text as it was
            changed.setdefault(file, when)
        if status[0] in "ACR":  # before this commit, the file did not have this name
            names.pop(new, None)
            ended.add(new)
        if status[0] == "R":
            names[old] = file
            ended.discard(old)
    return {file: FileDates(first[file], changed.get(file, first[file])) for file in first}


def _changes(text: str) -> Iterator[tuple[str, str, str, datetime.datetime]]:
    """(status, old name, new name, committer date) for each change, in the log's order."""
    tokens = iter(text.split("\0"))
    when = datetime.datetime.fromtimestamp(0, datetime.UTC)
    for token in tokens:
        status = token.lstrip("\n")
        if not status:
            continue
        if status.startswith(HEADER):
            when = datetime.datetime.fromtimestamp(int(status[1:]), datetime.UTC)
            continue
        old = next(tokens, "")
        new = next(tokens, "") if status[0] in "RC" else old
        yield status, old, new, when


Dated = tuple[Event, datetime.datetime, datetime.datetime | None]  # an event, when it last changed, when it was added


def latest(events: Sequence[Event], history: History, size: int) -> list[Dated]:
    """The `size` events last added or changed, newest first; an event with no history is dated by
    its earliest day, and when it was added is unknown. `events` are in chronological order, so of
    those only the last `size` can be among the latest: the others need no date made."""
    files = history.files
    dated: list[Dated] = [(e, known.updated, known.published) for e in events if (known := files.get(e.path)) is not None]
    undated = islice((e for e in reversed(events) if e.path not in files), size)
    dated += [(e, datetime.datetime(*e.date.first_key, tzinfo=datetime.UTC), None) for e in undated]
    return heapq.nlargest(size, dated, key=lambda item: (item[1], item[0].sort_key))
