"""Translations (gettext catalogues read with Babel) and number formatting.

Message ids are English; the catalogues ``locale/<lang>/*.po`` (one per part
of the interface, merged) hold the French and Arabic texts. A message missing from a catalogue falls back to its id, and
``tests/ui/test_i18n.py`` fails when any id used by the code is missing.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from pathlib import Path

from babel.dates import format_datetime
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from coopbank.settings import REPO_ROOT

LANGUAGES = {"fr": "Français", "ar": "العربية"}
DEFAULT_LANGUAGE = "fr"
LOCALE_DIR = REPO_ROOT / "locale"
_BABEL_LOCALE = {"fr": "fr_MA", "ar": "ar_MA"}
MOROCCO = zoneinfo.ZoneInfo("Africa/Casablanca")


@functools.cache
def catalogue(lang: str, directory: Path = LOCALE_DIR) -> dict[str, str]:
    """Message id → translated text for ``lang`` ('fr' or 'ar'), from every catalogue of that language."""
    texts: dict[str, str] = {}
    for path in sorted((directory / lang).glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=_BABEL_LOCALE[lang])
        texts |= {str(m.id): str(m.string) for m in catalog if m.id and m.string}
    return texts


def translate(message: str, lang: str) -> str:
    """The text of ``message`` in ``lang``; the id itself when untranslated."""
    return catalogue(lang).get(message, message)


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return lang == "ar"


def place_name(name_fr: str, name_ar: str, lang: str) -> str:
    """A place's name in the interface language, the other one beside it."""
    return f"{name_ar} ({name_fr})" if lang == "ar" else f"{name_fr} ({name_ar})"


def localised(text_fr: str | None, text_ar: str | None, lang: str) -> str:
    """A text given in both languages (a title, a label): the interface language's, else the other; '' if none."""
    first, second = (text_ar, text_fr) if lang == "ar" else (text_fr, text_ar)
    return next((text for text in (first, second) if isinstance(text, str) and text.strip()), "")


def number(value: float | None, lang: str, *, decimals: int = 0) -> str:
    """``value`` formatted for ``lang`` (Moroccan locales); '–' when missing."""
    if value is None or value != value:  # NaN
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_BABEL_LOCALE[lang])


def moment(value: dt.datetime | None, lang: str) -> str:
    """A date and time for ``lang`` in Morocco's time zone (Babel, Moroccan locales); '–' when missing."""
    if value is None:
        return "–"
    return format_datetime(value, "medium", tzinfo=MOROCCO, locale=_BABEL_LOCALE[lang])


def percent(share: float | None, lang: str, *, decimals: int = 1) -> str:
    """A 0–1 share as a percentage for ``lang``; '–' when missing."""
    if share is None or share != share:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=_BABEL_LOCALE[lang])
