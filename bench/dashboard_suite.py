"""Dashboard figures with 2,000 and 100,000 projects, each in a throwaway database.

For each size: the server-side time to build each page's main figure and the
map payload in bytes at each level, against the baseline of the same run
(the national region map with no project figures).
"""

from __future__ import annotations

import contextlib
import statistics
import time
import uuid
from collections.abc import Callable, Iterator

import psycopg
from psycopg import sql

from coopbank import investor, projects, settings, territory
from coopbank.exports import to_csv
from coopbank.migrate import apply_migrations
from coopbank.projects import ProjectFilters
from coopbank.provision import ensure_database, with_dbname
from coopbank.territory import INDICATORS, PROJECT_INDICATORS
from coopbank.ui import maps
from coopbank.ui.tables import export_frame
from etl.demo import load_demo
from etl.load import load

REPEAT = 3
LEVELS = ("region", "province", "commune")


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """A new empty database on the configured server, dropped afterwards (benchmarks never touch real data)."""
    server = settings.get_settings().database_url
    url = with_dbname(server, f"coopbank_bench_{uuid.uuid4().hex[:8]}")
    ensure_database(url)
    try:
        yield url
    finally:
        with psycopg.connect(with_dbname(server, "postgres"), autocommit=True) as conn:
            name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(str(name))))


@contextlib.contextmanager
def demo_bank(n: int, seed: int) -> Iterator[float]:
    """A throwaway database with the real territory and ``n`` demo projects, in force in the settings.

    Yields the seconds the demo projects took to generate.
    """
    with throwaway_database() as url, settings.override(database_url=url):
        apply_migrations()
        load()
        start = time.perf_counter()
        load_demo(n, seed)
        yield time.perf_counter() - start


def timed(build: Callable[[], int | None]) -> tuple[float, int | None]:
    """The median seconds of REPEAT runs of ``build``, and the size it returned (bytes, rows or None)."""
    timings, size = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        size = build()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), size


def _map_bytes(level: str, *, with_projects: bool, markers: bool = False) -> Callable[[], int]:
    def build() -> int:
        units = territory.units(level)
        indicator = INDICATORS["population_2024"]
        if with_projects:
            units = projects.with_project_metrics(units, ProjectFilters(), level=level)
            indicator = PROJECT_INDICATORS["gap_mad"]
        fmap = maps.choropleth(units, indicator, lang="fr")
        if markers:
            maps.add_project_layers(fmap, projects.list_projects(ProjectFilters()), lang="fr", markers=True,
                                    heat="jobs_direct")
        return len(fmap.get_root().render().encode("utf-8"))

    return build


def _cases() -> dict[str, Callable[[], int | None]]:
    everything = ProjectFilters()
    cases: dict[str, Callable[[], int | None]] = {"baseline: region map, no projects": _map_bytes(
        "region", with_projects=False)}
    for level in LEVELS:
        cases[f"map: {level} gap choropleth"] = _map_bytes(level, with_projects=True)
    cases["map: regions + markers + heatmap"] = _map_bytes("region", with_projects=True, markers=True)
    # What the user waits for: the first page of the explorer (100 rows and the total), then the CSV export.
    cases["explorer: first page (100 rows)"] = lambda: len(projects.project_page(everything, size=100).rows)
    cases["explorer: CSV export (full list)"] = lambda: len(to_csv(export_frame(projects.list_projects(everything))))
    cases["heatmap: region x sector"] = lambda: len(
        projects.metrics_by_territory(everything, level="region", by_sector=True))
    cases["profile: region 05 figures"] = lambda: len(
        projects.metrics_by_territory(ProjectFilters(region_code="05"), level="region"))
    ready = ProjectFilters(status_codes=investor.READY_STATUSES)
    cases["investor: first page by gap (100 rows)"] = lambda: len(investor.find_page(ready, sort="gap", size=100).rows)
    cases["investor: page 5 by jobs per million"] = lambda: len(
        investor.find_page(ready, sort="jobs_per_million", number=5, size=100).rows)
    cases["investor: full ranked list (export)"] = lambda: len(investor.find_projects(ready, sort="gap"))
    return cases


def bench_dashboard(*, sizes: tuple[int, ...] = (2_000, 100_000), seed: int = 42) -> None:
    """Print, for each size, seconds and payload bytes per case, with ratios to the baseline."""
    for n in sizes:
        with demo_bank(n, seed) as generated:
            print(f"\n{n:,} projects (generated in {generated:.1f} s)")
            results = {name: timed(case) for name, case in _cases().items()}
        base_s, base_bytes = results["baseline: region map, no projects"]
        print(f"{'case':42} {'seconds':>8} {'x base':>7} {'map bytes':>11} {'x base':>7}")
        for name, (seconds, size) in results.items():
            is_map = name.startswith(("map", "baseline"))
            shown = f"{size:11,d} {size / (base_bytes or 1):7.1f}" if is_map and size else f"{'':11} {'':7}"
            print(f"{name:42} {seconds:8.3f} {seconds / base_s:7.1f} {shown}")
