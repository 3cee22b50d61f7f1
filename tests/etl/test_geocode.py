"""The geocoders on the real data: points to communes in PostGIS, written names to communes, CSV files."""

from __future__ import annotations

import math

import pandas as pd
import psycopg
import pytest

from coopbank import db, settings
from coopbank.errors import InvalidInput
from etl.geocode import NameGeocoder, geocode_names, geocode_points, points
from etl.geocode.cli import geocode_names_file, geocode_points_file
from etl.geocode.textfold import fold, is_arabic, phonetic_key

# --- folding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Aït-Ourir", "ait ourir"),
        ("  KÉNITRA  ", "kenitra"),
        ("M'diq", "m diq"),
        ("Béni   Mellal", "beni mellal"),
        ("Ksar El-Kébir !", "ksar el kebir"),
        ("Kalâat M’gouna", "kalaat m gouna"),
    ],
)
def test_fold_drops_case_accents_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("إفران", "افران"),  # alef with hamza below
        ("أزرو", "ازرو"),  # alef with hamza above
        ("آيت يحيى", "ايت يحيي"),  # alef with madda, alef maqsura
        ("ٱلرباط", "الرباط"),  # alef wasla
        ("تازة", "تازه"),  # ta marbuta
        ("مِيدِلْت", "ميدلت"),  # harakat
        ("ميـــدلت", "ميدلت"),  # tatweel
        ("أڭادير", "اكادير"),  # Moroccan gaf
    ],
)
def test_fold_merges_arabic_spelling_variants(variant, standard):
    assert fold(variant) == fold(standard)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Commune de Midelt", "midelt"),
        ("Commune rurale de Tizguite", "tizguite"),
        ("Commune urbaine d'Azrou", "azrou"),
        ("CR Tizguite", "tizguite"),
        ("CU Ifrane", "ifrane"),
        ("Municipalité de Midelt", "midelt"),
        ("Jamaa Ifrane", "ifrane"),
        ("Jemaa Ifrane", "ifrane"),
        ("جماعة ميدلت", "ميدلت"),
        ("الجماعة الترابية ميدلت", "ميدلت"),
        ("Commune", "commune"),  # nothing follows: kept
        ("Jemaat Moul Blad", "jemaat moul blad"),  # a name, not a prefix
        ("Commune El Hajeb", "el hajeb"),  # the article stays
    ],
)
def test_fold_drops_administrative_prefixes(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ouarzazate", "Warzazat"),
        ("Sidi Bou Othmane", "Sidi Bouothmane"),
        ("Chefchaouen", "Shefshawen"),
        ("Ait Yahya", "Aït Yahia"),
        ("Essaouira", "Esaouira"),
        ("العثامنة", "لعثامنة"),
    ],
)
def test_phonetic_key_merges_transliterations(one, other):
    assert phonetic_key(fold(one)) == phonetic_key(fold(other))


def test_phonetic_key_keeps_different_names_apart():
    assert phonetic_key(fold("Oulad Aissa")) != phonetic_key(fold("Ouled Aissa Mellal"))
    assert phonetic_key(fold("Tabia")) != phonetic_key(fold("Tata"))


def test_is_arabic():
    assert is_arabic("إفران") and is_arabic("Ifrane إفران")
    assert not is_arabic("Ifrane") and not is_arabic("")


# --- points --------------------------------------------------------------------------------------

SLIVER = (-6.92467279276604, 31.345129156043527)  # 0.02 km² between Ait Oumdis, Telouet and Ghassate


def _one(lon: float, lat: float) -> pd.Series:
    return geocode_points(pd.DataFrame({"lat": [lat], "lon": [lon]})).iloc[0]


