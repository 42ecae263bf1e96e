"""The command line: options work where people type them, before or after the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

import build

BASE = "https://someone.github.io/chronology/"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--base-url", BASE], {"command": "build", "base_url": BASE}),
        (["build", "--base-url", BASE, "--no-search"], {"command": "build", "base_url": BASE, "no_search": True}),
        (["--out", "public", "build"], {"command": "build", "out": "public"}),
        (["build", "--out", "public"], {"command": "build", "out": "public"}),
        (["--out", "public", "build", "--github"], {"out": "public", "github": True}),
        (["check", "--github", "--strict"], {"command": "check", "github": True, "strict": True}),
        (["--github", "check"], {"command": "check", "github": True}),
        (["check", "--root", "/tmp/elsewhere"], {"command": "check", "root": Path("/tmp/elsewhere")}),
        (["serve", "--out", "x", "--port", "8001"], {"command": "serve", "out": "x", "port": 8001}),
        ([], {"command": "build", "out": "_site", "github": False, "no_search": False}),
    ],
)
def test_options_before_or_after_the_command(argv: list[str], expected: dict[str, object]) -> None:
    args = build.parse_args(argv)
    root = args.root
    for name, value in expected.items():
        got = args.out.relative_to(root).as_posix() if name == "out" else getattr(args, name)
        assert got == value, name


def test_a_build_option_given_to_another_command_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build.parse_args(["--base-url", BASE, "check"])
    assert stopped.value.code == 2
    assert "--base-url is an option of build, not of check" in capsys.readouterr().err


def test_build_with_options_after_the_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(project, "build", "--out", "public", "--base-url", BASE, "--no-search", capsys=capsys)
    assert code == 0, err
    assert f'<link rel="canonical" href="{BASE}">' in (project / "public" / "index.html").read_text()
    assert not (project / "_site").exists()
