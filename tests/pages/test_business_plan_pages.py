"""The business plan on the project sheet and the indicators of the investor view (AppTest, FR and AR)."""

from __future__ import annotations

import psycopg
import pytest

from coopbank import investor
from coopbank.projects import ProjectFilters, list_projects
from coopbank.ui import plan_view
from coopbank.ui.i18n import number, translate
from coopbank.ui.layout import plain
from planning import business_plan, project_plans
from planning.business_plan import Financing, PlanInputs
from tests.apptest import open_page
from tests.coopbank.test_submissions import make_user

TINGHIR = "T-TIN-002"  # 120,000 MAD, 5 direct jobs
IFRANE = "T-IFR-001"


def _id(url: str, reference: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT id FROM project WHERE reference = %s", (reference,)).fetchone()[0])


def _inputs(investment: float, jobs: int | None) -> PlanInputs:
    return PlanInputs(investment_mad=investment, operating_costs_mad=(30_000.0,) * 5,
                      revenue_mad=business_plan.ramp(investment * 0.6), years=5,
                      financing=Financing(grant_mad=investment * 0.2, bank_loan_mad=investment * 0.3,
                                          bank_rate=0.06, bank_years=5), jobs=jobs)


@pytest.fixture
def planned(sample_db: str) -> PlanInputs:
    inputs = _inputs(120_000.0, 5)
    project_plans.save_plan(make_user(sample_db, "admin"), _id(sample_db, TINGHIR), inputs)
    return inputs


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_sheet_shows_the_stored_plan(planned, lang):
    at = open_page("pages/project_sheet.py", ref=TINGHIR, lang=lang)
    assert translate("Business plan", lang) in [s.value for s in at.subheader]
    shown = {m.label: m.value for m in at.metric}
    expected = dict(plan_view.key_figures(business_plan.compute(planned), lang))
    assert shown == expected
    npv = translate("Net present value (NPV)", lang)
    assert shown[npv].startswith(number(business_plan.compute(planned).npv, lang))
    years = next(d.value for d in at.dataframe if translate("DSCR", lang) in d.value.columns)
    assert len(years) == 6
    sensitivity = next(d.value for d in at.dataframe if translate("Case", lang) in d.value.columns)
    assert sensitivity.equals(plan_view.sensitivity_table(business_plan.sensitivity(planned), lang))
    assert len(at.get("plotly_chart")) == 1


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_sheet_without_plan_says_not_provided(sample_db, lang):
    at = open_page("pages/project_sheet.py", ref=IFRANE, lang=lang)
    assert translate("Business plan", lang) in [s.value for s in at.subheader]
    assert any(translate("not provided", lang) in i.value for i in at.info)
    assert not at.metric


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_investor_view_shows_npv_irr_and_payback_or_not_provided(investor_db, lang):
    ready = list_projects(ProjectFilters(status_codes=investor.READY_STATUSES))
    priced = ready.dropna(subset=["investment_mad"])
    reference = str(priced.iloc[0]["reference"])
    inputs = _inputs(float(priced.iloc[0]["investment_mad"]),
                     None if priced.iloc[0]["jobs_direct"] != priced.iloc[0]["jobs_direct"]
                     else int(priced.iloc[0]["jobs_direct"]))
    project_plans.save_plan(make_user(investor_db, "admin"), _id(investor_db, reference), inputs)
    result = business_plan.compute(inputs)
    at = open_page("pages/investor.py", lang=lang)
    table = next(d for d in at.dataframe if d.key == "investor-table").value
    rows = table.set_index(translate("Reference", lang))
    npv, irr, payback = translate("NPV (MAD)", lang), translate("IRR", lang), translate("Payback period", lang)
    assert rows.loc[reference, npv] == number(result.npv, lang)
    assert rows.loc[reference, irr] == plan_view.rate(result.irr, lang)
    assert rows.loc[reference, payback] == plan_view.years(result.payback_years, lang)
    others = rows.drop(index=reference)
    assert len(others) and set(others[npv]) == set(others[irr]) == {translate("not provided", lang)}
    cards = "\n".join(m.value for m in at.markdown)
    assert plain(number(result.npv, lang)) in cards and translate("not provided", lang) in cards