@pytest.mark.parametrize(
    ("place", "lon", "lat", "commune", "province", "region"),
    [
        ("Ifrane", -5.1106, 33.5228, "03.271.01.03", "03.271", "03"),
        ("Midelt", -4.7451, 32.6852, "08.363.01.03", "08.363", "08"),
    ],
)
def test_point_inside_a_commune_is_matched(loaded_db, place, lon, lat, commune, province, region):
    hit = _one(lon, lat)
    assert (hit.commune_code, hit.province_code, hit.region_code) == (commune, province, region)
    assert (hit.status, hit.method, hit.score, hit.distance_m) == ("matched", "point", 1.0, 0.0)
    assert hit.message == f"Inside the commune {place} ({commune})."


def test_point_off_the_atlantic_coast_snaps_to_the_coastal_commune(loaded_db):
    hit = _one(-9.780, 31.5133)  # ~350 m at sea west of Essaouira's medina
    assert (hit.commune_code, hit.province_code, hit.region_code) == ("07.211.01.05", "07.211", "07")
    assert (hit.status, hit.method) == ("matched", "snapped_point")
    assert 300 < hit.distance_m < 400
    assert points.SNAPPED_SCORE_FAR < hit.score < 1
    assert "snapped to the nearest commune, Essaouira (07.211.01.05), 350 m away" in hit.message


def test_point_in_a_sliver_between_communes_snaps_a_few_metres(loaded_db):
    hit = _one(*SLIVER)
    assert (hit.commune_code, hit.method, hit.status) == ("08.401.07.01", "snapped_point", "matched")
    assert hit.distance_m < 20 and hit.score > 0.89


@pytest.mark.parametrize(
    ("lon", "lat", "province", "region", "km2"),
    [
        (-5.0223, 33.4670, "03.271", "03", "88 km²"),  # between Ifrane and Boulemane
        (-2.908167659608679, 32.0928297414582, "02.251", "02", "10 km²"),  # Figuig, along the border
    ],
)
def test_point_in_a_known_gap_keeps_province_and_region_and_no_commune(loaded_db, lon, lat, province, region, km2):
    hit = _one(lon, lat)
    assert hit.commune_code is None
    assert (hit.province_code, hit.region_code) == (province, region)
    assert (hit.status, hit.method, hit.score) == ("unmatched", "province_only", 0.0)
    assert math.isnan(hit.distance_m)
    assert f"known gap of the commune boundaries ({km2}" in hit.message
    assert f"({province}), region {region}" in hit.message


def test_the_gaps_are_the_two_real_holes(loaded_db):
    with psycopg.connect(loaded_db) as conn:
        gaps = conn.execute(
            "SELECT province_code, region_code, area_km2::float FROM commune_gap ORDER BY id").fetchall()
    assert [(p, r) for p, r, _ in gaps] == [("02.251", "02"), ("03.131", "03"), ("03.271", "03")]
    assert [round(a) for _, _, a in gaps] == [10, 0, 88]  # the Ifrane gap spills 0.3 km² into Boulemane


def test_far_from_communes_inside_the_outlines_keeps_the_region(loaded_db, monkeypatch):
    # The only such places are within 2 km of a commune; with a 500 m snap, one near Bir Gandouz is not.
    monkeypatch.setattr(points, "SNAP_DISTANCE_M", 500.0)
    hit = _one(-16.9374342877178, 21.33432757785641)
    assert (hit.commune_code, hit.region_code, hit.status, hit.method) == (None, "12", "unmatched", "province_only")
    assert "more than 500 m from every commune boundary" in hit.message


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [("Madrid", -3.70, 40.42), ("Oran", -0.63, 35.70), ("open Atlantic", -12.0, 32.0), ("Paris", 2.35, 48.85)],
)
def test_point_outside_morocco_is_rejected(loaded_db, place, lon, lat):
    hit = _one(lon, lat)
    assert (hit.status, hit.commune_code, hit.province_code, hit.region_code, hit.method) == (
        "rejected", None, None, None, None), place
    assert hit.message.startswith("Outside Morocco") and "swap" not in hit.message


