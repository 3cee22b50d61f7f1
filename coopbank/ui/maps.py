"""Folium maps of territorial indicators: classes, colours, tooltips and legends.

Geometries arrive as GeoJSON strings in EPSG:4326 (the simplified display
outlines); nothing here touches the database.
"""

from __future__ import annotations

import dataclasses
import html
import json
import typing
from collections.abc import Sequence
from urllib.parse import quote

import branca
import folium
import numpy as np
import pandas as pd
import shapely
from folium.plugins import HeatMap, MarkerCluster

from coopbank.territory import Indicator
from coopbank.ui.assets import localise
from coopbank.ui.i18n import is_rtl, localised, number, percent, place_name, translate

MOROCCO_BOUNDS = [[20.7, -17.1], [35.95, -1.0]]  # [[south, west], [north, east]], degrees
SEQUENTIAL = ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d")
DIVERGING = ("#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac", "#053061")
CATEGORY_COLOURS = ("#fdd49e", "#31a354")
NO_DATA = "#cccccc"
ZONE_STYLE = {
    "rural": {"color": "#8c510a", "weight": 1.5, "fillColor": "#dfc27d", "fillOpacity": 0.25, "dashArray": "4 3"},
    "mountain": {"color": "#5e3c99", "weight": 2, "fillColor": "#b2abd2", "fillOpacity": 0.3},
}


@dataclasses.dataclass(frozen=True)
class Classes:
    """Class limits with one colour and one legend label per class."""

    breaks: tuple[float, ...]
    colours: tuple[str, ...]
    labels: tuple[str, ...]
    categorical: bool = False

    def colour_of(self, value: float | None) -> str:
        if value is None or np.isnan(value):
            return NO_DATA
        return self.colours[int(np.searchsorted(self.breaks, value, side="right"))]


def _format(value: float, indicator: Indicator, lang: str) -> str:
    if indicator.percent:
        return percent(value, lang, decimals=0)
    magnitude = abs(value)
    return number(value, lang, decimals=0 if magnitude >= 100 or float(value).is_integer() else 1)


def classify(values: Sequence[float], indicator: Indicator, lang: str) -> Classes:
    """Classes for ``values``: the indicator's fixed breaks, two categories, or quintiles.

    Values that take only the two category values (0 and 1, as a commune's
    rural or mountain share does) get a two-colour categorical legend.
    """
    data = np.asarray([v for v in values if v is not None and not np.isnan(v)], dtype=float)
    if indicator.categories and data.size and set(np.unique(data)) <= {0.0, 1.0}:
        names = tuple(translate(c, lang) for c in indicator.categories)
        return Classes((0.5,), CATEGORY_COLOURS, names, categorical=True)
    if indicator.breaks:
        breaks = indicator.breaks
    elif data.size:
        quintiles = np.quantile(data, [0.2, 0.4, 0.6, 0.8])
        # Counts get whole-number limits; a limit at or below the minimum would make an empty class.
        rounded = np.ceil(quintiles) if np.all(data == np.round(data)) else np.round(quintiles, 2)
        breaks = tuple(sorted({float(b) for b in rounded if b > data.min()}))
        if not breaks and data.max() > data.min():
            # Mostly equal values (zeros where few units have a project): still set the others apart.
            above = float(data[data > data.min()].min())
            limit = float(np.ceil(above) if np.all(data == np.round(data)) else np.round(above, 2))
            breaks = (limit if limit > data.min() else above,)
    else:
        breaks = ()
    palette = DIVERGING if indicator.diverging else SEQUENTIAL
    colours = _pick(palette, len(breaks) + 1)
    edges = [None, *breaks, None]
    labels = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        if low is not None and high is not None:
            labels.append(f"{_format(low, indicator, lang)} – {_format(high, indicator, lang)}")
        elif high is not None:
            labels.append(f"< {_format(high, indicator, lang)}")
        elif low is not None:
            labels.append(f"≥ {_format(low, indicator, lang)}")
        else:
            labels.append(translate("All values", lang))
    return Classes(breaks, colours, tuple(labels))


def _pick(palette: Sequence[str], n: int) -> tuple[str, ...]:
    if n >= len(palette):
        return tuple(palette)
    positions = np.linspace(0, len(palette) - 1, n).round().astype(int)
    return tuple(palette[i] for i in positions)


def _features(units: pd.DataFrame, indicator: Indicator, classes: Classes, lang: str) -> dict:
    features = []
    for row in units.itertuples(index=False):
        if not isinstance(row.geojson, str):  # a commune without a boundary
            continue
        value = getattr(row, indicator.key)
        shown = "–" if value is None or np.isnan(value) else (
            classes.labels[0 if value < 0.5 else 1] if classes.categorical else _format(value, indicator, lang)
        )
        features.append({
            "type": "Feature",
            "geometry": json.loads(row.geojson),
            "properties": {"code": row.code, "name_fr": row.name_fr, "name_ar": row.name_ar,
                           "value": shown, "fill": classes.colour_of(value)},
        })
    return {"type": "FeatureCollection", "features": features}


