"""Shared fixtures: a throwaway project in tmp_path, and a way to run build.py on it."""

from __future__ import annotations

import hashlib
import shutil
import sys
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
