"""Translation files: what they may set, the hash of the English they translate, and `stamp`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from timeline import editions, load, translations, validate

EVENT = "content/events/2021-04-06-lavrov-visit"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2021-04-06-lavrov-visit.ru.md", ("2021-04-06-lavrov-visit.md", "ru")),
        ("topics.ur.yaml", ("topics.yaml", "ur")),
        ("introduction.ur.md", ("introduction.md", "ur")),
        ("2021-04-06-lavrov-visit.md", None),
        ("2021-04-06-lavrov-visit.de.md", None),  # no German edition: an English file with an odd name
        (".ru.md", None),
    ],
)
def test_translation_file_names(name: str, expected: tuple[str, str] | None) -> None:
    assert editions.translated_name(name) == expected


def test_the_hash_is_of_the_english_text() -> None:
    assert translations.english_hash(["Title", "Summary."]) == translations.english_hash([" Title", "Summary.\n"])
    assert translations.english_hash(["Title", "Summary."]) != translations.english_hash(["Title", "Summary!"])
    assert len(translations.english_hash(["x"])) == 12


def test_the_small_site_is_translated_and_fresh(project: Path) -> None:
    raw = load.load_content(project)
    site, problems = validate.build_site(raw)
    assert problems == [] and site is not None
    for lang in editions.TRANSLATED:
        translation = site.translations[lang]
        assert set(translation.events) == {event.slug for event in site.events} | {"2017-07-01-same-year-later"} - set()
        assert translation.introduction is not None
    assert site.translations["ru"].events["2021-04-06-lavrov-visit"].values["title"] == "Лавров посещает Исламабад"
    assert site.translations["ru"].terms["people"]["sergey-lavrov"].variants == ("Лавров, Сергей Викторович",)
    assert translations.status(raw, site.translations) == []


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_english_title_makes_the_translations_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(project / f"{EVENT}.md", "title: Lavrov visits Islamabad", "title: Lavrov visits Islamabad for talks")
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    stale = [line for line in err.splitlines() if "stale" in line]
    assert [line.split(":")[0] for line in stale] == [f"{EVENT}.ru.md", f"{EVENT}.ur.md"]
    assert stale[0].startswith(f"{EVENT}.ru.md:1: stale: the English has changed since this was translated")
    assert run(project, "stamp", str(project / f"{EVENT}.ru.md"), capsys=capsys)[0] == 0
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert [line.split(":")[0] for line in err.splitlines() if "stale" in line] == [f"{EVENT}.ur.md"]


def test_a_changed_role_makes_the_person_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(project / "content/people.yaml", "role: Foreign Minister of Russia", "role: Minister of Foreign Affairs of Russia")
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    assert "content/people.ru.yaml:1: stale: the English has changed since this was translated" in err


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            f"{EVENT}.ru.md",
            "title:",
            "date: 2021-04-07\ntitle:",
            f"{EVENT}.ru.md:3: 'date' comes from the English file: a translation gives only translates, title, summary, quotes",
        ),
        (
            f"{EVENT}.ur.md",
            "title:",
            "topics: [energy]\ntitle:",
            f"{EVENT}.ur.md:3: 'topics' comes from the English file: a translation gives only translates, title, summary, quotes",
        ),
        (
            "content/topics.ru.yaml",
            '  name: "Энергетика"',
            '  name: "Энергетика"\n  start: 1948',
            "content/topics.ru.yaml:8: 'start' comes from content/topics.yaml: a translation gives only translates, name, "
            "description",
        ),
        (
            "content/places.ur.yaml",
            "bishkek:",
            "tashkent:",
            "content/places.ur.yaml:4: 'tashkent' is not in content/places.yaml: use the English id",
        ),
        (
            f"{EVENT}.ru.md",
            "summary:",
            "sumary:",
            f"{EVENT}.ru.md:4: 'sumary' comes from the English file: a translation gives only translates, title, summary, quotes",
        ),
    ],
)
def test_a_translation_that_sets_what_the_english_gives_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, expected: str
) -> None:
    _replace(project / file, old, new)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert expected in err.splitlines()


def test_a_translation_of_no_event_is_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content/events/1999-no-such-event.ru.md").write_text("---\ntranslates: 0123456789ab\ntitle: X\nsummary: Y\n---\n")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    expected = (
        "content/events/1999-no-such-event.ru.md:1: there is no English event content/events/1999-no-such-event.md "
        "for it to translate: delete it too, or restore it"
    )
    assert expected in err.splitlines()


def test_a_quotation_in_a_translation_keeps_the_archived_words(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / f"{EVENT}.ru.md"
    _replace(path, "в Исламабаде.", r"в Исламабаде (\"the first Russian foreign minister to visit Islamabad\").")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert (
        f'{EVENT}.ru.md:4: summary: "the first Russian foreign minister to visit Islamabad" is not in any archived source' in err
    )
    _replace(path, "visit Islamabad", "visit Pakistan since 2012")  # the words of the archived report
    assert run(project, "stamp", capsys=capsys)[0] == 0
    assert run(project, "check", capsys=capsys)[0] == 0


def test_a_missing_hash_is_an_error_that_stamp_fixes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content/topics.ur.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line for line in lines if "translates" not in line), encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert "content/topics.ur.yaml:1: missing 'translates' (the hash of the English it translates)" in err
    assert run(project, "stamp", capsys=capsys)[0] == 0
    assert path.read_text(encoding="utf-8").split("\n") == lines  # put back where it was, with the same hashes
    assert run(project, "check", "--strict", capsys=capsys)[0] == 0


def test_an_untranslated_event_is_listed_by_check_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / f"{EVENT}.ur.md").unlink()
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1
    assert f"{EVENT}.md:1: not yet translated into ur: add {EVENT}.ur.md (warning)" in err.splitlines()


def test_an_edition_is_published_once_its_site_file_is_there(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in project.glob("content/**/*.ur.*"):
        path.unlink()
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    assert (project / "_site" / "ru" / "index.html").is_file() and not (project / "_site" / "ur").exists()
    home = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="ru"' in home and 'hreflang="ur"' not in home
    (project / "content/events/2021-04-06-lavrov-visit.ur.md").write_text(
        "---\ntranslates: 0123456789ab\ntitle: X\nsummary: Y\n---\n"
    )
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    expected = "content/events/2021-04-06-lavrov-visit.ur.md:1: there is no اردو edition yet: add content/site.ur.yaml"
    assert any(line.startswith(expected) for line in err.splitlines()), err


def test_a_site_with_no_translation_is_english_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in [*project.glob("content/**/*.ur.*"), *project.glob("content/**/*.ru.*")]:
        path.unlink()
    assert run(project, "check", "--strict", capsys=capsys)[0] == 0  # nothing is missing from an edition that is not there
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    assert not (project / "_site" / "ur").exists() and not (project / "_site" / "ru").exists()
    home = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in home and 'class="editions"' not in home


def test_a_translated_quote_is_shown_beside_the_original_as_ours(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / f"{EVENT}.ru.md"
    _replace(path, "\n---\n", '\nquotes:\n  1: "первый министр иностранных дел России, посетивший Пакистан с 2012 года"\n---\n')
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1 and f"{EVENT}.ru.md:1: stale" in err  # the hash now covers the quote it translates
    assert run(project, "stamp", str(path), capsys=capsys)[0] == 0
    assert run(project, "check", "--strict", capsys=capsys)[0] == 0
    assert run(project, "--no-search", capsys=capsys)[0] == 0
    page = (project / "_site/ru/events/2021-04-06-lavrov-visit/index.html").read_text(encoding="utf-8")
    assert '<p class="our-translation"><span class="muted">Наш перевод:</span> первый министр' in page
    english = (project / "_site/events/2021-04-06-lavrov-visit/index.html").read_text(encoding="utf-8")
    assert "our-translation" not in english


def test_a_quote_translation_for_a_citation_without_a_quote_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(project / f"{EVENT}.ru.md", "\n---\n", '\nquotes:\n  9: "лишнее"\n---\n')
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert f"{EVENT}.ru.md:6: quotes: 9 is not the number of a citation with a quote in {EVENT}.md (those: " in err
