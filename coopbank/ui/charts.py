"""Charts of the dashboard (plotly): the territory × sector heatmap of projects beside HCP's baseline.

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
from plotly.subplots import make_subplots

from coopbank.baseline import COUNTS
from coopbank.projects import ProjectFilters
from coopbank.ui.i18n import is_rtl, localised, number, percent, translate

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
# The trace of sector_heatmap's figure whose points are the project cells (the only clickable part).
CELL_TRACE = 1
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
             column_names: Mapping[str, str], title: str, rtl: bool = False, **trace: Any) -> go.Figure:
    """One heatmap alone (the baseline when no project matches), mirrored for a right-to-left language."""
    figure = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=list(z.columns), y=list(z.index), customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", **{"colorscale": "YlGnBu", **trace}))
    figure.update_layout(
        title={"text": title, "y": 0.99, "yanchor": "top"}, height=max(400, 34 * len(z.index) + 220),
        margin={"l": 10, "r": 10, "t": 190, "b": 10},
        xaxis={"tickmode": "array", "tickvals": list(z.columns), "ticktext": [column_names[c] for c in z.columns],
               "side": "top", "tickangle": -40, "type": "category", "autorange": "reversed" if rtl else True},
        yaxis={"tickmode": "array", "tickvals": list(z.index), "ticktext": [row_names[c] for c in z.index],
               "type": "category", "autorange": "reversed", "side": "right" if rtl else "left"},
    )
    return figure


def territory_names(territories: pd.DataFrame, lang: str) -> dict[str, str]:
    """Territory code → its name in the interface language."""
    return {r.code: localised(r.name_fr, r.name_ar, lang) for r in territories.itertuples()}


def sector_names(sectors: pd.DataFrame, lang: str) -> dict[str, str]:
    """Sector code → its label in the interface language (``coopbank.projects.sectors()`` rows)."""
    return {r.code: localised(r.label_fr, r.label_ar, lang) for r in sectors.itertuples()}


def _project_part(metrics: pd.DataFrame, territories: pd.DataFrame, sectors: pd.DataFrame, *, measure: str,
                  scale: str, lang: str) -> tuple[pd.DataFrame, list[list[str]], str, str]:
    """The project heatmap's values, hover texts, title and colour bar unit."""
    label, unit = MEASURES[measure]
    values = heatmap_matrix(metrics, territories, sectors["code"], measure=measure, scale=scale)
    absolute = heatmap_matrix(metrics, territories, sectors["code"], measure=measure, scale="absolute")
    rows, columns = territory_names(territories, lang), sector_names(sectors, lang)
    shown_unit = {"absolute": unit, "per_capita": "per 10,000 inhabitants", "row_share": "%"}[scale]
    hover = [[f"{rows[code]} · {columns[sector]}<br>"
              f"{_formatted(values.at[code, sector], shown_unit, lang, decimals=0 if scale == 'absolute' else 2)}"
              + ("" if scale == "absolute" else f"<br>{_formatted(absolute.at[code, sector], unit, lang)}")
              for sector in values.columns] for code in values.index]
    title = f"{translate(label, lang)} — {translate(SCALES[scale], lang)}"
    return values, hover, title, translate(shown_unit, lang)


def _cell_markers(values: pd.DataFrame, hover: list[list[str]], **where: Any) -> go.Scatter:
    """Plotly cannot select heatmap cells: an invisible square marker on each cell takes the clicks and the hover.

    Each marker's customdata is [territory code, sector code, hover text] (see :func:`selected_cell`).
    """
    cells = [(code, sector, hover[i][j]) for i, code in enumerate(values.index)
             for j, sector in enumerate(values.columns)]
    invisible = {"opacity": 0.01}
    return go.Scatter(
        x=[c[1] for c in cells], y=[c[0] for c in cells], customdata=cells, mode="markers",
        marker={"symbol": "square", "size": 24, **invisible}, selected={"marker": invisible},
        unselected={"marker": invisible}, hovertemplate="%{customdata[2]}<extra></extra>", showlegend=False,
        **where)


