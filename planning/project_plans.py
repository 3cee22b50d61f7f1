"""Projects' business plans in the database (``project_business_plan``, migration 0013).

A plan stores the yearly operating costs and revenue and the financing; the
investment and the direct jobs are the project's own fields, so the sheet and
its plan never disagree. Published projects' plans are public; a project with
no stored plan (or no known investment) has none: ``None``, shown as "not provided".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from coopbank import db
from coopbank.access import Actor, governs
from coopbank.errors import InvalidInput, PermissionDenied
from planning import business_plan
from planning.business_plan import Financing, PlanInputs, PlanResult

LOGGER = logging.getLogger(__name__)
# How far (MAD) a plan's investment may be from the project's, for rounding.
INVESTMENT_TOLERANCE_MAD = 0.5


def _inputs(row: Mapping[str, Any]) -> PlanInputs | None:
    """The plan inputs of a stored row; ``None`` when the project's investment is not known."""
    if row["investment_mad"] is None:
        return None
    return PlanInputs(
        investment_mad=float(row["investment_mad"]),
        operating_costs_mad=tuple(float(v) for v in row["operating_costs_mad"]),
        revenue_mad=tuple(float(v) for v in row["revenue_mad"]), years=int(row["years"]),
        financing=Financing(grant_mad=float(row["grant_mad"]), honour_loan_mad=float(row["honour_loan_mad"]),
                            honour_loan_years=int(row["honour_loan_years"]),
                            bank_loan_mad=float(row["bank_loan_mad"]), bank_rate=float(row["bank_rate"]),
                            bank_years=int(row["bank_years"])),
        discount_rate=float(row["discount_rate"]),
        jobs=int(row["jobs_direct"]) if row["jobs_direct"] is not None else None,
        salvage_mad=float(row["salvage_mad"]))


def _stored(references: Iterable[str]) -> dict[str, PlanInputs]:
    wanted = sorted({str(r) for r in references})
    if not wanted:
        return {}
    rows = db.run("business_plans/plans_by_reference", {"references": wanted}, limit=len(wanted)).rows
    found = {}
    for row in rows:
        inputs = _inputs(row)
        if inputs is not None:
            found[row["reference"]] = inputs
    return found


def plan_for(reference: str) -> tuple[PlanInputs, PlanResult, pd.DataFrame] | None:
    """The business plan of the published project ``reference``: inputs, result and sensitivity table.

    ``None`` when the project is not published, has no stored plan, or its investment is not known.
    """
    inputs = _stored([reference]).get(reference)
    if inputs is None:
        return None
    return inputs, business_plan.compute(inputs), business_plan.sensitivity(inputs)


def plans_for(references: Iterable[str]) -> dict[str, dict[str, float | None]]:
    """Reference → {npv, irr, payback_years, break_even_year} for the published projects with a plan (one query).

    NPV in MAD and IRR as a share (see :mod:`planning.business_plan`); projects without a plan are absent.
    """
    summaries: dict[str, dict[str, float | None]] = {}
    for reference, inputs in _stored(references).items():
        result = business_plan.compute(inputs)
        summaries[reference] = {"npv": result.npv, "irr": result.irr, "payback_years": result.payback_years,
                                "break_even_year": result.break_even_year}
    return summaries


def _may_edit(actor: Actor, project: Mapping[str, Any]) -> bool:
    """The project's own holder, or an official (or admin) governing its region."""
    own = actor.role == "holder" and actor.user_id is not None and actor.user_id == project["owner_id"]
    return own or governs(actor, project["region_code"])


def save_plan(actor: Actor, project_id: int, inputs: PlanInputs) -> PlanResult:
    """Validate ``inputs`` and store them as the plan of project ``project_id``; return the computed plan.

    Allowed to the project's holder and to officials governing its region
    (:class:`PermissionDenied` otherwise). ``inputs.investment_mad`` must be the
    project's investment (the plan does not keep its own). One transaction,
    recorded in ``project_business_plan_history`` with ``actor.audit_name``.
    """
    result = business_plan.compute(inputs)  # validates first: nothing is written for invalid inputs
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        rows = db.run("business_plans/project_for_plan", {"project_id": int(project_id)}, conn=conn).rows
        if not rows:
            raise InvalidInput(f"There is no project {project_id}")
        project = rows[0]
        if not _may_edit(actor, project):
            raise PermissionDenied("Only the project's holder or an official of its territory may change its "
                                   "business plan")
        if project["investment_mad"] is None:
            raise InvalidInput("The project's investment is not known: enter it before its business plan")
        if abs(project["investment_mad"] - inputs.investment_mad) > INVESTMENT_TOLERANCE_MAD:
            raise InvalidInput("The business plan's investment must equal the project's investment")
        f = inputs.financing
        db.run("business_plans/upsert", {
            "project_id": int(project_id), "years": inputs.years,
            "operating_costs_mad": list(inputs.operating_costs_mad), "revenue_mad": list(inputs.revenue_mad),
            "grant_mad": f.grant_mad, "honour_loan_mad": f.honour_loan_mad,
            "honour_loan_years": f.honour_loan_years, "bank_loan_mad": f.bank_loan_mad, "bank_rate": f.bank_rate,
            "bank_years": f.bank_years, "discount_rate": inputs.discount_rate, "salvage_mad": inputs.salvage_mad,
        }, conn=conn)
    LOGGER.info("business plan of project %s saved by %s", project_id, actor.audit_name)
    return result
