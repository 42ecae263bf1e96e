"""The JSON Schemas shipped for editors agree with the validator.

After changing a field table in timeline/validate.py, regenerate the shipped schemas with:

    UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_schema.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, run

from timeline import editions, load, schema

SHIPPED = REPO / schema.FOLDER


def shipped(name: str) -> dict[str, Any]:
    return json.loads((SHIPPED / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_shipped_schemas_are_made_from_the_validator_tables() -> None:
    made = {name: json.dumps(body, indent=2, ensure_ascii=False) + "\n" for name, body in schema.schemas().items()}
    if os.environ.get("UPDATE_GOLDENS"):
        SHIPPED.mkdir(parents=True, exist_ok=True)
        for name, text in made.items():
            (SHIPPED / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in SHIPPED.glob("*.json")) == sorted(made)
    for name, text in made.items():
        assert (SHIPPED / name).read_text(encoding="utf-8") == text, f"{name} is stale: regenerate it (see this file's docstring)"


def front_matter(path: Path) -> Any:
    front, _, _ = load.split_front_matter(path.name, load.read_text(path.parent, path))
    return yaml.load(front, Loader=load.Loader)


ENGLISH_EVENTS = sorted(p for p in (REPO / "content" / "events").glob("*.md") if editions.translated_name(p.name) is None)


@pytest.mark.parametrize("path", ENGLISH_EVENTS, ids=lambda p: p.name)
def test_every_real_event_fits_the_schema(path: Path) -> None:
    jsonschema.validate(front_matter(path), shipped("event.schema.json"))


@pytest.mark.parametrize("kind", ["site", "topics", "people", "places", "eras", "sources"])
def test_every_real_list_fits_its_schema(kind: str) -> None:
    data = yaml.load((REPO / "content" / f"{kind}.yaml").read_text(encoding="utf-8"), Loader=load.Loader)
    jsonschema.validate(data, shipped(f"{kind}.schema.json"))


GOOD = "title: T\ndate: 2021-04-06\nsummary: S.\ntopics: [energy]\nsources:\n  - source: a\n    quote: q\n"
BAD_EVENTS = {
    "unknown field": GOOD + "topic: [energy]\n",
    "missing title": GOOD.replace("title: T\n", ""),
    "string for a list": GOOD.replace("topics: [energy]", "topics: energy"),
    "impossible date form": GOOD.replace("2021-04-06", "6 April 2021"),
    "bad id": GOOD.replace("[energy]", "[Energy Policy]"),
    "no citation": GOOD.split("sources:")[0] + "sources: []\n",
    "citation without source": GOOD.replace("  - source: a\n    quote: q", "  - quote: q"),
    "unknown citation field": GOOD + "    page: 3\n",
    "draft not a boolean": GOOD + "draft: maybe\n",
}


@pytest.mark.parametrize("text", BAD_EVENTS.values(), ids=BAD_EVENTS.keys())
def test_schema_and_validator_both_reject(project: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.load(text, Loader=load.Loader), shipped("event.schema.json"))
    (project / "content" / "events" / "2021-04-06-bad.md").write_text(f"---\n{text}---\nBody.\n", encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert "content/events/2021-04-06-bad.md:" in err


def test_schema_accepts_what_the_validator_accepts() -> None:
    jsonschema.validate(yaml.load(GOOD, Loader=load.Loader), shipped("event.schema.json"))
