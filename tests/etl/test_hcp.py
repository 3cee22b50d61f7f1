"""Bad HCP files are refused with a message naming the file, the line and the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopbank.errors import InvalidInput
from etl import hcp

HEADER = "code,code_digits,name_fr,name_ar,population_2024,households_2024,provinces,communes\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_typed_regions(tmp_path: Path):
    frame = hcp.read_units(_write(tmp_path, HEADER + "01,01,Tanger,طنجة,4030222,1048860,8,146\n"), "region")
    assert frame.loc[0, "population_2024"] == 4030222
    assert frame.loc[0, "code"] == "01"


def test_missing_column_is_named(tmp_path: Path):
    path = _write(tmp_path, "code,name_fr\n01,Tanger\n")
    with pytest.raises(InvalidInput, match=r"regions.csv: missing columns \['code_digits', 'name_ar'"):
        hcp.read_units(path, "region")


def test_non_number_names_line_and_column(tmp_path: Path):
    path = _write(tmp_path, HEADER + "01,01,Tanger,طنجة,4030222,1048860,8,146\n02,02,Oriental,الشرق,lots,5,8,1\n")
    with pytest.raises(InvalidInput, match=r"regions.csv, line 3: population_2024 = 'lots' is not a number"):
        hcp.read_units(path, "region")


def test_empty_name_and_duplicate_codes_are_refused(tmp_path: Path):
    with pytest.raises(InvalidInput, match="line 2: empty name_ar"):
        hcp.read_units(_write(tmp_path, HEADER + "01,01,Tanger,,1,1,1,1\n"), "region")
    with pytest.raises(InvalidInput, match=r"duplicated codes \['01'\]"):
        hcp.read_units(_write(tmp_path, HEADER + "01,01,A,ا,1,1,1,1\n01,01,B,ب,1,1,1,1\n"), "region")


def test_blank_2014_population_is_allowed_but_blank_2024_is_not(tmp_path: Path):
    header = ("code,code_digits,slug,name_fr,name_ar,type,region_code,province_code,cercle_code,population_2024,"
              "households_2024,population_2014,change_pct,area_km2,density_2024\n")
    path = tmp_path / "communes.csv"
    path.write_text(header + "12.391.01.01,123910101,x,Aghouinite,اغوينيت,rural,12,12.391,12.391.01,100,20,,,5.5,\n")
    frame = hcp.read_units(path, "commune")
    assert frame.loc[0, "population_2014"] is not None and frame["population_2014"].isna().all()
    path.write_text(header + "12.391.01.01,123910101,x,Aghouinite,اغوينيت,rural,12,12.391,12.391.01,,20,,,5.5,\n")
    with pytest.raises(InvalidInput, match="population_2024 = '' is not a number"):
        hcp.read_units(path, "commune")


def test_indicator_rows_must_match_their_paths(tmp_path: Path):
    path = tmp_path / "commune_indicators.json"
    path.write_text('{"paths": ["a.b", "a.c"], "values": {"01.051.01.01": [1]}, "paths2014": [], "values2014": {}}')
    with pytest.raises(InvalidInput, match="has 1 values for 2 indicators"):
        hcp.read_indicators(path)
