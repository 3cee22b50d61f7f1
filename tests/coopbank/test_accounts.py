"""Accounts: argon2id hashes, password strength, sign-in back-off, single sign-on, administration, create-user."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import argon2
import psycopg
import pytest

from coopbank import accounts, settings
from coopbank.access import VISITOR
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.migrate import apply_migrations
from etl.__main__ import main as etl_main

STRONG = "Argane-Sous-2026"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _migrated(new_database: object) -> str:
    url = new_database()  # type: ignore[operator]
    with settings.override(database_url=url):
        apply_migrations()
    return url


@pytest.fixture(scope="module")
def accounts_url(new_database: object) -> str:
    """A migrated database of this module's own, with a first administrator created through the bootstrap."""
    url = _migrated(new_database)
    with settings.override(database_url=url):
        accounts.create_user("root", "Chef-Atlas-Key-2026", role="admin", display_name="Root",
                             actor=accounts.BOOTSTRAP)
    return url


@pytest.fixture
def accounts_db(accounts_url: str) -> Iterator[str]:
    with settings.override(database_url=accounts_url, login_attempts=5):
        yield accounts_url


@pytest.fixture
def admin(accounts_db: str) -> accounts.Actor:
    return accounts.authenticate("root", "Chef-Atlas-Key-2026")


def _user(admin: accounts.Actor, *, role: str = "investor", password: str = STRONG) -> str:
    name = f"user-{uuid.uuid4().hex[:8]}"
    accounts.create_user(name, password, role=role, display_name=f"Person {name}", actor=admin)
    return name


def _row(url: str, username: str) -> tuple:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT password_hash, failed_logins, locked_until, disabled FROM app_user "
                            "WHERE username = %s", (username,)).fetchone()


def test_the_hash_is_argon2id_and_verifies(accounts_db, admin):
    name = _user(admin)
    stored = _row(accounts_db, name)[0]
    assert stored.startswith("$argon2id$") and STRONG not in stored
    assert argon2.PasswordHasher().verify(stored, STRONG)
    actor = accounts.authenticate(f"  {name.upper()} ", STRONG)
    assert (actor.username, actor.role, actor.region_code) == (name, "investor", None)
    assert actor.audit_name == f"{name}#{actor.user_id}"


@pytest.mark.parametrize(("password", "reason"), [
    ("Short-1", "at least 12 characters"),
    ("abcdefghijklmnop", "two kinds of characters"),
    ("123456789012345", "two kinds of characters"),
    ("Password1234", "too common"),
    ("p@ssw0rd1234", "too common"),
    ("xyxyxyxyxyxyxyxY", "too common"),
    ("karima-2026-safran", "the username"),
])
def test_weak_passwords_are_refused_with_the_reason(accounts_db, admin, password, reason):
    with pytest.raises(InvalidInput, match=reason):
        accounts.create_user("karima", password, role="holder", display_name="Karima", actor=admin)
    with pytest.raises(InvalidInput, match="Wrong username or password"):
        accounts.authenticate("karima", password)  # nothing was stored


def test_five_failures_lock_even_the_right_password_until_the_lock_passes(accounts_db, admin):
    name = _user(admin)
    for attempt in range(4):
        with pytest.raises(InvalidInput, match="Wrong username or password"):
            accounts.authenticate(name, "wrong password 1A", now=T0 + dt.timedelta(seconds=attempt))
    with pytest.raises(accounts.AccountLocked, match="try again after") as locked:
        accounts.authenticate(name, "wrong password 1A", now=T0 + dt.timedelta(seconds=4))
    assert locked.value.until == T0 + dt.timedelta(seconds=4, minutes=1)
    with pytest.raises(accounts.AccountLocked):
        accounts.authenticate(name, STRONG, now=T0 + dt.timedelta(seconds=30))  # the right one, still refused
    # The lock passes; one more failure locks again, twice as long.
    with pytest.raises(accounts.AccountLocked) as again:
        accounts.authenticate(name, "wrong password 1A", now=T0 + dt.timedelta(minutes=2))
    assert again.value.until == T0 + dt.timedelta(minutes=4)
    assert accounts.authenticate(name, STRONG, now=T0 + dt.timedelta(minutes=5)).username == name
    assert _row(accounts_db, name)[1:3] == (0, None)  # the failures are forgotten


def test_the_lock_grows_to_an_hour_at_most():
    assert [accounts._lock_minutes(n, 5) for n in (4, 5, 6, 7, 8, 11, 30)] == [None, 1, 2, 4, 8, 60, 60]


def test_the_lock_follows_the_setting(accounts_db, admin):
    name = _user(admin)
    with settings.override(login_attempts=2):
        with pytest.raises(InvalidInput):
            accounts.authenticate(name, "nope nope nope 1", now=T0)
        with pytest.raises(accounts.AccountLocked):
            accounts.authenticate(name, "nope nope nope 1", now=T0)


def test_an_unknown_user_gets_the_same_message_and_the_same_hashing(accounts_db, admin, monkeypatch):
    name = _user(admin)
    calls = []
    real = argon2.PasswordHasher.verify
    monkeypatch.setattr(argon2.PasswordHasher, "verify", lambda self, h, p: calls.append(h) or real(self, h, p))
    messages = []
    for who in (name, "nobody-here"):
        with pytest.raises(InvalidInput) as refused:
            accounts.authenticate(who, "not the password 1")
        messages.append(refused.value.message)
    assert messages == [accounts.BAD_CREDENTIALS] * 2
    assert len(calls) == 2 and all(h.startswith("$argon2id$") for h in calls)


