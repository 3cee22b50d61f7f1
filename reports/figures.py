"""Static figures of the PDF report, drawn without internet access: the territory map and the sector heatmap.

The map is an SVG string (no web tiles) whose labels live in HTML beside it:
WeasyPrint shapes Arabic in HTML text but not reliably in SVG text. The
projection is equirectangular with the longitudes scaled by the cosine of the
territory's middle latitude, plenty for one region or the country at A4 size;
communes are simplified (shapely) to a fraction of a millimetre on paper.
"""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coopbank.territory import Indicator
from coopbank.ui.i18n import localised, number
from coopbank.ui.maps import NO_DATA, SEQUENTIAL, Classes, classify

PRIORITY = Indicator("priority_100", "Priority score", "0–100, 100 = highest priority")
MAP_WIDTH = 1000.0  # SVG user units across the map; the height follows the territory's shape
MAP_MAX_HEIGHT = 1100.0
SIMPLIFY_UNITS = 0.6  # geometry tolerance, in SVG user units (≈ 0.1 mm on the printed page)
DOT_RADIUS = 4.0
DOT_COLOUR = "#b30000"
HEAT_MEASURES = ("projects", "investment_mad")


@dataclasses.dataclass(frozen=True)
class HeatCell:
    """One cell of the heatmap: the figure as printed and its background and text colours."""

    text: str
    background: str
    colour: str


@dataclasses.dataclass(frozen=True)
class Heatmap:
    """Units (rows) × sectors (columns) with coloured cells, and the row and column totals as text."""

    sectors: list[str]
    rows: list[tuple[str, list[HeatCell], str]]
    totals: list[str]
    total: str


def priority_classes(communes: pd.DataFrame, lang: str) -> Classes:
    """Quintile classes of the communes' priority score shown on 0–100 (the score is 0–1)."""
    return classify(list(_priority_100(communes)), PRIORITY, lang)


def map_legend(communes: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(colour, label) of each class of :func:`territory_map_svg`, then the colour of communes without a score."""
    classes = priority_classes(communes, lang)
    return [*zip(classes.colours, classes.labels, strict=True), (NO_DATA, "–")]


def territory_map_svg(communes: gpd.GeoDataFrame, projects: pd.DataFrame, lang: str) -> str:
    """An SVG of ``communes`` (EPSG:4326) shaded by priority class, with ``projects`` (``lat``/``lon``) as dots.

    Projects at the same printed spot are drawn once, so 100,000 projects
    cost no more than the dots the page can show. Holds no text (see the
    module docstring); ``lang`` sets the class limits like the legend's.
    """
    classes = priority_classes(communes, lang)
    shapes = communes[communes.geometry.notna() & ~communes.geometry.is_empty]
    if shapes.empty:
        return ""
    west, south, east, north = shapes.total_bounds
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    scale = min(MAP_WIDTH / span_x, MAP_MAX_HEIGHT / span_y)
    width, height = span_x * scale, span_y * scale

    def project(points: np.ndarray) -> np.ndarray:
        return np.column_stack([(points[:, 0] - west) * squeeze * scale, (north - points[:, 1]) * scale])

    tolerance = SIMPLIFY_UNITS / scale  # degrees
    paths = []
    for geometry, score in zip(shapes.geometry, _priority_100(shapes), strict=True):
        outline = _path(shapely.simplify(geometry, tolerance, preserve_topology=True), project)
        if outline:
            paths.append(f'<path d="{outline}" fill="{classes.colour_of(score)}"/>')
    placed = projects.dropna(subset=["lat", "lon"]) if len(projects) else projects
    dots = ""
    if len(placed):
        spots = np.unique(np.round(project(placed[["lon", "lat"]].to_numpy(dtype=float)) / DOT_RADIUS), axis=0)
        dots = "".join(f'<circle cx="{x * DOT_RADIUS:.1f}" cy="{y * DOT_RADIUS:.1f}" r="{DOT_RADIUS}"/>'
                       for x, y in spots)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}" '
            f'width="{width:.1f}" height="{height:.1f}">'
            f'<g stroke="#ffffff" stroke-width="0.6" fill-rule="evenodd">{"".join(paths)}</g>'
            f'<g fill="{DOT_COLOUR}" fill-opacity="0.8" stroke="#ffffff" stroke-width="0.8">{dots}</g></svg>')


def _priority_100(communes: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(communes["priority_score"], errors="coerce").astype(float) * 100


def _path(geometry: shapely.Geometry, project: object) -> str:
    """SVG path data of a (multi)polygon's rings, in map units."""
    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = project(np.asarray(ring.coords)[:, :2])  # type: ignore[operator]
            rings.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(rings)


def sector_heatmap(sectors: pd.DataFrame, lang: str, *, measure: str = "projects") -> Heatmap:
    """Units × sectors of ``sectors`` (see reports.content) as coloured cells of ``measure``.

    ``measure`` is 'projects' (a count) or 'investment_mad' (MAD). Colours
    are the map's sequential palette in five equal steps up to the largest
    cell; empty cells stay white. Rows by unit code, columns by sector code.
    """
    if measure not in HEAT_MEASURES:
        raise ValueError(f"Unknown heatmap measure {measure!r}")
    if sectors.empty:
        return Heatmap([], [], [], number(0, lang))
    table = sectors.pivot_table(index="unit_code", columns="sector_code", values=measure, aggfunc="sum",
                                fill_value=0).sort_index().sort_index(axis=1)
    sector_names = sectors.drop_duplicates("sector_code").set_index("sector_code")
    unit_names = sectors.drop_duplicates("unit_code").set_index("unit_code")
    top = float(table.to_numpy().max()) or 1.0
    rows = []
    for code, values in table.iterrows():
        unit = unit_names.loc[code]
        cells = [_cell(float(v), top, lang) for v in values]
        rows.append((localised(unit["unit_fr"], unit["unit_ar"], lang), cells,
                     number(float(values.sum()), lang)))
    columns = [localised(sector_names.loc[c, "sector_fr"], sector_names.loc[c, "sector_ar"], lang)
               for c in table.columns]
    return Heatmap(columns, rows, [number(float(v), lang) for v in table.sum()], number(float(table.to_numpy().sum()),
                                                                                        lang))


def _cell(value: float, top: float, lang: str) -> HeatCell:
    if value <= 0:
        return HeatCell("", "#ffffff", "#000000")
    step = min(int(value / top * len(SEQUENTIAL)), len(SEQUENTIAL) - 1)
    return HeatCell(number(value, lang), SEQUENTIAL[step], "#ffffff" if step >= 3 else "#000000")
