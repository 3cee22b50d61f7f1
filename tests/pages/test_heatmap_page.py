"""The sector heatmap: its figures against SQL truth, the cell → project list, and the page in FR and AR."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from coopbank import projects, territory
from coopbank.projects import ProjectFilters
from coopbank.settings import REPO_ROOT
from coopbank.ui import charts
from coopbank.ui.layout import plain
from tests.project_samples import SAMPLES

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/sector_heatmap.py"
LIST_COLUMNS = {"projects": "reference", "investment_mad": "investment_mad", "jobs_direct": "jobs_direct"}


def _page(lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
