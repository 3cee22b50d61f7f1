"""Who is acting, and what their role and territory allow.

Every read or write that depends on rights takes an :class:`Actor` and asks
these functions, so rights hold wherever data is read and written, not only
where a widget is hidden. A public visitor is :data:`VISITOR`.
"""

from __future__ import annotations

import dataclasses

from coopbank.errors import PermissionDenied

ROLES = ("visitor", "holder", "investor", "official", "admin")


@dataclasses.dataclass(frozen=True)
class Actor:
    """The person behind a request: account id and name, role and, for an official, their region.

    ``region_code`` is ``None`` for a national official (and for every other role).
    """

    user_id: int | None
    username: str
    role: str
    region_code: str | None = None
    display_name: str = ""

    @property
    def audit_name(self) -> str:
        """The name written in the audit trail: the account, with its id, so every write is attributable."""
        return "visitor" if self.user_id is None else f"{self.username}#{self.user_id}"


VISITOR = Actor(user_id=None, username="visitor", role="visitor")


def governs(actor: Actor, region_code: str | None) -> bool:
    """Whether ``actor`` acts for the territory ``region_code``: an admin, a national official, or its own."""
    if actor.role == "admin":
        return True
    return actor.role == "official" and (actor.region_code is None or actor.region_code == region_code)


def may_see_private_fields(actor: Actor, *, region_code: str | None, owner_id: int | None = None) -> bool:
    """Contacts and drafts: the project's own holder, or whoever governs its region."""
    return governs(actor, region_code) or (actor.user_id is not None and actor.user_id == owner_id)


def require_role(actor: Actor, *roles: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` has one of ``roles``."""
    if actor.role not in roles:
        raise PermissionDenied("Your account does not allow this: sign in with an account that does")


def require_governs(actor: Actor, region_code: str | None) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` governs ``region_code``."""
    if not governs(actor, region_code):
        raise PermissionDenied("This project belongs to another territory than yours")
