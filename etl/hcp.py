"""Readers of HCP's census and establishment files (CSV and JSON, UTF-8).

Each reader returns a DataFrame with typed columns, or raises
:class:`InvalidInput` naming the file, the row and the column at fault.
Codes are kept as text: dotted HCP codes (``01.511.05.19``) and their
zero-padded digit forms (``015110519``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from coopbank.errors import InvalidInput

REGION_COLUMNS = ["code", "code_digits", "name_fr", "name_ar", "population_2024", "households_2024"]
PROVINCE_COLUMNS = [*REGION_COLUMNS, "type", "region_code"]
CERCLE_COLUMNS = [*REGION_COLUMNS, "region_code", "province_code"]
COMMUNE_COLUMNS = [
    *REGION_COLUMNS, "slug", "type", "region_code", "province_code", "cercle_code",
    "population_2014", "change_pct", "area_km2",
]
COUNT_COLUMNS = {"population_2024", "households_2024"}
ESTABLISHMENT_KEYS = ["code", "level", "name_fr", "basis"]


def _read_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidInput(f"{path.name}: missing columns {missing}")
    frame = frame[columns].apply(lambda col: col.str.strip())
    for column in ("code", "name_fr", "name_ar"):
        if column in frame and (frame[column] == "").any():
            row = int((frame[column] == "").idxmax()) + 2
            raise InvalidInput(f"{path.name}, line {row}: empty {column}")
    duplicated = frame["code"][frame["code"].duplicated()]
    if not duplicated.empty:
        raise InvalidInput(f"{path.name}: duplicated codes {sorted(duplicated)[:5]}")
    return frame


def _numbers(frame: pd.DataFrame, path: Path, columns: list[str], *, integer: bool, nullable: bool = False) -> None:
    """Convert ``columns`` in place; a blank is allowed only when ``nullable``."""
    for column in columns:
        values = pd.to_numeric(frame[column].replace("", None), errors="coerce")
        bad = values.isna() & ((frame[column] != "") | (not nullable))
        if bad.any():
            row = int(bad.idxmax())
            raise InvalidInput(
                f"{path.name}, line {row + 2}: {column} = {frame.at[row, column]!r} is not a number"
            )
        if integer:
            if ((values.dropna() % 1) != 0).any():
                raise InvalidInput(f"{path.name}: {column} holds non-whole numbers")
            frame[column] = values.astype("Int64")
        else:
            frame[column] = values.astype("Float64")


def read_units(path: Path, level: str) -> pd.DataFrame:
    """Read ``regions.csv``, ``provinces.csv``, ``cercles.csv`` or ``communes.csv``.

    ``level`` is 'region', 'province', 'cercle' or 'commune'. Populations and
    households are persons and households (RGPH 2024; ``population_2014`` RGPH
    2014, blank for four Saharan communes); ``area_km2`` is HCP's area in km².
    """
    columns = {
        "region": REGION_COLUMNS,
        "province": PROVINCE_COLUMNS,
        "cercle": CERCLE_COLUMNS,
        "commune": COMMUNE_COLUMNS,
    }[level]
    frame = _read_csv(path, columns)
    _numbers(frame, path, sorted(COUNT_COLUMNS), integer=True)
    if level == "commune":
        _numbers(frame, path, ["population_2014"], integer=True, nullable=True)
        _numbers(frame, path, ["change_pct", "area_km2"], integer=False, nullable=True)
        frame["cercle_code"] = frame["cercle_code"].replace("", None)
    return frame


def read_establishments(path: Path) -> pd.DataFrame:
    """Read HCP's 2024 establishments, one row per (level, code); counts are whole numbers.

    The country row has an empty code in the file; it is stored as ``MA``.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in ESTABLISHMENT_KEYS if c not in frame.columns]
    if missing:
        raise InvalidInput(f"{path.name}: missing columns {missing}")
    counts = [c for c in frame.columns if c not in {*ESTABLISHMENT_KEYS, "code_digits"}]
    _numbers(frame, path, counts, integer=True)
    frame.loc[frame["level"] == "country", "code"] = "MA"
    if frame.duplicated(["level", "code"]).any():
        raise InvalidInput(f"{path.name}: a (level, code) pair appears twice")
    return frame.drop(columns=["code_digits"]).rename(columns={"code": "unit_code"})


def read_establishment_fields(path: Path) -> pd.DataFrame:
    """Read the field descriptions published with the establishments."""
    fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
    frame = pd.DataFrame(fields)[["column", "path", "label", "heading", "unit"]]
    return frame.rename(columns={"column": "column_name"})


def read_indicators(path: Path) -> pd.DataFrame:
    """Read HCP's census indicators per commune, long form.

    Returns columns commune_code, census_year (2014 or 2024), path (e.g.
    ``labour.unemploymentRate``) and value; figures cover the whole commune and
    rates are percentages. Unpublished values (null) are left out, since
    'not published' is the absence of a row.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for year, paths_key, values_key in ((2024, "paths", "values"), (2014, "paths2014", "values2014")):
        paths = data[paths_key]
        for code, values in data[values_key].items():
            if len(values) != len(paths):
                raise InvalidInput(
                    f"{path.name}: commune {code} has {len(values)} values for {len(paths)} indicators ({year})"
                )
        wide = pd.DataFrame.from_dict(data[values_key], orient="index", columns=paths)
        long = wide.rename_axis("commune_code").reset_index().melt(
            id_vars="commune_code", var_name="path", value_name="value"
        )
        long["census_year"] = year
        parts.append(long.dropna(subset=["value"]))
    frame = pd.concat(parts, ignore_index=True)
    frame["value"] = pd.to_numeric(frame["value"], errors="raise").astype(float)
    return frame[["commune_code", "census_year", "path", "value"]]
