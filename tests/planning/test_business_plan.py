"""The business plan calculator: known answers computed by hand, and properties (hypothesis)."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopbank.errors import InvalidInput
from planning import business_plan as bp
from planning.business_plan import Financing, PlanInputs


def _plan(**changes: object) -> PlanInputs:
    """1,000 MAD invested, 5 years; revenue 200, 500, 800, 800, 800; costs 300 a year; no financing."""
    base = PlanInputs(investment_mad=1000.0, operating_costs_mad=(300.0,) * 5,
                      revenue_mad=(200.0, 500.0, 800.0, 800.0, 800.0), years=5, discount_rate=0.10)
    return dataclasses.replace(base, **changes)


def test_npv_of_a_simple_series():
    """NPV of [-1000, 300, 400, 500, 200] at 10 %:

    300 / 1.1 = 272.7273; 400 / 1.21 = 330.5785; 500 / 1.331 = 375.6574;
    200 / 1.4641 = 136.6027; sum 1,115.5659 − 1,000 = 115.5659.
    """
    assert bp.npv(0.10, [-1000, 300, 400, 500, 200]) == pytest.approx(115.5659, abs=1e-4)
    assert bp.npv(0.0, [-1000, 300, 400, 500, 200]) == pytest.approx(400)


def test_irr_of_a_simple_series():
    """−100 now, 110 in a year: 110 / (1 + r) = 100 at r = 10 %."""
    assert bp.irr([-100, 110]) == pytest.approx(0.10, abs=1e-9)
    # [-1000, 300, 400, 500, 200]: NPV 115.57 at 10 %, so the IRR is above 10 % and the NPV is 0 there.
    found = bp.irr([-1000, 300, 400, 500, 200])
    assert found is not None and 0.10 < found < 0.20
    assert bp.npv(found, [-1000, 300, 400, 500, 200]) == pytest.approx(0, abs=1e-6)


def test_irr_is_none_without_a_sign_change():
    assert bp.irr([-100, -10, -5]) is None
    assert bp.irr([100, 10]) is None
    assert bp.irr([0, 0, 0]) is None


def test_annuity_schedule_of_a_bank_loan():
    """100,000 MAD at 6 % over 5 years: 100,000 × 0.06 / (1 − 1.06^−5) = 23,739.64 a year.

    Year 1: interest 6,000.00, principal 17,739.64, closing 82,260.36.
    """
    schedule = bp.loan_schedule(100_000, 0.06, 5)
    assert list(schedule["year"]) == [1, 2, 3, 4, 5]
    assert schedule["payment"].round(2).tolist() == [23_739.64] * 5
    first = schedule.iloc[0]
    assert (round(first["interest"], 2), round(first["principal"], 2), round(first["closing"], 2)) == \
        (6000.00, 17_739.64, 82_260.36)
    assert schedule["principal"].sum() == pytest.approx(100_000)
    assert schedule["closing"].iloc[-1] == pytest.approx(0, abs=1e-6)


def test_honour_loan_at_zero_percent_is_repaid_in_equal_parts():
    schedule = bp.loan_schedule(50_000, 0.0, 5)
    assert schedule["payment"].tolist() == [10_000.0] * 5
    assert schedule["interest"].sum() == 0


def test_break_even_and_payback_of_a_small_series():
    """Operating cash −100, 200, 500, 500, 500; cumulative −1000, −1100, −900, −400, 100, 600.

    Break-even: year 2 (revenue 500 ≥ costs 300). Payback: after year 3 (−400) the 500 of
    year 4 bring it back: 3 + 400 / 500 = 3.8 years.
    """
    result = bp.compute(_plan())
    assert result.table["operating_cash"].tolist() == [0, -100, 200, 500, 500, 500]
    assert result.table["cumulative_cash"].tolist() == [-1000, -1100, -900, -400, 100, 600]
    assert result.break_even_year == 2
    assert result.payback_years == pytest.approx(3.8)
    assert result.npv == pytest.approx(bp.npv(0.10, [-1000, -100, 200, 500, 500, 500]))
    assert result.npv == result.equity_npv  # no financing: the project's and the cooperative's flows agree
    assert result.min_dscr is None and result.dscr == (None,) * 5 and result.cost_per_job is None


def test_never_paid_back_and_never_breaking_even():
    result = bp.compute(_plan(revenue_mad=(200.0,) * 5))
    assert result.payback_years is None and result.break_even_year is None and result.irr is None


def test_financing_debt_service_and_dscr():
    """400 granted, 500 at 0 % over 5 years (100 a year): equity 100; years' cash = operating − 100."""
    result = bp.compute(_plan(financing=Financing(grant_mad=400, honour_loan_mad=500, honour_loan_years=5), jobs=4))
    assert result.equity_mad == 100
    assert result.table["debt_service"].tolist() == [0, 100, 100, 100, 100, 100]
    assert result.table["cash_flow_equity"].tolist() == [-100, -200, 100, 400, 400, 400]
    assert result.dscr == (-1.0, 2.0, 5.0, 5.0, 5.0) and result.min_dscr == -1.0
    # Break-even: revenue ≥ costs + debt service: 500 ≥ 400 in year 2.
    assert result.break_even_year == 2
    # Cumulative −100, −300, −200, 200: 3 + 200 / 400 = 2.5 years.
    assert result.payback_years == pytest.approx(2.5)
    assert result.cost_per_job == 250
    assert result.npv == bp.compute(_plan()).npv  # the project's NPV does not depend on financing


