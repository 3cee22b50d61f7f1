"""Investor matching: expressions of interest, their status workflow, and the in-app inbox.

A *match* is an investor's expression of interest in a published project
(tables ``project_match``, ``project_match_event`` and ``inbox_message``,
migration 0011). It moves one step at a time through :data:`FLOW`
(new → in_contact → due_diligence → agreed → funded), or is closed with a
reason from any of the :data:`OPEN` states; 'funded' and 'closed' are final.

Who may do what (decided here, checked on every read and write):

- **express interest**: investor accounts only, in published projects, one
  match not closed per investor and project;
- **see a match**: its investor, the project's holder (``project.owner_id``),
  the officials who govern the project's region (regional or national) and
  administrators;
- **move a match on**: the governing officials and administrators, one step
  forward or closed; the holder may acknowledge the contact (new →
  in_contact) or close it (to decline); the investor may only close their own.
  An investor can never move their match to 'funded' on their own.

Every change tells the other parties through the inbox: the holder and the
governing officials (not administrators) when the interest is expressed;
after that the investor, the holder and the governing officials, except the
one who made the change. Imported projects have no holder account: the
officials' message then says so. The inbox stores a message key (an English
msgid of ``locale/*/matching.po``) and its parameters, so :func:`render`
writes it in the reader's language when it is read. Messages and reasons
are stored exactly as typed. Every write is one transaction whose audit
names the acting account.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterable
from typing import Any

from coopbank import db
from coopbank.access import Actor, governs, require_role
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.ui.i18n import localised, translate

LOGGER = logging.getLogger(__name__)
STATUSES = ("new", "in_contact", "due_diligence", "agreed", "funded", "closed")
FLOW = ("new", "in_contact", "due_diligence", "agreed", "funded")
OPEN = ("new", "in_contact", "due_diligence", "agreed")
STATUS_LABELS = {"new": "New interest", "in_contact": "In contact", "due_diligence": "Due diligence",
                 "agreed": "Agreed", "funded": "Funded by the investor", "closed": "Closed"}
MAX_MESSAGE = 2000
MAX_REASON = 1000

# Inbox message keys: English msgids of the matching catalogue, formatted with the stored parameters.
INTEREST_FOR_HOLDER = "{investor} is interested in your project {reference} ({title})."
INTEREST_FOR_OFFICIAL = "{investor} expressed interest in the project {reference} ({title}) in your territory."
INTEREST_NO_HOLDER = ("{investor} expressed interest in the project {reference} ({title}) in your territory. "
                      "The project has no holder account: put the investor in touch with the cooperative.")
STATUS_CHANGED = "The interest of {investor} in {reference} ({title}) moved from {from_status} to {to_status}."
MATCH_CLOSED = "The interest of {investor} in {reference} ({title}) was closed: {reason}"
MESSAGE_KEYS = (INTEREST_FOR_HOLDER, INTEREST_FOR_OFFICIAL, INTEREST_NO_HOLDER, STATUS_CHANGED, MATCH_CLOSED)

# Errors (English msgids of the matching catalogue, translated where they are shown).
SIGN_IN = "Sign in to follow expressions of interest"
NO_PROJECT = "No published project has this reference"
ALREADY = "You have already expressed interest in this project: follow it in your inbox"
TOO_LONG = "The message is too long: 2,000 characters at most"
REASON_NEEDED = "Closing an expression of interest needs a reason"
REASON_TOO_LONG = "The reason is too long: 1,000 characters at most"
UNKNOWN_STATUS = "Unknown status of an expression of interest"
NO_MATCH = "No such expression of interest"
NOT_YOURS = "This expression of interest is not yours to follow"
FINISHED = "This expression of interest is funded or closed: its status cannot change any more"
ONE_STEP = ("An expression of interest moves one step at a time (new, in contact, due diligence, agreed, funded) "
            "or is closed with a reason")
NOT_ALLOWED = "Your account may not make this change: ask the official of the project's territory"
NO_MESSAGE = "No such message in your inbox"
ERRORS = (SIGN_IN, NO_PROJECT, ALREADY, TOO_LONG, REASON_NEEDED, REASON_TOO_LONG, UNKNOWN_STATUS, NO_MATCH,
          NOT_YOURS, FINISHED, ONE_STEP, NOT_ALLOWED, NO_MESSAGE)


@dataclasses.dataclass(frozen=True)
class Interest:
    """An expression of interest just made: its match, and who was told (holder, number of officials)."""

    match_id: int
    holder_notified: bool
    officials_notified: int


@dataclasses.dataclass(frozen=True)
class MatchEvent:
    """One status change of a match (``from_status`` is ``None`` for its creation), with its reason."""

    from_status: str | None
    to_status: str
    reason: str | None
    changed_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Match:
    """A match as its parties see it: the project (public fields), the investor, the status and its history."""

    id: int
    status: str
    reference: str
    title_fr: str | None
    title_ar: str | None
    region_code: str
    region_fr: str
    region_ar: str
    is_demo: bool
    investor_id: int
    investor_name: str
    owner_id: int | None
    message: str | None
    close_reason: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    events: tuple[MatchEvent, ...] = ()


@dataclasses.dataclass(frozen=True)
class InboxMessage:
    """One inbox message: its key and parameters (see :func:`render`), when it came and when it was read."""

    id: int
    match_id: int | None
    subject_key: str
    params: dict[str, Any]
    created_at: dt.datetime
    read_at: dt.datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


def _signed_in(actor: Actor) -> int:
    if actor.user_id is None or actor.role == "visitor":
        raise PermissionDenied(SIGN_IN)
    return actor.user_id


def _moves(actor: Actor, *, status: str, region_code: str, owner_id: int | None, investor_id: int) -> tuple[str, ...]:
    if status not in OPEN:
        return ()
    following = FLOW[FLOW.index(status) + 1]
    if governs(actor, region_code):
        return (following, "closed")
    if actor.user_id is not None and actor.role == "holder" and actor.user_id == owner_id:
        return ("in_contact", "closed") if status == "new" else ("closed",)
    if actor.user_id is not None and actor.role == "investor" and actor.user_id == investor_id:
        return ("closed",)
    return ()


def allowed_moves(actor: Actor, match: Match) -> tuple[str, ...]:
    """The statuses ``actor`` may move ``match`` to now ('closed' needs a reason); empty when none."""
    return _moves(actor, status=match.status, region_code=match.region_code, owner_id=match.owner_id,
                  investor_id=match.investor_id)


def _may_see(actor: Actor, row: dict[str, Any]) -> bool:
    return governs(actor, row["region_code"]) or (
        actor.user_id is not None and actor.user_id in (row["investor_id"], row["owner_id"]))


def _notify(conn: db.Connection, recipients: Iterable[int | None], *, match_id: int, key: str,
            params: dict[str, Any], actor: Actor) -> int:
    """Send message ``key`` to each recipient but the actor; return how many got it."""
    wanted = sorted({r for r in recipients if r is not None and r != actor.user_id})
    if wanted:
        db.run("matching/notify", {"recipients": wanted, "match_id": match_id, "subject_key": key,
                                   "params": json.dumps(params, ensure_ascii=False)}, conn=conn)
    return len(wanted)


def _officials(conn: db.Connection, region_code: str) -> list[int]:
    return [int(r["id"]) for r in db.run("matching/officials_for_region", {"region_code": region_code},
                                         conn=conn).rows]


def express_interest(actor: Actor, reference: str, message: str | None = None) -> Interest:
    """Record ``actor``'s interest in the published project ``reference`` and tell its holder and officials.

    Investors only (:class:`PermissionDenied` otherwise). ``message`` is
    optional and stored exactly as typed (at most :data:`MAX_MESSAGE`
    characters). A project that is not published, or a second interest of
    the same investor that is not closed, raises :class:`InvalidInput`.
    The inbox messages go to the project's holder account (imported
    projects have none) and to every active official of its region or
    national; all in one transaction.
    """
    require_role(actor, "investor")
    investor_id = _signed_in(actor)
    reference = (reference or "").strip()
    text = message if message is not None and message.strip() else None
    if text is not None and len(text) > MAX_MESSAGE:
        raise InvalidInput(TOO_LONG)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        found = db.run("matching/project_for_interest", {"reference": reference}, conn=conn).rows
        if not reference or not found:
            raise InvalidInput(NO_PROJECT)
        project = found[0]
        created = db.run("matching/insert_match", {"project_id": project["id"], "investor_id": investor_id,
                                                    "message": text}, conn=conn).rows
        if not created:
            raise InvalidInput(ALREADY)
        match_id = int(created[0]["id"])
        params = {"reference": project["reference"], "title_fr": project["title_fr"],
                  "title_ar": project["title_ar"], "investor": actor.display_name or actor.username,
                  "message": text, "is_demo": bool(project["is_demo"])}
        owner = project["owner_id"]
        holder = _notify(conn, [owner], match_id=match_id, key=INTEREST_FOR_HOLDER, params=params, actor=actor)
        officials = _notify(conn, _officials(conn, project["region_code"]), match_id=match_id,
                            key=INTEREST_FOR_OFFICIAL if owner is not None else INTEREST_NO_HOLDER,
                            params=params, actor=actor)
    LOGGER.info("interest %s in %s by %s", match_id, reference, actor.audit_name)
    return Interest(match_id=match_id, holder_notified=bool(holder), officials_notified=officials)


def advance(actor: Actor, match_id: int, to_status: str, reason: str | None = None) -> str:
    """Move the match ``match_id`` to ``to_status`` (see the module's rules) and tell the other parties.

    'closed' needs a ``reason`` (stored as typed, at most :data:`MAX_REASON`
    characters); a reason is optional for the other steps. A transition
    outside the workflow, or from a final state, raises
    :class:`InvalidInput`; an account that may not make it,
    :class:`PermissionDenied`. Returns the new status.
    """
    _signed_in(actor)
    if to_status not in STATUSES:
        raise InvalidInput(UNKNOWN_STATUS)
    note = reason if reason is not None and reason.strip() else None
    if to_status == "closed" and note is None:
        raise InvalidInput(REASON_NEEDED)
    if note is not None and len(note) > MAX_REASON:
        raise InvalidInput(REASON_TOO_LONG)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        found = db.run("matching/match_for_update", {"match_id": match_id}, conn=conn).rows
        if not found:
            raise InvalidInput(NO_MATCH)
        row = found[0]
        if not _may_see(actor, row):
            raise PermissionDenied(NOT_YOURS)
        status = row["status"]
        if status not in OPEN:
            raise InvalidInput(FINISHED)
        if to_status not in (FLOW[FLOW.index(status) + 1], "closed"):
            raise InvalidInput(ONE_STEP)
        if to_status not in _moves(actor, status=status, region_code=row["region_code"], owner_id=row["owner_id"],
                                   investor_id=row["investor_id"]):
            raise PermissionDenied(NOT_ALLOWED)
        db.run("matching/advance", {"match_id": match_id, "from_status": status, "to_status": to_status,
                                    "reason": note}, conn=conn)
        params = {"reference": row["reference"], "title_fr": row["title_fr"], "title_ar": row["title_ar"],
                  "investor": row["investor_name"], "from_status": status, "to_status": to_status,
                  "reason": note}
        _notify(conn, [row["investor_id"], row["owner_id"], *_officials(conn, row["region_code"])],
                match_id=match_id, key=MATCH_CLOSED if to_status == "closed" else STATUS_CHANGED,
                params=params, actor=actor)
    LOGGER.info("match %s: %s -> %s by %s", match_id, status, to_status, actor.audit_name)
    return to_status


def matches_for(actor: Actor) -> list[Match]:
    """The matches ``actor`` may see, most recently changed first, each with its history (oldest first).

    An investor sees their own; a holder, those on their projects; an
    official, those in their region (a national official: all); an
    administrator, all. A visitor gets :class:`PermissionDenied`.
    """
    user_id = _signed_in(actor)
    params = {"everything": actor.role == "admin", "investor_id": user_id if actor.role == "investor" else None,
              "owner_id": user_id if actor.role == "holder" else None, "official": actor.role == "official",
              "region_code": actor.region_code if actor.role == "official" else None, "match_id": None}
    rows = db.run("matching/matches", params).rows
    events: dict[int, list[MatchEvent]] = {}
    if rows:
        for e in db.run("matching/events", {"match_ids": [r["id"] for r in rows]}).rows:
            events.setdefault(int(e["match_id"]), []).append(
                MatchEvent(e["from_status"], e["to_status"], e["reason"], e["changed_at"]))
    fields = {f.name for f in dataclasses.fields(Match)} - {"events"}
    return [Match(**{k: r[k] for k in fields}, events=tuple(events.get(int(r["id"]), ()))) for r in rows]


def open_interests(actor: Actor) -> set[str]:
    """References of the projects an investor has a match on that is not closed (empty for other roles)."""
    if actor.role != "investor" or actor.user_id is None:
        return set()
    return {m.reference for m in matches_for(actor) if m.status != "closed"}


def inbox(actor: Actor) -> list[InboxMessage]:
    """``actor``'s own inbox messages, newest first; :class:`PermissionDenied` for a visitor."""
    user_id = _signed_in(actor)
    rows = db.run("matching/inbox", {"recipient_id": user_id}).rows
    return [InboxMessage(id=r["id"], match_id=r["match_id"], subject_key=r["subject_key"],
                         params=dict(r["params"] or {}), created_at=r["created_at"], read_at=r["read_at"])
            for r in rows]


def mark_read(actor: Actor, message_id: int) -> None:
    """Mark one of ``actor``'s own messages as read; another's, or none, raises :class:`InvalidInput`."""
    user_id = _signed_in(actor)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        if not db.run("matching/mark_read", {"message_id": message_id, "recipient_id": user_id}, conn=conn).rows:
            raise InvalidInput(NO_MESSAGE)


def status_label(status: str | None, lang: str) -> str:
    """The name of a match status in ``lang``."""
    return translate(STATUS_LABELS.get(status or "", status or "–"), lang)


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def render(message: InboxMessage, lang: str) -> str:
    """The text of ``message`` in ``lang``: its key translated, filled with its parameters.

    The stored parameters (titles, names, reasons typed by people) are
    inserted as they are: the result is plain text, to be escaped for display.
    """
    p = message.params
    reference = str(p.get("reference") or "")
    values = _Values(reference=reference, title=localised(p.get("title_fr"), p.get("title_ar"), lang) or reference,
                     investor=str(p.get("investor") or ""), from_status=status_label(p.get("from_status"), lang),
                     to_status=status_label(p.get("to_status"), lang), reason=str(p.get("reason") or ""))
    return translate(message.subject_key, lang).format_map(values)
