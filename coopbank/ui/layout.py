"""The frame every page shares: language choice, right-to-left layout, error display."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from coopbank.errors import CoopBankError
from coopbank.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, is_rtl, translate

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
_RTL_CSS = """<style>
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
[data-testid="stMain"] .stMarkdown, [data-testid="stSidebar"] .stMarkdown { text-align: right; }
iframe { direction: ltr; }
</style>"""


def current_language() -> str:
    """The interface language chosen in the sidebar, kept in the URL (``?lang=ar``)."""
    lang = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_picker() -> str:
    """Draw the language choice in the sidebar, apply RTL when Arabic, return the language."""
    lang = current_language()
    choice = st.sidebar.radio(
        "Langue / اللغة", list(LANGUAGES), index=list(LANGUAGES).index(lang),
        format_func=LANGUAGES.__getitem__, horizontal=True, key="lang_choice",
    )
    if choice != lang:
        st.query_params["lang"] = choice
        lang = choice
    if is_rtl(lang):
        st.html(_RTL_CSS)
    return lang


def t(message: str) -> str:
    """Translate ``message`` into the current interface language."""
    return translate(message, current_language())


def guarded(step: Callable[[], T]) -> T | None:
    """Run a page step; show a product error's message (translated) instead of a traceback."""
    try:
        return step()
    except CoopBankError as exc:
        LOGGER.exception("page step failed")
        st.error(f"{t('Something went wrong')}: {exc.message}")
        return None