def _legend(title: str, classes: Classes, rtl: bool) -> folium.Element:
    # Numeric ranges read left to right in both languages (else bidi mirrors "<" and "≥").
    direction = "auto" if classes.categorical else "ltr"
    rows = "".join(
        f'<div><span style="background:{c};display:inline-block;width:14px;height:14px;'
        f'margin:0 6px;border:1px solid #777"></span><bdi dir="{direction}">{html.escape(label)}</bdi></div>'
        for c, label in zip(classes.colours, classes.labels, strict=True)
    )
    rows += (f'<div><span style="background:{NO_DATA};display:inline-block;width:14px;height:14px;'
             f'margin:0 6px;border:1px solid #777"></span>–</div>')
    side = "left" if rtl else "right"
    body = (f'<div class="coopbank-legend" dir="{"rtl" if rtl else "ltr"}" style="position:absolute;'
            f'bottom:60px;{side}:12px;z-index:9999;background:white;padding:8px 10px;border-radius:4px;'
            f'box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px sans-serif;max-width:260px">'
            f'<b>{html.escape(title)}</b>{rows}</div>')
    return folium.Element(body)


def _base_map(**options: typing.Any) -> folium.Map:
    """An OpenStreetMap base drawn with the dashboard's own Leaflet when it is installed."""
    fmap = folium.Map(tiles="OpenStreetMap", control_scale=True, **options)
    return typing.cast(folium.Map, localise(fmap))


def choropleth(
    units: pd.DataFrame,
    indicator: Indicator,
    *,
    lang: str,
    bounds: list[list[float]] | None = None,
    zones: dict[str, str] | None = None,
    outlines: pd.DataFrame | None = None,
) -> folium.Map:
    """A map of ``units`` coloured by ``indicator`` with a legend and FR/AR tooltips.

    ``units`` needs columns code, name_fr, name_ar, geojson and the indicator's
    column. ``bounds`` ([[south, west], [north, east]], degrees) sets the view;
    ``zones`` adds the rural/mountain overlays by name; ``outlines`` draws the
    borders of enclosing units (provinces within a region) on top.
    """
    fmap = _base_map(prefer_canvas=True)
    fmap.fit_bounds(bounds or MOROCCO_BOUNDS)
    classes = classify(units[indicator.key].tolist(), indicator, lang)
    title = f"{translate(indicator.label, lang)} ({translate(indicator.unit, lang)})"
    folium.GeoJson(
        _features(units, indicator, classes, lang),
        name=translate(indicator.label, lang),
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#555", "weight": 0.4,
                                  "fillOpacity": 0.8},
        highlight_function=lambda f: {"weight": 2, "color": "#000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name_fr", "name_ar", "value"],
            aliases=[translate("Name (French)", lang), translate("Name (Arabic)", lang),
                     translate(indicator.label, lang)],
        ),
    ).add_to(fmap)
    if outlines is not None:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": json.loads(g), "properties": {}}
                for g in outlines["geojson"] if isinstance(g, str)]},
            name=translate("Province borders", lang),
            style_function=lambda f: {"color": "#222", "weight": 1.6, "fillOpacity": 0},
            interactive=False,
        ).add_to(fmap)
    for zone, geojson in (zones or {}).items():
        style = ZONE_STYLE[zone]
        folium.GeoJson(
            json.loads(geojson),
            name=translate("Rural communes" if zone == "rural" else "Mountain communes", lang),
            style_function=lambda f, s=style: s,
            interactive=False,
        ).add_to(fmap)
    if zones:
        folium.LayerControl(collapsed=False).add_to(fmap)
    figure = typing.cast(branca.element.Figure, fmap.get_root())
    figure.html.add_child(_legend(title, classes, is_rtl(lang)))
    return fmap


def project_map(lat: float, lon: float, *, label: str, exact: bool) -> folium.Map:
    """A small map around one project's point (degrees, EPSG:4326).

    ``exact`` is False when the point stands for the project's commune or
    province (its label point): it is then drawn as a wider dashed circle.
    ``label`` (user data) is escaped before it reaches Leaflet's tooltip.
    """
    fmap = _base_map(location=[lat, lon], zoom_start=12 if exact else 10)
    style = ({"radius": 8, "weight": 2, "fill_opacity": 0.8} if exact
             else {"radius": 22, "weight": 2, "fill_opacity": 0.15, "dash_array": "5 4"})
    folium.CircleMarker([lat, lon], color="#045a8d", fill=True, fill_color="#2b8cbe",
                        tooltip=folium.Tooltip(html.escape(label)), **style).add_to(fmap)
    return fmap


def region_bounds(region: pd.Series) -> list[list[float]]:
    """Folium bounds of a region row from :func:`coopbank.territory.regions`."""
    return [[region["south"], region["west"]], [region["north"], region["east"]]]