def test_every_attempt_is_recorded(accounts_db, admin):
    name = _user(admin)
    with pytest.raises(InvalidInput):
        accounts.authenticate(name, "not the password 1")
    accounts.authenticate(name, STRONG)
    with pytest.raises(InvalidInput):
        accounts.authenticate("ghost-user", "whatever 123")
    with psycopg.connect(accounts_db) as conn:
        rows = conn.execute("SELECT username, succeeded FROM login_attempt WHERE username IN (%s, 'ghost-user') "
                            "ORDER BY id", (name,)).fetchall()
    assert rows == [(name, False), (name, True), ("ghost-user", False)]


def test_an_old_hash_is_renewed_at_sign_in(accounts_db, admin):
    name = _user(admin)
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=8192).hash(STRONG)
    with psycopg.connect(accounts_db) as conn:
        conn.execute("UPDATE app_user SET password_hash = %s WHERE username = %s", (weak, name))
    accounts.authenticate(name, STRONG)
    renewed = _row(accounts_db, name)[0]
    assert renewed != weak and not argon2.PasswordHasher().check_needs_rehash(renewed)


def test_administration_is_for_administrators_and_keeps_an_administrator(accounts_db, admin):
    name = _user(admin)
    investor = accounts.authenticate(name, STRONG)
    for refused in (lambda: accounts.list_users(investor), lambda: accounts.set_role(1, "admin", actor=investor),
                    lambda: accounts.disable_user(1, actor=investor),
                    lambda: accounts.reset_password(1, "Another-Pass-2026", actor=investor),
                    lambda: accounts.create_user("sneaky", STRONG, role="admin", display_name="S", actor=investor),
                    lambda: accounts.list_users(VISITOR)):
        with pytest.raises(PermissionDenied, match="Only an administrator"):
            refused()
    users = accounts.list_users(admin).set_index("username")
    assert "password_hash" not in users.columns and users.loc[name, "role"] == "investor"
    with pytest.raises(InvalidInput, match="Only an official has a region"):
        accounts.set_role(investor.user_id, "investor", region_code="05", actor=admin)
    with pytest.raises(InvalidInput, match="last administrator"):
        accounts.disable_user(admin.user_id, actor=admin)
    accounts.reset_password(investor.user_id, "Another-Pass-2026", actor=admin)
    assert accounts.authenticate(name, "Another-Pass-2026").user_id == investor.user_id
    accounts.disable_user(investor.user_id, actor=admin)
    with pytest.raises(PermissionDenied, match="disabled"):
        accounts.authenticate(name, "Another-Pass-2026")
    with psycopg.connect(accounts_db) as conn:
        assert conn.execute("SELECT created_by FROM app_user WHERE username = %s", (name,)).fetchone() == (
            admin.audit_name,)


def test_single_sign_on_maps_to_an_existing_account(accounts_db, admin):
    subject = f"oidc|{uuid.uuid4().hex}"
    created = accounts.create_user("sso-user", None, role="official", display_name="SSO", actor=admin,
                                   oidc_subject=subject)
    assert accounts.actor_for_oidc(subject, "x@example.org", "X") == created
    assert accounts.actor_for_oidc("oidc|unknown", "y@example.org", "Y") is VISITOR


def test_create_user_makes_the_first_admin_once(new_database, monkeypatch, capsys):
    url = _migrated(new_database)
    monkeypatch.setenv("COOPBANK_NEW_PASSWORD", "Premier-Admin-2026")
    with settings.override(database_url=url):
        assert etl_main(["create-user", "--username", "amina", "--role", "official", "--display-name", "A"]) == 2
        assert "first account must be an administrator" in capsys.readouterr().err
        assert etl_main(["create-user", "--username", "amina", "--role", "admin", "--display-name", "Amina"]) == 0
        assert '"created": "amina"' in capsys.readouterr().out
        assert accounts.authenticate("amina", "Premier-Admin-2026").role == "admin"
        assert etl_main(["create-user", "--username", "second", "--role", "admin", "--display-name", "B"]) == 2
        assert "administrator exists already" in capsys.readouterr().err
        monkeypatch.setenv("COOPBANK_NEW_PASSWORD", "short")
        with psycopg.connect(url) as conn:
            conn.execute("UPDATE app_user SET disabled = true")
        assert etl_main(["create-user", "--username", "third", "--role", "admin", "--display-name", "C"]) == 2
        assert "at least 12 characters" in capsys.readouterr().err
        with psycopg.connect(url) as conn:
            hashes = conn.execute("SELECT username, password_hash FROM app_user").fetchall()
    assert [u for u, _ in hashes] == ["amina"] and hashes[0][1].startswith("$argon2id$")


def test_every_account_change_is_in_the_audit_trail_without_the_hash(accounts_db, admin):
    name = _user(admin)
    with psycopg.connect(accounts_db) as conn:
        user_id = conn.execute("SELECT id FROM app_user WHERE username = %s", (name,)).fetchone()[0]
    accounts.set_role(user_id, "official", actor=admin)  # this database has no territory: a national official
    accounts.reset_password(user_id, "Nouvelle-Cle-Safran-9", actor=admin)
    with psycopg.connect(accounts_db) as conn:
        trail = conn.execute("SELECT action, changed_by, new_row, password_changed FROM account_audit "
                             "WHERE user_id = %s ORDER BY id", (user_id,)).fetchall()
    assert [row[0] for row in trail][:1] == ["insert"]
    assert all(row[1] == admin.audit_name for row in trail)
    assert any(row[2]["role"] == "official" for row in trail)
    assert trail[-1][3] is True
    assert all("password_hash" not in row[2] for row in trail)
