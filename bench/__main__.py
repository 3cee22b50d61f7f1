"""``python -m bench [map | geocode | dashboard | reports] [--n N]``: figures, each against a baseline of the same run.

``map`` (the default) times the dashboard's maps on the loaded database against
the national region map; ``geocode`` compares the PostGIS point geocoder with a
GeoPandas spatial join on the same random points and times the name geocoder;
``dashboard`` builds throwaway databases with 2,000 and 100,000 demo projects
and times each page's main figure and map payload; ``reports`` builds the same
databases and times each report format for the largest region.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bench.dashboard_suite import bench_dashboard
from bench.geocode_suite import bench_geocode
from bench.map_suite import bench_map
from bench.reports_suite import bench_reports


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("suite", nargs="?", default="map", choices=["map", "geocode", "dashboard", "reports"])
    parser.add_argument("--n", type=int, default=100_000, help="random points for the geocode suite")
    parser.add_argument("--names", type=int, default=2_000, help="noisy names for the geocode suite")
    parser.add_argument("--seed", type=int, default=20241, help="seed of the random points and names")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.suite == "dashboard":
        bench_dashboard()
        return 0
    if args.suite == "reports":
        bench_reports()
        return 0
    if args.suite == "geocode":
        bench_geocode(n=args.n, names=args.names, seed=args.seed)
        return 0
    return 0 if bench_map() else 1


if __name__ == "__main__":
    sys.exit(main())
