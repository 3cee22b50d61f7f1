"""The frame every page shares: language choice, right-to-left layout, error display."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from coopbank import projects
from coopbank.errors import CoopBankError
from coopbank.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, is_rtl, translate

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark
# Metric values wrap instead of ending in "…": job estimates are ranges ("7 500–29 000 (central 14 000)").
_BASE_CSS = """<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important; height: auto; }
</style>"""
_RTL_CSS = """<style>
[data-testid="stMain"], [data-testid="stSidebar"] { direction: rtl; text-align: right; }
[data-testid="stMain"] [data-testid="stElementContainer"],
[data-testid="stSidebar"] [data-testid="stElementContainer"] { text-align: right; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(ul, ol) { text-align: right; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { margin: 0 1.15rem 0 0; padding: 0 0.3rem 0 0; }
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
    st.html(_BASE_CSS + (_RTL_CSS if is_rtl(lang) else ""))
    return lang


def t(message: str) -> str:
    """Translate ``message`` into the current interface language."""
    return translate(message, current_language())


def plain(text: str) -> str:
    """User text (a title, a name, a file's words) for a markdown element, to show exactly as typed.

    Every ASCII punctuation mark is backslash-escaped, so nothing in it becomes
    formatting, a link, LaTeX, an icon, a colour or HTML; an invisible word
    joiner (U+2060) separates two hyphens, which the renderer would turn into a dash.
    """
    return re.sub(r"(?<=\\-)(?=\\-)", "\u2060", _PUNCTUATION.sub(r"\\\1", text))


def guarded(step: Callable[[], T]) -> T | None:
    """Run a page step; show a product error's message (translated if catalogued) instead of a traceback."""
    try:
        return step()
    except CoopBankError as exc:
        LOGGER.exception("page step failed")
        st.error(f"{t('Something went wrong')}: {t(exc.message)}")
        return None


def demo_badge() -> None:
    """Say in the sidebar, on every page, when generated demo projects are stored.

    Draws nothing when there are none, or when the database cannot be read
    (the page itself then says so).
    """
    try:
        shown = projects.has_demo_projects()
    except CoopBankError:
        LOGGER.warning("could not tell whether demo projects are stored", exc_info=True)
        return
    if shown:
        st.sidebar.badge(t("Demo data"), icon=":material/science:", color="orange")
        st.sidebar.caption(t("Some projects are generated demo data, marked DEMO: they are not real cooperatives."))
