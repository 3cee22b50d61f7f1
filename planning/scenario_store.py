"""Scenarios on the real bank: gather the eligible projects, allocate, and keep what planners save.

:func:`run_scenario` reads public project fields only (through
:func:`coopbank.projects.list_projects`), adds the job estimates of the
current job model (:mod:`planning.jobs`) and the commune priority scores
(:mod:`planning.priority`), and calls :func:`planning.scenario.allocate`.
Saved scenarios (tables ``scenario`` and ``scenario_allocation``, migration
0007) keep the parameters, the job model version and priority weights used,
the summary (with its demo flag) and the money per project. Amounts in MAD.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
from collections.abc import Mapping
from typing import Any

import pandas as pd

from coopbank import db, projects
from coopbank.access import Actor, require_role
from coopbank.errors import InvalidInput
from coopbank.investor import READY_STATUSES
from coopbank.projects import ProjectFilters
from planning import job_model_store, jobs, priority
from planning.scenario import Allocation, allocate, checked_envelope, checked_weights

LOGGER = logging.getLogger(__name__)
MAX_PROJECTS = 200_000  # more eligible projects than this and the scenario asks for a region
MAX_NAME = 120


@dataclasses.dataclass(frozen=True)
class ScenarioParams:
    """What a scenario asks: envelope (MAD), rule, its weights and the projects and priority it draws on.

    ``weights`` are the custom rule's (:data:`planning.scenario.WEIGHT_KEYS`);
    ``region_code`` keeps one region's projects; ``statuses`` are the eligible
    readiness statuses; ``preset`` and ``priority_weights`` choose the commune
    priority (:func:`planning.priority.commune_priority`); ``include_demo``
    lets demo projects in. Checked on creation (:class:`InvalidInput`).
    """

    envelope_mad: float
    rule: str
    weights: Mapping[str, float] | None = None
    region_code: str | None = None
    statuses: tuple[str, ...] = READY_STATUSES
    preset: str | None = None
    priority_weights: Mapping[str, float] | None = None
    include_demo: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "envelope_mad", checked_envelope(self.envelope_mad))
        object.__setattr__(self, "weights", checked_weights(self.rule, self.weights))
        object.__setattr__(self, "statuses", tuple(self.statuses))
        object.__setattr__(self, "region_code", self.region_code or None)

    def as_json(self) -> dict[str, Any]:
        """The parameters as stored in ``scenario.params``."""
        return {"envelope_mad": self.envelope_mad, "rule": self.rule, "weights": self.weights,
                "region_code": self.region_code, "statuses": list(self.statuses), "preset": self.preset,
                "priority_weights": dict(self.priority_weights) if self.priority_weights else None,
                "include_demo": self.include_demo}

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> ScenarioParams:
        """Parameters back from ``scenario.params`` (the recorded extras, such as versions, are ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        given: dict[str, Any] = {k: tuple(v) if k == "statuses" else v for k, v in stored.items() if k in names}
        return cls(**given)


@dataclasses.dataclass(frozen=True)
class SavedScenario:
    """A scenario as saved: who and when, the parameters and recorded versions, the summary, the money."""

    id: int
    name: str
    created_at: datetime.datetime
    created_by: str
    params: ScenarioParams
    recorded: dict[str, Any]
    summary: dict[str, Any]
    allocation: pd.DataFrame


def eligible_projects(params: ScenarioParams, model: jobs.JobModel) -> pd.DataFrame:
    """The projects ``params`` may fund, with ``model``'s job estimates and their commune's priority score.

    Public fields of :func:`~coopbank.projects.list_projects` (gap above zero,
    in the chosen statuses and region), the columns of
    :func:`planning.jobs.estimate_projects`, and ``priority_score`` (0–1) and
    ``priority_rank`` of the commune (NaN for a project placed only at
    province level: it comes last in priority order).
    """
    filters = ProjectFilters(region_code=params.region_code, status_codes=params.statuses, gap_min=0.01,
                             include_demo=params.include_demo)
    frame = projects.list_projects(filters, limit=MAX_PROJECTS)
    if frame.attrs.get("truncated"):
        raise InvalidInput("Too many eligible projects for one scenario: choose a region")
    estimated = jobs.estimate_projects(frame, model)
    scores = priority.commune_priority(params.priority_weights, preset=params.preset,
                                       include_demo=params.include_demo)
    scores = scores[["code", "score", "rank"]].rename(
        columns={"code": "commune_code", "score": "priority_score", "rank": "priority_rank"})
    return estimated.merge(scores, on="commune_code", how="left")


def run_scenario(params: ScenarioParams) -> Allocation:
    """Allocate ``params.envelope_mad`` on the current bank; the result records what produced it.

    ``Allocation.params`` holds :meth:`ScenarioParams.as_json` plus
    ``job_model_version``, ``priority_version``, the priority preset and
    every priority weight used; the summary repeats the job model version.
    """
    model = job_model_store.current_model()
    frame = eligible_projects(params, model)
    allocation = allocate(frame, envelope_mad=params.envelope_mad, rule=params.rule, weights=params.weights,
                          statuses=params.statuses)
    recorded = {**params.as_json(), "job_model_version": model.version, "priority_version": priority.VERSION,
                "priority_preset": params.preset or (None if params.priority_weights else priority.DEFAULT_PRESET),
                "priority_weights_used": priority.weights_for(params.priority_weights, preset=params.preset)}
    summary = {**allocation.summary, "job_model_version": model.version}
    return dataclasses.replace(allocation, params=recorded, summary=summary)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=str)


