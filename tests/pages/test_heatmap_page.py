"""The sector heatmap: its figures against SQL truth, the cell → project list, and the page in FR and AR."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import psycopg
import pytest
from psycopg import sql
from streamlit.testing.v1 import AppTest

from coopbank import baseline, projects, territory
from coopbank.baseline import COUNTS
from coopbank.projects import ProjectFilters
from coopbank.settings import REPO_ROOT
from coopbank.ui import charts
from coopbank.ui.i18n import number
from coopbank.ui.layout import plain
from tests.apptest import open_page
from tests.project_samples import SAMPLES

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/sector_heatmap.py"
LIST_COLUMNS = {"projects": "reference", "investment_mad": "investment_mad", "jobs_direct": "jobs_direct"}


def _page(lang: str = "fr") -> AppTest:
    return open_page(PAGE, lang=lang)


def _inputs(level: str = "region", region_code: str | None = None):
    filters = ProjectFilters(region_code=region_code)
    sectors = projects.sectors()
    sectors = sectors[sectors["parent_code"].isna()]
    territories = territory.units(level, region_code=region_code, with_geometry=False)
    metrics = projects.metrics_by_territory(filters, level=level, by_sector=True)
    return filters, sectors, territories, metrics


def _truth(measure: str, level: str, region_code: str | None) -> pd.DataFrame:
    """Sums of list_projects per (territory, sector), computed here without the aggregate query."""
    found = projects.list_projects(ProjectFilters(region_code=region_code))
    if measure == "projects":
        sums = found.groupby([f"{level}_code", "sector_code"]).size()
    else:
        sums = found.groupby([f"{level}_code", "sector_code"])[LIST_COLUMNS[measure]].sum()
    return sums.unstack(fill_value=0).astype(float)


@pytest.mark.parametrize("measure", ["projects", "investment_mad", "jobs_direct"])
@pytest.mark.parametrize(("level", "region_code"), [("region", None), ("province", "08")])
def test_heatmap_values_equal_sql_truth(sample_db, measure, level, region_code):
    _, sectors, territories, metrics = _inputs(level, region_code)
    truth = _truth(measure, level, region_code)
    population = territories.set_index("code")["population_2024"]
    for scale in charts.SCALES:
        figure = charts.sector_heatmap(metrics, territories, sectors, measure=measure, scale=scale, lang="fr")
        z = pd.DataFrame(np.array(figure.data[0].z, dtype=float), index=list(figure.data[0].y),
                         columns=list(figure.data[0].x))
        assert list(z.index) == list(territories["code"]) and list(z.columns) == list(sectors["code"])
        expected = truth.reindex(index=z.index, columns=z.columns, fill_value=0.0)
        if scale == "per_capita":
            expected = expected.div(population, axis=0) * 10_000
        if scale == "row_share":
            expected = expected.div(expected.sum(axis=1).replace(0, np.nan), axis=0) * 100
        pd.testing.assert_frame_equal(z, expected, check_names=False, check_dtype=False)


def test_gap_is_needed_minus_secured(sample_db):
    _, sectors, territories, metrics = _inputs()
    z = charts.heatmap_matrix(metrics, territories, sectors["code"], measure="gap_mad", scale="absolute")
    assert z.at["03", "agriculture"] == 400_000  # T-IFR-001: 500,000 needed, 100,000 secured
    assert z.at["08", "apiculture"] == 0  # T-DRA-003 is fully funded


def test_hover_gives_formatted_values_with_units(sample_db):
    _, sectors, territories, metrics = _inputs()
    figure = charts.sector_heatmap(metrics, territories, sectors, measure="investment_mad", scale="absolute",
                                   lang="fr")
    hover = {(c[0], c[1]): c[2] for c in figure.data[1].customdata}
    assert "500\u202f000 MAD" in hover["03", "agriculture"]


@pytest.mark.parametrize(("level", "code", "sector"), [("region", "08", "agriculture"), ("region", "03", "agriculture"),
                                                       ("province", "08.587", "apiculture"),
                                                       ("region", "01", "agriculture")])
def test_a_cell_lists_exactly_its_projects(sample_db, level, code, sector):
    filters = ProjectFilters(region_code=code[:2] if level == "province" else None)
    found = projects.list_projects(charts.cell_filters(filters, level=level, territory_code=code,
                                                       sector_code=sector))
    expected = {s["reference"] for s in SAMPLES
                if s.get(f"{level}_code") == code and s["sector_code"] == sector}
    assert set(found["reference"]) == expected


def test_cell_keeps_the_other_filters(sample_db):
    filters = ProjectFilters(include_demo=False)
    found = projects.list_projects(charts.cell_filters(filters, level="province", territory_code="08.587",
                                                       sector_code="apiculture"))
    assert found.empty  # T-DRA-003 is demo data


def test_selected_point_names_its_cell():
    matrix = pd.DataFrame([[1.0]], index=["08"], columns=["agriculture"])
    point = {"curve_number": 1, "x": "agriculture", "y": 8, "customdata": ["08", "agriculture", "Drâa · 1"]}
    assert charts.selected_cell([point], matrix) == ("08", "agriculture")
    assert charts.selected_cell([{"customdata": ["08.587", "agriculture", ""]}], matrix) is None
    assert charts.selected_cell([{"x": "agriculture", "y": 8}], matrix) is None  # a point of another trace
    assert charts.selected_cell([], matrix) is None


def test_each_cell_marker_names_its_cell(sample_db):
    _, sectors, territories, metrics = _inputs()
    figure = charts.sector_heatmap(metrics, territories, sectors, measure="projects", scale="absolute", lang="ar")
    markers = figure.data[1]
    assert len(markers.customdata) == len(territories) * len(sectors)
    assert {(c[0], c[1]) for c in markers.customdata} == {(t, s) for t in territories["code"] for s in sectors["code"]}


@pytest.mark.parametrize(("lang", "title"), [("fr", "Carte de chaleur des secteurs"),
                                             ("ar", "خريطة حرارية للقطاعات")])
def test_page_renders_and_a_cell_opens_its_list(sample_db, lang, title):
    at = _page(lang)
    assert at.title[0].value == title
    cells = at.selectbox(key=f"hm-cell-{lang}-region")
    assert len(cells.options) == 1 + len(SAMPLES)  # every sample is alone in its cell
    index = next(i for i, o in enumerate(cells.options) if o.endswith("(1)") and ("Souss" in o or "سوس" in o))
    cells.select_index(index).run()
    assert not at.exception
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["T-SOU-004"]
    at.session_state["hm-projects"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert [link.value for link in at.page_link][0].endswith(plain("T-SOU-004"))


def test_a_clicked_cell_opens_its_list(sample_db):
    at = _page()
    point = {"curve_number": 1, "x": "artisanat", "y": "08", "customdata": ["08", "artisanat", ""]}
    at.session_state["hm-chart-region"] = {"selection": {"points": [point], "point_indices": [0], "box": [],
                                                         "lasso": []}}
    at.run()
    assert not at.exception
    assert list(at.dataframe[0].value["Référence"]) == ["T-TIN-002"]


def test_page_follows_the_region_and_the_scale(sample_db):
    at = _page()
    at.selectbox(key="p-region-fr").select("08").run()
    at.radio(key="hm-scale-fr").set_value("row_share").run()
    at.toggle(key="hm-baseline-rate").set_value(True).run()
    assert not at.exception
    assert len(at.selectbox(key="hm-cell-fr-province").options) == 1 + 3


def test_filters_matching_nothing_show_an_empty_state(sample_db):
    at = _page()
    at.text_input(key="p-text").input("nothing like this").run()
    assert not at.exception and at.info[0].value == "Aucun projet ne correspond à ces filtres."


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_page_on_a_bank_without_projects(loaded_db, lang):
    at = _page(lang)
    assert at.info and not at.error
    assert any("HCP" in c.value for c in at.caption)


def _baseline_truth(sample_db: str, level: str, region_code: str | None) -> pd.DataFrame:
    """HCP's counts per territory read straight from the establishments table, with the 2024 population."""
    query = sql.SQL(
        "SELECT u.code, u.population_2024::float8, e.sector_industry, e.sector_construction, e.sector_commerce, "
        "e.sector_services, e.establishments_business, e.establishments_jobs FROM {} u "
        "JOIN establishments e ON e.level = %s AND e.unit_code = u.code "
        "WHERE %s::text IS NULL OR left(u.code, 2) = %s").format(sql.Identifier(level))
    with psycopg.connect(sample_db) as conn:
        rows = conn.execute(query, (level, region_code, region_code)).fetchall()
    return pd.DataFrame(rows, columns=["code", "population", *COUNTS]).set_index("code").astype(float)


