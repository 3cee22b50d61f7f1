"""Accounts: passwords (argon2id), sign-in with back-off, single sign-on, and their administration.

Passwords are hashed with argon2-cffi's :class:`~argon2.PasswordHasher`
(argon2id, its default parameters; a hash made with older parameters is
renewed at the next successful sign-in). A password has at least
:data:`MIN_LENGTH` characters of at least two kinds, is not the username and
not a common password. After ``login_attempts`` (setting) failed sign-ins in
a row an account is locked, 1 minute the first time, then 2, 4… up to
:data:`MAX_LOCK_MINUTES`; a locked account refuses even the right password.
Every attempt is kept in ``login_attempt``. There are no default accounts:
the first administrator is created by ``python -m etl create-user``
(:data:`BOOTSTRAP`). Administration (list, create, role, disable, password)
is for administrators only, each write in one transaction under the acting
administrator's name (:func:`coopbank.db.act_as`). Passwords and hashes are
never logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from typing import Any

import argon2
import pandas as pd
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from coopbank import db
from coopbank.access import VISITOR, Actor
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.settings import get_settings

LOGGER = logging.getLogger(__name__)
ACCOUNT_ROLES = ("holder", "investor", "official", "admin")
MIN_LENGTH = 12
MAX_LOCK_MINUTES = 60
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")
# The first administrator, created from the command line while no administrator exists.
BOOTSTRAP = Actor(user_id=None, username="create-user", role="bootstrap")
BOOTSTRAP_AUDIT = "python -m etl create-user (first administrator)"
# A short list of passwords that every guessing tool tries first (lower-cased), all of 12 characters or more.
COMMON_PASSWORDS = frozenset({
    "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111", "000000000000",
    "aaaaaaaaaaaa", "azertyuiopqs", "azertyuiop123", "azerty123456", "qwertyuiop123", "qwerty123456",
    "qwertyuiopas", "password1234", "password123!", "passwordpassword", "motdepasse123", "motdepasse1234",
    "iloveyou1234", "administrator", "admin1234567", "adminadmin123", "welcome12345", "letmein12345",
    "changeme1234", "bienvenue123", "bienvenue1234", "maroc1234567", "morocco12345", "marocmaroc12",
    "cooperative1", "cooperative123", "cooperative2024", "coopbank1234", "odco12345678", "casablanca123",
    "casablanca2024", "football1234", "1q2w3e4r5t6y", "qazwsxedcrfv", "zaq12wsxcde3", "p@ssw0rd1234",
    "passw0rd1234", "abcdefghijkl", "abcd12345678", "abc123456789", "soleil123456", "azerty12345678",
})

BAD_CREDENTIALS = "Wrong username or password"
LOCKED = "This account is locked after repeated failed sign-ins: try again after {until}"
DISABLED = "This account is disabled: ask an administrator"
NO_ACCOUNT = "No account is linked to this single sign-on identity: ask an administrator to create one"
ADMIN_ONLY = "Only an administrator may manage accounts"


class AccountLocked(PermissionDenied):
    """Too many failed sign-ins in a row: the account refuses every password until ``until`` (UTC)."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(LOCKED.format(until=until.strftime("%Y-%m-%d %H:%M UTC")))
        self.until = until


@functools.cache
def _hasher() -> argon2.PasswordHasher:
    return argon2.PasswordHasher()  # argon2id with argon2-cffi's recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the username is unknown, so that it takes the same time."""
    return _hasher().hash("not a password of anybody")


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (``$argon2id$...``)."""
    return _hasher().hash(password)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password(password: str, *, username: str) -> None:
    """Raise :class:`InvalidInput` saying why ``password`` is too weak for ``username``; nothing when strong."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput("A password needs at least 12 characters")
    name = username.strip().lower()
    if password.strip().lower() == name or (len(name) >= 4 and name in password.lower()):
        raise InvalidInput("A password cannot be or contain the username")
    kinds = {"lower" if c.islower() else "upper" if c.isupper() else "digit" if c.isdigit() else "other"
             for c in password}
    if len(kinds) < 2:
        raise InvalidInput("A password needs at least two kinds of characters: lower case, upper case, digits, "
                           "other signs")
    if password.lower() in COMMON_PASSWORDS or len(set(password)) <= 3:
        raise InvalidInput("This password is too common: choose another")


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(user_id=int(row["id"]), username=row["username"], role=row["role"],
                 region_code=row["region_code"], display_name=row["display_name"])


def _normal_username(username: str) -> str:
    return (username or "").strip().lower()


def _checked_role(role: str, region_code: str | None, conn: db.Connection) -> str | None:
    """The region to store for ``role``; :class:`InvalidInput` for an unknown role or region."""
    if role not in ACCOUNT_ROLES:
        raise InvalidInput("Unknown role: choose holder, investor, official or admin")
    region_code = (region_code or "").strip() or None
    if region_code is not None and role != "official":
        raise InvalidInput("Only an official has a region")
    if region_code is not None and not db.run("accounts/region_exists", {"region_code": region_code},
                                              conn=conn).rows[0]["found"]:
        raise InvalidInput("Unknown region code")
    return region_code


