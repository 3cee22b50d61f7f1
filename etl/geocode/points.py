"""Place points (longitude, latitude in EPSG:4326 degrees) in Morocco's communes, in one SQL statement.

A point inside a commune is matched (score 1). Outside every commune but
within :data:`SNAP_DISTANCE_M` of one (coasts, slivers between boundaries) it
is snapped to the nearest with a lower score. In a known gap of the commune
layer (``commune_gap``, migration 0003) it keeps its province and region and
gets no commune: never a wrong commune. Outside Morocco it is rejected, with
a hint when latitude and longitude look swapped.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import numpy as np
import pandas as pd

from coopbank import db
from etl.geocode._columns import require_columns

LOGGER = logging.getLogger(__name__)
# Farthest a point outside every commune may be from one to be snapped to it, in metres.
SNAP_DISTANCE_M = 2000.0
# Fewest metres in one degree, in any direction, up to 51° of latitude (111.3 km × cos 51°):
# SNAP_DISTANCE_M divided by it is the planar radius, in degrees, of the snap's index-assisted prefilter.
MIN_METRES_PER_DEGREE = 70_000.0
# Score of a snapped point: SNAPPED_SCORE_NEAR at the boundary, falling linearly
# to SNAPPED_SCORE_FAR at SNAP_DISTANCE_M.
SNAPPED_SCORE_NEAR = 0.9
SNAPPED_SCORE_FAR = 0.5
STATUSES = ("matched", "ambiguous", "unmatched", "rejected")
COLUMNS = ("commune_code", "province_code", "region_code", "score", "status", "message", "method", "distance_m")


def geocode_points(points: pd.DataFrame, *, conn: db.Connection | None = None) -> pd.DataFrame:
    """The commune, province and region of each row's ``lat``, ``lon`` (degrees, EPSG:4326).

    Returns a frame with the same index and the columns of :data:`COLUMNS`:
    ``score`` is the confidence in ``commune_code`` (1 inside, 0.5–0.9 when
    snapped, 0 when no commune is given); ``status`` one of :data:`STATUSES`;
    ``method`` 'point', 'snapped_point', 'province_only' or None; ``distance_m``
    0 inside a commune, the distance in metres to the snapped commune, NaN
    otherwise; ``message`` says what was found, in English. Missing,
    non-numeric or out-of-range coordinates are rejected row by row. All valid
    rows are placed by one SQL statement, in ``conn``'s transaction when given.
    """
    require_columns(points, ("lat", "lon"))
    lat = pd.to_numeric(points["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(points["lon"], errors="coerce").to_numpy(dtype=float)
    placeable = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    rows: list[dict[str, Any] | None] = [None] * len(points)
    for position in np.flatnonzero(~placeable):
        rows[position] = _rejection(points["lat"].iat[position], points["lon"].iat[position],
                                    lat[position], lon[position])
    valid = np.flatnonzero(placeable)
    if len(valid):
        for found in _locate(valid, lon[valid], lat[valid], conn=conn):
            position = found["id"]
            rows[position] = _classify(found, lat=lat[position], lon=lon[position])
    frame = pd.DataFrame(rows, index=points.index, columns=list(COLUMNS))
    frame["score"] = frame["score"].astype(float)
    frame["distance_m"] = frame["distance_m"].astype(float)
    LOGGER.info("geocoded %d points: %s", len(frame), frame["status"].value_counts().to_dict())
    return frame


def _result(status: str, message: str, *, commune: str | None = None, province: str | None = None,
            region: str | None = None, score: float = 0.0, method: str | None = None,
            distance_m: float = math.nan) -> dict[str, Any]:
    return {"commune_code": commune, "province_code": province, "region_code": region, "score": score,
            "status": status, "message": message, "method": method, "distance_m": distance_m}


def _rejection(raw_lat: Any, raw_lon: Any, lat: float, lon: float) -> dict[str, Any]:
    """Why coordinates cannot be placed: missing, not numbers, or out of range."""
    if pd.isna(raw_lat) or pd.isna(raw_lon) or str(raw_lat).strip() == "" or str(raw_lon).strip() == "":
        return _result("rejected", "Missing coordinates: both lat and lon are needed (degrees, WGS 84).")
    if math.isnan(lat) or math.isnan(lon):
        return _result("rejected", f"Coordinates are not numbers: lat={raw_lat!r}, lon={raw_lon!r}; "
                                   "give decimal degrees such as lat=33.5228, lon=-5.1106.")
    return _result("rejected", "Coordinates out of range: lat must be within ±90 and lon within ±180 "
                               f"degrees (got lat={lat:g}, lon={lon:g}).")


@contextmanager
def _transaction(conn: db.Connection | None) -> Iterator[db.Connection]:
    """A transaction block on ``conn`` (a savepoint when one is open), else on a new connection.

    A new connection has no statement timeout: a large batch is ETL work, not a dashboard read.
    """
    with nullcontext(conn) if conn is not None else db.connect() as own, own.transaction():
        yield own


def _locate(ids: np.ndarray, lons: np.ndarray, lats: np.ndarray, *, conn: db.Connection | None) -> list[dict]:
    """Rows of ``geocode/locate_points`` for the points ``ids`` (positions), in no particular order."""
    params = {"ids": ids.tolist(), "lons": lons.tolist(), "lats": lats.tolist(),
              "snap_m": SNAP_DISTANCE_M, "snap_deg": SNAP_DISTANCE_M / MIN_METRES_PER_DEGREE}
    with _transaction(conn) as tx:
        db.run("geocode/disable_jit", conn=tx)
        return db.run("geocode/locate_points", params, conn=tx, limit=len(ids)).rows


def _classify(found: dict[str, Any], *, lat: float, lon: float) -> dict[str, Any]:
    """Status, score, method and message of one located point."""
    province, region = found["province_code"], found["region_code"]
    where = _province_phrase(found)
    codes = found["covering_codes"]
    if codes and len(codes) == 1:
        return _result("matched", f"Inside the commune {found['covering_names'][0]} ({codes[0]}).",
                       commune=codes[0], province=province, region=region, score=1.0, method="point",
                       distance_m=0.0)
    if codes:
        listed = ", ".join(f"{name} ({code})" for name, code in zip(found["covering_names"], codes, strict=True))
        return _result("ambiguous", f"On the border of {len(codes)} communes whose boundaries overlap here: "
                                    f"{listed}. No commune is given{where}.",
                       province=province, region=region, method="point", distance_m=0.0)
    if found["gap_km2"] is not None:
        return _result("unmatched", f"In a known gap of the commune boundaries ({found['gap_km2']:.0f} km² "
                                    f"that no commune covers): no commune is given{where}.",
                       province=province, region=region, method="province_only")
    if found["snapped_code"] is not None:
        metres = float(found["snapped_m"])
        score = SNAPPED_SCORE_NEAR - (SNAPPED_SCORE_NEAR - SNAPPED_SCORE_FAR) * metres / SNAP_DISTANCE_M
        return _result("matched", f"Outside every commune boundary: snapped to the nearest commune, "
                                  f"{found['snapped_name']} ({found['snapped_code']}), {metres:,.0f} m away.",
                       commune=found["snapped_code"], province=province, region=region, score=round(score, 3),
                       method="snapped_point", distance_m=metres)
    if found["in_outline"]:
        return _result("unmatched", f"Inside Morocco's region outlines but more than {SNAP_DISTANCE_M:,.0f} m "
                                    f"from every commune boundary: no commune is given{where}.",
                       province=province, region=region, method="province_only")
    message = (f"Outside Morocco: in no region and more than {SNAP_DISTANCE_M:,.0f} m from every commune "
               f"(lat={lat:g}, lon={lon:g}).")
    if found["swapped_in_morocco"]:
        message += f" Latitude and longitude look swapped: lat={lon:g}, lon={lat:g} is in Morocco; swap them."
    return _result("rejected", message)


def _province_phrase(found: dict[str, Any]) -> str:
    """How much of the place is still known when the commune is not, for messages."""
    if found["province_code"]:
        return f"; the province is {found['province_name']} ({found['province_code']}), region {found['region_code']}"
    if found["region_code"]:
        return f"; the region is {found['region_code']}"
    return ""
