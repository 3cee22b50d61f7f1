"""Charts of the dashboard (plotly): the territory × sector heatmap of projects and HCP's baseline.

Rows are territories (regions, or the provinces of one region), columns
sectors; each heatmap's ``x`` and ``y`` hold the codes (ticks show the names),
so a selected point names its cell directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from coopbank.baseline import COUNTS
from coopbank.projects import ProjectFilters
from coopbank.ui.i18n import localised, number, percent, translate

# measure → (label id, unit id), the columns of coopbank.projects.metrics_by_territory
MEASURES: dict[str, tuple[str, str]] = {
    "projects": ("Number of projects", "projects"),
    "investment_mad": ("Investment needed", "MAD"),
    "jobs_direct": ("Expected jobs", "jobs"),
    "gap_mad": ("Funding gap", "MAD"),
}
SCALES: dict[str, str] = {
    "absolute": "Absolute values",
    "per_capita": "Per 10,000 inhabitants",
    "row_share": "Share of the row (%)",
}
PER_CAPITA = 10_000
BASELINE_COLUMNS: dict[str, str] = {
    "industry": "Industry", "construction": "Construction", "commerce": "Commerce", "services": "Services",
    "businesses": "All businesses", "jobs": "Permanent jobs",
}


def heatmap_matrix(metrics: pd.DataFrame, territories: pd.DataFrame, sector_codes: Iterable[str], *,
                   measure: str, scale: str) -> pd.DataFrame:
    """Territory code × sector code values of ``measure`` in ``scale``, zeros where no project.

    ``metrics`` is :func:`coopbank.projects.metrics_by_territory` by sector;
    ``territories`` has ``code`` and ``population_2024`` (its order is the
    row order). 'per_capita' is per 10,000 inhabitants, 'row_share' a
    percentage of the row's total (NaN when the row is empty or unpeopled).
    """
    if measure not in MEASURES or scale not in SCALES:
        raise ValueError(f"Unknown measure {measure!r} or scale {scale!r}")
    codes = list(territories["code"])
    matrix = (metrics.dropna(subset=["code", "sector_code"])
              .pivot_table(index="code", columns="sector_code", values=measure, aggfunc="sum")
              .reindex(index=codes, columns=list(sector_codes)).fillna(0.0).astype(float))
    if scale == "per_capita":
        population = territories.set_index("code")["population_2024"].astype(float)
        return matrix.mul(PER_CAPITA / population.where(population > 0), axis=0)
    if scale == "row_share":
        totals = matrix.sum(axis=1)
        return matrix.mul(100.0 / totals.where(totals > 0), axis=0)
    return matrix


def _formatted(value: float, unit: str, lang: str, *, decimals: int = 0) -> str:
    if unit == "%":
        return percent(value / 100.0, lang)
    return f"{number(value, lang, decimals=decimals)} {translate(unit, lang)}"


def _heatmap(z: pd.DataFrame, hover: list[list[str]], *, row_names: Mapping[str, str],
             column_names: Mapping[str, str], title: str, **trace: Any) -> go.Figure:
    figure = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=list(z.columns), y=list(z.index), customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", colorscale="YlGnBu", **trace))
    figure.update_layout(
        title={"text": title, "y": 0.99, "yanchor": "top"}, height=max(400, 34 * len(z.index) + 220),
        margin={"l": 10, "r": 10, "t": 190, "b": 10},
        xaxis={"tickmode": "array", "tickvals": list(z.columns), "ticktext": [column_names[c] for c in z.columns],
               "side": "top", "tickangle": -40, "type": "category"},
        yaxis={"tickmode": "array", "tickvals": list(z.index), "ticktext": [row_names[c] for c in z.index],
               "type": "category", "autorange": "reversed"},
    )
    return figure


def territory_names(territories: pd.DataFrame, lang: str) -> dict[str, str]:
    """Territory code → its name in the interface language."""
    return {r.code: localised(r.name_fr, r.name_ar, lang) for r in territories.itertuples()}


def sector_names(sectors: pd.DataFrame, lang: str) -> dict[str, str]:
    """Sector code → its label in the interface language (``coopbank.projects.sectors()`` rows)."""
    return {r.code: localised(r.label_fr, r.label_ar, lang) for r in sectors.itertuples()}


def sector_heatmap(metrics: pd.DataFrame, territories: pd.DataFrame, sectors: pd.DataFrame, *,
                   measure: str, scale: str, lang: str) -> go.Figure:
    """The territory × sector heatmap of ``measure`` (see :func:`heatmap_matrix`) with exact values on hover.

    ``sectors`` are the columns (code, label_fr, label_ar); the hover gives
    the cell's value with its unit and, for a rate or share, the absolute value.
    """
    label, unit = MEASURES[measure]
    values = heatmap_matrix(metrics, territories, sectors["code"], measure=measure, scale=scale)
    absolute = heatmap_matrix(metrics, territories, sectors["code"], measure=measure, scale="absolute")
    rows, columns = territory_names(territories, lang), sector_names(sectors, lang)
    shown_unit = {"absolute": unit, "per_capita": "per 10,000 inhabitants", "row_share": "%"}[scale]
    hover = [[f"{rows[code]} · {columns[sector]}<br>"
              f"{_formatted(values.at[code, sector], shown_unit, lang, decimals=0 if scale == 'absolute' else 2)}"
              + ("" if scale == "absolute" else f"<br>{_formatted(absolute.at[code, sector], unit, lang)}")
              for sector in values.columns] for code in values.index]
    figure = _heatmap(values, hover, row_names=rows, column_names=columns,
                      title=f"{translate(label, lang)} — {translate(SCALES[scale], lang)}",
                      colorbar={"title": {"text": translate(shown_unit, lang)}}, hoverinfo="skip")
    # Plotly cannot select heatmap cells: an invisible square marker on each cell takes the clicks and the hover.
    cells = [(code, sector, hover[i][j]) for i, code in enumerate(values.index)
             for j, sector in enumerate(values.columns)]
    invisible = {"opacity": 0.01}
    figure.add_trace(go.Scatter(
        x=[c[1] for c in cells], y=[c[0] for c in cells], customdata=cells, mode="markers",
        marker={"symbol": "square", "size": 24, **invisible}, selected={"marker": invisible},
        unselected={"marker": invisible}, hovertemplate="%{customdata[2]}<extra></extra>", showlegend=False))
    return figure


def baseline_heatmap(baseline: pd.DataFrame, *, per_1000: bool, lang: str) -> go.Figure:
    """HCP 2024 businesses by sector, all businesses and permanent jobs per territory, absolute or per 1,000.

    ``baseline`` is :func:`coopbank.baseline.establishments_baseline`. Colours
    compare territories within each column (value ÷ the column's maximum);
    the cells and the hover show the exact values.
    """
    columns = [f"{c}_per_1000" if per_1000 else c for c in COUNTS]
    values = baseline.set_index("code")[columns].set_axis(list(COUNTS), axis=1)
    unit = "per 1,000 inhabitants" if per_1000 else "establishments"
    rows = territory_names(baseline, lang)
    names = {c: translate(BASELINE_COLUMNS[c], lang) for c in COUNTS}
    decimals = 1 if per_1000 else 0
    cells = [[number(values.at[code, c], lang, decimals=decimals) for c in COUNTS] for code in values.index]
    units = {c: "jobs" if c == "jobs" and not per_1000 else unit for c in COUNTS}
    hover = [[f"{rows[code]} · {names[c]}<br>{_formatted(values.at[code, c], units[c], lang, decimals=decimals)}"
              for c in COUNTS] for code in values.index]
    return _heatmap(values / values.max().where(values.max() > 0), hover, row_names=rows, column_names=names,
                    title=translate("Existing businesses and jobs (HCP 2024)", lang), text=cells,
                    texttemplate="%{text}", textfont={"size": 10}, showscale=False)


def selected_cell(points: Iterable[Mapping[str, Any]], matrix: pd.DataFrame) -> tuple[str, str] | None:
    """The (territory code, sector code) of the first selected heatmap point that is a cell of ``matrix``.

    ``points`` are Streamlit's selected points; a cell's marker carries
    [territory code, sector code, hover text] as its ``customdata``.
    """
    for point in points:
        data: Sequence[Any] = point.get("customdata") or ()
        if len(data) >= 2 and data[0] in matrix.index and data[1] in matrix.columns:
            return str(data[0]), str(data[1])
    return None


def cell_filters(filters: ProjectFilters, *, level: str, territory_code: str, sector_code: str) -> ProjectFilters:
    """``filters`` narrowed to one heatmap cell: the territory (a region or a province) and the sector."""
    if level == "region":
        return dataclasses.replace(filters, region_code=territory_code, sector_codes=(sector_code,))
    return dataclasses.replace(filters, province_code=territory_code, sector_codes=(sector_code,))
