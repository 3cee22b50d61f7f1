"""Every page renders with Streamlit's AppTest, in French and Arabic, on the real data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank.settings import REPO_ROOT
from coopbank.territory import INDICATORS

APP = str(REPO_ROOT / "app.py")


def _app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_national_map_renders(loaded_db, lang):
    at = _app(lang=lang).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"fr": "Carte nationale", "ar": "الخريطة الوطنية"}[lang]
    table = at.dataframe[0].value
    assert len(table) == 12


@pytest.mark.parametrize("indicator", list(INDICATORS))
def test_every_indicator_renders_at_commune_level(loaded_db, indicator):
    at = _app(level="commune", indicator=indicator).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe[0].value) == 1503


def test_choosing_a_region_shows_its_communes_and_is_kept_in_the_url(loaded_db):
    at = _app().run()
    at.selectbox(key="region-fr").select("05").run()
    assert not at.exception
    assert at.query_params["region"] == ["05"] or at.query_params["region"] == "05"
    assert at.radio(key="level-fr").options == ["Provinces", "Communes"]
    assert len(at.dataframe[0].value) == 135
    at.radio(key="level-fr").set_value("province").run()
    assert len(at.dataframe[0].value) == 5


def test_layers_and_view_come_from_the_url(loaded_db):
    at = _app(region="08", level="commune", indicator="density", rural="1", mountain="1").run()
    assert not at.exception
    assert at.toggle(key="rural-fr").value and at.toggle(key="mountain-fr").value
    assert at.selectbox(key="indicator-fr").value == "density"
    assert len(at.dataframe[0].value) == 125


def test_malformed_url_falls_back_to_defaults(loaded_db):
    at = _app(region="99", level="douar", indicator="nope", rural="yes").run()
    assert not at.exception
    assert at.selectbox(key="region-fr").value is None
    assert at.selectbox(key="indicator-fr").value == "population_2024"
    assert not at.toggle(key="rural-fr").value


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_about_page_lists_sources_and_method(loaded_db, lang):
    at = _app(lang=lang)
    at.switch_page("pages/about_data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    for credit in ("Haut-Commissariat au Plan", "OpenStreetMap", "ODbL 1.0", "CC BY 4.0", "MIT", "UNEP-WCMC"):
        assert credit in text
    assert len(at.dataframe[0].value) == 23  # every manifest file but the unused simplified fallback


def test_a_database_outage_shows_a_message_not_a_traceback(loaded_db):
    import streamlit as st

    from coopbank import settings

    st.cache_data.clear()
    with settings.override(database_url="postgresql://postgres@127.0.0.1:1/nowhere"):
        at = _app().run()
    assert not at.exception
    assert "Cannot connect to the database" in at.error[0].value


@pytest.mark.parametrize("indicator", ["projects", "gap_mad", "projects_per_10k_rural"])
def test_project_indicators_on_the_map_equal_sql(sample_db, indicator):
    from coopbank import projects, territory
    from coopbank.projects import ProjectFilters

    at = _app(level="region", indicator=indicator, markers="1", heat="investment_mad").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value.set_index(at.dataframe[0].value.columns[1])  # by HCP code
    truth = projects.with_project_metrics(territory.units("region", with_geometry=False), ProjectFilters(),
                                          level="region").set_index("code")
    assert len(shown) == 12
    values = shown[shown.columns[1]]  # the indicator's column comes right after name and code
    assert values.fillna(0).to_dict() == pytest.approx(truth[indicator].fillna(0).to_dict())


def test_map_filters_by_sector_change_the_project_figures(sample_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    at = _app(level="region", indicator="projects").run()
    at.multiselect(key="map-sectors-fr").select("artisanat").run()
    assert not at.exception
    shown = at.dataframe[0].value
    expected = len(projects.list_projects(ProjectFilters(sector_codes=("artisanat",))))
    assert shown[shown.columns[2]].sum() == expected


def test_an_empty_bank_shows_zero_projects_with_a_message(loaded_db):
    at = _app(level="region", indicator="projects", markers="1").run()
    assert not at.exception
    assert any("Aucun projet" in i.value for i in at.info)


def test_map_zone_and_target_group_filter_the_project_figures(sample_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    at = _app(level="region", indicator="projects").run()
    at.selectbox(key="map-zone-fr").select("mountain").run()
    at.selectbox(key="map-group-fr").select("youth").run()
    assert not at.exception
    shown = at.dataframe[0].value
    expected = len(projects.list_projects(ProjectFilters(zone="mountain", target_group="youth")))
    assert shown[shown.columns[2]].sum() == expected
