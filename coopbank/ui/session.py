"""The signed-in person of a browser session, and when their session expires.

Pages ask :func:`current_actor` and pass the :class:`~coopbank.access.Actor`
to the functions that read and write; nothing here decides a right. A session
idle for longer than the ``session_minutes`` setting ends by itself.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from coopbank.access import VISITOR, Actor
from coopbank.settings import get_settings

SESSION_KEY = "coopbank-session"
EXPIRED_KEY = "coopbank-session-expired"
SIGN_IN_PAGE = "pages/sign_in.py"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def start_session(actor: Actor) -> None:
    """Remember ``actor`` as signed in for this browser session."""
    st.session_state[SESSION_KEY] = {"actor": actor, "seen_at": _now()}


def end_session() -> None:
    """Sign out: the session acts as a public visitor again."""
    st.session_state.pop(SESSION_KEY, None)


def current_actor() -> Actor:
    """The signed-in actor, or :data:`~coopbank.access.VISITOR` when nobody is or the session expired.

    Each call counts as activity and pushes the expiry back.
    """
    session = st.session_state.get(SESSION_KEY)
    if not session:
        return VISITOR
    idle = _now() - session["seen_at"]
    if idle > dt.timedelta(minutes=get_settings().session_minutes):
        end_session()
        st.session_state[EXPIRED_KEY] = True
        return VISITOR
    session["seen_at"] = _now()
    return session["actor"]


def session_expired() -> bool:
    """Whether the last session ended because it was idle too long (asked once: the notice is then cleared)."""
    return bool(st.session_state.pop(EXPIRED_KEY, False))


def allowed_actor(*roles: str, explanation: str) -> Actor | None:
    """The signed-in actor when their role is one of ``roles``; else ``None``, after saying why.

    ``explanation`` (already translated) says what the page is for and who may
    use it; a visitor also gets a link to the sign-in page. This only shapes
    the page: the functions the page calls check the actor again.
    """
    from coopbank.ui.layout import t

    actor = current_actor()
    if actor.role in roles:
        return actor
    if session_expired():
        st.warning(t("Your session expired: sign in again"))
    st.info(explanation)
    if actor.user_id is None:
        st.page_link(SIGN_IN_PAGE, label=t("Sign in"), icon=":material/login:")
    else:
        st.warning(t("Your account does not allow this: sign in with an account that does"))
    return None


def role_label(role: str) -> str:
    """The name of ``role`` in the interface language."""
    from coopbank.ui.layout import t

    names = {"visitor": t("Visitor"), "holder": t("Project holder"), "investor": t("Investor"),
             "official": t("Official"), "admin": t("Administrator")}
    return names.get(role, role)
