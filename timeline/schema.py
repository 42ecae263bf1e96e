"""JSON Schemas of the content, made from the validator's own field tables so the two cannot drift.

Editors' tools (VS Code's YAML extension, Front Matter CMS) read them for completion and
red squiggles; `tests/test_schema.py` checks the shipped files equal what this module makes.
"""

from __future__ import annotations

from typing import Any

from .addresses import BRANCH_FORM, HOST_NAME, LABEL
from .validate import CITATION_FIELDS, EVENT_FIELDS, LIST_FIELDS, SETTINGS_FIELDS, SLUG, URL, Field

DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# EDTF level 1 roughly (timeline/dates.py says exactly what is wrong): a date with X for unknown
# digits and ~ ? % after it, or an interval of two such dates, either end possibly open (..).
POINT = r"[0-9]{2}[0-9X]{2}(-([0-9]{2}|XX)(-([0-9]{2}|XX))?)?[~?%]?"
EDTF = rf"^({POINT}|({POINT}|\.\.)?/({POINT}|\.\.)?)$"
# Addresses and branch names roughly as the validator checks them (it says why one is wrong):
# no whitespace, controls, quotes, <>, backslashes, backticks; no ?query or #fragment.
HOST = rf"(?:{LABEL}(?:\.{LABEL})*|\[[0-9A-Fa-f:.]+\])"
LOOPBACK = r"(?:localhost|127(?:\.[0-9]{1,3}){3}|\[::1\]|0\.0\.0\.0)"
REST = r"(?::[0-9]{1,5})?(?:/[^\s\x00-\x1f\x7f\"'<>\\`?#]*)?$"
SNAPSHOT = r"^https://web\.archive\.org/web/[0-9]{4,14}([a-z]{2}_)?/[^\s]+$"  # timeline/archive.py checks the rest
FOLDER = "content/schemas"


def _value(field: Field) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        "text": {"type": "string", "minLength": 1},
        "prose": {"type": "string", "minLength": 1},
        "date": {"type": ["string", "integer"], "pattern": DATE, "minimum": 1, "maximum": 9999},
        "edtf": {"type": ["string", "integer"], "pattern": EDTF, "minimum": 1, "maximum": 9999},
        "edtf point": {"type": ["string", "integer"], "pattern": f"^{POINT}$", "minimum": 1, "maximum": 9999},
        "ids": {"type": "array", "items": {"type": "string", "pattern": SLUG.pattern}, "uniqueItems": True},
        "texts": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "id": {"type": "string", "pattern": SLUG.pattern},
        "bool": {"type": "boolean"},
        "url": {"type": "string", "pattern": URL.pattern},
        "snapshot": {"type": "string", "pattern": SNAPSHOT},
        "address": {"type": "string", "pattern": f"^(?:https://{HOST}|http://{LOOPBACK}){REST}"},
        "https": {"type": "string", "pattern": f"^https://{HOST}{REST}"},
        "branch": {
            "type": "string",
            "pattern": r"^[^\s\x00-\x1f\x7f\"'<>\\`~^:?*\[#%&]+$",
            "not": {"pattern": BRANCH_FORM.pattern},
        },
        "host": {"type": "string", "pattern": HOST_NAME.pattern},
        "choice": {"enum": list(field.choices)},
    }
    if field.type == "citations":
        value = {"type": "array", "minItems": 1, "items": _object(CITATION_FIELDS)}
    else:
        value = dict(kinds[field.type])
    if field.help:
        value["description"] = field.help
    return value


def _object(fields: dict[str, Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _value(field) for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def _document(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": f"{name}.schema.json", "title": title, **body}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for the front matter of events and for each YAML file in content/."""
    made = {
        "event.schema.json": _document("event", "Front matter of an event (content/events/*.md)", _object(EVENT_FIELDS)),
        "site.schema.json": _document("site", "Site settings (content/site.yaml)", _object(SETTINGS_FIELDS)),
    }
    for kind, fields in LIST_FIELDS.items():
        body = {
            "type": "object",
            "propertyNames": {"pattern": SLUG.pattern},
            "additionalProperties": _object(fields),
        }
        made[f"{kind}.schema.json"] = _document(kind, f"content/{kind}.yaml: id -> description", body)
    return made
