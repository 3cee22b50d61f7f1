"""The business plan on screen (shared by the project sheet and the project models page).

:func:`show_plan` draws a :class:`planning.business_plan.PlanResult`: the key figures,
the per-year table, the cumulative cash of the cooperative as a plotly chart and the
sensitivity table. A figure that cannot be computed (no IRR, never paid back, no debt,
no jobs) reads "not provided", never a number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from coopbank.ui.i18n import is_rtl, number, percent, translate
from planning.business_plan import PlanResult

CASE_LABELS = {
    "base": "Base case",
    "revenue_minus_20": "Revenue −20 %",
    "revenue_plus_20": "Revenue +20 %",
    "investment_plus_20": "Investment +20 %",
}


def money(value: float | None, lang: str) -> str:
    """An amount in MAD, or "not provided"."""
    if value is None or value != value:
        return translate("not provided", lang)
    return f"{number(value, lang)} {translate('MAD', lang)}"


def rate(value: float | None, lang: str) -> str:
    """A rate (IRR, 0.1 = 10 %), or "not provided"."""
    return translate("not provided", lang) if value is None or value != value else percent(value, lang)


def years(value: float | None, lang: str) -> str:
    """A duration in years (one decimal), or "not provided"."""
    if value is None or value != value:
        return translate("not provided", lang)
    return f"{number(value, lang, decimals=1)} {translate('years', lang)}"


def ratio(value: float | None, lang: str) -> str:
    """A coverage ratio (two decimals), or "not provided"."""
    return translate("not provided", lang) if value is None or value != value else number(value, lang, decimals=2)


def year(value: int | None, lang: str) -> str:
    """An operating year ("year 3"), or "not provided"."""
    return translate("not provided", lang) if value is None else f"{translate('Year', lang)} {number(value, lang)}"


def key_figures(result: PlanResult, lang: str) -> list[tuple[str, str]]:
    """(label, formatted value) of the plan's key figures, in the order shown."""
    return [
        (translate("Net present value (NPV)", lang), money(result.npv, lang)),
        (translate("Internal rate of return (IRR)", lang), rate(result.irr, lang)),
        (translate("Payback period", lang), years(result.payback_years, lang)),
        (translate("Break-even year", lang), year(result.break_even_year, lang)),
        (translate("Lowest debt service coverage (DSCR)", lang), ratio(result.min_dscr, lang)),
        (translate("Cost per job created", lang), money(result.cost_per_job, lang)),
        (translate("Cooperative's NPV (equity)", lang), money(result.equity_npv, lang)),
        (translate("Cooperative's own contribution", lang), money(result.equity_mad, lang)),
    ]


def year_table(result: PlanResult, lang: str) -> pd.DataFrame:
    """The per-year table with translated headers (MAD; the DSCR as a ratio, empty without debt)."""
    frame = result.table
    return pd.DataFrame({
        translate("Year", lang): frame["year"].astype(int),
        translate("Revenue (MAD)", lang): frame["revenue"].round(0),
        translate("Operating costs (MAD)", lang): frame["operating_costs"].round(0),
        translate("Operating cash (MAD)", lang): frame["operating_cash"].round(0),
        translate("Debt service (MAD)", lang): frame["debt_service"].round(0),
        translate("Cash flow to the cooperative (MAD)", lang): frame["cash_flow_equity"].round(0),
        translate("Cumulative cash (MAD)", lang): frame["cumulative_cash"].round(0),
        translate("DSCR", lang): frame["dscr"].round(2),
    })


def sensitivity_table(sensitivity: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The sensitivity cases with translated labels and formatted values ("not provided" where undefined)."""
    return pd.DataFrame({
        translate("Case", lang): [translate(CASE_LABELS[c], lang) for c in sensitivity["case"]],
        translate("NPV", lang): [money(v, lang) for v in sensitivity["npv"]],
        translate("IRR", lang): [rate(v, lang) for v in sensitivity["irr"]],
        translate("Payback period", lang): [years(v, lang) for v in sensitivity["payback_years"]],
    })


def cash_chart(result: PlanResult, lang: str) -> go.Figure:
    """Bars of the cash flow to the cooperative and a line of its cumulative cash, per year (MAD)."""
    frame = result.table
    figure = go.Figure()
    figure.add_bar(x=frame["year"], y=frame["cash_flow_equity"], name=translate("Cash flow to the cooperative", lang))
    figure.add_scatter(x=frame["year"], y=frame["cumulative_cash"], mode="lines+markers",
                       name=translate("Cumulative cash", lang))
    figure.add_hline(y=0, line_width=1, line_color="grey")
    figure.update_layout(xaxis_title=translate("Year", lang), yaxis_title=translate("MAD", lang), height=340,
                         margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend={"orientation": "h"})
    figure.update_xaxes(dtick=1, autorange="reversed" if is_rtl(lang) else True)
    return figure


def show_plan(result: PlanResult, sensitivity: pd.DataFrame, lang: str, *, key: str = "plan") -> None:
    """Draw ``result`` and its ``sensitivity`` table (``key`` keeps widget keys apart on one page)."""
    figures = key_figures(result, lang)
    for row in range(0, len(figures), 4):
        for column, (label, value) in zip(st.columns(4), figures[row:row + 4], strict=False):
            column.metric(label, value)
    st.caption(translate("plan_conventions", lang))
    table = year_table(result, lang)
    st.dataframe(table, hide_index=True, width="stretch", key=f"{key}-years-{lang}",
                 column_config={c: st.column_config.NumberColumn(format="localized") for c in table.columns[1:-1]})
    st.plotly_chart(cash_chart(result, lang), width="stretch", key=f"{key}-chart-{lang}")
    st.markdown(f"**{translate('Sensitivity', lang)}**")
    st.dataframe(sensitivity_table(sensitivity, lang), hide_index=True, width="stretch",
                 key=f"{key}-sensitivity-{lang}")