def outline_bounds(geojson: str) -> list[list[float]]:
    """Folium bounds ([[south, west], [north, east]], degrees) of a GeoJSON outline."""
    west, south, east, north = shapely.from_geojson(geojson).bounds
    return [[south, west], [north, east]]


def figures_table(units: pd.DataFrame, indicator: Indicator, *, lang: str) -> pd.DataFrame:
    """The units shown on the map as a table, sorted by the indicator, headers translated."""
    columns = {
        "name": translate("Name", lang),
        "code": translate("HCP code", lang),
        indicator.key: translate(indicator.label, lang),
        "population_2024": translate("Population 2024", lang),
        "rural_share": translate("Rural population share", lang) + " (%)",
        "mountain_share": translate("Population in mountain communes", lang) + " (%)",
    }
    table = units.assign(
        name=[place_name(fr, ar, lang) for fr, ar in zip(units["name_fr"], units["name_ar"], strict=True)]
    )
    table = table.loc[:, list(dict.fromkeys(columns))].sort_values(indicator.key, ascending=False)
    for share in ("rural_share", "mountain_share"):
        table[share] = (table[share] * 100).round(1)
    return table.rename(columns=columns)


def territory_map(outline: str, communes: pd.DataFrame | None = None, *, lang: str) -> folium.Map:
    """A small map of one territory: its outline (GeoJSON, EPSG:4326) filled, framed to fit.

    ``communes`` (columns name_fr, name_ar, geojson) draws the communes inside
    with their names as tooltips; the filled shapes read without the tiles.
    """
    fmap = _base_map(prefer_canvas=True)
    shape = folium.GeoJson(
        json.loads(outline), name=translate("Territory", lang), interactive=False,
        style_function=lambda f: {"color": "#045a8d", "weight": 2.5, "fillColor": "#74a9cf", "fillOpacity": 0.45},
    ).add_to(fmap)
    if communes is not None:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": json.loads(r.geojson),
                 "properties": {"name": place_name(r.name_fr, r.name_ar, lang)}}
                for r in communes.itertuples() if isinstance(r.geojson, str)]},
            name=translate("Communes", lang),
            style_function=lambda f: {"color": "#333", "weight": 0.6, "fillOpacity": 0},
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        ).add_to(fmap)
    fmap.fit_bounds(typing.cast("list[list[float]]", shape.get_bounds()))
    return fmap


HEAT_WEIGHTS = {"projects": None, "investment_mad": "investment_mad", "jobs_direct": "jobs_direct"}
HEAT_LABELS = {"projects": "Projects", "investment_mad": "Investment needed", "jobs_direct": "Expected direct jobs"}


MAX_MARKERS = 3_000  # beyond this the payload passes 3 MB: the page asks for a region or a filter


def add_project_layers(fmap: folium.Map, projects: pd.DataFrame, *, lang: str, markers: bool,
                       heat: str | None) -> bool:
    """Add the filtered projects to ``fmap``: clustered markers and/or a heatmap; False if markers were left out.

    ``projects`` comes from :func:`coopbank.projects.list_projects` (lat/lon in
    degrees, EPSG:4326). Markers cluster at national zoom and split when zoomed
    in; each popup links to the project sheet. Over :data:`MAX_MARKERS` projects
    no marker is drawn. ``heat`` weighs the heatmap by 'projects' (one each),
    'investment_mad' or 'jobs_direct', summed on a 0.01° grid so its size stays
    bounded whatever the number of projects.
    """
    placed = projects.dropna(subset=["lat", "lon"])
    drawn = markers and len(placed) <= MAX_MARKERS
    if drawn and not placed.empty:
        cluster = localise(MarkerCluster(name=translate("Projects", lang)))
        for row in placed.itertuples(index=False):
            title = html.escape(localised(row.title_fr, row.title_ar, lang))
            demo = f" <b>{html.escape(translate('DEMO', lang))}</b>" if row.is_demo else ""
            link = f'<a href="/project?ref={quote(row.reference)}" target="_top">{html.escape(row.reference)}</a>'
            folium.CircleMarker(
                [row.lat, row.lon], radius=6, color="#b35806", fill=True, fill_opacity=0.8, weight=1,
                popup=folium.Popup(f"{title}{demo}<br>{link}", max_width=280),
            ).add_to(cluster)
        cluster.add_to(fmap)
    if heat is not None and not placed.empty:
        column = HEAT_WEIGHTS[heat]
        weights = placed[column].fillna(0).astype(float) if column else pd.Series(1.0, index=placed.index)
        grid = pd.DataFrame({"lat": placed["lat"].round(2), "lon": placed["lon"].round(2), "w": weights})
        cells = grid.groupby(["lat", "lon"], as_index=False)["w"].sum()
        top = float(cells["w"].max()) or 1.0
        points = [[lat, lon, w / top] for lat, lon, w in cells.itertuples(index=False)]
        localise(HeatMap(points, name=translate("Heatmap", lang), radius=14, blur=18, min_opacity=0.3)).add_to(fmap)
    return drawn or not markers
