"""Per-commune terrain statistics and mountain classification from a 30" DEM.

The DEM is a north-up GeoTIFF in geographic coordinates (EPSG:4326, degrees),
elevations in metres. Each cell is classified with the UNEP-WCMC (Kapos et al.
2000) / EU 2004 mountain test; a commune is "mountain" when more than a given
share of its area lies in mountain cells.

Nodata handling: nodata cells (sea, outside the survey) are never classified
and never enter any statistic. Slopes use edge-aware finite differences: a
central difference where both neighbours along an axis are valid, a one-sided
difference where only one is, and an unknown slope (NaN, so the slope criteria
fail) where neither is. The local relief is max - min over the valid cells of
a circular footprint (nodata neighbours are ignored), built per DEM row from
that row's metric cell width, so coasts never get fake slopes or relief.
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import affine
import geopandas
import numpy as np
import pandas as pd
import rasterio
import rasterio.features
import rasterio.io
import rasterio.windows
from scipy.ndimage import maximum_filter1d
from shapely.geometry.base import BaseGeometry

LOGGER = logging.getLogger(__name__)

METHOD = 'UNEP-WCMC (Kapos et al. 2000) / EU 2004 mountain test on a 30" DEM'
EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius: 30" of latitude ~ 926.6 m
COLUMNS = ["code", "cells", "elevation_mean_m", "elevation_median_m", "elevation_min_m",
           "elevation_max_m", "share_above_1000m", "relief_m", "mountain_share", "is_mountain"]


@dataclass(frozen=True)
class MountainThresholds:
    """Thresholds of the mountain test (metres, degrees, km, share 0..1)."""

    elev_high_m: float = 2500.0  # at or above: always mountain
    elev_upper_m: float = 1500.0  # [upper, high): slope > slope_upper_deg
    slope_upper_deg: float = 2.0
    elev_mid_m: float = 1000.0  # [mid, upper): slope >= slope_mid_deg or relief > relief_mid_m
    slope_mid_deg: float = 5.0
    relief_mid_m: float = 300.0
    elev_low_m: float = 300.0  # [low, mid): relief > relief_low_m
    relief_low_m: float = 300.0
    relief_radius_km: float = 7.0
    mountain_area_share: float = 0.5  # a commune is mountain above this share

    def to_dict(self) -> dict[str, float]:
        """Return the thresholds as a plain dict (to record with the results)."""
        return asdict(self)


@dataclass(frozen=True, eq=False)
class CellClasses:
    """Per-cell results, arrays with the DEM's shape.

    valid: bool, cell has data; slope_deg: degrees (NaN if nodata/unknown);
    relief_m: metres, max - min of valid cells within the relief radius (NaN
    if nodata); mountain: bool, cell passes the mountain test.
    """

    valid: np.ndarray
    slope_deg: np.ndarray
    relief_m: np.ndarray
    mountain: np.ndarray


def _row_latitudes(transform: affine.Affine, n_rows: int) -> np.ndarray:
    if transform.b != 0 or transform.d != 0:
        raise ValueError("only north-up (unrotated) transforms are supported")
    return transform.f + transform.e * (np.arange(n_rows) + 0.5)


def _edge_aware_gradient(z: np.ndarray, axis: int, step_m: np.ndarray | float) -> np.ndarray:
    """dz/ds along axis: mean of the valid one-sided differences, NaN if none."""
    pad = [(0, 0), (0, 0)]
    pad[axis] = (1, 1)
    d = np.diff(np.pad(z, pad, constant_values=np.nan), axis=axis)
    n = z.shape[axis]
    back, fwd = d.take(np.arange(n), axis=axis), d.take(np.arange(1, n + 1), axis=axis)
    count = np.isfinite(back).astype(np.int8) + np.isfinite(fwd)
    total = np.nan_to_num(back) + np.nan_to_num(fwd)
    out = np.full(z.shape, np.nan)
    np.divide(total, count, out=out, where=count > 0)
    return out / step_m


def _disc_maximum(z: np.ndarray, half_widths: dict[int, np.ndarray]) -> np.ndarray:
    """Max over a per-row disc: half_widths[dy][row] = half width in columns at row offset dy."""
    out = np.full(z.shape, -np.inf)
    rows = np.arange(z.shape[0])
    inside = {dy: (rows + dy >= 0) & (rows + dy < z.shape[0]) for dy in half_widths}
    for h in np.unique(np.concatenate(list(half_widths.values()))):
        running = maximum_filter1d(z, 2 * int(h) + 1, axis=1, mode="constant", cval=-np.inf)
        for dy, widths in half_widths.items():
            sel = rows[inside[dy] & (widths == h)]
            out[sel] = np.maximum(out[sel], running[sel + dy])
    return out


def _relief_half_widths(dy_m: float, dx_m: np.ndarray, radius_m: float) -> dict[int, np.ndarray]:
    """Half widths (columns) of a circle of radius_m centred on each row's cells."""
    reach = int(radius_m // dy_m)
    return {
        dy: np.floor(math.sqrt(radius_m**2 - (dy * dy_m) ** 2) / dx_m + 1e-9).astype(int)
        for dy in range(-reach, reach + 1)
    }


def classify_cells(
    elevation: np.ndarray,
    *,
    transform: affine.Affine,
    nodata: float | None,
    thresholds: MountainThresholds = MountainThresholds(),
) -> CellClasses:
    """Classify every cell of a DEM with the mountain test.

    elevation: 2-D array in metres; transform: north-up affine transform in
    EPSG:4326 degrees; nodata: value marking missing cells (NaN is always
    missing). Cell sizes in metres are derived per row from the latitude.
    """
    z = np.asarray(elevation, dtype=np.float64)
    valid = np.isfinite(z) if nodata is None else np.isfinite(z) & (z != nodata)
    z = np.where(valid, z, np.nan)
    lat = _row_latitudes(transform, z.shape[0])
    dy_m = EARTH_RADIUS_M * math.radians(abs(transform.e))
    dx_m = EARTH_RADIUS_M * math.radians(abs(transform.a)) * np.cos(np.radians(lat))
    gx = _edge_aware_gradient(z, 1, dx_m[:, None])
    gy = _edge_aware_gradient(z, 0, dy_m)
    slope = np.degrees(np.arctan(np.hypot(gx, gy)))

    widths = _relief_half_widths(dy_m, dx_m, thresholds.relief_radius_km * 1000.0)
    top = _disc_maximum(np.where(valid, z, -np.inf), widths)
    bottom = -_disc_maximum(np.where(valid, -z, -np.inf), widths)
    relief = np.where(valid, top - bottom, np.nan)

    t = thresholds
    with np.errstate(invalid="ignore"):  # NaN compares False: unknown slope fails
        high = z >= t.elev_high_m
        upper = (z >= t.elev_upper_m) & (z < t.elev_high_m) & (slope > t.slope_upper_deg)
        mid = (z >= t.elev_mid_m) & (z < t.elev_upper_m)
        mid &= (slope >= t.slope_mid_deg) | (relief > t.relief_mid_m)
        low = (z >= t.elev_low_m) & (z < t.elev_mid_m) & (relief > t.relief_low_m)
    mountain = valid & (high | upper | mid | low)
    return CellClasses(valid=valid, slope_deg=slope, relief_m=relief, mountain=mountain)


def _commune_cells(geom: BaseGeometry, valid: np.ndarray, transform: affine.Affine) -> np.ndarray:
    """Flat indices of the valid cells whose centre lies in geom; for tiny communes
    the valid cells it touches, else the cell under its representative point."""
    n_rows, n_cols = valid.shape
    minx, miny, maxx, maxy = geom.bounds
    c0, r0 = (max(math.floor(v), 0) for v in ~transform @ (minx, maxy))
    c1, r1 = (math.floor(v) + 1 for v in ~transform @ (maxx, miny))
    c1, r1 = min(c1, n_cols), min(r1, n_rows)
    if c1 > c0 and r1 > r0:
        sub_transform = transform @ affine.Affine.translation(c0, r0)
        for all_touched in (False, True):
            inside = rasterio.features.rasterize(
                [(geom, 1)], out_shape=(r1 - r0, c1 - c0), transform=sub_transform,
                all_touched=all_touched, fill=0, dtype="uint8",
            ).astype(bool) & valid[r0:r1, c0:c1]
            rows, cols = np.nonzero(inside)
            if rows.size:
                return (rows + r0) * n_cols + cols + c0
    point = geom.representative_point()
    col, row = (math.floor(v) for v in ~transform @ (point.x, point.y))
    if 0 <= row < n_rows and 0 <= col < n_cols and valid[row, col]:
        return np.array([row * n_cols + col])
    return np.array([], dtype=int)


def _read_window(
    src: rasterio.io.DatasetReader, bounds: np.ndarray, radius_m: float
) -> rasterio.windows.Window:
    """Pixel window covering bounds plus the relief radius and one slope cell, clipped."""
    minx, miny, maxx, maxy = bounds
    t = src.transform
    cos_edge = math.cos(math.radians(min(max(abs(miny), abs(maxy)) + 1.0, 89.0)))
    margin_rows = math.ceil(radius_m / (EARTH_RADIUS_M * math.radians(abs(t.e)))) + 1
    margin_cols = math.ceil(radius_m / (EARTH_RADIUS_M * math.radians(abs(t.a)) * cos_edge)) + 1
    c0, r0 = ~t @ (minx, maxy)
    c1, r1 = ~t @ (maxx, miny)
    col0, row0 = max(math.floor(c0) - margin_cols, 0), max(math.floor(r0) - margin_rows, 0)
    col1 = min(math.ceil(c1) + margin_cols, src.width)
    row1 = min(math.ceil(r1) + margin_rows, src.height)
    return rasterio.windows.Window(col0, row0, max(col1 - col0, 0), max(row1 - row0, 0))


def _stats(e: np.ndarray, w: np.ndarray, mountain: np.ndarray, share_rule: float) -> dict:
    """Statistics of one commune; shares rounded to 1e-12 so exact halves stay halves.

    The weighted mean is clipped to [min, max]: float rounding must not put it outside.
    """
    share = round(float(np.sum(w[mountain]) / np.sum(w)), 12)
    low, high = float(e.min()), float(e.max())
    mean = min(max(float(np.average(e, weights=w)), low), high)
    return {"cells": int(e.size), "elevation_mean_m": mean,
            "elevation_median_m": float(np.median(e)), "elevation_min_m": low,
            "elevation_max_m": high, "relief_m": high - low,
            "share_above_1000m": round(float(np.sum(w[e >= 1000]) / np.sum(w)), 12),
            "mountain_share": share, "is_mountain": share > share_rule}


def commune_terrain(
    dem_path: Path,
    communes: geopandas.GeoDataFrame,
    *,
    code_column: str = "code",
    thresholds: MountainThresholds = MountainThresholds(),
) -> pd.DataFrame:
    """Terrain statistics and mountain flag per commune, one row per input row, in order.

    dem_path: GeoTIFF in EPSG:4326, metres. communes: polygons, reprojected to
    the DEM CRS when they carry another CRS (no CRS is taken as EPSG:4326).
    A commune's cells are the valid cells whose centre it contains (fallbacks
    for tiny communes: all touched cells, then the cell under a representative
    point). Elevations and relief in metres; the mean and the shares (0..1)
    are weighted by cell area (cos latitude). Communes without geometry or
    without DEM data get cells = 0, NaN statistics and is_mountain = NA.
    """
    with rasterio.open(dem_path) as src:
        if src.crs is None or not src.crs.is_geographic:
            raise ValueError(f"{dem_path}: the DEM must be in geographic coordinates")
        if communes.crs is not None and communes.crs != src.crs:
            communes = communes.to_crs(src.crs)
        geoms = list(communes.geometry)
        usable = [g is not None and not g.is_empty for g in geoms]
        window = None
        if any(usable):
            bounds = geopandas.GeoSeries(geoms).total_bounds  # skips None and empty
            window = _read_window(src, bounds, thresholds.relief_radius_km * 1000.0)
        if window is None or window.width == 0 or window.height == 0:  # nothing on the DEM
            elevation, transform, nodata = np.full((1, 1), np.nan), src.transform, None
        else:
            elevation, nodata = src.read(1, window=window), src.nodata
            transform = src.transform @ affine.Affine.translation(window.col_off, window.row_off)
    cells = classify_cells(elevation, transform=transform, nodata=nodata, thresholds=thresholds)
    LOGGER.info("classified %d x %d DEM cells for %d communes", *elevation.shape, len(geoms))

    z, mountain = elevation.ravel().astype(np.float64), cells.mountain.ravel()
    cos_lat = np.cos(np.radians(_row_latitudes(transform, elevation.shape[0])))
    records = []
    for geom, use in zip(geoms, usable, strict=True):
        idx = _commune_cells(geom, cells.valid, transform) if use else np.array([])
        if idx.size == 0:
            records.append({"cells": 0})  # the other columns become NaN
            continue
        w = cos_lat[idx // elevation.shape[1]]
        records.append(_stats(z[idx], w, mountain[idx], thresholds.mountain_area_share))
    result = pd.DataFrame.from_records(records, columns=COLUMNS[1:])
    result.insert(0, "code", communes[code_column].to_numpy())
    result["is_mountain"] = result["is_mountain"].astype("boolean")
    missing = int(result["is_mountain"].isna().sum())
    if missing:
        LOGGER.warning("%d communes have no geometry or no DEM data: NaN statistics", missing)
    LOGGER.info("%d of %d communes are mountain", int(result["is_mountain"].sum()), len(result))
    return result
