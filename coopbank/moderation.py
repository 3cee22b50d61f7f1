"""The officials' moderation of holders' submissions: the queue of their territory, and their decisions.

An official of a region sees and decides the submissions of that region; a
national official (no region) and an administrator, every region's. A
decision always has a reason, is recorded with who took it, and moves the
project's publication: approve → 'published' (then public: pages, investor
view, maps), request_changes → 'changes_requested' (the holder edits and
resubmits), reject → 'rejected'.
"""

from __future__ import annotations

import logging
from typing import Any

from coopbank import db
from coopbank.access import Actor, require_governs, require_role
from coopbank.errors import InvalidInput

LOGGER = logging.getLogger(__name__)
DECISIONS = {"approve": "published", "request_changes": "changes_requested", "reject": "rejected"}
MAX_REASON = 2000


def queue(actor: Actor) -> list[dict[str, Any]]:
    """Submitted projects waiting for a decision in the regions ``actor`` governs, oldest first.

    Every stored field as typed (titles, description, cooperative, sector and
    sub-sector with labels, amounts in MAD, jobs, members, needs, holder's age
    and kinds, commune/province/region names, the clicked point in degrees),
    the holder's display name, and the last decision and reason, if any.
    """
    require_role(actor, "official", "admin")
    region = None if actor.role == "admin" else actor.region_code
    return db.run("submissions/moderation_queue", {"region_code": region}).rows


def decide(actor: Actor, project_id: int, decision: str, reason: str) -> str:
    """Record ``decision`` ('approve', 'request_changes' or 'reject') with its ``reason`` on a submission.

    The actor must govern the project's region (:class:`PermissionDenied`
    otherwise); the reason is required; only a project waiting in the queue
    ('submitted') can be decided. One audited transaction: the decision is
    stored and the publication moves. Returns the new publication.
    """
    require_role(actor, "official", "admin")
    if decision not in DECISIONS:
        raise InvalidInput("Unknown decision: approve, ask for changes or reject")
    if not (reason or "").strip():
        raise InvalidInput("Give the reason of your decision: the holder will read it")
    if len(reason) > MAX_REASON:
        raise InvalidInput("The reason is too long (2,000 characters at most)")
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        rows = db.run("submissions/project_for_update", {"project_id": project_id}, conn=conn).rows
        if not rows:
            raise InvalidInput("This project does not exist")
        require_governs(actor, rows[0]["region_code"])
        if rows[0]["publication"] != "submitted":
            raise InvalidInput("This project is not waiting for a decision")
        db.run("submissions/record_decision", {"project_id": project_id, "decision": decision, "reason": reason},
               conn=conn)
        db.run("submissions/set_publication", {"project_id": project_id, "publication": DECISIONS[decision]},
               conn=conn)
    LOGGER.info("project %s: %s by %s", project_id, decision, actor.audit_name)
    return DECISIONS[decision]

