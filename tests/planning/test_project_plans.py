"""Projects' business plans in the database: who may save them, the audit trail, and public reads."""

from __future__ import annotations

import psycopg
import pytest

from coopbank.access import VISITOR
from coopbank.errors import InvalidInput, PermissionDenied
from planning import business_plan, project_plans
from planning.business_plan import Financing, PlanInputs
from tests.coopbank.test_submissions import make_user

TINGHIR = "T-TIN-002"  # region 08, investment 120,000 MAD, 5 direct jobs
IFRANE = "T-IFR-001"  # region 03, investment 500,000 MAD, 10 direct jobs
NO_INVESTMENT = "T-CAS-005"


def _id(url: str, reference: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT id FROM project WHERE reference = %s", (reference,)).fetchone()[0])


def _inputs(investment: float = 120_000.0, **changes: object) -> PlanInputs:
    values: dict = {"investment_mad": investment, "operating_costs_mad": (40_000.0,) * 6,
                    "revenue_mad": business_plan.ramp(90_000, years=6), "years": 6,
                    "financing": Financing(grant_mad=20_000, honour_loan_mad=30_000, honour_loan_years=5,
                                           bank_loan_mad=40_000, bank_rate=0.065, bank_years=6),
                    "discount_rate": 0.08, "jobs": 5, "salvage_mad": 10_000.0}
    return PlanInputs(**(values | changes))


def test_no_plan_is_not_provided(sample_db):
    assert project_plans.plan_for(TINGHIR) is None
    assert project_plans.plan_for("NO-SUCH-REF") is None
    assert project_plans.plans_for([TINGHIR, IFRANE]) == {}
    assert project_plans.plans_for([]) == {}


def test_the_holder_saves_the_plan_of_their_project_and_it_is_audited(sample_db):
    holder = make_user(sample_db, "holder")
    project_id = _id(sample_db, TINGHIR)
    with psycopg.connect(sample_db) as conn:
        conn.execute("UPDATE project SET owner_id = %s WHERE id = %s", (holder.user_id, project_id))
    inputs = _inputs()
    saved = project_plans.save_plan(holder, project_id, inputs)
    stored, result, sensitivity = project_plans.plan_for(TINGHIR)
    assert stored == inputs  # the project's investment and jobs, the plan's own figures
    expected = business_plan.compute(inputs)
    assert result.npv == pytest.approx(expected.npv) == pytest.approx(saved.npv)
    assert result.irr == pytest.approx(expected.irr) and result.payback_years == pytest.approx(expected.payback_years)
    assert list(sensitivity["case"]) == list(business_plan.CASES)
    summary = project_plans.plans_for([TINGHIR, IFRANE, "NO-SUCH-REF"])
    assert set(summary) == {TINGHIR}
    assert summary[TINGHIR]["npv"] == pytest.approx(expected.npv)
    assert summary[TINGHIR]["irr"] == pytest.approx(expected.irr)
    assert summary[TINGHIR]["payback_years"] == pytest.approx(expected.payback_years)

    project_plans.save_plan(holder, project_id, _inputs(discount_rate=0.1))
    with psycopg.connect(sample_db) as conn:
        history = conn.execute("SELECT operation, changed_by FROM project_business_plan_history "
                               "WHERE project_id = %s ORDER BY id", (project_id,)).fetchall()
        updated_by = conn.execute("SELECT updated_by FROM project_business_plan WHERE project_id = %s",
                                  (project_id,)).fetchone()[0]
        with pytest.raises(psycopg.errors.RestrictViolation):
            conn.execute("DELETE FROM project_business_plan_history")
    assert history == [("INSERT", holder.audit_name), ("UPDATE", holder.audit_name)]
    assert updated_by == holder.audit_name
    assert project_plans.plan_for(TINGHIR)[0].discount_rate == 0.1


def test_only_the_holder_or_an_official_of_the_region_may_save(sample_db):
    project_id = _id(sample_db, IFRANE)
    inputs = _inputs(500_000.0, jobs=10)
    for actor in (VISITOR, make_user(sample_db, "holder"), make_user(sample_db, "investor"),
                  make_user(sample_db, "official", region_code="08")):
        with pytest.raises(PermissionDenied):
            project_plans.save_plan(actor, project_id, inputs)
    assert project_plans.plan_for(IFRANE) is None
    official = make_user(sample_db, "official", region_code="03")
    project_plans.save_plan(official, project_id, inputs)
    assert project_plans.plan_for(IFRANE)[0] == inputs
    project_plans.save_plan(make_user(sample_db, "admin"), project_id, _inputs(500_000.0, jobs=10, years=6))


def test_invalid_plans_are_refused_and_nothing_is_written(sample_db):
    admin = make_user(sample_db, "admin")
    project_id = _id(sample_db, TINGHIR)
    before = project_plans.plan_for(TINGHIR)
    with pytest.raises(InvalidInput, match="equal the project's investment"):
        project_plans.save_plan(admin, project_id, _inputs(130_000.0))
    with pytest.raises(InvalidInput, match="5 to 10 years"):
        project_plans.save_plan(admin, project_id, _inputs(years=4))
    with pytest.raises(InvalidInput, match="investment is not known"):
        project_plans.save_plan(admin, _id(sample_db, NO_INVESTMENT), _inputs())
    with pytest.raises(InvalidInput, match="no project"):
        project_plans.save_plan(admin, 987_654_321, _inputs())
    after = project_plans.plan_for(TINGHIR)
    assert (before is None) == (after is None)
    if before is not None:
        assert before[0] == after[0]


def test_an_unpublished_project_has_no_public_plan(sample_db):
    admin = make_user(sample_db, "admin")
    project_id = _id(sample_db, TINGHIR)
    project_plans.save_plan(admin, project_id, _inputs())
    with psycopg.connect(sample_db) as conn:
        conn.execute("UPDATE project SET publication = 'submitted' WHERE id = %s", (project_id,))
    try:
        assert project_plans.plan_for(TINGHIR) is None
        assert project_plans.plans_for([TINGHIR]) == {}
    finally:
        with psycopg.connect(sample_db) as conn:
            conn.execute("UPDATE project SET publication = 'published' WHERE id = %s", (project_id,))


def test_the_project_keeps_a_link_to_its_model(sample_db):
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT model_code FROM project LIMIT 1").fetchone() == (None,)
