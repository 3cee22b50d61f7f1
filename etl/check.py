"""Data checks on the loaded territorial base, summarised as JSON.

Each check is a query in ``queries/check/`` that returns the rows at fault:
no row means the check passed. ``python -m etl check`` prints the summary and
exits non-zero when a check fails.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from coopbank import db

# What the real data must give (HCP 2024 and OpenStreetMap as of the manifest).
EXPECTED_COUNTS = {"regions": 12, "provinces_with_geometry": 75, "communes": 1503}
MIN_COMMUNES_WITH_GEOMETRY = 1499
AREA_TOLERANCE = 0.01  # full-resolution boundaries lie within 0.5 % of HCP's areas


@dataclasses.dataclass(frozen=True)
class Check:
    """A named data check: the query listing failures, its parameters, and what it tests."""

    name: str
    query: str
    description: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


CHECKS = [
    Check("population_sums", "check/population_sums",
          "Commune populations and households add up to their region's, province's and cercle's."),
    Check("establishments_sums", "check/establishments_sums",
          "Commune establishment counts add up to the country, region, province and cercle rows."),
    Check("establishments_unmatched", "check/establishments_unmatched",
          "Every establishment row names a known unit and every commune has one."),
    Check("boundary_codes_unmatched", "check/boundary_codes_unmatched",
          "Every boundary feature matched an HCP commune."),
    Check("geometry_invalid", "check/geometry_invalid",
          "Every stored boundary is a valid, non-empty MultiPolygon in EPSG:4326."),
    Check("commune_area_mismatch", "check/commune_area_mismatch",
          "Full-resolution commune areas agree with HCP's within 1 %.", {"tolerance": AREA_TOLERANCE}),
    Check("terrain_missing", "check/terrain_missing",
          "Every commune with a boundary has terrain figures."),
]


def _expected_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    failures = [
        {"count": name, "expected": want, "actual": counts[name]}
        for name, want in EXPECTED_COUNTS.items()
        if counts[name] != want
    ]
    if counts["communes_with_geometry"] < MIN_COMMUNES_WITH_GEOMETRY:
        failures.append({
            "count": "communes_with_geometry",
            "expected": f">= {MIN_COMMUNES_WITH_GEOMETRY}",
            "actual": counts["communes_with_geometry"],
        })
    return failures


def run_checks() -> dict[str, Any]:
    """Run every check; return the summary (``failed`` lists the names of failed checks)."""
    counts = db.run("check/counts").rows[0]
    by_source = db.run("check/communes_by_geometry_source").rows
    results: list[dict[str, Any]] = [{
        "name": "expected_counts",
        "description": "The real data's known counts of regions, provinces and communes.",
        "failures": _expected_counts(counts),
    }]
    for check in CHECKS:
        found = db.run(check.query, check.params, limit=20)
        results.append({"name": check.name, "description": check.description, "failures": found.rows})
    for outcome in results:
        outcome["passed"] = not outcome["failures"]
    mountain = db.run("check/mountain_summary").rows[0]
    return {
        "counts": counts,
        "communes_with_geometry_by_source": [r for r in by_source if r["precision"] != "none"],
        "communes_without_geometry": db.run("check/communes_without_geometry").rows,
        "mountain": {
            "communes": mountain["communes"],
            "population_share": float(mountain["population_share"] or 0),
            "unclassified": mountain["unclassified"],
        },
        "geometries_repaired": {r["level"]: r["repaired"] for r in db.run("check/geometries_repaired").rows},
        "checks": results,
        "failed": [r["name"] for r in results if not r["passed"]],
    }
