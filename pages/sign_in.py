"""Sign in (username and password, or single sign-on when configured), see who is signed in, sign out."""

import streamlit as st

from coopbank import accounts
from coopbank.access import VISITOR, Actor
from coopbank.errors import CoopBankError
from coopbank.ui import cached
from coopbank.ui.i18n import place_name
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor, end_session, role_label, session_expired, start_session

lang = current_language()
st.title(t("Sign in"))


def single_sign_on() -> bool:
    """Whether Streamlit's st.login is configured (an [auth] section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all  # noqa: BLE001
        return False


def territory(actor: Actor) -> str:
    """Where ``actor`` acts: their region, "national", or nothing for roles without a territory."""
    if actor.role == "admin" or (actor.role == "official" and actor.region_code is None):
        return t("national")
    if actor.region_code is None:
        return ""
    rows = guarded(cached.regions)
    names = {} if rows is None else {r.code: place_name(r.name_fr, r.name_ar, lang) for r in rows.itertuples()}
    return names.get(actor.region_code, actor.region_code)


def sign_out() -> None:
    end_session()
    st.session_state["sign-in-notice"] = t("You are signed out")
    st.session_state["sign-out-sso"] = single_sign_on() and bool(st.user.is_logged_in)


actor = current_actor()
if session_expired():
    st.warning(t("Your session expired: sign in again"))
if st.session_state.pop("sign-out-sso", False):
    st.logout()
notice = st.session_state.pop("sign-in-notice", None)
if notice:
    st.info(notice)

if actor.user_id is not None:
    where = territory(actor)
    role = role_label(actor.role)
    st.success(t("Signed in as {name} ({role})").format(
        name=plain(actor.display_name or actor.username), role=f"{role}, {where}" if where else role))
    st.caption(f"{t('Username')}: {plain(actor.username)}")
    st.button(t("Sign out"), key="sign-out", icon=":material/logout:", on_click=sign_out)
    st.stop()

st.caption(t("Visitors see the published projects without signing in. Holders, investors, officials and "
             "administrators sign in with the account an administrator gave them."))
if single_sign_on():
    if st.user.is_logged_in:
        mapped = guarded(lambda: accounts.actor_for_oidc(str(st.user.get("sub") or ""), st.user.get("email"),
                                                         st.user.get("name")))
        if mapped is VISITOR:
            st.warning(t(accounts.NO_ACCOUNT))
            st.button(t("Sign out of single sign-on"), key="sign-out-sso-button", on_click=st.logout)
        elif mapped is not None:
            start_session(mapped)
            st.rerun()
    else:
        st.button(t("Sign in with single sign-on"), key="sign-in-sso", icon=":material/key:", on_click=st.login)

with st.form("sign-in-form", clear_on_submit=True):
    username = st.text_input(t("Username"), key="sign-in-username", autocomplete="username")
    password = st.text_input(t("Password"), type="password", key="sign-in-password",
                             autocomplete="current-password")
    submitted = st.form_submit_button(t("Sign in"), type="primary", icon=":material/login:")
if submitted:
    try:
        signed = accounts.authenticate(username, password)
    except accounts.AccountLocked as locked:
        st.error(t(accounts.LOCKED).format(until=locked.until.strftime("%Y-%m-%d %H:%M UTC")))
    except CoopBankError as exc:
        st.error(t(exc.message))
    else:
        start_session(signed)
        st.session_state["sign-in-notice"] = t("You are signed in")
        st.rerun()
