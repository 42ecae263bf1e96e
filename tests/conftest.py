"""Shared fixtures: a throwaway project in tmp_path, and a way to run build.py on it."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(REPO))

import build  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def outside_any_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """git looks for no checkout above the tests' temporary folder, wherever that is: a project in
    tmp_path is in none (so its feed, the goldens' too, is dated by event date, never by this
    repository's history) unless a test makes one there (tests/test_history.py)."""
    before = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path_factory.getbasetemp())
    yield
    if before is None:
        del os.environ["GIT_CEILING_DIRECTORIES"]
    else:
        os.environ["GIT_CEILING_DIRECTORIES"] = before


def make_project(tmp_path: Path, content_from: Path) -> Path:
    """A project folder: content and seeds from `content_from`, the repo's templates and static."""
    root = tmp_path / "project"
    shutil.copytree(content_from / "content", root / "content")
    shutil.copytree(content_from / "seeds", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "static", root / "static")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small fixture site, ready to build."""
    return make_project(tmp_path, FIXTURES / "site")


def run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run build.py's main() on `root`: (exit code, stdout, stderr)."""
    code = build.main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` (its files may be put there after the start) on a free port of 127.0.0.1;
    yields the server's address, ending in a slash."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# The live preview server, driven over HTTP.


def touch(path: Path, text: str) -> None:
    """Write and move the modification time on, so even a same-size edit is seen."""
    stamp = max(path.stat().st_mtime_ns + 10_000_000, time.time_ns()) if path.exists() else None
    path.write_text(text, encoding="utf-8")
    if stamp is not None:
        os.utime(path, ns=(stamp, stamp))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    touch(path, text.replace(old, new, 1))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Served:
    """A running `build.py serve`: its address, and once it has stopped, what it logged."""

    base: str
    log: str = ""

    @property
    def folder(self) -> Path:
        """Where it wrote the preview, as it logged it."""
        lines = [line for line in self.log.splitlines() if line.startswith("Preview folder: ")]
        assert lines, self.log
        return Path(lines[0].removeprefix("Preview folder: "))


@contextmanager
def serving(project: Path, ready: str = "Lavrov") -> Iterator[Served]:
    """`build.py serve` on `project` on a free port, until the block ends (SIGTERM); it is ready
    when its home page shows `ready`. Its log must have no traceback."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(project), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(f"http://127.0.0.1:{port}/")
    try:
        wait_for(lambda: ready in get(served.base), "the server to start")
        yield served
    finally:
        process.terminate()
        served.log = process.communicate(timeout=10)[1]
        assert "Traceback" not in served.log, served.log


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`build.py serve` on the small fixture site, on a free port: (the project, its address)."""
    project = make_project(tmp_path, REPO / "tests" / "fixtures" / "site")
    with serving(project) as served:
        yield project, served.base
