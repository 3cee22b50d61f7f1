"""Map classes, legends and payload size, without a browser."""

from __future__ import annotations

import math

from coopbank import territory
from coopbank.territory import INDICATORS
from coopbank.ui import maps


def test_fixed_breaks_give_labelled_classes_with_units():
    classes = maps.classify([0.1, 0.5, 0.9], INDICATORS["rural_share"], "fr")
    assert classes.breaks == (0.2, 0.4, 0.6, 0.8)
    assert len(classes.colours) == len(classes.labels) == 5
    assert classes.labels[0].startswith("<") and classes.labels[-1].startswith("≥")
    assert classes.colour_of(0.1) == classes.colours[0] and classes.colour_of(0.95) == classes.colours[-1]
    assert classes.colour_of(math.nan) == maps.NO_DATA


def test_quintiles_for_open_ended_indicators():
    values = list(range(1, 101))
    classes = maps.classify(values, INDICATORS["population_2024"], "fr")
    assert classes.breaks == (21.0, 41.0, 61.0, 81.0)  # whole numbers: whole-number limits
    counts = [sum(1 for v in values if classes.colour_of(v) == c) for c in classes.colours]
    assert counts == [20, 20, 20, 20, 20]


def test_commune_shares_become_two_categories_in_the_chosen_language():
    fr = maps.classify([0.0, 1.0, 1.0], INDICATORS["mountain_share"], "fr")
    ar = maps.classify([0.0, 1.0], INDICATORS["mountain_share"], "ar")
    assert fr.labels == ("Hors montagne", "Montagne")
    assert ar.labels == ("غير جبلية", "جبلية")


def test_diverging_change_uses_the_diverging_palette():
    classes = maps.classify([-20, 0, 30], INDICATORS["change_pct"], "fr")
    assert set(classes.colours) <= set(maps.DIVERGING) and len(classes.colours) == 6


def test_national_commune_map_stays_under_3_mb_with_tooltips_and_legend(loaded_db):
    units = territory.units("commune")
    zones = territory.zones()
    fmap = maps.choropleth(units, INDICATORS["jobs_per_1000"], lang="ar", zones=zones)
    html = fmap.get_root().render()
    assert len(html.encode("utf-8")) < 3_000_000
    assert "coopbank-legend" in html and 'dir="rtl"' in html
    assert 'let fields = ["name_fr", "name_ar", "value"];' in html
    assert "Casablanca" in html and "\\u0627\\u0644\\u062f\\u0627\\u0631" in html  # الدار (البيضاء), JSON-escaped
    assert "/app/static/leaflet/leaflet.js" in html or "leaflet@" in html


def test_project_layers_cap_markers_and_bound_the_heatmap():
    import pandas as pd

    many = pd.DataFrame({
        "lat": [31.0 + i * 1e-4 for i in range(maps.MAX_MARKERS + 1)], "lon": -7.0, "reference": "R",
        "title_fr": "t", "title_ar": "ت", "is_demo": False, "jobs_direct": 1.0, "investment_mad": 1.0,
    })
    square = '{"type":"Polygon","coordinates":[[[-7.1,31],[-6.9,31],[-6.9,31.2],[-7.1,31.2],[-7.1,31]]]}'
    units = pd.DataFrame({"code": ["X"], "name_fr": ["X"], "name_ar": ["س"], "geojson": [square],
                          "population_2024": [10.0]})
    fmap = maps.choropleth(units, INDICATORS["population_2024"], lang="fr")
    assert maps.add_project_layers(fmap, many, lang="fr", markers=True, heat="jobs_direct") is False
    html = fmap.get_root().render()
    assert "markerClusterGroup" not in html and "heatLayer" in html
    few = maps.choropleth(units, INDICATORS["population_2024"], lang="fr")
    assert maps.add_project_layers(few, many.head(3), lang="fr", markers=True, heat=None) is True
    assert few.get_root().render().count("L.circleMarker") == 3


def test_counts_get_whole_number_classes_without_empty_ones():
    classes = maps.classify([0, 0, 0, 0, 1, 3], INDICATORS["population_2024"], "fr")
    assert classes.breaks == (1.0,)
    assert classes.labels == ("< 1", "≥ 1")


def test_one_unit_with_a_project_among_many_without_stands_apart():
    classes = maps.classify([1.0] + [0.0] * 24, INDICATORS["population_2024"], "fr")
    assert classes.breaks == (1.0,)
    assert classes.colour_of(1.0) != classes.colour_of(0.0)
    assert maps.classify([0.004] + [0.0] * 24, INDICATORS["density"], "fr").breaks == (0.004,)