def test_swapped_coordinates_are_rejected_with_a_hint(loaded_db):
    hit = _one(33.57, -7.59)  # Casablanca with lat and lon exchanged
    assert hit.status == "rejected" and hit.commune_code is None
    assert "look swapped: lat=33.57, lon=-7.59 is in Morocco; swap them" in hit.message


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        (math.nan, -5.1, "Missing coordinates"),
        (33.5, None, "Missing coordinates"),
        ("", "-5.1", "Missing coordinates"),
        ("33,5", "-5.1", "Coordinates are not numbers: lat='33,5'"),
        (95.0, -5.1, "Coordinates out of range"),
        (33.5, math.inf, "Coordinates out of range"),
    ],
)
def test_unusable_coordinates_are_rejected(loaded_db, lat, lon, message):
    hit = geocode_points(pd.DataFrame({"lat": [lat], "lon": [lon]}, dtype=object)).iloc[0]
    assert hit.status == "rejected" and hit.commune_code is None and hit.method is None
    assert hit.message.startswith(message)


def test_a_mixed_batch_keeps_order_and_index(loaded_db):
    batch = pd.DataFrame(
        {
            "lon": [-12.0, -4.7451, math.nan, -5.0223, -9.780, 33.57, -5.1106, -0.63],
            "lat": [32.0, 32.6852, 33.0, 33.4670, 31.5133, -7.59, 33.5228, 35.70],
            "label": ["ocean", "midelt", "nan", "gap", "coast", "swapped", "ifrane", "oran"],
        },
        index=[70, 10, 30, 20, 60, 40, 0, 50],
    )
    found = geocode_points(batch)
    assert list(found.index) == list(batch.index)
    assert list(found.columns) == list(points.COLUMNS)
    assert list(found["commune_code"].fillna("-")) == [
        "-", "08.363.01.03", "-", "-", "07.211.01.05", "-", "03.271.01.03", "-"]
    assert list(found["status"]) == [
        "rejected", "matched", "rejected", "unmatched", "matched", "rejected", "matched", "rejected"]
    assert list(found["method"].fillna("-")) == [
        "-", "point", "-", "province_only", "snapped_point", "-", "point", "-"]
    assert found.loc[40, "message"].endswith("swap them.")


def test_points_join_the_callers_transaction(loaded_db):
    with db.connect() as conn:
        found = geocode_points(pd.DataFrame({"lat": [33.5228], "lon": [-5.1106]}), conn=conn)
        assert db.run("territory/regions", conn=conn).rows  # the connection is still usable
    assert found["commune_code"].tolist() == ["03.271.01.03"]


def test_points_need_lat_and_lon(loaded_db):
    with pytest.raises(InvalidInput, match=r"Missing required column lon \(columns found: lat, x\)"):
        geocode_points(pd.DataFrame({"lat": [33.0], "x": [1]}))


# --- names ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def geocoder(loaded_url):
    with settings.override(database_url=loaded_url):
        return NameGeocoder.from_database()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ifrane", "03.271.01.03"),
        ("إفران", "03.271.01.03"),
        ("Midelt", "08.363.01.03"),
        ("ميدلت", "08.363.01.03"),
        ("Ouarzazate", "08.401.01.07"),
        ("Tétouan", "01.571.01.11"),
    ],
)
def test_exact_names_are_matched(geocoder, name, code):
    found = geocoder.match(name)
    assert (found.status, found.commune_code, found.score) == ("matched", code, 1.0)
    assert found.province_code == code[:6] and found.region_code == code[:2]
    assert found.candidates[0].code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ifran", "03.271.01.03"),  # typo
        ("Ouarzazat", "08.401.01.07"),
        ("Warzazat", "08.401.01.07"),  # English transliteration
        ("Tineghir", "08.577.01.11"),
        ("Tangier", "01.511.01.0"),
        ("Tetouan", "01.571.01.11"),  # accent dropped
        ("Kenitra", "04.281.01.01"),
        ("Fes", "03.231.01.0"),
        ("Ifrâne", "03.271.01.03"),  # accent added
        ("Aït Ourir", "07.041.01.01"),
        ("AIT OURIR", "07.041.01.01"),
        ("Sidi Bouothmane", "07.427.01.17"),  # HCP: Sidi Bou Othmane
        ("sidi-bou-othmane", "07.427.01.17"),  # the slug
    ],
)
def test_spelling_variants_are_matched(geocoder, name, code):
    found = geocoder.match(name)
    assert (found.status, found.commune_code) == ("matched", code), found.message
    assert found.score >= 0.85


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("افران", "03.271.01.03"),  # hamza dropped
        ("إِفْرَان", "03.271.01.03"),  # harakat
        ("إفـــران", "03.271.01.03"),  # tatweel
        ("تازه", "03.561.01.11"),  # ha for ta marbuta (HCP: تازة)
        ("زاكوره", "08.587.01.13"),
        ("خميس سيدي يحيي", "04.291.09.09"),  # ya for alef maqsura (HCP: يحيى)
        ("ايت يحيي", "08.363.15.01"),  # no madda (HCP: آيت يحيى)
    ],
)
def test_arabic_spelling_variants_are_matched(geocoder, name, code):
    found = geocoder.match(name)
    assert (found.status, found.commune_code, found.score) == ("matched", code, 1.0), found.message


