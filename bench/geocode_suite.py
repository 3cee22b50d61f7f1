"""The ``geocode`` suite: points per second of the PostGIS batch geocoder against GeoPandas ``sjoin``.

Both run on the same seeded random points (most inside Morocco's bounding
box, some around it) in the same run; the communes for ``sjoin`` are read
from the database once, timed apart from the join. ``sjoin`` only answers
point-in-polygon: the PostGIS geocoder also snaps, finds gaps and rejects,
so their agreement is reported on the points inside a commune. Names per
second are for :meth:`NameGeocoder.match` on real commune names with noise.
"""

from __future__ import annotations

import time
import unicodedata

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coopbank import db, territory
from etl.geocode import NameGeocoder, geocode_points

# Share of the random points drawn inside Morocco's bounding box; the others
# come from a box 10° wider on every side.
INSIDE_SHARE = 0.9
WARM_UP = 1_000


def _random_points(n: int, rng: np.random.Generator) -> pd.DataFrame:
    regions = territory.regions()
    west, south = regions["west"].min(), regions["south"].min()
    east, north = regions["east"].max(), regions["north"].max()
    inside = int(n * INSIDE_SHARE)
    lon = np.concatenate([rng.uniform(west, east, inside), rng.uniform(west - 10, east + 10, n - inside)])
    lat = np.concatenate([rng.uniform(south, north, inside), rng.uniform(south - 10, north + 10, n - inside)])
    return pd.DataFrame({"lat": lat, "lon": lon})


def _commune_polygons() -> gpd.GeoDataFrame:
    rows = db.run("geocode/commune_polygons", limit=10_000).rows
    return gpd.GeoDataFrame({"code": [r["code"] for r in rows]},
                            geometry=shapely.from_wkb([bytes(r["wkb"]) for r in rows]), crs="EPSG:4326")


def _sjoin(points: pd.DataFrame, communes: gpd.GeoDataFrame) -> pd.Series:
    """The commune code holding each point (the first one where boundaries overlap), else NaN."""
    located = gpd.GeoDataFrame(geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326",
                               index=points.index)
    joined = gpd.sjoin(located, communes, how="left", predicate="within")
    return joined[~joined.index.duplicated()]["code"]


def _noisy(name: str, rng: np.random.Generator) -> str:
    """``name`` as someone might type it: a letter dropped, doubled or swapped, accents lost, a prefix."""
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)
    i = int(rng.integers(1, max(len(name) - 1, 2)))
    edits = [
        lambda s: s[:i] + s[i + 1:],
        lambda s: s[:i] + s[i] + s[i:],
        lambda s: s[:i - 1] + s[i] + s[i - 1] + s[i + 1:] if i < len(s) else s,
        lambda s: ("جماعة " if arabic else "Commune de ") + s,
        lambda s: "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).upper(),
        lambda s: s.replace("ة", "ه").replace("أ", "ا") if arabic else s.lower(),
    ]
    return edits[int(rng.integers(len(edits)))](name)


def _bench_points(n: int, rng: np.random.Generator) -> None:
    points = _random_points(n, rng)
    geocode_points(points.head(WARM_UP))
    start = time.perf_counter()
    ours = geocode_points(points)
    postgis_s = time.perf_counter() - start

    start = time.perf_counter()
    communes = _commune_polygons()
    load_s = time.perf_counter() - start
    _sjoin(points.head(WARM_UP), communes)
    start = time.perf_counter()
    theirs = _sjoin(points, communes)
    sjoin_s = time.perf_counter() - start

    inside = ours["method"] == "point"
    agree = (ours.loc[inside, "commune_code"] == theirs[inside]).mean()
    postgis_rate, sjoin_rate = n / postgis_s, n / sjoin_s
    print(f"points: {n:,} random, seeded ({INSIDE_SHARE:.0%} inside Morocco's bounding box)")
    print(f"{'geocoder':34} {'seconds':>8} {'points/s':>10}")
    print(f"{'PostGIS batch (geocode_points)':34} {postgis_s:8.2f} {postgis_rate:10,.0f}")
    print(f"{'GeoPandas sjoin (within)':34} {sjoin_s:8.2f} {sjoin_rate:10,.0f}   "
          f"+ {load_s:.2f} s to read {len(communes):,} communes once")
    print(f"ratio PostGIS / sjoin: {postgis_rate / sjoin_rate:.2f} (points per second)")
    print("PostGIS statuses: " + ", ".join(f"{k} {v:,}" for k, v in ours["status"].value_counts().items())
          + "; methods: " + ", ".join(f"{k} {v:,}" for k, v in ours["method"].value_counts().items()))
    print(f"same commune as sjoin on the {int(inside.sum()):,} points inside a commune: {agree:.2%}")


def _bench_names(count: int, rng: np.random.Generator) -> None:
    rows = pd.DataFrame(db.run("geocode/commune_names").rows)
    start = time.perf_counter()
    geocoder = NameGeocoder(rows)
    build_s = time.perf_counter() - start
    picked = rows.iloc[rng.integers(len(rows), size=count)]
    queries = [_noisy(row.name_fr if k % 2 else row.name_ar, rng) for k, row in enumerate(picked.itertuples())]
    start = time.perf_counter()
    found = [geocoder.match(q) for q in queries]
    match_s = time.perf_counter() - start
    statuses = pd.Series([m.status for m in found]).value_counts()
    right = np.mean([m.commune_code == code for m, code in zip(found, picked["code"], strict=True)])
    print(f"names: {count:,} real commune names with noise (half French, half Arabic)")
    print(f"NameGeocoder.match: {count / match_s:,.0f} names/s ({match_s:.2f} s; geocoder built in {build_s:.2f} s)")
    print("statuses: " + ", ".join(f"{k} {v:,}" for k, v in statuses.items())
          + f"; matched to the right commune: {right:.1%}")


def bench_geocode(*, n: int, names: int, seed: int) -> None:
    """Print the geocode figures for ``n`` random points and ``names`` noisy names."""
    rng = np.random.default_rng(seed)
    _bench_points(n, rng)
    print()
    _bench_names(names, rng)