@pytest.mark.parametrize("per_1000", [False, True])
@pytest.mark.parametrize(("level", "region_code"), [("region", None), ("province", "08")])
def test_baseline_beside_the_projects_equals_sql_truth(sample_db, level, region_code, per_1000):
    _, sectors, territories, metrics = _inputs(level, region_code)
    fabric = baseline.establishments_baseline(level, region_code=region_code)
    figure = charts.sector_heatmap(metrics, territories, sectors, measure="projects", scale="absolute", lang="fr",
                                   baseline=fabric, per_1000=per_1000)
    projects_part, markers, hcp = figure.data
    assert (projects_part.xaxis, markers.xaxis, hcp.xaxis) == ("x", "x", "x2")
    assert list(hcp.y) == list(projects_part.y) == list(territories["code"])  # one territory axis
    assert figure.layout.yaxis2.matches == "y" and list(hcp.x) == list(COUNTS)
    truth = _baseline_truth(sample_db, level, region_code).reindex(list(territories["code"]))
    if per_1000:
        truth[list(COUNTS)] = truth[list(COUNTS)].mul(1000 / truth["population"], axis=0)
    truth = truth[list(COUNTS)]
    colours = pd.DataFrame(np.array(hcp.z, dtype=float), index=list(hcp.y), columns=list(hcp.x))
    pd.testing.assert_frame_equal(colours, 100 * truth / truth.max(), check_names=False)
    decimals = 1 if per_1000 else 0
    assert [list(r) for r in hcp.text] == [[number(v, "fr", decimals=decimals) for v in row]
                                           for row in truth.to_numpy()]
    code = truth.index[0]
    assert number(truth.at[code, "jobs"], "fr", decimals=decimals) in hcp.customdata[0][-1]
    # the project part is unchanged by the baseline beside it
    alone = charts.sector_heatmap(metrics, territories, sectors, measure="projects", scale="absolute", lang="fr")
    np.testing.assert_array_equal(np.array(alone.data[0].z), np.array(projects_part.z))
    colourbars = [projects_part.colorbar, hcp.colorbar]
    assert {c.orientation for c in colourbars} == {"h"} and colourbars[0].x < colourbars[1].x