def _baseline_part(baseline: pd.DataFrame, codes: Sequence[str], rows: Mapping[str, str], *, per_1000: bool,
                   lang: str) -> tuple[pd.DataFrame, pd.DataFrame, list[list[str]], list[list[str]], dict[str, str]]:
    """HCP's values per territory (``codes`` order, NaN where missing), their colours, cell texts, hovers, names.

    Colours compare territories within each column (percent of the column's
    maximum), since businesses and jobs differ by orders of magnitude.
    """
    columns = [f"{c}_per_1000" if per_1000 else c for c in COUNTS]
    values = baseline.set_index("code")[columns].set_axis(list(COUNTS), axis=1).reindex(list(codes)).astype(float)
    unit = "per 1,000 inhabitants" if per_1000 else "establishments"
    names = {c: translate(BASELINE_COLUMNS[c], lang) for c in COUNTS}
    decimals = 1 if per_1000 else 0
    cells = [[number(values.at[code, c], lang, decimals=decimals) for c in COUNTS] for code in values.index]
    units = {c: "jobs" if c == "jobs" and not per_1000 else unit for c in COUNTS}
    hover = [[f"{rows[code]} · {names[c]}<br>{_formatted(values.at[code, c], units[c], lang, decimals=decimals)}"
              for c in COUNTS] for code in values.index]
    top = values.max()
    return values, 100 * values / top.where(top > 0), cells, hover, names


def sector_heatmap(metrics: pd.DataFrame, territories: pd.DataFrame, sectors: pd.DataFrame, *,
                   measure: str, scale: str, lang: str, baseline: pd.DataFrame | None = None,
                   per_1000: bool = False) -> go.Figure:
    """The territory × sector heatmap of ``measure`` (see :func:`heatmap_matrix`) beside HCP's baseline.

    One figure, so that a planner reads each territory's row across both:
    trace 0 is the project heatmap (``sectors`` are its columns: code,
    label_fr, label_ar), trace :data:`CELL_TRACE` the invisible cell markers
    that take clicks and hover (the cell's value with its unit and, for a rate
    or share, the absolute value), and, when ``baseline``
    (:func:`coopbank.baseline.establishments_baseline`) is given and not
    empty, trace 2 HCP's 2024 businesses by sector, all businesses and
    permanent jobs, absolute or per 1,000 inhabitants (``per_1000``), on the
    same territory axis with exact values in the cells and on hover. Each part
    has its own colour scale and a horizontal colour bar under it. In Arabic
    the figure is mirrored: names on the right, then projects, then the baseline.
    """
    values, hover, title, bar_unit = _project_part(metrics, territories, sectors, measure=measure, scale=scale,
                                                   lang=lang)
    rows, columns = territory_names(territories, lang), sector_names(sectors, lang)
    with_baseline = baseline is not None and not baseline.empty
    rtl = is_rtl(lang)
    widths = [0.64, 0.36] if with_baseline else [1.0]
    if rtl:
        widths = widths[::-1]
    figure = make_subplots(rows=1, cols=len(widths), shared_yaxes=True, column_widths=widths,
                           horizontal_spacing=0.03 if with_baseline else 0.0)
    project_col = len(widths) if rtl else 1
    cell = {"row": 1, "col": project_col}
    figure.add_trace(go.Heatmap(
        z=values.to_numpy(), x=list(values.columns), y=list(values.index), colorscale="YlGnBu", hoverinfo="skip",
        colorbar=_colorbar(bar_unit, _domain(figure, project_col))), **cell)
    figure.add_trace(_cell_markers(values, hover), **cell)
    axis = {"side": "top", "tickangle": -40, "type": "category", "automargin": True, "showgrid": False,
            "autorange": "reversed" if rtl else True}
    figure.update_xaxes(tickmode="array", tickvals=list(values.columns),
                        ticktext=[columns[c] for c in values.columns], title={"text": title}, **axis, **cell)
    if with_baseline and baseline is not None:
        _, colours, texts, baseline_hover, names = _baseline_part(baseline, list(values.index), rows,
                                                                     per_1000=per_1000, lang=lang)
        where = {"row": 1, "col": 1 if rtl else 2}
        figure.add_trace(go.Heatmap(
            z=colours.to_numpy(), x=list(COUNTS), y=list(values.index), customdata=baseline_hover,
            hovertemplate="%{customdata}<extra></extra>", colorscale="Oranges", zmin=0, zmax=100, text=texts,
            texttemplate="%{text}", textfont={"size": 9},
            colorbar=_colorbar(translate("Percent of the highest territory", lang), _domain(figure, where["col"]))),
            **where)
        figure.update_xaxes(tickmode="array", tickvals=list(COUNTS), ticktext=[names[c] for c in COUNTS],
                            title={"text": translate("Existing businesses and jobs (HCP 2024)", lang)
                                   .replace(" (", "<br>(", 1)},  # the narrow part: two lines
                            **axis, **where)
    figure.update_yaxes(type="category", autorange="reversed", tickmode="array", tickvals=list(values.index),
                        ticktext=[rows[c] for c in values.index], automargin=True, showticklabels=False,
                        ticks="", showgrid=False)
    # The names sit beside the projects: left of them in French, right of them in Arabic.
    figure.update_yaxes(showticklabels=True, side="right" if rtl else "left", **cell)
    figure.update_layout(height=max(420, 34 * len(values.index) + 260), margin={"l": 10, "r": 10, "t": 40, "b": 10},
                         hoverlabel={"align": "right" if rtl else "left"})
    return figure


