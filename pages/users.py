"""Accounts and roles (administrators): every account with its role, region and state; create one, change
its role or region, disable or enable it, reset its password. Every change goes through coopbank.accounts,
which checks the acting administrator again and records them."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from coopbank import accounts
from coopbank.ui import cached
from coopbank.ui.i18n import place_name
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import allowed_actor, role_label

lang = current_language()
st.title(t("Accounts and roles"))
admin = allowed_actor("admin", explanation=t("Administrators create the accounts of holders, investors and "
                                            "officials and give them their role and territory."))
if admin is None:
    st.stop()

users = guarded(lambda: accounts.list_users(admin))
region_rows = guarded(cached.regions)
if users is None or region_rows is None:
    st.stop()
regions = {"": t("National (no region)"), **{r.code: place_name(r.name_fr, r.name_ar, lang)
                                             for r in region_rows.itertuples()}}
notice = st.session_state.pop("users-notice", None)
if notice:
    st.success(notice)


def state_of(row: pd.Series) -> str:
    if row["disabled"]:
        return t("Disabled")
    locked = row["locked_until"]
    if locked is not None and not pd.isna(locked) and locked > pd.Timestamp.now(tz="UTC"):
        return t("Locked until {until}").format(until=pd.Timestamp(locked).strftime("%Y-%m-%d %H:%M UTC"))
    return t("Active")


def when(value: object) -> str:
    return "–" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def attempt(step: Callable[[], object]) -> bool:
    """Run an account change; its refusal is shown (translated) and nothing is changed."""
    return guarded(lambda: (step(), True)[1]) is not None


def done(message: str) -> None:
    st.session_state["users-notice"] = message
    st.rerun()


st.subheader(t("Accounts"))
st.dataframe(pd.DataFrame({
    t("Username"): users["username"], t("Name"): users["display_name"],
    t("Role"): [role_label(r) for r in users["role"]],
    t("Region"): [regions.get(c or "", c) if r == "official" else "–" for r, c in zip(users["role"],
                                                                                       users["region_code"],
                                                                                       strict=True)],
    t("State"): [state_of(row) for _, row in users.iterrows()],
    t("Last sign-in"): [when(v) for v in users["last_login_at"]],
    t("Created by"): users["created_by"],
}), hide_index=True, width="stretch", key=f"users-table-{lang}")

roles = list(accounts.ACCOUNT_ROLES)
role_names = {role: role_label(role) for role in roles}
with st.expander(t("Create an account"), icon=":material/person_add:"), st.form("users-create"):
    username = st.text_input(t("Username"), key="users-new-username")
    display_name = st.text_input(t("Name"), key="users-new-name")
    role = st.selectbox(t("Role"), roles, format_func=role_names.__getitem__, key=f"users-new-role-{lang}")
    region = st.selectbox(t("Region (officials only)"), list(regions), format_func=regions.__getitem__,
                          key=f"users-new-region-{lang}")
    password = st.text_input(t("Password (at least 12 characters)"), type="password", key="users-new-password")
    subject = st.text_input(t("Single sign-on subject (optional)"), key="users-new-subject")
    if st.form_submit_button(t("Create the account"), type="primary"):
        created = guarded(lambda: accounts.create_user(
            username, password if password or not subject.strip() else None, role=role, display_name=display_name,
            region_code=region or None, actor=admin, oidc_subject=subject or None))
        if created is not None:
            done(t("Account {username} created.").format(username=plain(created.username)))

if users.empty:
    st.stop()
names = {int(r.id): f"{r.username} — {r.display_name}" for r in users.itertuples()}
st.subheader(t("Change an account"))
chosen = st.selectbox(t("Account"), list(names), format_func=names.__getitem__, key="users-pick")
current = users.set_index("id").loc[chosen]
codes = list(regions)
with st.form(f"users-role-{chosen}"):
    new_role = st.selectbox(t("Role"), roles, index=roles.index(current["role"]), format_func=role_names.__getitem__,
                            key=f"users-role-{chosen}-{lang}")
    new_region = st.selectbox(t("Region (officials only)"), codes, format_func=regions.__getitem__,
                              index=codes.index(current["region_code"]) if current["region_code"] in codes else 0,
                              key=f"users-region-{chosen}-{lang}")
    if st.form_submit_button(t("Change the role")) and attempt(
            lambda: accounts.set_role(chosen, new_role, region_code=new_region or None, actor=admin)):
        done(t("Saved."))

left, right = st.columns(2)
disabled = bool(current["disabled"])
if left.button(t("Enable the account") if disabled else t("Disable the account"), key=f"users-disable-{chosen}") \
        and attempt(lambda: accounts.disable_user(chosen, actor=admin, disabled=not disabled)):
    done(t("Saved."))
with right.form(f"users-password-{chosen}", clear_on_submit=True):
    new_password = st.text_input(t("New password"), type="password", key=f"users-password-{chosen}")
    if st.form_submit_button(t("Reset the password")) and attempt(
            lambda: accounts.reset_password(chosen, new_password, actor=admin)):
        done(t("Password changed: the account is unlocked."))
