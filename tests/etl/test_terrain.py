"""Known-answer tests for etl.terrain on small synthetic DEMs, plus checks on the real DEM."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas
import numpy as np
import pandas as pd
import pytest
import rasterio
import rasterio.features
import shapely
from affine import Affine
from shapely.geometry import Polygon, box

from etl import terrain
from etl.terrain import (
    COLUMNS,
    EARTH_RADIUS_M,
    METHOD,
    MountainThresholds,
    classify_cells,
    commune_terrain,
)

RES = 1 / 120  # 30 arc-seconds
WEST, NORTH = -8.0, 31.2
TRANSFORM = Affine(RES, 0.0, WEST, 0.0, -RES, NORTH)
NODATA = -9999
DY_M = EARTH_RADIUS_M * math.radians(RES)
REAL_DEM = Path("/work/shared/geodata/mountain/morocco_dem_30arcsec_aurelhy.tif")
REAL_COMMUNES = Path("/work/shared/geodata/osm/communes_05.topojson")  # Beni Mellal-Khenifra


def dx_m(rows: np.ndarray) -> np.ndarray:
    lat = NORTH - (rows + 0.5) * RES
    return EARTH_RADIUS_M * math.radians(RES) * np.cos(np.radians(lat))


def classify(z: np.ndarray, **kwargs) -> terrain.CellClasses:
    return classify_cells(z, transform=TRANSFORM, nodata=NODATA, **kwargs)


def peak_grid(base: float, delta: float, size: int = 41) -> np.ndarray:
    z = np.full((size, size), base, dtype=np.float64)
    z[size // 2, size // 2] = base + delta
    return z


def tilted(base: float, angle_deg: float, shape: tuple[int, int], axis: int) -> np.ndarray:
    rows, cols = np.indices(shape)
    dist = rows * DY_M if axis == 0 else cols * dx_m(rows)
    return base + math.tan(math.radians(angle_deg)) * dist


def cell_box(col0: int, row0: int, col1: int, row1: int) -> Polygon:
    """Box over the cells [col0, col1) x [row0, row1) of TRANSFORM."""
    return box(WEST + col0 * RES, NORTH - row1 * RES, WEST + col1 * RES, NORTH - row0 * RES)


def write_dem(path: Path, z: np.ndarray) -> Path:
    profile = {"driver": "GTiff", "width": z.shape[1], "height": z.shape[0], "count": 1,
               "dtype": "int16", "crs": "EPSG:4326", "transform": TRANSFORM, "nodata": NODATA}
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(z.astype(np.int16), 1)
    return path


def frame(geoms: list, codes: list[str] | None = None) -> geopandas.GeoDataFrame:
    codes = codes or [f"c{i}" for i in range(len(geoms))]
    return geopandas.GeoDataFrame({"code": codes}, geometry=geoms, crs="EPSG:4326")


def test_thresholds_record_and_method() -> None:
    recorded = MountainThresholds().to_dict()
    assert recorded["elev_high_m"] == 2500 and recorded["relief_radius_km"] == 7.0
    assert recorded["mountain_area_share"] == 0.5 and len(recorded) == 10
    assert "Kapos" in METHOD
    with pytest.raises(AttributeError):
        MountainThresholds().elev_high_m = 1  # frozen


@pytest.mark.parametrize(("elevation", "expected"), [(2600, True), (2500, True), (2499, False),
                                                     (1600, False), (1200, False), (500, False)])
def test_flat_surfaces(elevation: float, expected: bool) -> None:
    cells = classify(np.full((15, 15), elevation))
    assert np.all(cells.slope_deg == 0) and np.all(cells.relief_m == 0)
    assert np.all(cells.mountain == expected)


@pytest.mark.parametrize("axis", [0, 1])
def test_slope_uses_metric_cell_sizes(axis: int) -> None:
    cells = classify(tilted(1600, 3.0, (15, 15), axis))
    np.testing.assert_allclose(cells.slope_deg, 3.0, atol=1e-5)  # not 3 * cos(31)
    assert cells.mountain.all()


@pytest.mark.parametrize(("base", "angle", "extra", "expected"), [
    (1600, 1.9, {}, False),
    (1600, 2.1, {}, True),
    (1100, 4.9, {"relief_mid_m": 1e6}, False),
    (1100, 5.1, {"relief_mid_m": 1e6}, True),
    (1100, 4.9, {}, True),  # the relief (> 300 m within 7 km) criterion applies instead
])
def test_slope_thresholds(base: float, angle: float, extra: dict, expected: bool) -> None:
    cells = classify(tilted(base, angle, (5, 15), 0), thresholds=MountainThresholds(**extra))
    assert np.all(cells.mountain == expected)


@pytest.mark.parametrize("base", [1200, 500])
def test_relief_within_circular_radius(base: float) -> None:
    z = peak_grid(base, 400)
    cells = classify(z)
    rows, cols = np.indices(z.shape)
    dist = np.hypot((rows - 20) * DY_M, (cols - 20) * dx_m(rows))
    within = dist <= 7000
    assert np.all(cells.relief_m[within] == 400) and np.all(cells.relief_m[~within] == 0)
    others = dist > 0
    np.testing.assert_array_equal(cells.mountain[others], within[others])
    assert not within[20, 29] and within[27, 20]  # 9 cols = 7.1 km, 7 rows = 6.5 km


def test_relief_below_lowest_class_is_not_mountain() -> None:
    cells = classify(peak_grid(250, 400))
    assert cells.mountain.sum() == 1 and cells.mountain[20, 20]  # only the 650 m peak


@pytest.mark.parametrize(("base", "delta", "expected"), [
    (1000, 300, False), (1000, 301, True), (999, 301, True), (999, 300, False),
    (300, 301, True), (299, 301, False), (1499, 301, True), (1500, 301, False),
])
def test_relief_thresholds(base: float, delta: float, expected: bool) -> None:
    cells = classify(peak_grid(base, delta))
    assert cells.slope_deg[23, 20] == 0 and cells.relief_m[23, 20] == delta
    assert cells.mountain[23, 20] == expected


def test_custom_relief_radius() -> None:
    cells = classify(peak_grid(1200, 400), thresholds=MountainThresholds(relief_radius_km=3.0))
    assert cells.mountain[23, 20] and not cells.mountain[25, 20]  # 2.8 km vs 4.6 km away


def test_nodata_coast_gives_no_fake_slope_or_relief() -> None:
    z = np.full((11, 20), 1600.0)
    z[:, :10] = NODATA
    cells = classify(z)
    np.testing.assert_array_equal(cells.valid, z != NODATA)
    assert np.all(cells.slope_deg[:, 10:] == 0) and np.all(cells.relief_m[:, 10:] == 0)
    assert np.isnan(cells.slope_deg[:, :10]).all() and np.isnan(cells.relief_m[:, :10]).all()
    assert not cells.mountain.any()
    z[:, 10:] = 500
    assert not classify(z).mountain.any()


def test_isolated_cell_has_unknown_slope_and_nan_input() -> None:
    z = np.full((5, 5), np.nan)
    z[2, 2] = 1600
    cells = classify_cells(z, transform=TRANSFORM, nodata=None)
    assert cells.valid.sum() == 1 and np.isnan(cells.slope_deg[2, 2])
    assert cells.relief_m[2, 2] == 0 and not cells.mountain.any()
    z[2, 2] = 2600
    assert classify_cells(z, transform=TRANSFORM, nodata=None).mountain[2, 2]


def test_rotated_transform_rejected() -> None:
    with pytest.raises(ValueError, match="north-up"):
        classify_cells(np.zeros((3, 3)), transform=TRANSFORM @ Affine.rotation(10), nodata=None)


@pytest.fixture
def share_dem(tmp_path: Path) -> Path:
    """cols 0-5 nodata, 6-19 flat 2600 m (mountain), 20-39 flat 200 m (not)."""
    z = np.full((20, 40), 200)
    z[:, 6:20] = 2600
    z[:, :6] = NODATA
    return write_dem(tmp_path / "dem.tif", z)


def test_half_and_sixty_percent_mountain(share_dem: Path) -> None:
    # the two boxes overlap: each commune still gets all the cells it contains
    result = commune_terrain(share_dem, frame([cell_box(15, 5, 25, 15), cell_box(14, 5, 24, 15)]))
    assert list(result.columns) == COLUMNS and COLUMNS[0] == "code" and len(COLUMNS) == 10
    half, sixty = result.iloc[0], result.iloc[1]
    assert half["cells"] == 100 and half["mountain_share"] == 0.5 and not half["is_mountain"]
    assert half["elevation_mean_m"] == pytest.approx(1400)
    assert (half["elevation_median_m"], half["elevation_min_m"], half["elevation_max_m"],
            half["relief_m"]) == (1400, 200, 2600, 2400)
    assert half["share_above_1000m"] == 0.5
    assert sixty["mountain_share"] == pytest.approx(0.6) and sixty["is_mountain"]


def test_custom_thresholds_change_communes(share_dem: Path) -> None:
    communes = frame([cell_box(15, 5, 25, 15), cell_box(14, 5, 24, 15)])
    lenient = MountainThresholds(mountain_area_share=0.4)
    lenient = commune_terrain(share_dem, communes, thresholds=lenient)
    assert lenient["is_mountain"].tolist() == [True, True]
    higher = commune_terrain(share_dem, communes, thresholds=MountainThresholds(elev_high_m=3000))
    assert higher["is_mountain"].tolist() == [False, False]  # only the steep edge column remains


def test_nodata_cells_excluded_from_commune(share_dem: Path) -> None:
    row = commune_terrain(share_dem, frame([cell_box(2, 5, 10, 15)])).iloc[0]
    assert row["cells"] == 40 and row["elevation_min_m"] == 2600
    assert row["mountain_share"] == 1.0 and row["is_mountain"]


def test_tiny_none_and_empty_communes(share_dem: Path) -> None:
    x, y = WEST + 30 * RES, NORTH - 3 * RES  # top-left corner of cell (row 3, col 30)
    tiny = box(x + 0.0005, y - 0.0025, x + 0.0025, y - 0.0005)  # misses the cell centre
    outside = box(10.0, 10.0, 10.1, 10.1)
    communes = frame([None, tiny, Polygon(), outside], ["a", "b", "c", "d"])
    result = commune_terrain(share_dem, communes)
    assert result["code"].tolist() == ["a", "b", "c", "d"]
    assert result.loc[1, "cells"] == 1 and result.loc[1, "elevation_mean_m"] == 200
    assert not result.loc[1, "is_mountain"]  # a real False (NA would raise here)
    for i in (0, 2, 3):
        assert result.loc[i, "cells"] == 0 and np.isnan(result.loc[i, "elevation_mean_m"])
        assert result.loc[i, "is_mountain"] is pd.NA
    assert str(result["is_mountain"].dtype) == "boolean"
    only_none = commune_terrain(share_dem, frame([None]))
    assert only_none["cells"].tolist() == [0] and only_none["is_mountain"].isna().all()


def test_representative_point_fallback(share_dem: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rasterize = rasterio.features.rasterize

    def nothing(shapes, **kwargs):  # simulate a geometry that rasterises to no cell
        return rasterize(shapes, **kwargs) * 0

    monkeypatch.setattr(rasterio.features, "rasterize", nothing)
    x, y = WEST + 10 * RES, NORTH - 3 * RES
    tiny = box(x + 0.001, y - 0.002, x + 0.002, y - 0.001)
    row = commune_terrain(share_dem, frame([tiny])).iloc[0]
    assert row["cells"] == 1 and row["elevation_max_m"] == 2600 and row["is_mountain"]


def test_relief_margin_outside_communes(tmp_path: Path) -> None:
    z = np.full((40, 80), 1200)
    z[20, 30] = 1600  # 2.4-5 km west of the commune: outside it, inside the 7 km radius
    dem = write_dem(tmp_path / "dem.tif", z)
    row = commune_terrain(dem, frame([cell_box(33, 18, 37, 23)])).iloc[0]
    assert row["cells"] == 20 and row["relief_m"] == 0
    assert row["mountain_share"] == 1.0 and row["is_mountain"]
    assert classify(z.astype(float)).mountain[18:23, 33:37].all()


@pytest.mark.skipif(not REAL_DEM.exists(), reason="real DEM not available")
def test_real_dem_spot_elevations() -> None:
    with rasterio.open(REAL_DEM) as src:
        z, transform, nodata = src.read(1), src.transform, src.nodata
    cells = classify_cells(z, transform=transform, nodata=nodata)
    spots = {"toubkal": (-7.915, 31.06, 3707), "ifrane": (-5.11, 33.53, 1732),
             "casablanca": (-7.59, 33.57, 43)}
    at = {}
    for name, (lon, lat, expected) in spots.items():
        col, row = (math.floor(v) for v in ~transform @ (lon, lat))
        at[name] = (row, col)
        assert abs(int(z[row, col]) - expected) <= 100, name
        assert np.any(np.abs(z[row - 1:row + 2, col - 1:col + 2].astype(int) - expected) <= 5), name
    assert z[at["toubkal"]] == 3707 and cells.mountain[at["toubkal"]]
    assert not cells.mountain[at["casablanca"]] and cells.valid[at["ifrane"]]
    assert 0.05 < cells.mountain[cells.valid].mean() < 0.3


@pytest.mark.skipif(not (REAL_DEM.exists() and REAL_COMMUNES.exists()), reason="real data missing")
def test_real_communes_of_one_region() -> None:
    communes = geopandas.read_file(REAL_COMMUNES).set_crs("EPSG:4326")
    communes["geometry"] = shapely.make_valid(communes.geometry.values)
    result = commune_terrain(REAL_DEM, communes)
    assert len(result) == len(communes) and result["code"].tolist() == communes["code"].tolist()
    assert (result["cells"] > 0).all() and result["is_mountain"].notna().all()
    assert result["mountain_share"].between(0, 1).all() and result["is_mountain"].any()