def save_scenario(name: str, allocation: Allocation, *, actor: Actor | str) -> int:
    """Keep ``allocation`` (from :func:`run_scenario`) under ``name``, as ``actor``; return its id.

    ``actor`` is the signed-in :class:`~coopbank.access.Actor`, an official or
    an administrator (:class:`PermissionDenied` otherwise), recorded by its
    account (``audit_name``). A plain name is the command line's operator
    (``python -m planning scenario --save NAME --actor NAME``: access to the
    server's shell is that right). One transaction: the scenario and its
    money per project, or nothing. Raises :class:`InvalidInput` without a
    name or an actor, for a name already taken (the stored scenario is
    untouched), or for an allocation that does not say what produced it.
    """
    if isinstance(actor, Actor):
        require_role(actor, "official", "admin")
        actor = actor.audit_name
    name, actor = (name or "").strip(), (actor or "").strip()
    if not name:
        raise InvalidInput("Give the scenario a name")
    if len(name) > MAX_NAME:
        raise InvalidInput("A scenario name has at most 120 characters")
    if not actor:
        raise InvalidInput("Enter your name: every change records who made it")
    if not allocation.params:
        raise InvalidInput("Only a scenario run on the bank can be saved")
    funded = allocation.funded
    with db.connect() as conn:
        db.act_as(actor, conn=conn)
        rows = db.run("planning/scenario_insert", {"name": name, "created_by": actor,
                                                   "params": _json(allocation.params),
                                                   "summary": _json(allocation.summary)}, conn=conn).rows
        if not rows:
            raise InvalidInput("A saved scenario already has this name: choose another")
        scenario_id = int(rows[0]["id"])
        db.run_many("planning/scenario_insert_allocation", (
            {"scenario_id": scenario_id, "position": i, "reference": str(ref), "allocated_mad": round(float(mad), 2)}
            for i, (ref, mad) in enumerate(zip(funded["reference"], funded["allocated_mad"], strict=True), start=1)
        ), conn=conn)
    LOGGER.info("scenario %s saved (%d projects funded)", scenario_id, len(funded))
    return scenario_id


def saved_scenarios() -> pd.DataFrame:
    """Saved scenarios, newest first: id, name, created_at, created_by, rule, envelope_mad, region_code,
    allocated_mad, projects_funded, includes_demo."""
    result = db.run("planning/scenario_list")
    return pd.DataFrame(result.rows, columns=result.columns)


def load_scenario(scenario_id: int) -> SavedScenario:
    """One saved scenario with its money per project (position, reference, allocated_mad) in funding order."""
    rows = db.run("planning/scenario_load", {"scenario_id": int(scenario_id)}).rows
    if not rows:
        raise InvalidInput("This saved scenario does not exist")
    row = rows[0]
    result = db.run("planning/scenario_load_allocation", {"scenario_id": int(scenario_id)})
    return SavedScenario(id=int(row["id"]), name=row["name"], created_at=row["created_at"],
                         created_by=row["created_by"], params=ScenarioParams.from_json(row["params"]),
                         recorded=dict(row["params"]), summary=dict(row["summary"]),
                         allocation=pd.DataFrame(result.rows, columns=result.columns))

