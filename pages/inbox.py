"""Inbox: the signed-in account's messages, and the expressions of interest it may follow and move on.

Messages are stored as keys with parameters and written here in the chosen
language (dates by Babel, in Morocco's time); unread ones come first, in bold.
Which matches are listed and which actions are offered is decided by
coopbank.matching for the signed-in account, and checked again when acted on.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coopbank import matching
from coopbank.ui.i18n import localised, moment, number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor

lang = current_language()
actor = current_actor()
st.title(t("Inbox"))


def _read(message_id: int) -> None:
    guarded(lambda: matching.mark_read(actor, message_id))


def _advance(match_id: int, to_status: str) -> None:
    if guarded(lambda: matching.advance(actor, match_id, to_status)) is not None:
        st.success(t("The expression of interest moved on; the other parties were told."))


def _close(match_id: int) -> None:
    reason = st.session_state.get(f"match-reason-{match_id}", "")
    if guarded(lambda: matching.advance(actor, match_id, "closed", reason)) is not None:
        st.success(t("The expression of interest was closed; the other parties were told."))


def _messages() -> None:
    messages = matching.inbox(actor)
    if not messages:
        st.info(t("No message yet."))
        return
    unread = sum(m.unread for m in messages)
    st.caption(f"{t('Unread messages')}: {number(unread, lang)}")
    for message in sorted(messages, key=lambda m: not m.unread):  # unread first, each group newest first
        with st.container(border=True):
            text = plain(matching.render(message, lang))
            st.markdown(f"**{text}**" if message.unread else text)
            if message.params.get("is_demo"):
                st.badge(t("DEMO"), icon=":material/science:", color="orange")
            if message.params.get("message"):
                st.markdown(plain(f"{t('Message from the investor')}: {message.params['message']}"))
            state = t("Unread") if message.unread else f"{t('Read')} {moment(message.read_at, lang)}"
            st.caption(plain(f"{moment(message.created_at, lang)} · {state}"))
            if message.unread:
                st.button(t("Mark as read"), key=f"inbox-read-{message.id}", on_click=_read, args=(message.id,),
                          icon=":material/mark_email_read:")


def _history(match: matching.Match) -> None:
    rows = [{t("Date"): moment(e.changed_at, lang),
             t("From"): matching.status_label(e.from_status, lang) if e.from_status else "–",
             t("To"): matching.status_label(e.to_status, lang), t("Reason"): e.reason or ""}
            for e in match.events]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"match-history-{match.id}-{lang}")


def _match(match: matching.Match) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(localised(match.title_fr, match.title_ar, lang) or match.reference)}**")
        if match.is_demo:
            st.badge(t("DEMO"), icon=":material/science:", color="orange")
        st.caption(plain(" · ".join((match.reference, localised(match.region_fr, match.region_ar, lang),
                                      f"{t('Investor')}: {match.investor_name}"))))
        st.markdown(f"{t('Status')}: **{plain(matching.status_label(match.status, lang))}**")
        if match.message:
            st.markdown(plain(f"{t('Message from the investor')}: {match.message}"))
        if match.close_reason:
            st.markdown(plain(f"{t('Reason for closing')}: {match.close_reason}"))
        with st.expander(t("History")):
            _history(match)
        moves = matching.allowed_moves(actor, match)
        for status in (s for s in moves if s != "closed"):
            st.button(f"{t('Move to')}: {matching.status_label(status, lang)}", key=f"match-move-{match.id}-{status}",
                      on_click=_advance, args=(match.id, status), icon=":material/arrow_forward:", type="primary")
        if "closed" in moves:
            with st.form(key=f"match-close-form-{match.id}"):
                st.text_input(t("Reason for closing"), key=f"match-reason-{match.id}",
                              max_chars=matching.MAX_REASON)
                st.form_submit_button(t("Close the expression of interest"), key=f"match-close-{match.id}",
                                      on_click=_close, args=(match.id,), icon=":material/cancel:")


def _matches() -> None:
    found = matching.matches_for(actor)
    if not found:
        st.info(t("No expression of interest to follow yet."))
    for match in found:
        _match(match)


if actor.user_id is None:
    st.info(t("Sign in to read your inbox and follow expressions of interest."))
    st.page_link("pages/sign_in.py", label=t("Sign in"), icon=":material/login:")
else:
    st.caption(plain(f"{t('Signed in as')} {actor.display_name or actor.username}"))
    inbox_tab, matches_tab = st.tabs([t("Messages"), t("Expressions of interest")])
    with inbox_tab:
        guarded(_messages)
    with matches_tab:
        guarded(_matches)