def _require_admin(actor: Actor) -> None:
    if actor.role != "admin" or actor.user_id is None:
        raise PermissionDenied(ADMIN_ONLY)


def create_user(username: str, password: str | None, *, role: str, display_name: str,
                region_code: str | None = None, actor: Actor, oidc_subject: str | None = None) -> Actor:
    """Create an account and return it as an :class:`Actor`.

    ``actor`` is an administrator, or :data:`BOOTSTRAP` for the first
    administrator while none exists (refused otherwise, and refused for any
    other role). ``password`` is checked (:func:`check_password`) and stored
    as its argon2id hash; an account of single sign-on only gives
    ``oidc_subject`` and no password. ``region_code`` is for officials only
    (``None``: national). Raises :class:`InvalidInput` for a bad username,
    name, role, region or password, or a username already taken.
    """
    if actor is not BOOTSTRAP:
        _require_admin(actor)
    username = _normal_username(username)
    display_name = (display_name or "").strip()
    oidc_subject = (oidc_subject or "").strip() or None
    if not USERNAME.match(username):
        raise InvalidInput("A username has 3 to 64 characters: lower-case letters, digits and . _ @ -")
    if not display_name:
        raise InvalidInput("Enter the person's name")
    if password is None or (password == "" and oidc_subject is not None):
        if oidc_subject is None:
            raise InvalidInput("An account needs a password or a single sign-on subject")
        password_hash = None
    else:
        check_password(password, username=username)
        password_hash = hash_password(password)
    with db.connect() as conn:
        db.act_as(BOOTSTRAP_AUDIT if actor is BOOTSTRAP else actor.audit_name, conn=conn)
        db.run("accounts/lock_users", conn=conn)
        region_code = _checked_role(role, region_code, conn)
        if actor is BOOTSTRAP:
            if role != "admin":
                raise InvalidInput("The first account must be an administrator")
            if db.run("accounts/count_admins", conn=conn).rows[0]["admins"]:
                raise PermissionDenied("An administrator exists already: sign in as one to create accounts")
        rows = db.run("accounts/insert_user", {"username": username, "display_name": display_name, "role": role,
                                               "region_code": region_code, "password_hash": password_hash,
                                               "oidc_subject": oidc_subject}, conn=conn).rows
        if not rows:
            raise InvalidInput("This username or single sign-on identity is already taken")
    LOGGER.info("account %s (%s) created by %s", username, role, BOOTSTRAP_AUDIT if actor is BOOTSTRAP
                else actor.audit_name)
    return _actor(rows[0])


def _lock_minutes(failures: int, attempts: int) -> int | None:
    """Minutes of lock after ``failures`` in a row: none below ``attempts``, then 1, 2, 4… capped."""
    if failures < attempts:
        return None
    return int(min(MAX_LOCK_MINUTES, 2 ** min(failures - attempts, 6)))