def test_bank_loan_enters_the_debt_service():
    result = bp.compute(_plan(investment_mad=200_000.0, operating_costs_mad=(0.0,) * 5,
                              revenue_mad=(47_479.28,) * 5,
                              financing=Financing(bank_loan_mad=100_000, bank_rate=0.06, bank_years=5)))
    assert result.table["debt_service"].iloc[1:].round(2).tolist() == [23_739.64] * 5
    assert result.min_dscr == pytest.approx(2.0, abs=1e-6)


def test_salvage_comes_in_the_last_year():
    result = bp.compute(_plan(salvage_mad=250.0))
    assert result.table["project_cash_flow"].iloc[-1] == 750
    assert result.table["cash_flow_equity"].iloc[-1] == 750


def test_sensitivity_cases():
    inputs = _plan()
    table = bp.sensitivity(inputs)
    assert list(table["case"]) == ["base", "revenue_minus_20", "revenue_plus_20", "investment_plus_20"]
    assert table["npv"].iloc[0] == pytest.approx(bp.compute(inputs).npv)
    assert table["npv"].iloc[1] < table["npv"].iloc[0] < table["npv"].iloc[2]
    assert table["npv"].iloc[3] == pytest.approx(table["npv"].iloc[0] - 200)  # 20 % of 1,000 more at year 0
    low = bp.compute(bp.scaled(inputs, revenue=0.8))
    assert list(low.table["revenue"])[1:] == [160, 400, 640, 640, 640]
    assert table["payback_years"].iloc[1] == low.payback_years


def test_ramp_up():
    assert bp.ramp(1000) == (400, 600, 800, 900, 1000)
    assert bp.ramp(1000, years=7) == (400, 600, 800, 900, 1000, 1000, 1000)
    assert bp.ramp(1000, (0.5, 1.0), 3) == (500, 1000, 1000)


@pytest.mark.parametrize(("changes", "message"), [
    ({"years": 4}, "5 to 10 years"),
    ({"years": 11}, "5 to 10 years"),
    ({"investment_mad": -1.0}, "cannot be negative"),
    ({"revenue_mad": (1.0,) * 4}, "5 yearly revenue"),
    ({"operating_costs_mad": (1.0,) * 6}, "5 yearly operating costs"),
    ({"revenue_mad": (1.0, 1.0, -1.0, 1.0, 1.0)}, "cannot be negative"),
    ({"revenue_mad": (1.0, 1.0, math.nan, 1.0, 1.0)}, "must be a number"),
    ({"discount_rate": 0.9}, "discount rate"),
    ({"discount_rate": -0.01}, "discount rate"),
    ({"financing": Financing(bank_loan_mad=100, bank_rate=0.5, bank_years=5)}, "rate"),
    ({"financing": Financing(bank_loan_mad=100, bank_rate=0.05, bank_years=0)}, "term of the bank loan"),
    ({"financing": Financing(honour_loan_mad=100, honour_loan_years=6)}, "term of the honour loan"),
    ({"financing": Financing(grant_mad=-5)}, "cannot be negative"),
    ({"financing": Financing(grant_mad=800, bank_loan_mad=300, bank_rate=0.05, bank_years=5)}, "exceed"),
    ({"jobs": -1}, "jobs"),
])
def test_invalid_inputs_are_refused_with_a_clear_message(changes, message):
    with pytest.raises(InvalidInput, match=message):
        bp.compute(_plan(**changes))


amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw: st.DrawFn) -> PlanInputs:
    years = draw(st.integers(bp.MIN_YEARS, bp.MAX_YEARS))
    investment = draw(st.floats(min_value=1, max_value=1e7))
    grant = draw(st.floats(min_value=0, max_value=1)) * investment * 0.5
    loan = draw(st.floats(min_value=0, max_value=1)) * investment * 0.4
    financing = Financing(grant_mad=grant, bank_loan_mad=loan, bank_rate=draw(st.floats(0, 0.2)),
                          bank_years=draw(st.integers(1, years)))
    return PlanInputs(investment_mad=investment,
                      operating_costs_mad=tuple(draw(st.lists(amounts, min_size=years, max_size=years))),
                      revenue_mad=tuple(draw(st.lists(amounts, min_size=years, max_size=years))),
                      years=years, financing=financing, discount_rate=draw(st.floats(0, 0.3)),
                      jobs=draw(st.none() | st.integers(0, 50)), salvage_mad=draw(amounts))


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1, max_value=1e6), st.lists(st.floats(min_value=0, max_value=1e6), min_size=1,
                                                        max_size=10))
def test_npv_is_zero_at_the_irr(investment, returns):
    flows = [-investment, *returns]
    found = bp.irr(flows)
    assume(found is not None)
    assert abs(bp.npv(found, flows)) <= 1e-6 * max(investment, *returns)


@settings(max_examples=200, deadline=None)
@given(plans(), st.integers(0, 9), st.floats(min_value=0, max_value=1e6))
def test_higher_revenue_never_lowers_npv(inputs, index, more):
    revenue = list(inputs.revenue_mad)
    revenue[index % inputs.years] += more
    richer = bp.compute(dataclasses.replace(inputs, revenue_mad=tuple(revenue)))
    base = bp.compute(inputs)
    assert richer.npv >= base.npv - 1e-6 * (1 + abs(base.npv))
    assert richer.equity_npv >= base.equity_npv - 1e-6 * (1 + abs(base.equity_npv))


@settings(max_examples=200, deadline=None)
@given(plans())
def test_payback_never_precedes_the_first_positive_cumulative_cash(inputs):
    result = bp.compute(inputs)
    cumulative = result.table["cumulative_cash"].tolist()
    if result.payback_years is None:  # negative at some point and never back at zero since
        first_negative = next(y for y, c in enumerate(cumulative) if c < 0)
        assert all(c < 0 for c in cumulative[first_negative:])
        return
    if min(cumulative) >= 0:
        assert result.payback_years == 0
        return
    first_negative = next(y for y, c in enumerate(cumulative) if c < 0)
    recovered = next(y for y, c in enumerate(cumulative) if y > first_negative and c >= 0)
    assert recovered - 1 <= result.payback_years <= recovered
    assert all(c < 0 for c in cumulative[first_negative:recovered])


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e8), st.floats(min_value=0, max_value=0.3), st.integers(1, 10))
def test_loan_schedules_repay_exactly_the_principal(principal, rate, years):
    schedule = bp.loan_schedule(principal, rate, years)
    assert schedule["principal"].sum() == pytest.approx(principal, rel=1e-9, abs=1e-6)
    assert schedule["closing"].iloc[-1] == pytest.approx(0, abs=1e-6)
    assert (schedule["payment"] - schedule["interest"] - schedule["principal"]).abs().max() < 1e-6
    assert schedule["payment"].max() - schedule["payment"].min() <= 1e-6 * (1 + principal)
