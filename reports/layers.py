"""The report as open geodata: GeoJSON (one layer) and GeoPackage (every layer), EPSG:4326.

Two layers: ``communes`` (the territory's communes, polygons of the simplified
display outline, with population, national priority score and rank, and the
projects' figures) and ``projects`` (points, :data:`reports.tables.PROJECT_COLUMNS`;
a project placed only at province level has no point and a null geometry).
A GeoJSON file holds one layer (``communes`` unless asked otherwise) and a
top-level ``metadata`` member; a GeoPackage holds both layers and a
non-spatial ``metadata`` table (key, value). Both state the data version, the
generation time, the job model version, the scope and the CRS.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from coopbank.errors import InvalidInput
from planning import priority
from reports.content import ReportData
from reports.tables import generated_text, project_table

LAYERS = ("communes", "projects")
CRS = "EPSG:4326"


def metadata(data: ReportData) -> dict[str, str | int | bool | None]:
    """What every layer file says about itself."""
    return {"data_version": data.data_version, "generated_at": generated_text(data),
            "job_model_version": data.job_model_version, "priority_index_version": priority.VERSION,
            "priority_preset": data.preset, "scope_level": data.scope.level, "scope_code": data.scope.code,
            "territory_fr": data.name_fr, "territory_ar": data.name_ar, "language": data.lang,
            "includes_demo": data.includes_demo, "crs": CRS}


def layer(data: ReportData, name: str) -> gpd.GeoDataFrame:
    """Layer ``name`` (one of :data:`LAYERS`) as a GeoDataFrame in EPSG:4326, dates as ISO text."""
    if name not in LAYERS:
        raise InvalidInput(f"Unknown layer {name!r}: choose one of {', '.join(LAYERS)}")
    if name == "communes":
        communes = data.communes.copy()
        communes["priority_rank"] = communes["priority_rank"].astype("Int64")
        return communes
    table = project_table(data)
    table["submitted_on"] = [day.isoformat() if hasattr(day, "isoformat") else None for day in table["submitted_on"]]
    points = gpd.points_from_xy(table["lon"], table["lat"], crs=CRS)
    return gpd.GeoDataFrame(table, geometry=points, crs=CRS)


def render_geojson(data: ReportData, *, name: str = "communes") -> bytes:
    """Layer ``name`` as a GeoJSON FeatureCollection (UTF-8) with a top-level ``metadata`` member."""
    collection = json.loads(layer(data, name).to_json(drop_id=True, to_wgs84=True))
    collection = {"type": "FeatureCollection", "name": name, "metadata": metadata(data),
                  "features": collection["features"]}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def render_gpkg(data: ReportData) -> bytes:
    """Both layers and the ``metadata`` table as one GeoPackage file's bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.gpkg"
        for name in LAYERS:
            pyogrio.write_dataframe(layer(data, name), path, layer=name, driver="GPKG")
        table = pd.DataFrame({"key": list(metadata(data)), "value": [None if v is None else str(v)
                                                                      for v in metadata(data).values()]})
        pyogrio.write_dataframe(table, path, layer="metadata", driver="GPKG")
        return path.read_bytes()
