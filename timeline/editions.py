"""The site's editions: English at the root, Urdu under ur/ and Russian under ru/, page for page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    lang: str  # BCP 47 language code: <html lang>, hreflang, the translation files' suffix
    name: str  # the language's name in itself, as the language switch shows it
    direction: str  # "ltr" or "rtl": <html dir>
    locale: str  # Babel's locale for dates, numbers and plural forms

    @property
    def prefix(self) -> str:
        """Where its pages go inside the site: "" for English, "ur/" for Urdu."""
        return "" if self is ENGLISH else f"{self.lang}/"


ENGLISH = Edition("en", "English", "ltr", "en")
EDITIONS = (ENGLISH, Edition("ur", "اردو", "rtl", "ur_PK"), Edition("ru", "Русский", "ltr", "ru"))
TRANSLATED = tuple(edition.lang for edition in EDITIONS if edition is not ENGLISH)  # the translation files' suffixes
BY_LANG = {edition.lang: edition for edition in EDITIONS}


def translated_name(name: str) -> tuple[str, str] | None:
    """A translation file's (English name, language), from `x.ru.md` or `topics.ur.yaml`; None for an English file."""
    stem, dot, extension = name.rpartition(".")
    english, dot, lang = stem.rpartition(".")
    if not dot or lang not in TRANSLATED or not english:
        return None
    return f"{english}.{extension}", lang