def test_arabic_figure_is_mirrored(sample_db):
    _, sectors, territories, metrics = _inputs()
    fabric = baseline.establishments_baseline("region")
    figure = charts.sector_heatmap(metrics, territories, sectors, measure="projects", scale="absolute", lang="ar",
                                   baseline=fabric, per_1000=False)
    projects_part, _, hcp = figure.data
    assert (projects_part.xaxis, hcp.xaxis) == ("x2", "x")  # the projects on the right, the baseline on the left
    assert figure.layout.xaxis.domain[1] < figure.layout.xaxis2.domain[0]
    assert figure.layout.xaxis2.autorange == "reversed" and figure.layout.yaxis2.side == "right"
    assert figure.layout.yaxis2.showticklabels and not figure.layout.yaxis.showticklabels
    assert projects_part.colorbar.x > hcp.colorbar.x


def test_clicks_on_the_baseline_are_ignored():
    matrix = pd.DataFrame([[1.0]], index=["08"], columns=["agriculture"])
    cell = ["08", "agriculture", "Drâa · 1"]
    assert charts.selected_cell([{"curve_number": 2, "customdata": cell}], matrix) is None
    assert charts.selected_cell([{"curve_number": 0, "customdata": cell}], matrix) is None
    assert charts.selected_cell([{"curve_number": 2, "customdata": cell},
                                 {"curve_number": charts.CELL_TRACE, "customdata": cell}], matrix) == ("08",
                                                                                                    "agriculture")


def _figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_page_draws_one_figure_with_both_parts(sample_db):
    at = _page()
    figure = _figure(at)
    assert [trace["type"] for trace in figure["data"]] == ["heatmap", "scatter", "heatmap"]
    assert len(at.get("plotly_chart")) == 1
    texts = figure["data"][2]["text"]
    at.toggle(key="hm-baseline-rate").set_value(True).run()
    assert not at.exception and _figure(at)["data"][2]["text"] != texts
    point = {"curve_number": 2, "x": "jobs", "y": "08", "customdata": "Drâa-Tafilalet · Emplois"}
    at.session_state["hm-chart-region"] = {"selection": {"points": [point], "point_indices": [0], "box": [],
                                                         "lasso": []}}
    at.run()
    assert not at.exception and not at.dataframe  # a click on the baseline opens no list


def test_no_match_shows_the_baseline_alone(sample_db):
    at = _page("ar")
    at.text_input(key="p-text").input("nothing like this").run()
    assert not at.exception and at.info[0].value == "لا يوجد مشروع يطابق هذه المعايير."
    figure = _figure(at)
    assert [trace["type"] for trace in figure["data"]] == ["heatmap"]
    assert figure["layout"]["yaxis"]["side"] == "right"
