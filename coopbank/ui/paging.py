"""The pager under a project table: which page to fetch, and "page X of Y · rows a–b of N".

The page number lives in the session under a key made from the filters and
the order, so changing either starts again at page 1 instead of landing on a
page that no longer means the same rows.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from coopbank.projects import ProjectPage
from coopbank.ui.i18n import number, translate


def page_key(prefix: str, *parts: object) -> str:
    """A widget key for the page number of the list ``parts`` (filters, sort) describe."""
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def wanted_page(key: str) -> int:
    """The page the user asked for in the previous run (1 before the pager is first drawn)."""
    value = st.session_state.get(key)
    return int(value) if isinstance(value, int | float) and value >= 1 else 1


def pager(page: ProjectPage, key: str, lang: str) -> None:
    """Draw the page number box (only when there is more than one page) and where this page stands.

    ``page.number`` may differ from what was asked (the list shrank): the box
    is set to the page actually shown before it is drawn.
    """
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    if page.pages > 1:
        st.session_state[key] = page.number
        left.number_input(translate("Page", lang), min_value=1, max_value=page.pages, step=1, key=key)
    right.caption(
        translate("Page {page} of {pages} · projects {first}–{last} of {total}", lang).format(
            page=number(page.number, lang), pages=number(page.pages, lang), first=number(page.first, lang),
            last=number(page.last, lang), total=number(page.total, lang)))
