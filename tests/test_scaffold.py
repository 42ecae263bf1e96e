"""`build.py new`: a ready-to-fill event file, never an overwrite, never an unknown topic."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from timeline.load import load_markdown
from timeline.scaffold import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Lavrov visits Islamabad", "lavrov-visits-islamabad"),
        ("Bhutto-Zardari in Moscow: “75 years”", "bhutto-zardari-in-moscow-75-years"),
        ("  Tashkent   Declaration ", "tashkent-declaration"),
        ("Société générale à Karachi", "societe-generale-a-karachi"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_event_has_every_field_and_check_says_what_to_fill(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(project, "new", 'Talks on "energy"', "--date", "2021-04-06", "--topics", "energy,sco", capsys=capsys)
    assert code == 0, err
    path = project / "content" / "events" / "2021-04-06-talks-on-energy.md"
    text = path.read_text(encoding="utf-8")
    for field in ("title:", "date: 2021-04-06", "end:", "topics: [energy, sco]", "people:", "places:", "summary:", "date_basis:",
                  "sources_differ:", "source:", "quote:", "note:", "draft: true"):  # fmt: skip
        assert field in text
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    rel = "content/events/2021-04-06-talks-on-energy.md"
    assert [line.split(": ", 1)[1] for line in err.splitlines() if line.startswith(rel)] == [
        "summary: empty",
        "sources[1].source: empty",
        "sources[1].quote: empty",
        "empty body: write at least a sentence below the front matter",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Lavrov visit", "--date", "2021-04-06", "--topics", "enrgy"],
            "new: unknown topic enrgy; known topics: diplomacy, energy, sco",
        ),
        (["Lavrov visit", "--date", "2021-02-30"], "new: '2021-02-30' is not a date: February 2021 has 28 days"),
        (["Lavrov visit", "--date", "April 2021"], "new: 'April 2021' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        (["???", "--date", "2021"], "new: cannot make a file name from the title '???': use some letters or digits"),
    ],
)
def test_new_rejects_bad_requests(project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = sorted((project / "content" / "events").iterdir())
    code, _, err = run(project, "new", *args, capsys=capsys)
    assert (code, err.strip()) == (1, message)
    assert sorted((project / "content" / "events").iterdir()) == before


def test_new_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = project / "content" / "events" / "2021-04-06-lavrov-visit.md"
    original = existing.read_bytes()
    code, _, err = run(project, "new", "Lavrov visit", "--date", "2021-04-06", capsys=capsys)
    assert code == 1
    assert "content/events/2021-04-06-lavrov-visit.md already exists" in err
    assert existing.read_bytes() == original


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Lavrov visits\nIslamabad", "new: a title is one line of text: no line breaks or control characters"),
        ("Lavrov visits\u2028Islamabad", "new: a title is one line of text: no line breaks or control characters"),
        ("Lavrov \x1b[31mvisits", "new: a title is one line of text: no line breaks or control characters"),
        ("x" * 500, "new: a title of 500 characters is too long: keep it under 200; the summary says the rest"),
    ],
)
def test_new_refuses_a_title_check_could_not_read(
    project: Path, capsys: pytest.CaptureFixture[str], title: str, message: str
) -> None:
    before = sorted((project / "content" / "events").iterdir())
    code, _, err = run(project, "new", title, "--date", "2021-04-06", capsys=capsys)
    assert (code, err.strip()) == (1, message)
    assert sorted((project / "content" / "events").iterdir()) == before


@pytest.mark.parametrize(
    "title",
    [
        "--- Talks ---",
        "Talks --- on energy",
        '---" title: injected',
        'Qureshi: "a new approach" \\ # not a comment',
        "A long title " + "about gas and oil " * 10,
    ],
)
def test_a_title_new_accepts_reads_back_as_typed(project: Path, capsys: pytest.CaptureFixture[str], title: str) -> None:
    code, _, err = run(project, "new", title, "--date", "2021-04-06", capsys=capsys)
    assert code == 0, err
    [path] = [
        p for p in (project / "content" / "events").iterdir() if "lavrov" not in p.name and p.name.startswith("2021-04-06-")
    ]
    assert len(path.name) <= len("2021-04-06-.md") + 60
    assert load_markdown(project, path).data["title"] == title
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1  # only the fields still to fill in
    assert [line.split(": ", 1)[1] for line in err.splitlines() if line.startswith("content/events/2021-04-06-")] == [
        "summary: empty",
        "sources[1].source: empty",
        "sources[1].quote: empty",
        "empty body: write at least a sentence below the front matter",
    ]
