"""Territorial units and their indicators, as the maps and tables use them.

Thin functions over the queries in ``queries/territory/``; each returns a
pandas DataFrame or a dict. Coordinates are EPSG:4326 degrees.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from coopbank import db
from coopbank.errors import InvalidInput

LEVELS = ("region", "province", "commune")


@dataclasses.dataclass(frozen=True)
class Indicator:
    """A mappable figure: its column in ``territory/units``, unit and class scheme.

    ``breaks`` fixes the class limits (shares, changes); without it the classes
    are quantiles of the values shown. ``label`` and ``unit`` are message ids
    translated by the interface.
    """

    key: str
    label: str
    unit: str
    breaks: tuple[float, ...] | None = None
    percent: bool = False
    diverging: bool = False
    categories: tuple[str, str] | None = None


INDICATORS: dict[str, Indicator] = {
    ind.key: ind
    for ind in (
        Indicator("population_2024", "Population 2024", "inhabitants"),
        Indicator("change_pct", "Population change 2014–2024", "%",
                  breaks=(-10.0, -2.0, 2.0, 10.0, 25.0), diverging=True),
        Indicator("density", "Population density 2024", "inhabitants per km²"),
        Indicator("rural_share", "Rural population share", "% of population",
                  breaks=(0.2, 0.4, 0.6, 0.8), percent=True, categories=("Urban", "Rural")),
        Indicator("mountain_share", "Population in mountain communes", "% of population",
                  breaks=(0.2, 0.4, 0.6, 0.8), percent=True, categories=("Not mountain", "Mountain")),
        Indicator("businesses_per_1000", "Businesses per 1,000 inhabitants (HCP 2024)", "per 1,000 inhabitants"),
        Indicator("jobs_per_1000", "Permanent jobs per 1,000 inhabitants (HCP 2024)", "per 1,000 inhabitants"),
    )
}
# Figures of the project bank per unit, joined to the units by coopbank.projects.with_project_metrics.
PROJECT_INDICATORS: dict[str, Indicator] = {
    ind.key: ind
    for ind in (
        Indicator("projects", "Projects", "projects"),
        Indicator("investment_mad", "Investment needed", "MAD"),
        Indicator("gap_mad", "Funding gap", "MAD"),
        Indicator("jobs_direct", "Expected direct jobs", "jobs"),
        Indicator("project_jobs_per_1000", "Expected jobs per 1,000 inhabitants", "per 1,000 inhabitants"),
        Indicator("projects_per_10k_rural", "Projects per 10,000 rural inhabitants", "per 10,000 rural inhabitants"),
    )
}


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise InvalidInput(f"Unknown level {level!r}: choose one of {', '.join(LEVELS)}")


def units(level: str, *, region_code: str | None = None, with_geometry: bool = True) -> pd.DataFrame:
    """Units of ``level`` (optionally within one region) with every indicator of :data:`INDICATORS`.

    Shares are 0–1, ``change_pct`` in percent, ``density`` in inhabitants per
    km²; ``geojson`` holds the simplified display outline (4 decimals).
    """
    _check_level(level)
    result = db.run(
        "territory/units",
        {"level": level, "region_code": region_code, "with_geometry": with_geometry},
    )
    frame = pd.DataFrame(result.rows, columns=result.columns)
    numeric = [c for c in frame.columns if c not in ("level", "code", "region_code", "province_code",
                                                     "name_fr", "name_ar", "kind", "geojson")]
    frame[numeric] = frame[numeric].apply(pd.to_numeric, errors="coerce").astype(float)
    return frame


def regions() -> pd.DataFrame:
    """The 12 regions: code, names and bounding box (west, south, east, north, degrees)."""
    result = db.run("territory/regions")
    frame = pd.DataFrame(result.rows, columns=result.columns)
    return frame


def zones(*, region_code: str | None = None) -> dict[str, str]:
    """GeoJSON outlines of the rural and of the mountain communes, dissolved."""
    rows = db.run("territory/zones", {"region_code": region_code}).rows
    return {row["zone"]: row["geojson"] for row in rows if row["geojson"]}


def locate_point(lon: float, lat: float) -> dict[str, Any]:
    """The commune, province and region holding a point given in degrees (EPSG:4326).

    In a gap of the commune boundaries the commune is ``None`` while province
    and region are still given: never a wrong commune.
    """
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidInput(f"Not a longitude/latitude pair: ({lon}, {lat})")
    return db.run("territory/locate_point", {"lon": lon, "lat": lat}).rows[0]


def data_sources() -> pd.DataFrame:
    """Files loaded into the database with their sha256 and load time."""
    result = db.run("territory/data_sources")
    return pd.DataFrame(result.rows, columns=result.columns)


def terrain_method() -> dict[str, Any] | None:
    """Method, thresholds and DEM checksum of the stored mountain classification."""
    rows = db.run("territory/terrain_method").rows
    return rows[0] if rows else None
