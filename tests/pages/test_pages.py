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


def _project_total(at: AppTest) -> float:
    """The sum of the figures table's indicator column (the one after name and HCP code)."""
    shown = at.dataframe[0].value
    return shown[shown.columns[2]].sum()


def test_map_project_filters_come_from_the_url(sample_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    at = _app(level="region", indicator="projects", sector="artisanat,agroalimentaire", status="ready",
              zone="rural", group="women", inv_min="50000", inv_max="900000").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="map-sectors-fr").value == ["artisanat", "agroalimentaire"]
    assert at.multiselect(key="map-statuses-fr").value == ["ready"]
    assert at.selectbox(key="map-zone-fr").value == "rural"
    assert at.selectbox(key="map-group-fr").value == "women"
    assert at.number_input(key="map-fr-investment-min").value == 50_000
    assert at.number_input(key="map-fr-investment-max").value == 900_000
    truth = projects.list_projects(ProjectFilters(
        sector_codes=("artisanat", "agroalimentaire"), status_codes=("ready",), zone="rural", target_group="women",
        investment_min=50_000, investment_max=900_000))
    assert _project_total(at) == len(truth)


def test_map_filters_and_investment_range_are_written_to_the_url(sample_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    at = _app(level="region", indicator="projects").run()
    at.multiselect(key="map-sectors-fr").select("argan").run()
    at.number_input(key="map-fr-investment-min").set_value(100_000).run()
    at.number_input(key="map-fr-investment-max").set_value(400_000).run()
    at.selectbox(key="map-zone-fr").select("mountain").run()
    assert not at.exception
    assert at.query_params["sector"] in ("argan", ["argan"])
    assert at.query_params["inv_min"] in ("100000", ["100000"])
    assert at.query_params["inv_max"] in ("400000", ["400000"])
    assert at.query_params["zone"] in ("mountain", ["mountain"])
    truth = projects.list_projects(ProjectFilters(sector_codes=("argan",), zone="mountain", investment_min=100_000,
                                                  investment_max=400_000))
    assert _project_total(at) == len(truth)


def test_a_contradictory_investment_range_is_an_error_not_a_crash(sample_db):
    at = _app(level="region", indicator="projects").run()
    at.number_input(key="map-fr-investment-min").set_value(500_000).run()
    at.number_input(key="map-fr-investment-max").set_value(100_000).run()
    assert not at.exception
    assert any("minimum" in e.value.lower() for e in at.error)


def test_malformed_map_filters_in_the_url_are_dropped(sample_db):
    at = _app(level="region", indicator="projects", sector="nope,argan,argan", status="<script>", zone="moon",
              group="aliens", inv_min="900000", inv_max="100").run()
    assert not at.exception
    assert at.multiselect(key="map-sectors-fr").value == ["argan"]
    assert at.multiselect(key="map-statuses-fr").value == []
    assert at.selectbox(key="map-zone-fr").value is None
    assert at.selectbox(key="map-group-fr").value is None
    assert at.number_input(key="map-fr-investment-min").value is None
    assert at.number_input(key="map-fr-investment-max").value is None


def test_a_province_in_the_url_shows_its_communes_with_profile_links(sample_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    at = _app(region="08", province="08.577", level="province", indicator="projects").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="province-fr-08").value == "08.577"
    assert at.radio(key="level-fr").options == ["Communes"]
    assert len(at.dataframe[0].value) == 25  # Tinghir's communes
    assert _project_total(at) == len(projects.list_projects(ProjectFilters(province_code="08.577")))
    links = [link.proto.label for link in at.get("page_link")]
    assert [label.split(" (")[0] for label in links] == ["Profil de Drâa-Tafilalet", "Profil de Tinghir"]


def test_a_province_outside_the_region_of_the_link_is_ignored(loaded_db):
    at = _app(region="05", province="08.577", level="commune").run()
    assert not at.exception
    assert at.selectbox(key="province-fr-05").value is None
    assert len(at.dataframe[0].value) == 135


def test_map_filters_survive_a_switch_to_arabic(sample_db):
    at = _app(level="region", indicator="projects", sector="argan", zone="mountain", inv_max="300000").run()
    at.radio(key="lang").set_value("ar").run()
    assert not at.exception
    assert at.multiselect(key="map-sectors-ar").value == ["argan"]
    assert at.selectbox(key="map-zone-ar").value == "mountain"
    assert at.number_input(key="map-ar-investment-max").value == 300_000
