"""Load the reference geodata into PostGIS, in one transaction, skipping what is unchanged.

The load runs in four steps (territory, establishments, indicators, terrain).
Each step has a fingerprint: the sha256 of its input files, the loader's
version and, for terrain, the thresholds. A step whose fingerprint equals the
one stored in ``etl_load`` is skipped, so a second ``make run`` reloads
nothing. Every file is read and validated before the database is touched; if
anything fails, the transaction rolls back and the stored data stays as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coopbank import db
from coopbank.errors import InvalidInput
from etl import boundaries, hcp, terrain
from etl.manifest import Located, locate, locate_optional

LOGGER = logging.getLogger(__name__)
# Bump when the loading logic changes, so that every step reloads once.
LOADER_VERSION = "1"
REGIONS = [f"{n:02d}" for n in range(1, 13)]
HCP_FILES = {level: f"hcp/{level}s.csv" for level in ("region", "province", "cercle", "commune")}


@dataclasses.dataclass
class LoadReport:
    """What a load did: steps loaded or skipped and, per step, a summary."""

    loaded: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    summary: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)


def _fingerprint(files: Iterable[Located], *extra: str) -> str:
    digest = hashlib.sha256(LOADER_VERSION.encode())
    for item in sorted(files, key=lambda f: f.file.path):
        digest.update(f"{item.file.path}:{item.file.sha256};".encode())
    for value in extra:
        digest.update(value.encode())
    return digest.hexdigest()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, with every missing value as ``None``."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def _wkb(geoms: Iterable[Any]) -> list[bytes | None]:
    """WKB of each geometry; ``None`` where a unit has none (NaN after a left join)."""
    return [shapely.to_wkb(g) if isinstance(g, shapely.Geometry) else None for g in geoms]


@dataclasses.dataclass
class _Territory:
    """Validated HCP units with their boundaries, ready to write."""

    regions: pd.DataFrame
    provinces: pd.DataFrame
    cercles: pd.DataFrame
    communes: pd.DataFrame
    commune_geoms: gpd.GeoDataFrame
    files: list[Located]
    summary: dict[str, Any]


def read_territory() -> _Territory:
    """Read and cross-check HCP units and boundaries; nothing is written."""
    files = {level: locate(path) for level, path in HCP_FILES.items()}
    units = {level: hcp.read_units(f.local_path, level) for level, f in files.items()}
    region_file = locate("osm/morocco-map_regions.topojson")
    province_file = locate("osm/morocco-map_provinces.topojson")
    crosswalk_file = locate("osm/province_crosswalk.csv")
    region_shapes = boundaries.read_regions(region_file.local_path)
    province_shapes = boundaries.read_provinces(
        province_file.local_path, boundaries.read_crosswalk(crosswalk_file.local_path)
    )
    _require_known(region_shapes["region_code"], units["region"]["code"], "morocco-map region")
    _require_known(province_shapes["province_code"], units["province"]["code"], "crosswalk province")
    communes = units["commune"]
    commune_geoms, geometry_files, sources = _commune_geometries(communes)
    regions = _attach(units["region"], region_shapes, "region_code", region_file, "quantised")
    provinces = _attach(units["province"], province_shapes, "province_code", province_file, "quantised")
    merged = communes.merge(commune_geoms, on="code_digits", how="left")
    unmatched = sorted(set(commune_geoms["code_digits"]) - set(communes["code_digits"]))
    no_geometry = merged.loc[merged["geometry"].isna(), ["code", "name_fr"]].to_dict("records")
    summary = {
        "regions": len(regions),
        "provinces": len(provinces),
        "provinces_with_geometry": int(provinces["geometry"].notna().sum()),
        "cercles": len(units["cercle"]),
        "communes": len(communes),
        "communes_by_geometry_source": sources,
        "communes_without_geometry": no_geometry,
        "boundary_codes_not_in_hcp": unmatched,
        "geometries_repaired": {
            "region": int(regions["repaired"].sum()),
            "province": int(provinces["repaired"].sum()),
            "commune": int(merged["repaired"].fillna(False).astype(bool).sum()),
        },
    }
    all_files = [*files.values(), region_file, province_file, crosswalk_file, *geometry_files]
    return _Territory(regions, provinces, units["cercle"], merged, commune_geoms, all_files, summary)


def _require_known(codes: pd.Series, known: pd.Series, what: str) -> None:
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise InvalidInput(f"{what} codes not found in HCP's list: {unknown}")


def _attach(
    units: pd.DataFrame, shapes: gpd.GeoDataFrame, key: str, source: Located, precision: str
) -> pd.DataFrame:
    shapes = shapes.assign(
        geom_display=boundaries.display_geometries(shapes.geometry.values, tolerance=0.01),
        geom_source=source.file.path,
        geom_precision=precision,
    )
    merged = units.merge(pd.DataFrame(shapes), left_on="code", right_on=key, how="left")
    merged["repaired"] = merged["repaired"].fillna(False).astype(bool)
    return merged


def _commune_geometries(communes: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[Located], dict[str, int]]:
    """Per region, the full-resolution file when it can be had, else the simplified layer."""
    parts, used, sources = [], [], {"full": 0, "simplified": 0}
    simplified: gpd.GeoDataFrame | None = None
    for region in REGIONS:
        full = locate_optional(f"osm/communes_{region}.topojson")
        if full is not None:
            frame = boundaries.read_communes_full(full.local_path).assign(
                geom_source=full.file.path, geom_precision="full"
            )
            used.append(full)
        else:
            if simplified is None:
                fallback = locate_optional("osm/communes_simplified.geojson")
                if fallback is None:
                    raise InvalidInput(
                        f"No commune boundaries for region {region}: neither communes_{region}.topojson "
                        "nor communes_simplified.geojson can be found or downloaded"
                    )
                used.append(fallback)
                simplified = boundaries.read_communes_simplified(fallback.local_path).assign(
                    geom_source=fallback.file.path, geom_precision="simplified"
                )
            frame = simplified[simplified["region_code"] == region].drop(columns=["region_code"])
            LOGGER.warning("region %s: using simplified commune outlines", region)
        sources[frame["geom_precision"].iat[0] if len(frame) else "full"] += len(frame)
        parts.append(frame)
    geoms = pd.concat(parts, ignore_index=True)
    if geoms["code_digits"].duplicated().any():
        raise InvalidInput("A commune code appears in two boundary files")
    geoms = gpd.GeoDataFrame(geoms, geometry="geometry", crs=boundaries.CRS)
    geoms["geom_display"] = boundaries.display_geometries(geoms.geometry.values)
    return geoms, used, sources


def _geometry_params(frame: pd.DataFrame) -> pd.DataFrame:
    present = frame["geometry"].map(lambda g: isinstance(g, shapely.Geometry))
    return frame.assign(
        geom=_wkb(frame["geometry"]),
        geom_display=_wkb(frame["geom_display"]),
        geom_source=frame["geom_source"].where(present, None),
        geom_precision=frame["geom_precision"].where(present, None),
        geom_repaired=frame["repaired"].fillna(False).astype(bool),
    )


def write_territory(t: _Territory, conn: db.Connection) -> None:
    regions = _geometry_params(t.regions)
    provinces = _geometry_params(t.provinces).rename(columns={"type": "kind"})
    communes = _geometry_params(t.communes).rename(columns={"type": "kind"})
    db.run_many("etl/upsert_region", _records(regions.drop(columns=["geometry"])), conn=conn)
    db.run_many("etl/upsert_province", _records(provinces.drop(columns=["geometry"])), conn=conn)
    db.run_many("etl/upsert_cercle", _records(t.cercles), conn=conn)
    db.run_many("etl/upsert_commune", _records(communes.drop(columns=["geometry"])), conn=conn)
    db.run(
        "etl/delete_stale_units",
        {
            "regions": list(t.regions["code"]),
            "provinces": list(t.provinces["code"]),
            "cercles": list(t.cercles["code"]),
            "communes": list(t.communes["code"]),
        },
        conn=conn,
    )
    db.run("etl/refresh_commune_gaps", conn=conn)


def load(*, force: bool = False, thresholds: terrain.MountainThresholds | None = None) -> LoadReport:
    """Load every step whose inputs changed (all of them with ``force``)."""
    thresholds = thresholds or terrain.MountainThresholds()
    report = LoadReport()
    territory = read_territory()
    est_file = locate("hcp/establishments.csv")
    fields_file = locate("hcp/establishments_fields.json")
    ind_file = locate("hcp/commune_indicators.json")
    dem_file = locate("mountain/morocco_dem_30arcsec_aurelhy.tif")
    territory_fp = _fingerprint(territory.files)
    steps: list[tuple[str, str, list[Located], Callable[[db.Connection], dict[str, Any]]]] = [
        ("territory", territory_fp, territory.files, lambda c: _write_and_summarise(territory, c)),
        ("establishments", _fingerprint([est_file, fields_file]), [est_file, fields_file],
         lambda c: _write_establishments(est_file, fields_file, c)),
        ("indicators", _fingerprint([ind_file], territory_fp), [ind_file],
         lambda c: _write_indicators(ind_file, set(territory.communes["code"]), c)),
        ("terrain", _fingerprint([dem_file], territory_fp, json.dumps(thresholds.to_dict(), sort_keys=True)),
         [dem_file], lambda c: _write_terrain(territory, dem_file, thresholds, c)),
    ]
    with db.connect() as conn:
        stored = {r["step"]: r["fingerprint"] for r in db.run("etl/load_fingerprints", conn=conn).rows}
        for name, fingerprint, files, write in steps:
            if not force and stored.get(name) == fingerprint:
                report.skipped.append(name)
                continue
            LOGGER.info("loading %s", name)
            summary = write(conn)
            db.run_many(
                "etl/record_source_file",
                ({"name": f.file.path, "sha256": f.file.sha256, "origin": f.origin} for f in files),
                conn=conn,
            )
            db.run(
                "etl/record_load",
                {"step": name, "fingerprint": fingerprint, "summary": json.dumps(summary)},
                conn=conn,
            )
            report.loaded.append(name)
            report.summary[name] = summary
    return report


def _write_and_summarise(t: _Territory, conn: db.Connection) -> dict[str, Any]:
    write_territory(t, conn)
    return t.summary


def _write_establishments(est: Located, fields: Located, conn: db.Connection) -> dict[str, Any]:
    frame = hcp.read_establishments(est.local_path)
    described = hcp.read_establishment_fields(fields.local_path)
    db.run("etl/clear_establishments", conn=conn)
    db.run("etl/clear_establishment_fields", conn=conn)
    db.copy_rows("establishments", list(frame.columns), frame.astype(object).itertuples(index=False), conn=conn)
    db.copy_rows("establishments_field", list(described.columns), described.itertuples(index=False), conn=conn)
    return {"rows": len(frame), "by_level": frame["level"].value_counts().to_dict()}


def _write_indicators(ind: Located, communes: set[str], conn: db.Connection) -> dict[str, Any]:
    frame = hcp.read_indicators(ind.local_path)
    unknown = sorted(set(frame["commune_code"]) - communes)
    if unknown:
        raise InvalidInput(f"{ind.file.path}: indicators for communes HCP does not list: {unknown[:10]}")
    db.run("etl/clear_indicators", conn=conn)
    count = db.copy_rows("commune_indicator", list(frame.columns), frame.itertuples(index=False), conn=conn)
    return {"values": count, "indicators": int(frame.groupby("census_year")["path"].nunique().sum())}


def _write_terrain(
    t: _Territory, dem: Located, thresholds: terrain.MountainThresholds, conn: db.Connection
) -> dict[str, Any]:
    shapes = gpd.GeoDataFrame(t.communes[["code"]], geometry=t.communes["geometry"].values, crs=boundaries.CRS)
    stats = terrain.commune_terrain(dem.local_path, shapes, thresholds=thresholds)
    method_id = db.run(
        "etl/insert_terrain_method",
        {"method": terrain.METHOD, "thresholds": json.dumps(thresholds.to_dict()), "dem_sha256": dem.file.sha256},
        conn=conn,
    ).rows[0]["id"]
    db.run("etl/clear_terrain", conn=conn)
    stats = stats.rename(columns={"code": "commune_code"}).assign(method_id=method_id)
    stats["is_mountain"] = stats["is_mountain"].astype(object).where(stats["is_mountain"].notna(), None)
    rows = (tuple(None if _missing(v) else v for v in row) for row in stats.itertuples(index=False))
    db.copy_rows("commune_terrain", list(stats.columns), rows, conn=conn)
    return {"communes": len(stats), "mountain": int((stats["is_mountain"] == True).sum())}  # noqa: E712


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
