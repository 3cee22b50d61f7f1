"""The business plan calculator shared by project models and projects (pure: no database).

Amounts are Moroccan dirhams (MAD) of one year; rates are annual shares (0.06 = 6 %).
Year 0 is the investment, years 1..N the operating years (N = ``years``, 5 to 10).

Conventions (documented once, used everywhere):

- **Operating cash** of year t (1..N) = revenue − operating costs.
- **Financing**: the grant and the loans are received at year 0; the cooperative's own
  money (**equity**) is investment − grant − honour loan − bank loan (never negative:
  financing above the investment is refused).
- **Debt service** of year t = the annuity payments (interest + principal) of the honour
  loan (0 %) and of the bank loan (``bank_rate``), repaid from year 1 over their terms
  (:func:`loan_schedule`); a term must fit within the plan's years.
- **Cash flow to the cooperative** (``cash_flow_equity``): year 0 = −equity; year t =
  operating cash − debt service, plus the salvage value in the last year.
  ``cumulative_cash`` is its running sum.
- **NPV and IRR** (:attr:`PlanResult.npv`, :attr:`PlanResult.irr`) are the **project's**,
  independent of how it is financed: −investment at year 0, operating cash in years
  1..N (+ salvage in the last). The cooperative's own (**equity**) NPV and IRR, on
  ``cash_flow_equity``, are :attr:`PlanResult.equity_npv` and :attr:`PlanResult.equity_irr`.
  IRR is found by a bracketed root search (Brent) and is ``None`` when the cash flows
  never change sign (no rate makes the NPV zero).
- **Payback** (years, fractional) is read on ``cumulative_cash``: the first time it is
  back at zero or above after having been negative, interpolated linearly within the
  year (0 when the cooperative never has a negative cumulative cash, e.g. a fully
  financed project that is profitable from year 1); ``None`` when it never is.
- **Break-even year**: the first operating year whose revenue covers the operating costs
  **and** the debt service (cash flow to the cooperative ≥ 0, before salvage); ``None`` if none.
- **DSCR** (debt service coverage ratio) of a year = operating cash ÷ debt service;
  ``None`` in years without debt service; ``min_dscr`` is ``None`` without debt.
- **Cost per job** = investment ÷ direct jobs; ``None`` without jobs.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from coopbank.errors import InvalidInput

MIN_YEARS, MAX_YEARS = 5, 10
MAX_BANK_RATE = 0.30
MAX_DISCOUNT_RATE = 0.50
RAMP_SHARES = (0.4, 0.6, 0.8, 0.9, 1.0)
# Sensitivity cases: code → (revenue factor, investment factor).
CASES: dict[str, tuple[float, float]] = {
    "base": (1.0, 1.0),
    "revenue_minus_20": (0.8, 1.0),
    "revenue_plus_20": (1.2, 1.0),
    "investment_plus_20": (1.0, 1.2),
}
TABLE_COLUMNS = ("year", "revenue", "operating_costs", "operating_cash", "debt_service", "project_cash_flow",
                 "cash_flow_equity", "cumulative_cash", "dscr")
_IRR_GRID = (-0.99, -0.9, -0.75, -0.5, -0.25, 0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)


@dataclasses.dataclass(frozen=True)
class Financing:
    """How the investment is paid: a grant, an honour loan at 0 %, a bank loan (MAD, annual rate, years)."""

    grant_mad: float = 0.0
    honour_loan_mad: float = 0.0
    honour_loan_years: int = 0
    bank_loan_mad: float = 0.0
    bank_rate: float = 0.0
    bank_years: int = 0

    @property
    def total_mad(self) -> float:
        """Grant and loans together (MAD), received at year 0."""
        return self.grant_mad + self.honour_loan_mad + self.bank_loan_mad


@dataclasses.dataclass(frozen=True)
class PlanInputs:
    """What a business plan needs: investment (MAD), per-year costs and revenue (MAD, ramp-up included)."""

    investment_mad: float
    operating_costs_mad: tuple[float, ...]
    revenue_mad: tuple[float, ...]
    years: int
    financing: Financing = Financing()
    discount_rate: float = 0.08
    jobs: int | None = None
    salvage_mad: float = 0.0


@dataclasses.dataclass
class PlanResult:
    """The computed plan (see the module's conventions).

    ``table`` has one row per year 0..N with :data:`TABLE_COLUMNS` (MAD; ``dscr`` a ratio,
    NaN without debt service). ``irr``/``equity_irr`` are shares (0.1 = 10 %) or ``None``.
    """

    table: pd.DataFrame
    npv: float
    irr: float | None
    equity_npv: float
    equity_irr: float | None
    equity_mad: float
    break_even_year: int | None
    payback_years: float | None
    dscr: tuple[float | None, ...]
    min_dscr: float | None
    cost_per_job: float | None
    discount_rate: float


def _check_amount(value: float, what: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise InvalidInput(f"{what} must be a number of MAD")
    if value < 0:
        raise InvalidInput(f"{what} cannot be negative")
    return float(value)


def _check_term(principal: float, years: int, plan_years: int, what: str) -> None:
    if principal > 0 and not (isinstance(years, int) and 1 <= years <= plan_years):
        raise InvalidInput(f"The term of the {what} must be 1 to {plan_years} years (the plan's years)")


def validate(inputs: PlanInputs) -> None:
    """Raise :class:`InvalidInput` naming the first thing wrong in ``inputs``."""
    years = inputs.years
    if not isinstance(years, int) or isinstance(years, bool) or not MIN_YEARS <= years <= MAX_YEARS:
        raise InvalidInput(f"A business plan covers {MIN_YEARS} to {MAX_YEARS} years")
    _check_amount(inputs.investment_mad, "The investment")
    for values, what in ((inputs.operating_costs_mad, "operating costs"), (inputs.revenue_mad, "revenue")):
        if len(values) != years:
            raise InvalidInput(f"The plan needs {years} yearly {what}: {len(values)} given")
        for value in values:
            _check_amount(value, f"A yearly amount of {what}")
    f = inputs.financing
    for value, what in ((f.grant_mad, "The grant"), (f.honour_loan_mad, "The honour loan"),
                        (f.bank_loan_mad, "The bank loan"), (inputs.salvage_mad, "The salvage value")):
        _check_amount(value, what)
    if f.total_mad > inputs.investment_mad + 1e-6:
        raise InvalidInput("The grant and loans exceed the investment")
    if not (isinstance(f.bank_rate, int | float) and 0 <= f.bank_rate <= MAX_BANK_RATE):
        raise InvalidInput(f"The bank loan's rate must be between 0 and {MAX_BANK_RATE:.0%}")
    if not (isinstance(inputs.discount_rate, int | float) and 0 <= inputs.discount_rate <= MAX_DISCOUNT_RATE):
        raise InvalidInput(f"The discount rate must be between 0 and {MAX_DISCOUNT_RATE:.0%}")
    _check_term(f.honour_loan_mad, f.honour_loan_years, years, "honour loan")
    _check_term(f.bank_loan_mad, f.bank_years, years, "bank loan")
    if inputs.jobs is not None and (not isinstance(inputs.jobs, int) or inputs.jobs < 0):
        raise InvalidInput("The number of jobs cannot be negative")


def loan_schedule(principal: float, rate: float, years: int) -> pd.DataFrame:
    """The annuity schedule of a loan: one row per year 1..``years``.

    Columns year, opening, interest, principal, payment, closing (MAD). The
    payment is constant: principal × rate ÷ (1 − (1 + rate)^−years), or
    principal ÷ years at 0 % (an honour loan). The principal repaid adds up to
    ``principal`` and the last closing balance is 0.
    """
    _check_amount(principal, "The loan")
    if not isinstance(years, int) or years < 1:
        raise InvalidInput("A loan's term must be at least one year")
    if not 0 <= rate <= MAX_BANK_RATE:
        raise InvalidInput(f"A loan's rate must be between 0 and {MAX_BANK_RATE:.0%}")
    discount = -math.expm1(-years * math.log1p(rate))  # 1 − (1 + rate)^−years, accurate for tiny rates
    payment = principal / years if discount == 0 else principal * rate / discount
    rows, balance = [], float(principal)
    for year in range(1, years + 1):
        interest = balance * rate
        repaid = balance if year == years else payment - interest  # the last year clears rounding
        rows.append({"year": year, "opening": balance, "interest": interest, "principal": repaid,
                     "payment": interest + repaid, "closing": balance - repaid})
        balance -= repaid
    return pd.DataFrame(rows, columns=["year", "opening", "interest", "principal", "payment", "closing"])


def npv(rate: float, cash_flows: Sequence[float]) -> float:
    """Net present value at ``rate`` of ``cash_flows`` (year 0 first, not discounted)."""
    return float(sum(cf / (1 + rate) ** t for t, cf in enumerate(cash_flows)))


def irr(cash_flows: Sequence[float]) -> float | None:
    """The internal rate of return: the rate (> −99 %) where the NPV is zero; ``None`` without a sign change.

    The lowest root is returned: rates on a grid from −99 % to 1,000 % are scanned for the
    first change of sign of the NPV, then Brent's method narrows it (to 1e-10).
    """
    flows = [float(cf) for cf in cash_flows]
    if not (any(cf > 0 for cf in flows) and any(cf < 0 for cf in flows)):
        return None
    values = [npv(r, flows) for r in _IRR_GRID]
    for i in range(len(_IRR_GRID) - 1):
        if values[i] == 0:
            return _IRR_GRID[i]
        if values[i] * values[i + 1] < 0:
            return float(brentq(npv, _IRR_GRID[i], _IRR_GRID[i + 1], args=(flows,), xtol=1e-12, maxiter=500))
    return None


def payback(cash_flows: Sequence[float]) -> float | None:
    """Years until the cumulative cash is back at zero or above after being negative (interpolated).

    0.0 when the cumulative cash is never negative; ``None`` when it ends negative
    without recovering.
    """
    cumulative = np.cumsum(np.asarray(cash_flows, dtype=float))
    negative = np.flatnonzero(cumulative < 0)
    if not negative.size:
        return 0.0
    for year in range(int(negative[0]) + 1, len(cumulative)):
        if cumulative[year] >= 0:
            before = cumulative[year - 1]
            return float(year - 1 + (-before) / (cumulative[year] - before))
    return None


def ramp(full_revenue: float, shares: Sequence[float] = RAMP_SHARES, years: int | None = None) -> tuple[float, ...]:
    """Yearly revenue ramping up to ``full_revenue`` (MAD): ``full_revenue × share`` per year.

    ``years`` defaults to the number of shares; beyond the shares the last one is kept
    (a plan of 7 years with the default shares: 40, 60, 80, 90, 100, 100, 100 %).
    """
    _check_amount(full_revenue, "The full revenue")
    if not shares:
        raise InvalidInput("A ramp-up needs at least one share")
    count = len(shares) if years is None else years
    return tuple(float(full_revenue) * float(shares[min(i, len(shares) - 1)]) for i in range(count))


def compute(inputs: PlanInputs) -> PlanResult:
    """The business plan of ``inputs`` (validated first: :class:`InvalidInput`)."""
    validate(inputs)
    n, f = inputs.years, inputs.financing
    revenue = np.array([0.0, *inputs.revenue_mad])
    costs = np.array([0.0, *inputs.operating_costs_mad])
    operating = revenue - costs
    debt = np.zeros(n + 1)
    for principal, rate, term in ((f.honour_loan_mad, 0.0, f.honour_loan_years),
                                  (f.bank_loan_mad, f.bank_rate, f.bank_years)):
        if principal > 0:
            debt[1:term + 1] += loan_schedule(principal, rate, term)["payment"].to_numpy()
    salvage = np.zeros(n + 1)
    salvage[n] = inputs.salvage_mad
    equity = inputs.investment_mad - f.total_mad
    project = operating + salvage
    project[0] = -inputs.investment_mad
    to_coop = operating - debt + salvage
    to_coop[0] = -equity
    with np.errstate(over="ignore"):
        dscr = np.divide(operating, debt, out=np.full(n + 1, np.nan), where=debt > 0)
    table = pd.DataFrame({"year": np.arange(n + 1), "revenue": revenue, "operating_costs": costs,
                          "operating_cash": operating, "debt_service": debt, "project_cash_flow": project,
                          "cash_flow_equity": to_coop, "cumulative_cash": np.cumsum(to_coop), "dscr": dscr},
                         columns=list(TABLE_COLUMNS))
    ratios = tuple(None if np.isnan(d) else float(d) for d in dscr[1:])
    covered = [r for r in ratios if r is not None]
    break_even = next((y for y in range(1, n + 1) if revenue[y] >= costs[y] + debt[y]), None)
    return PlanResult(
        table=table, npv=npv(inputs.discount_rate, project), irr=irr(project),
        equity_npv=npv(inputs.discount_rate, to_coop), equity_irr=irr(to_coop), equity_mad=float(equity),
        break_even_year=break_even, payback_years=payback(to_coop), dscr=ratios,
        min_dscr=min(covered) if covered else None,
        cost_per_job=inputs.investment_mad / inputs.jobs if inputs.jobs else None,
        discount_rate=inputs.discount_rate)


def scaled(inputs: PlanInputs, *, revenue: float = 1.0, investment: float = 1.0) -> PlanInputs:
    """``inputs`` with the revenue and the investment multiplied (financing unchanged: equity absorbs it)."""
    return dataclasses.replace(inputs, revenue_mad=tuple(v * revenue for v in inputs.revenue_mad),
                               investment_mad=inputs.investment_mad * investment)


def sensitivity(inputs: PlanInputs) -> pd.DataFrame:
    """The plan under the cases of :data:`CASES`: base, revenue −20 %, revenue +20 %, investment +20 %.

    Columns case (the code), npv, irr, equity_npv, payback_years (``None`` where not defined).
    """
    rows = []
    for case, (revenue, investment) in CASES.items():
        result = compute(scaled(inputs, revenue=revenue, investment=investment))
        rows.append({"case": case, "npv": result.npv, "irr": result.irr, "equity_npv": result.equity_npv,
                     "payback_years": result.payback_years})
    return pd.DataFrame(rows, columns=["case", "npv", "irr", "equity_npv", "payback_years"], dtype=object)
