"""Shared fixtures: a throwaway project in tmp_path, and a way to run build.py on it."""

from __future__ import annotations

import functools
import hashlib
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(REPO))

import build  # noqa: E402


def make_project(tmp_path: Path, content_from: Path) -> Path:
    """A project folder: content and seeds from `content_from`, the repo's templates and static."""
    root = tmp_path / "project"
    shutil.copytree(content_from / "content", root / "content")
    shutil.copytree(content_from / "seeds", root / "seeds")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "static", root / "static")
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
