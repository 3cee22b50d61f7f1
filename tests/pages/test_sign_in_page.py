"""The sign-in and accounts pages with Streamlit's AppTest, in French and Arabic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import accounts, settings
from coopbank.access import Actor
from coopbank.migrate import apply_migrations
from coopbank.ui.i18n import translate
from coopbank.ui.layout import plain
from coopbank.ui.session import SESSION_KEY, current_actor
from tests.apptest import ok, open_page

SIGN_IN, USERS = "pages/sign_in.py", "pages/users.py"
PASSWORD = "Tadla-Azilal-2026"


@pytest.fixture(scope="module")
def accounts_url(new_database: object) -> str:
    url = new_database()  # type: ignore[operator]
    with settings.override(database_url=url):
        apply_migrations()
        admin = accounts.create_user("admin-odco", PASSWORD, role="admin", display_name="Admin ODCO",
                                     actor=accounts.BOOTSTRAP)
        accounts.create_user("karim", PASSWORD, role="investor", display_name="Karim", actor=admin)
    return url


@pytest.fixture
def accounts_db(accounts_url: str) -> Iterator[str]:
    with settings.override(database_url=accounts_url):
        yield accounts_url


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("title", "markdown", "caption", "success", "error", "info", "warning")
                     for e in getattr(at, kind))


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="sign-in-username").input(username)
    at.text_input(key="sign-in-password").input(password)
    next(b for b in at.button if b.label == translate("Sign in", at.session_state["lang"])).click()
    return ok(at.run())


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_sign_in_then_out(accounts_db, lang):
    at = open_page(SIGN_IN, lang=lang)
    assert at.title[0].value == translate("Sign in", lang)
    _sign_in(at, "karim", PASSWORD)
    signed = at.session_state[SESSION_KEY]["actor"]
    assert (signed.username, signed.role) == ("karim", "investor")
    expected = translate("Signed in as {name} ({role})", lang).format(name="Karim", role=translate("Investor", lang))
    assert expected in [s.value for s in at.success]
    at.button(key="sign-out").click()
    ok(at.run())
    assert SESSION_KEY not in at.session_state
    assert translate("You are signed out", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_wrong_password_says_so_in_the_language(accounts_db, lang):
    at = _sign_in(open_page(SIGN_IN, lang=lang), "karim", "not-the-password-9")
    assert translate("Wrong username or password", lang) in at.error[0].value
    assert SESSION_KEY not in at.session_state
    unknown = _sign_in(open_page(SIGN_IN, lang=lang), "nobody", "not-the-password-9")
    assert unknown.error[0].value == at.error[0].value


def test_an_expired_session_signs_out_with_a_message(accounts_db):
    at = AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=60)
    at.session_state[SESSION_KEY] = {"actor": Actor(user_id=1, username="admin-odco", role="admin"),
                                     "seen_at": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)}
    with settings.override(session_minutes=1):
        at.switch_page(SIGN_IN)
        ok(at.run())
    assert translate("Your session expired: sign in again", "fr") in [w.value for w in at.warning]
    assert at.text_input(key="sign-in-username")  # the form is back


def test_session_minutes_zero_makes_a_visitor(monkeypatch):
    state = {SESSION_KEY: {"actor": Actor(user_id=1, username="a", role="admin"),
                           "seen_at": dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)}}
    monkeypatch.setattr("coopbank.ui.session.st.session_state", state)
    with settings.override(session_minutes=0):
        assert current_actor().role == "visitor"
    assert state.get("coopbank-session-expired") is True


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_accounts_page_is_for_administrators(accounts_db, lang):
    visitor = open_page(USERS, lang=lang)
    assert visitor.title[0].value == translate("Accounts and roles", lang)
    assert not visitor.dataframe and visitor.info
    karim = accounts.authenticate("karim", PASSWORD)
    investor = open_page(USERS, lang=lang, actor=karim)
    assert not investor.dataframe
    assert translate("Your account does not allow this: sign in with an account that does", lang) in _texts(investor)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_administrator_creates_an_account(accounts_db, lang):
    admin = accounts.authenticate("admin-odco", PASSWORD)
    at = open_page(USERS, lang=lang, actor=admin)
    assert set(at.dataframe[0].value[translate("Username", lang)]) >= {"admin-odco", "karim"}
    name = f"holder-{lang}"
    at.text_input(key="users-new-username").input(name)
    at.text_input(key="users-new-name").input("<script>alert(1)</script>")
    at.selectbox(key=f"users-new-role-{lang}").set_value("holder")
    at.text_input(key="users-new-password").input("short")
    next(b for b in at.button if b.label == translate("Create the account", lang)).click()
    ok(at.run())
    assert translate("A password needs at least 12 characters", lang) in at.error[0].value
    at.text_input(key="users-new-password").input("Cooperative-Figues-7")
    next(b for b in at.button if b.label == translate("Create the account", lang)).click()
    ok(at.run())
    assert at.success and plain(name) in at.success[0].value
    table = at.dataframe[0].value.set_index(translate("Username", lang))
    assert table.loc[name, translate("Name", lang)] == "<script>alert(1)</script>"
    assert table.loc[name, translate("Role", lang)] == translate("Project holder", lang)
    assert accounts.authenticate(name, "Cooperative-Figues-7").role == "holder"
