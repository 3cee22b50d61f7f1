"""A territory's profile: its unit, terrain, projects and how it compares with its region and Morocco.

Thin functions over ``queries/territory/profile_*.sql``, :mod:`coopbank.territory`
and :mod:`coopbank.projects`. Codes are HCP codes ('05', '05.091', '05.091.01.01');
money is in MAD, shares 0–1, rates per 1,000 inhabitants.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from coopbank import db, projects, territory

# The per-capita indicators compared with the region and Morocco (columns of territory/units).
COMPARED = ("change_pct", "rural_share", "mountain_share", "businesses_per_1000", "jobs_per_1000")
_NO_PROJECT = {"projects": 0, "investment_mad": 0.0, "secured_mad": 0.0, "gap_mad": 0.0, "jobs_direct": 0}


def level_of(code: str) -> str | None:
    """The level of an HCP code by its shape ('05' region, '05.091' province, longer commune), or ``None``."""
    parts = code.split(".")
    if not all(part.isdigit() for part in parts):
        return None
    return {1: "region", 2: "province"}.get(len(parts), "commune" if len(parts) == 4 else None)


def unit(level: str, code: str) -> dict[str, Any] | None:
    """The row of :func:`coopbank.territory.units` for one unit (with its geojson), or ``None`` if unknown."""
    if level_of(code) != level:
        return None
    frame = territory.units(level, region_code=code.split(".")[0])
    rows = frame[frame["code"] == code]
    return rows.iloc[0].to_dict() if len(rows) else None


def commune_terrain(commune_code: str) -> dict[str, Any] | None:
    """A commune's ``is_mountain``, ``elevation_mean_m`` (m) and ``mountain_area_share`` (0–1), or ``None``."""
    rows = db.run("territory/profile_terrain", {"commune_code": commune_code}).rows
    return rows[0] if rows else None


def _filters(level: str, code: str) -> projects.ProjectFilters:
    return projects.ProjectFilters(region_code=code if level == "region" else None,
                                   province_code=code if level == "province" else None,
                                   commune_code=code if level == "commune" else None)


def project_totals(level: str, code: str) -> dict[str, Any]:
    """Projects, investment needed, secured and gap (MAD) and direct jobs of one unit; zeros when none."""
    frame = projects.metrics_by_territory(_filters(level, code), level=level)
    rows = frame[frame["code"] == code]
    found = rows.iloc[0].to_dict() if len(rows) else {}
    return {key: found.get(key, empty) for key, empty in _NO_PROJECT.items()}


def unit_projects(level: str, code: str) -> pd.DataFrame:
    """Every project of one unit, with :func:`coopbank.projects.list_projects`'s columns (up to its row cap)."""
    return projects.list_projects(_filters(level, code))


def sector_mix(level: str, code: str) -> pd.DataFrame:
    """One row per sector of the unit's projects: sector_code, projects, investment_mad; most projects first."""
    frame = projects.metrics_by_territory(_filters(level, code), level=level, by_sector=True)
    frame = frame[frame["code"] == code]
    return frame[["sector_code", "projects", "investment_mad"]].sort_values("projects", ascending=False)


def comparison(row: dict[str, Any]) -> pd.DataFrame:
    """The :data:`COMPARED` indicators and ``projects_per_100k`` of a unit row, its region and Morocco.

    Indexed by indicator key; columns 'territory', 'region' (absent for a
    region) and 'national'. ``projects_per_100k`` counts the bank's projects
    (demo ones included) per 100,000 inhabitants of 2024.
    """
    region = row["region_code"] if row["level"] != "region" else None
    averages = pd.DataFrame(db.run("territory/profile_averages", {"region_code": region}).rows).set_index("scope")
    table = averages.loc[:, list(COMPARED)].T
    table.insert(0, "territory", [row[key] for key in COMPARED])
    by_region = projects.metrics_by_territory(projects.ProjectFilters(), level="region").set_index("code")["projects"]
    counts = {"territory": project_totals(row["level"], row["code"])["projects"],
              "region": by_region.get(region, 0), "national": by_region.sum()}
    population = {"territory": row["population_2024"], **averages["population_2024"].to_dict()}
    table.loc["projects_per_100k"] = [100_000 * counts[c] / population[c] if population[c] else float("nan")
                                      for c in table.columns]
    return table.loc[:, [c for c in ("territory", "region", "national") if c in table.columns]]
