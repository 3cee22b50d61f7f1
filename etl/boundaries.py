"""Readers of the boundary files: TopoJSON/GeoJSON through GDAL (pyogrio).

All geometries are returned in EPSG:4326 (longitude/latitude, degrees) as
MultiPolygons. Invalid rings are repaired with ``shapely.make_valid`` and the
repair is flagged per feature, so the load can count it.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon

from coopbank.errors import InvalidInput

CRS = "EPSG:4326"
# Display tolerance in degrees (about 0.005° = 500 m): keeps the national
# commune layer light enough for a browser while borders stay shared.
DISPLAY_TOLERANCE_DEG = 0.005


def _read(path: Path, required: list[str]) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # GDAL raises several types for unreadable files
        raise InvalidInput(f"{path.name} cannot be read as a vector file: {exc}") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InvalidInput(f"{path.name}: missing properties {missing}")
    return frame.set_crs(CRS, allow_override=True)


def to_multipolygons(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Repair and normalise geometries to MultiPolygons.

    Returns the new geometries and a boolean array that is true where the
    input was invalid and had to be repaired. Line or point debris that
    ``make_valid`` leaves from collapsed spikes is dropped; an empty result
    becomes ``None``.
    """
    geoms = np.asarray(geoms, dtype=object)
    present = ~shapely.is_missing(geoms)
    repaired = present & ~shapely.is_valid(geoms)
    fixed = geoms.copy()
    fixed[repaired] = shapely.make_valid(geoms[repaired])
    out = np.empty(len(geoms), dtype=object)
    for i, geom in enumerate(fixed):
        if geom is None:
            continue
        polygons = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        parts = [q for p in polygons for q in shapely.get_parts(p)]
        out[i] = MultiPolygon(parts) if parts else None
    return out, repaired


def display_geometries(geoms: np.ndarray, *, tolerance: float = DISPLAY_TOLERANCE_DEG) -> np.ndarray:
    """Simplify a coverage of polygons for maps, keeping shared borders shared.

    Uses GEOS coverage simplification; ``tolerance`` is in degrees. A feature
    that the simplification would make invalid or empty keeps its original
    geometry, so no unit disappears from the map.
    """
    geoms = np.asarray(geoms, dtype=object)
    present = ~shapely.is_missing(geoms)
    out = np.empty(len(geoms), dtype=object)
    simplified = shapely.coverage_simplify(geoms[present], tolerance)
    out[present] = simplified
    broken = present & (shapely.is_missing(out) | shapely.is_empty(out) | ~shapely.is_valid(out))
    out[broken] = geoms[broken]
    fixed, _ = to_multipolygons(out)
    return fixed


def read_regions(path: Path) -> gpd.GeoDataFrame:
    """Regions from morocco-map: ``iso_3166_2`` (MA-01…MA-12), ``region_code`` ('01'…'12')."""
    frame = _read(path, ["id"])
    if not frame["id"].str.fullmatch(r"MA-\d{2}").all():
        raise InvalidInput(f"{path.name}: region ids must look like MA-01")
    out = gpd.GeoDataFrame(
        {"iso_3166_2": frame["id"], "region_code": frame["id"].str[3:]}, geometry=frame.geometry, crs=CRS
    )
    return _with_repairs(out)


def read_provinces(path: Path, crosswalk: pd.DataFrame) -> gpd.GeoDataFrame:
    """Provinces from morocco-map joined to HCP codes through the crosswalk.

    ``crosswalk`` has columns iso_3166_2, hcp_code, iou. A province id missing
    from the crosswalk is an error: it would otherwise vanish from the map.
    """
    frame = _read(path, ["id"])
    joined = frame.merge(crosswalk, left_on="id", right_on="iso_3166_2", how="left")
    unmatched = joined.loc[joined["hcp_code"].isna(), "id"].tolist()
    if unmatched:
        raise InvalidInput(f"{path.name}: provinces with no HCP code in the crosswalk: {unmatched}")
    out = gpd.GeoDataFrame(
        {"iso_3166_2": joined["id"], "province_code": joined["hcp_code"], "crosswalk_iou": joined["iou"]},
        geometry=joined.geometry,
        crs=CRS,
    )
    return _with_repairs(out)


def read_crosswalk(path: Path) -> pd.DataFrame:
    """The ISO 3166-2 ↔ HCP province crosswalk, one-to-one."""
    frame = pd.read_csv(path, dtype={"iso_3166_2": str, "hcp_code": str, "iou": float})
    if frame["iso_3166_2"].duplicated().any() or frame["hcp_code"].duplicated().any():
        raise InvalidInput(f"{path.name}: the crosswalk must be one-to-one")
    return frame[["iso_3166_2", "hcp_code", "iou"]]


def read_communes_full(path: Path) -> gpd.GeoDataFrame:
    """Full-resolution communes of one region: ``code_digits`` (9 digits) and geometry."""
    frame = _read(path, ["code"])
    codes = frame["code"].astype(str).str.zfill(9)
    if not codes.str.fullmatch(r"\d{9}").all():
        raise InvalidInput(f"{path.name}: commune codes must be 9 digits")
    out = gpd.GeoDataFrame({"code_digits": codes}, geometry=frame.geometry, crs=CRS)
    return _with_repairs(out)


def read_communes_simplified(path: Path) -> gpd.GeoDataFrame:
    """The simplified national commune layer: ``code_digits``, ``region_code`` and geometry."""
    frame = _read(path, ["code_digits", "region_code"])
    out = gpd.GeoDataFrame(
        {"code_digits": frame["code_digits"].astype(str).str.zfill(9), "region_code": frame["region_code"]},
        geometry=frame.geometry,
        crs=CRS,
    )
    return _with_repairs(out)


def _with_repairs(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geoms, repaired = to_multipolygons(frame.geometry.values)
    frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=CRS))
    frame["repaired"] = repaired
    return frame
