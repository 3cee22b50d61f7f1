"""The versioned job model in the database (``job_model_version``, append-only).

Every save is a new version, attributed to its author with a note; nothing is
ever updated or deleted. The table starts empty: :func:`current_model` seeds it
from ``planning/data/job_model.toml`` the first time it is read
(:func:`ensure_seeded`, idempotent), so neither the ETL nor a page has to
remember to.
"""

from __future__ import annotations

import json
import logging
import tomllib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from coopbank import db, projects
from coopbank.access import Actor, require_role
from coopbank.errors import InvalidInput
from coopbank.settings import REPO_ROOT
from planning import jobs

LOGGER = logging.getLogger(__name__)
SEED_PATH = REPO_ROOT / "planning" / "data" / "job_model.toml"
SEED_ACTOR = "seed (planning/data/job_model.toml)"
SEED_NOTE = "seed"


def seed_content() -> dict[str, Any]:
    """The model of ``planning/data/job_model.toml``, as stored (see :func:`planning.jobs.normalised`)."""
    with SEED_PATH.open("rb") as handle:
        return dict(jobs.normalised(tomllib.load(handle)))


def top_level_sectors() -> list[str]:
    """The codes of the active top-level sectors: the ones a model must cost."""
    sectors = projects.sectors()
    return sorted(sectors.loc[sectors["parent_code"].isna(), "code"])


def validate(content: Mapping[str, Any]) -> None:
    """Raise :class:`InvalidInput` naming what is wrong in ``content`` (see :func:`planning.jobs.validate`)."""
    jobs.validate(content, top_level_sectors())


def _model(row: Mapping[str, Any]) -> jobs.JobModel:
    return jobs.JobModel(version=int(row["version"]), created_at=row["created_at"], created_by=row["created_by"],
                         note=row["note"], content=row["content"])


def ensure_seeded() -> int | None:
    """Store the seed as version 1 when no version exists; return that version, or ``None`` if one existed."""
    content = seed_content()
    validate(content)
    with db.connect() as conn:
        db.act_as(SEED_ACTOR, conn=conn)
        db.run("planning/job_model_lock", conn=conn)
        rows = db.run("planning/job_model_seed", {"content": json.dumps(content), "note": SEED_NOTE}, conn=conn).rows
    if rows:
        LOGGER.info("job model seeded as version %s", rows[0]["version"])
    return int(rows[0]["version"]) if rows else None


def current_model() -> jobs.JobModel:
    """The latest version of the job model (the seed is stored first if the table is empty)."""
    rows = db.run("planning/job_model_latest").rows
    if not rows:
        ensure_seeded()
        rows = db.run("planning/job_model_latest").rows
    return _model(rows[0])


def model_version(version: int) -> jobs.JobModel:
    """Version ``version`` of the job model; :class:`InvalidInput` when there is none."""
    rows = db.run("planning/job_model_version", {"version": int(version)}).rows
    if not rows:
        raise InvalidInput(f"There is no version {version} of the job model")
    return _model(rows[0])


def model_versions() -> pd.DataFrame:
    """The history, newest first: version, created_at, created_by, note, based_on, content_sha256."""
    result = db.run("planning/job_model_versions")
    return pd.DataFrame(result.rows, columns=result.columns)


def save_model(content: Mapping[str, Any], *, actor: Actor, note: str, based_on: int | None = None) -> jobs.JobModel:
    """Validate ``content`` and store it as a new version by ``actor`` with ``note``; return that version.

    Coefficients are an administrator's: :class:`PermissionDenied` for any
    other role. The version's author is the account (``actor.audit_name``).

    One transaction, holding the writers' lock: nothing is stored when the
    content is invalid, identical to the current version ("nothing changed"),
    or when ``based_on`` is given and another version was saved since (the
    editor was looking at an older model).
    """
    require_role(actor, "admin")
    if not note.strip():
        raise InvalidInput("A note saying what changed and why is required")
    content = jobs.normalised(content)
    validate(content)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        db.run("planning/job_model_lock", conn=conn)
        latest = db.run("planning/job_model_latest", conn=conn).rows
        if latest and based_on is not None and int(latest[0]["version"]) != based_on:
            raise InvalidInput(f"Version {latest[0]['version']} was saved meanwhile: reload the page, then edit "
                               "that version")
        if latest and jobs.normalised(latest[0]["content"]) == content:
            raise InvalidInput("Nothing changed: the model equals the current version")
        previous = int(latest[0]["version"]) if latest else None
        row = db.run("planning/job_model_insert", {"content": json.dumps(content), "note": note.strip(),
                                                   "based_on": previous}, conn=conn).rows[0]
    LOGGER.info("job model version %s saved by %s", row["version"], actor.audit_name)
    return model_version(int(row["version"]))
