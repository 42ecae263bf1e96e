"""Each edition's words: dates in its language's conventions, and catalogs that translate every interface string."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import REPO

from timeline import dates, language
from timeline.editions import BY_LANG, TRANSLATED

DATES = [
    ("ru", "1948-05-01", "1 мая 1948\u202fг."),
    ("ru", "1965-04~", "около апреля 1965"),
    ("ru", "1949?", "1949 (не точно)"),
    ("ru", "196X", "1960-е годы"),
    ("ru", "1988-11/1989-02", "с ноября 1988 по февраль 1989\u202fг."),
    ("ru", "../1950-05", "до мая 1950"),
    ("ur", "1948-05-01", "1 مئی، 1948"),
    ("ur", "1965-04~", "تقریباً اپریل 1965"),
    ("ur", "1949?", "1949 (غیر یقینی)"),
    ("ur", "196X", "1960 کی دہائی"),
    ("ur", "1988-11/1989-02", "نومبر 1988 اور فروری 1989 کے درمیان"),
    ("ur", "1950-05/..", "مئی 1950 کے بعد"),
    ("en", "1965-04~", "about April 1965"),
    ("en", "../1950-05", "before May 1950"),
]


@pytest.mark.parametrize(("lang", "text", "words"), DATES)
def test_dates_in_each_language(lang: str, text: str, words: str) -> None:
    edition = BY_LANG[lang]
    with language.speaking(edition, language.catalog(REPO, edition)):
        assert dates.parse(text).label == words


@pytest.mark.parametrize(("lang", "words"), [("en", "6–7 April 2021"), ("ru", "6—7 апр. 2021\u202fг."), ("ur", "6–7 اپریل 2021")])
def test_a_range_of_days_in_each_language(lang: str, words: str) -> None:
    edition = BY_LANG[lang]
    with language.speaking(edition, language.catalog(REPO, edition)):
        assert dates.range_label(dates.parse("2021-04-06"), dates.parse_point("2021-04-07")) == words


def test_outside_an_edition_the_words_are_english() -> None:
    assert dates.parse("1965-04~").label == "about April 1965"  # validation messages, logs


def _extracted() -> set[str]:
    """Every message the templates and the Python code mark for translation, as pybabel extracts them."""
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(REPO), method_map=_method_map(), options_map=_options_map()):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _method_map() -> list[tuple[str, str]]:
    return [("timeline/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.xml", "jinja2")]


def _options_map() -> dict[str, dict[str, str]]:
    jinja = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
    return {"templates/**.html": jinja, "templates/**.xml": jinja}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_interface_string_is_translated(lang: str) -> None:
    with (REPO / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file, locale=BY_LANG[lang].locale)
    translated = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.string}
    missing = sorted(_extracted() - translated)
    assert not missing, f"not in locales/{lang}/LC_MESSAGES/messages.po (see README: pybabel update): {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalog_is_in_the_repository_as_po_only(lang: str) -> None:
    folder = REPO / "locales" / lang / "LC_MESSAGES"
    assert sorted(path.name for path in folder.iterdir()) == ["messages.po"]  # compiled in memory at build time


def test_a_missing_catalog_leaves_english(tmp_path: Path) -> None:
    assert language.catalog(tmp_path, BY_LANG["ru"]).gettext("about {date}") == "about {date}"