@pytest.mark.parametrize("name", ["Commune de Midelt", "Commune urbaine de Midelt", "CU Midelt", "جماعة ميدلت",
                                  "الجماعة الترابية ميدلت"])
def test_administrative_prefixes_are_ignored(geocoder, name):
    assert geocoder.match(name).commune_code == "08.363.01.03"


def test_a_name_shared_by_two_provinces_is_ambiguous_without_a_hint(geocoder):
    found = geocoder.match("Ajdir")  # Al Hoceima and Taza
    assert (found.status, found.commune_code, found.province_code, found.region_code) == (
        "ambiguous", None, None, None)
    assert [(c.code, c.province_code, c.province_name_fr, c.score) for c in found.candidates] == [
        ("01.051.01.09", "01.051", "Al Hoceima", 1.0), ("03.561.03.01", "03.561", "Taza", 1.0)]
    assert "Ajdir (01.051.01.09, province Al Hoceima); Ajdir (03.561.03.01, province Taza)" in found.message


@pytest.mark.parametrize(
    ("province", "region", "code"),
    [
        ("Taza", None, "03.561.03.01"),
        ("taza", None, "03.561.03.01"),
        ("الحسيمة", None, "01.051.01.09"),
        ("Al Hoceima", None, "01.051.01.09"),
        ("Al-Hoceïma", None, "01.051.01.09"),
        ("01.051", None, "01.051.01.09"),
        ("03.561", None, "03.561.03.01"),
        (None, "03", "03.561.03.01"),
        (None, "1", "01.051.01.09"),
        (None, "Fès-Meknès", "03.561.03.01"),
        (None, "Tanger-Tetouan-Al Hoceima", "01.051.01.09"),
    ],
)
def test_a_province_or_region_hint_settles_it(geocoder, province, region, code):
    found = geocoder.match("Ajdir", province=province, region=region)
    assert (found.status, found.commune_code) == ("matched", code), found.message


def test_three_way_duplicates_and_shared_regions(geocoder):
    found = geocoder.match("Oulad Aissa")
    assert found.status == "ambiguous" and len(found.candidates) == 3
    assert {c.province_code for c in found.candidates} == {"05.311", "06.181", "09.541"}
    assert geocoder.match("Oulad Aissa", province="El Jadida").commune_code == "06.181.05.03"
    # Sidi Ghanem is in Chichaoua and in Rehamna, both in Marrakech-Safi: the region is known.
    shared = geocoder.match("Sidi Ghanem")
    assert (shared.status, shared.commune_code, shared.province_code, shared.region_code) == (
        "ambiguous", None, None, "07")


@pytest.mark.parametrize("name", ["xqzvbnm", "Zzzz Qqqq", "ققق ثثث", "12345"])
def test_gibberish_is_unmatched(geocoder, name):
    found = geocoder.match(name)
    assert (found.status, found.commune_code, found.province_code) == ("unmatched", None, None)
    assert found.score < 0.85 and found.message.startswith(f"No commune matches {name!r}")