def authenticate(username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The account of ``username`` if ``password`` is right, as an :class:`Actor`.

    Raises :class:`InvalidInput` (:data:`BAD_CREDENTIALS`, the same for an
    unknown username, which costs the same hashing time), :class:`AccountLocked`
    while a lock lasts (even for the right password; also when this failure
    starts one) or :class:`PermissionDenied` for a disabled account. ``now``
    (UTC) replaces the clock, for tests. Every attempt is recorded.
    """
    now = now or dt.datetime.now(dt.UTC)
    username = _normal_username(username)
    attempts = max(1, get_settings().login_attempts)
    error: Exception | None = None
    with db.connect() as conn:
        db.act_as(f"sign-in {username or '?'}", conn=conn)
        rows = db.run("accounts/user_for_sign_in", {"username": username}, conn=conn).rows
        row = rows[0] if rows else None
        right = _verify(row["password_hash"] if row else None, password or "")
        locked_until = row["locked_until"] if row else None
        if row is None:
            error = InvalidInput(BAD_CREDENTIALS)
        elif locked_until is not None and locked_until > now:
            error = AccountLocked(locked_until)
        elif not right:
            failures = int(row["failed_logins"]) + 1
            minutes = _lock_minutes(failures, attempts)
            until = now + dt.timedelta(minutes=minutes) if minutes else None
            db.run("accounts/record_failure", {"user_id": row["id"], "failed_logins": failures,
                                               "locked_until": until}, conn=conn)
            error = AccountLocked(until) if until else InvalidInput(BAD_CREDENTIALS)
        elif row["disabled"]:
            error = PermissionDenied(DISABLED)
        else:
            renewed = hash_password(password) if _hasher().check_needs_rehash(row["password_hash"]) else None
            db.run("accounts/record_success", {"user_id": row["id"], "at": now, "password_hash": renewed},
                   conn=conn)
        db.run("accounts/record_attempt", {"username": username[:200], "attempted_at": now,
                                           "succeeded": error is None}, conn=conn)
    if error is not None:
        LOGGER.info("sign-in refused for %r: %s", username, type(error).__name__)
        raise error
    LOGGER.info("%s signed in", username)
    return _actor(row or {})


def actor_for_oidc(subject: str, email: str | None = None, name: str | None = None) -> Actor:
    """The account linked to a single sign-on ``subject`` (``st.user.sub``), or :data:`VISITOR` if none.

    ``email`` and ``name`` are only recorded in the log line's absence of an
    account, to help an administrator link it. Raises :class:`PermissionDenied`
    for a disabled account. The attempt is recorded under the account's
    username, or ``oidc:<subject>``.
    """
    subject = (subject or "").strip()
    if not subject:
        return VISITOR
    with db.connect() as conn:
        db.act_as(f"sign-in oidc:{subject[:100]}", conn=conn)
        rows = db.run("accounts/user_by_oidc", {"subject": subject}, conn=conn).rows
        row = rows[0] if rows else None
        succeeded = row is not None and not row["disabled"]
        db.run("accounts/record_attempt", {"username": row["username"] if row else f"oidc:{subject[:190]}",
                                           "attempted_at": dt.datetime.now(dt.UTC), "succeeded": succeeded},
               conn=conn)
        if row is not None and succeeded:
            db.run("accounts/record_success", {"user_id": row["id"], "at": dt.datetime.now(dt.UTC),
                                               "password_hash": None}, conn=conn)
    if row is None:
        LOGGER.info("single sign-on without an account (subject %s, %s)", subject, name or email or "no name")
        return VISITOR
    if row["disabled"]:
        raise PermissionDenied(DISABLED)
    return _actor(row)


def list_users(actor: Actor) -> pd.DataFrame:
    """Every account, for an administrator: id, username, display_name, role, region_code, disabled,
    failed_logins, locked_until, last_login_at, created_at, created_by, has_password, has_single_sign_on.
    Never a password hash."""
    _require_admin(actor)
    result = db.run("accounts/list_users", limit=100_000)
    return pd.DataFrame(result.rows, columns=result.columns)


def _target(user_id: int, conn: db.Connection) -> dict[str, Any]:
    rows = db.run("accounts/user_by_id", {"user_id": int(user_id)}, conn=conn).rows
    if not rows:
        raise InvalidInput("This account does not exist")
    return rows[0]


def _keep_an_admin(target: dict[str, Any], conn: db.Connection) -> None:
    """Refuse to take the administrator role away from the last administrator who can sign in."""
    if target["role"] == "admin" and not target["disabled"] and \
            db.run("accounts/count_admins", conn=conn).rows[0]["admins"] <= 1:
        raise InvalidInput("The last administrator cannot lose the role or be disabled")


def set_role(user_id: int, role: str, *, region_code: str | None = None, actor: Actor) -> None:
    """Give account ``user_id`` ``role`` (and, for an official, ``region_code``; ``None``: national), as admin."""
    _require_admin(actor)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        db.run("accounts/lock_users", conn=conn)
        region_code = _checked_role(role, region_code, conn)
        target = _target(user_id, conn)
        if role != "admin":
            _keep_an_admin(target, conn)
        db.run("accounts/set_role", {"user_id": int(user_id), "role": role, "region_code": region_code}, conn=conn)
    LOGGER.info("account #%s: role %s %s, by %s", user_id, role, region_code or "", actor.audit_name)


def disable_user(user_id: int, *, actor: Actor, disabled: bool = True) -> None:
    """Disable account ``user_id`` (it can no longer sign in), or enable it again, as an administrator."""
    _require_admin(actor)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        db.run("accounts/lock_users", conn=conn)
        target = _target(user_id, conn)
        if disabled:
            _keep_an_admin(target, conn)
        db.run("accounts/set_disabled", {"user_id": int(user_id), "disabled": disabled}, conn=conn)
    LOGGER.info("account #%s %s by %s", user_id, "disabled" if disabled else "enabled", actor.audit_name)


def reset_password(user_id: int, new_password: str, *, actor: Actor) -> None:
    """Set a new password for account ``user_id`` (checked like any other) and lift its lock, as an admin."""
    _require_admin(actor)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        target = _target(user_id, conn)
        check_password(new_password, username=target["username"])
        db.run("accounts/set_password", {"user_id": int(user_id), "password_hash": hash_password(new_password)},
               conn=conn)
    LOGGER.info("account #%s: password reset by %s", user_id, actor.audit_name)


__all__ = ["ACCOUNT_ROLES", "BOOTSTRAP", "AccountLocked", "actor_for_oidc", "authenticate", "check_password",
           "create_user", "disable_user", "hash_password", "list_users", "reset_password",
           "set_role"]
