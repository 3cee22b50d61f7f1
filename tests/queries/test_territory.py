"""Territory queries: point-in-commune lookups and indicators that agree with the census."""

from __future__ import annotations

import json

import pytest

from coopbank import territory
from coopbank.errors import InvalidInput


@pytest.mark.parametrize(
    ("place", "lon", "lat", "commune", "province", "region"),
    [
        ("Ifrane", -5.1106, 33.5228, "03.271.01.03", "03.271", "03"),
        ("Midelt", -4.7451, 32.6852, "08.363.01.03", "08.363", "08"),
        ("Tinghir", -5.5328, 31.5147, "08.577.01.11", "08.577", "08"),
        ("Casablanca", -7.5898, 33.5731, "06.141.01.0", "06.141", "06"),
    ],
)
def test_point_in_commune(loaded_db, place, lon, lat, commune, province, region):
    hit = territory.locate_point(lon, lat)
    assert (hit["commune_code"], hit["province_code"], hit["region_code"]) == (commune, province, region), place
    assert hit["commune_name_fr"] == place


def test_point_in_a_gap_of_the_communes_keeps_province_and_region(loaded_db):
    # Inside the ~88 km² between Ifrane and Boulemane that no OpenStreetMap commune covers.
    hit = territory.locate_point(-5.0223, 33.4670)
    assert hit["commune_code"] is None
    assert (hit["province_code"], hit["region_code"]) == ("03.271", "03")


def test_point_outside_morocco_resolves_to_nothing(loaded_db):
    hit = territory.locate_point(2.35, 48.85)  # Paris
    assert hit == {"commune_code": None, "commune_name_fr": None, "commune_name_ar": None,
                   "province_code": None, "region_code": None}


def test_bad_coordinates_are_refused(loaded_db):
    with pytest.raises(InvalidInput, match="Not a longitude/latitude pair"):
        territory.locate_point(-500, 33)


@pytest.mark.parametrize("level", territory.LEVELS)
def test_every_level_adds_up_to_the_national_population(loaded_db, level):
    units = territory.units(level, with_geometry=False)
    assert units["population_2024"].sum() == 36_828_330
    assert units["jobs"].sum() == 3_585_475
    missing = units[list(territory.INDICATORS)].isna().sum().to_dict()
    if level == "commune":  # four Saharan communes have no 2014 census; one commune has no area
        assert missing == {**dict.fromkeys(territory.INDICATORS, 0), "change_pct": 4, "density": 1}
    else:
        assert set(missing.values()) == {0}


def test_region_figures_are_right(loaded_db):
    units = territory.units("region", with_geometry=True).set_index("code")
    beni_mellal = units.loc["05"]
    assert beni_mellal["population_2024"] == 2_525_801
    assert 0 < beni_mellal["mountain_share"] < 1 and 0 < beni_mellal["rural_share"] < 1
    assert beni_mellal["geojson"].startswith('{"type":"MultiPolygon"')


def test_units_within_a_region_and_unknown_levels(loaded_db):
    communes = territory.units("commune", region_code="05", with_geometry=False)
    assert len(communes) == 135 and set(communes["region_code"]) == {"05"}
    with pytest.raises(InvalidInput, match="Unknown level 'douar'"):
        territory.units("douar")


def test_zones_give_rural_and_mountain_outlines(loaded_db):
    zones = territory.zones(region_code="05")
    assert set(zones) == {"rural", "mountain"}
    assert {json.loads(z)["type"] for z in zones.values()} <= {"Polygon", "MultiPolygon"}
