"""Territory profile reads: project totals, sector mix, terrain and averages that agree with the units."""

from __future__ import annotations

import pytest

from coopbank import profile, projects, territory


@pytest.mark.parametrize(("code", "level"), [("05", "region"), ("03.271", "province"), ("03.271.01.03", "commune"),
                                             ("06.141.01.0", "commune"), ("05.x", None),
                                             ("05.091.01", None), ("", None)])
def test_level_of_follows_the_code_shape(code, level):
    assert profile.level_of(code) == level


def test_comparison_of_a_region_is_with_morocco_only(loaded_db):
    regions = territory.units("region", with_geometry=False).set_index("code")
    row = {**regions.loc["05"].to_dict(), "code": "05"}
    table = profile.comparison(row)
    assert list(table.columns) == ["territory", "national"]
    assert list(table.index) == [*profile.COMPARED, "projects_per_100k"]
    assert (table.loc["projects_per_100k"] == 0).all()  # an empty bank
    for key in profile.COMPARED:
        assert table.at[key, "territory"] == regions.at["05", key]
    total = regions["population_2024"].sum()
    assert table.at["businesses_per_1000", "national"] == pytest.approx(
        1000 * regions["businesses"].sum() / total, abs=0.01)
    assert table.at["rural_share", "national"] == pytest.approx(
        (regions["rural_share"] * regions["population_2024"]).sum() / total, abs=0.001)


def test_comparison_of_a_commune_adds_its_region(loaded_db):
    regions = territory.units("region", with_geometry=False).set_index("code")
    communes = territory.units("commune", region_code="03", with_geometry=False).set_index("code")
    table = profile.comparison({**communes.loc["03.271.01.03"].to_dict(), "code": "03.271.01.03"})
    assert list(table.columns) == ["territory", "region", "national"]
    for key in profile.COMPARED:
        assert table.at[key, "region"] == pytest.approx(regions.at["03", key], abs=0.01)
        assert table.at[key, "territory"] == communes.at["03.271.01.03", key]


def test_commune_terrain(loaded_db):
    ifrane = profile.commune_terrain("03.271.01.03")
    assert ifrane is not None and ifrane["is_mountain"] is True
    assert ifrane["elevation_mean_m"] > 1000 and 0.5 < ifrane["mountain_area_share"] <= 1
    assert profile.commune_terrain("99.999.99.99") is None


def test_an_empty_bank_gives_zeros(loaded_db):
    assert profile.project_totals("region", "05") == {"projects": 0, "investment_mad": 0.0, "secured_mad": 0.0,
                                                      "gap_mad": 0.0, "jobs_direct": 0}
    assert profile.sector_mix("commune", "03.271.01.03").empty


@pytest.mark.parametrize(("level", "code"), [("region", "08"), ("province", "08.587"), ("commune", "03.271.01.03")])
def test_project_totals_equal_the_metrics(sample_db, level, code):
    metrics = projects.metrics_by_territory(projects.ProjectFilters(), level=level).set_index("code")
    totals = profile.project_totals(level, code)
    for key in ("projects", "investment_mad", "secured_mad", "gap_mad", "jobs_direct"):
        assert totals[key] == metrics.at[code, key]


def test_sector_mix_counts_every_project(sample_db):
    mix = profile.sector_mix("region", "08").set_index("sector_code")["projects"].to_dict()
    assert mix == {"agriculture": 1, "apiculture": 1, "artisanat": 1}


def test_projects_per_inhabitant_compare_with_region_and_morocco(sample_db):
    communes = territory.units("commune", region_code="08", with_geometry=False).set_index("code")
    regions = territory.units("region", with_geometry=False).set_index("code")["population_2024"]
    table = profile.comparison({**communes.loc["08.587.07.13"].to_dict(), "code": "08.587.07.13"})
    per_100k = table.loc["projects_per_100k"]
    assert per_100k["territory"] == pytest.approx(100_000 / communes.at["08.587.07.13", "population_2024"])
    assert per_100k["region"] == pytest.approx(100_000 * 3 / regions["08"])
    assert per_100k["national"] == pytest.approx(100_000 * 6 / regions.sum())