def _domain(figure: go.Figure, col: int) -> tuple[float, float]:
    """The paper x range of subplot column ``col`` (from 1)."""
    low, high = figure.layout[f"xaxis{col if col > 1 else ''}"].domain
    return float(low), float(high)


def _colorbar(title: str, domain: tuple[float, float]) -> dict[str, Any]:
    """A horizontal colour bar under the part of the figure spanning ``domain`` (paper x), so bars never overlap."""
    return {"title": {"text": title, "side": "top"}, "orientation": "h", "x": (domain[0] + domain[1]) / 2,
            "xanchor": "center", "len": 0.9 * (domain[1] - domain[0]), "y": -0.02, "yanchor": "top",
            "thickness": 12}


def baseline_heatmap(baseline: pd.DataFrame, *, per_1000: bool, lang: str) -> go.Figure:
    """HCP 2024 businesses by sector, all businesses and permanent jobs per territory, absolute or per 1,000.

    Shown alone when no project matches the filters. ``baseline`` is
    :func:`coopbank.baseline.establishments_baseline`. Colours compare
    territories within each column (value ÷ the column's maximum); the cells
    and the hover show the exact values.
    """
    rows = territory_names(baseline, lang)
    _, colours, cells, hover, names = _baseline_part(baseline, list(baseline["code"]), rows, per_1000=per_1000,
                                                     lang=lang)
    return _heatmap(colours, hover, row_names=rows, column_names=names,
                    title=translate("Existing businesses and jobs (HCP 2024)", lang), text=cells,
                    texttemplate="%{text}", textfont={"size": 10}, showscale=False, colorscale="Oranges",
                    rtl=is_rtl(lang))


def selected_cell(points: Iterable[Mapping[str, Any]], matrix: pd.DataFrame) -> tuple[str, str] | None:
    """The (territory code, sector code) of the first selected cell marker that is a cell of ``matrix``.

    ``points`` are Streamlit's selected points; only those of trace
    :data:`CELL_TRACE` count (a click on the baseline part opens nothing). A
    cell's marker carries [territory code, sector code, hover text] as its ``customdata``.
    """
    for point in points:
        if point.get("curve_number") != CELL_TRACE:
            continue
        data: Sequence[Any] = point.get("customdata") or ()
        if len(data) >= 2 and data[0] in matrix.index and data[1] in matrix.columns:
            return str(data[0]), str(data[1])
    return None


def cell_filters(filters: ProjectFilters, *, level: str, territory_code: str, sector_code: str) -> ProjectFilters:
    """``filters`` narrowed to one heatmap cell: the territory (a region or a province) and the sector."""
    if level == "region":
        return dataclasses.replace(filters, region_code=territory_code, sector_codes=(sector_code,))
    return dataclasses.replace(filters, province_code=territory_code, sector_codes=(sector_code,))
