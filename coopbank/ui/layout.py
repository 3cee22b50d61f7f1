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
    """The interface language: the sidebar choice, first taken from the URL (``?lang=ar``)."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state["lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    return str(st.session_state["lang"])


def language_picker() -> str:
    """Draw the language choice in the sidebar, apply RTL when Arabic, return the language.

    The choice lives in the session (the radio's key) and is mirrored into the
    URL, so a shared link opens in the same language.
    """
    current_language()
    lang = st.sidebar.radio(
        "Langue / اللغة", list(LANGUAGES), format_func=LANGUAGES.__getitem__, horizontal=True, key="lang",
    )
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
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
