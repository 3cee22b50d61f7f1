"""The ``map`` suite: time and size of the dashboard's maps on the loaded database.

The baseline is the national region map, measured in the same run; every
other case is reported as seconds, payload bytes and its ratio to the
baseline, next to the target (payload under 3 MB).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from coopbank import territory
from coopbank.territory import INDICATORS
from coopbank.ui import maps

PAYLOAD_TARGET = 3_000_000
REPEAT = 3


def _map_case(level: str, region: str | None, with_zones: bool) -> Callable[[], int]:
    def build() -> int:
        units = territory.units(level, region_code=region)
        zones = territory.zones(region_code=region) if with_zones else None
        fmap = maps.choropleth(units, INDICATORS["jobs_per_1000"], lang="ar", zones=zones)
        return len(fmap.get_root().render().encode("utf-8"))

    return build


CASES = {
    "regions (baseline)": _map_case("region", None, False),
    "provinces": _map_case("province", None, False),
    "communes, national": _map_case("commune", None, False),
    "communes, national + zones": _map_case("commune", None, True),
    "communes of region 07 + zones": _map_case("commune", "07", True),
}


def _measure(case: Callable[[], int]) -> tuple[float, int]:
    timings, size = [], 0
    for _ in range(REPEAT):
        start = time.perf_counter()
        size = case()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), size


def bench_map() -> bool:
    """Print the map figures; return whether every payload meets the target."""
    results = {name: _measure(case) for name, case in CASES.items()}
    base_s, base_bytes = results["regions (baseline)"]
    print(f"{'case':32} {'seconds':>8} {'x base':>7} {'payload MB':>11} {'x base':>7}  target < 3 MB")
    ok = True
    for name, (seconds, size) in results.items():
        meets = size < PAYLOAD_TARGET
        ok &= meets
        print(f"{name:32} {seconds:8.3f} {seconds / base_s:7.1f} {size / 1e6:11.2f} {size / base_bytes:7.1f}  "
              f"{'ok' if meets else 'OVER'}")
    return ok