def test_a_hint_that_excludes_the_name_says_where_it_is(geocoder):
    found = geocoder.match("Ifrane", province="Midelt")
    assert (found.status, found.commune_code) == ("unmatched", None)
    assert "in province 'Midelt'" in found.message and "Outside it, Ifrane (03.271.01.03" in found.message


def test_an_unknown_hint_is_ignored_and_said(geocoder):
    found = geocoder.match("Ifrane", province="Atlantis")
    assert found.commune_code == "03.271.01.03"
    assert "The province 'Atlantis' matches no known province and was ignored." in found.message


def test_an_empty_name_is_unmatched(geocoder):
    assert geocoder.match("  ").status == "unmatched"
    assert geocoder.match("Commune de").status == "unmatched"


def test_geocode_names_adds_the_columns(geocoder):
    frame = pd.DataFrame({"name": ["Ifran", "Ajdir", "Ajdir", None, "xqzvbnm"],
                          "province": [None, None, "Taza", None, ""]}, index=list("abcde"))
    found = geocode_names(frame, geocoder=geocoder)
    assert list(found.index) == list("abcde")
    assert list(found.columns) == ["name", "province", "commune_code", "province_code", "region_code", "score",
                                   "status", "message"]
    assert list(found["status"]) == ["matched", "ambiguous", "matched", "unmatched", "unmatched"]
    assert list(found["commune_code"].fillna("-")) == ["03.271.01.03", "-", "03.561.03.01", "-", "-"]
    assert "01.051.01.09" in found.loc["b", "message"] and "03.561.03.01" in found.loc["b", "message"]
    with pytest.raises(InvalidInput, match="Missing required column name"):
        geocode_names(pd.DataFrame({"commune": ["Ifrane"]}), geocoder=geocoder)


# --- command-line files --------------------------------------------------------------------------


def test_names_file_round_trip(loaded_db, tmp_path):
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text("ref,name,province\nP-1,Ifrane,\nP-2,أجدير,تازة\nP-3,Ajdir,\nP-4,blablabla,\n",
                      encoding="utf-8")
    counts = geocode_names_file(source, target)
    assert counts == {"matched": 2, "ambiguous": 1, "unmatched": 1}
    out = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(out.columns) == ["ref", "name", "province", "commune_code", "province_code", "region_code",
                                 "score", "status", "message"]
    assert list(out["ref"]) == ["P-1", "P-2", "P-3", "P-4"] and out.loc[1, "name"] == "أجدير"
    assert list(out["commune_code"]) == ["03.271.01.03", "03.561.03.01", "", ""]


def test_points_file_round_trip(loaded_db, tmp_path):
    source, target = tmp_path / "points.csv", tmp_path / "out.csv"
    source.write_text("id,lat,lon\n007,33.5228,-5.1106\n008,,\n009,-7.59,33.57\n010,33.4670,-5.0223\n",
                      encoding="utf-8-sig")
    counts = geocode_points_file(source, target)
    assert counts == {"matched": 1, "ambiguous": 0, "unmatched": 1, "rejected": 2}
    out = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(out.columns) == ["id", "lat", "lon", *points.COLUMNS]
    assert list(out["id"]) == ["007", "008", "009", "010"] and out.loc[0, "lat"] == "33.5228"
    assert list(out["commune_code"]) == ["03.271.01.03", "", "", ""]
    assert list(out["province_code"]) == ["03.271", "", "", "03.271"]


@pytest.mark.parametrize(
    ("run", "header", "missing"),
    [(geocode_points_file, "id,latitude,lon", "lat"), (geocode_names_file, "id,commune", "name")],
)
def test_files_without_a_required_column_are_refused(loaded_db, tmp_path, run, header, missing):
    source = tmp_path / "in.csv"
    source.write_text(f"{header}\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        run(source, tmp_path / "out.csv")
    assert caught.value.message.startswith(f"{source}: Missing required column {missing} (columns found: ")
    assert not (tmp_path / "out.csv").exists()
