"""What a territorial report says: one scope's key figures, projects, communes, sectors, method and sources.

:func:`gather` reads everything a report needs once, through the existing
domain functions (projects, territory, job model, priority index); the PDF,
workbook, CSV and layer writers only format its :class:`ReportData`, so every
format of the same options shows the same figures. Money is in MAD, shares
0–1, jobs full-time equivalents (unrounded), geometries EPSG:4326 degrees.
Rows are ordered by code or reference, so only ``generated_at`` differs
between two runs on the same data. Never a contact: the project reads only
return public fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from coopbank import profile, projects, territory
from coopbank.errors import InvalidInput
from coopbank.ui.i18n import LANGUAGES, localised, translate
from etl.manifest import load_manifest
from planning import jobs, priority
from planning.job_model_store import current_model

LEVELS = ("national", "region", "province")
# The units a report breaks its sectors down by: the level below the scope's.
UNIT_LEVEL = {"national": "region", "region": "province", "province": "commune"}
TOP_ROWS = 10
SUM_BOUNDS = [f"{kind}_{bound}" for kind in ("direct", "total") for bound in jobs.BOUNDS]


@dataclasses.dataclass(frozen=True)
class Scope:
    """The territory a report covers: ``level`` ('national', 'region', 'province') and its HCP ``code``."""

    level: str
    code: str | None = None

    @property
    def filters(self) -> projects.ProjectFilters:
        """The project filters of this territory (demo projects included: they are marked, not hidden)."""
        return projects.ProjectFilters(region_code=self.code if self.level == "region" else None,
                                       province_code=self.code if self.level == "province" else None)

    @property
    def region_code(self) -> str | None:
        """The region holding the territory (``None`` for the nation)."""
        return None if self.code is None else self.code.split(".")[0]

    @property
    def slug(self) -> str:
        """A file-name part: 'national', 'region-05', 'province-05.091'."""
        return self.level if self.code is None else f"{self.level}-{self.code}"


def scope(level: str, code: str | None = None) -> Scope:
    """A validated :class:`Scope`; :class:`InvalidInput` for an unknown level or code (national takes none)."""
    found = Scope(level, (code or "").strip() or None)
    _names(found)
    return found


def _names(where: Scope) -> tuple[str, str]:
    """(name_fr, name_ar) of the territory, checking that it exists."""
    if where.level not in LEVELS:
        raise InvalidInput(f"Unknown report level {where.level!r}: choose one of {', '.join(LEVELS)}")
    if where.level == "national":
        if where.code is not None:
            raise InvalidInput("A national report takes no territory code")
        return translate("Morocco", "fr"), translate("Morocco", "ar")
    code = where.code or ""
    if profile.level_of(code) == where.level:
        frame = (territory.regions() if where.level == "region"
                 else territory.units("province", region_code=where.region_code, with_geometry=False))
        rows = frame[frame["code"] == code]
        if len(rows):
            return str(rows.iloc[0]["name_fr"]), str(rows.iloc[0]["name_ar"])
    raise InvalidInput(f"Unknown {where.level} code {code!r}")


@dataclasses.dataclass
class ReportData:
    """Everything one report shows; see :func:`gather` for what each member holds.

    ``generated_at`` is timezone-aware, in UTC. ``preset`` is the priority
    index's preset (:data:`planning.priority.PRESETS`) the scores come from.
    """

    scope: Scope
    lang: str
    name: str
    name_fr: str
    name_ar: str
    generated_at: datetime
    data_version: str
    job_model_version: int
    includes_demo: bool
    figures: dict[str, Any]
    projects: pd.DataFrame
    communes: gpd.GeoDataFrame
    sectors: pd.DataFrame
    top_by_priority: pd.DataFrame
    top_by_jobs_per_mad: pd.DataFrame
    method: dict[str, Any]
    sources: pd.DataFrame
    preset: str

    @property
    def version_hash(self) -> str:
        """Eight hex digits naming the data version and job model version (for file names)."""
        stamp = f"{self.data_version}|{self.job_model_version}"
        return hashlib.sha256(stamp.encode()).hexdigest()[:8]


def gather(where: Scope, lang: str, *, preset: str = priority.DEFAULT_PRESET) -> ReportData:
    """Read and compute the report of ``where`` in ``lang`` ('fr' or 'ar').

    - ``figures``: population 2024 and 2014, rural and mountain shares of the
      2024 population (0–1), communes, projects, demo_projects, investment_mad,
      secured_mad, gap_mad (MAD), estimated jobs_direct_/jobs_total_ low,
      central and high, and declared_jobs (the projects' own figures).
    - ``projects``: the public columns of :func:`coopbank.projects.list_projects`
      with the job estimate columns (:data:`planning.jobs.ESTIMATE_COLUMNS`,
      ``declared_check``, ``model_version``), ``estimated_jobs_per_million_gap``
      (central direct jobs per million MAD of gap, as the scenarios' jobs-per-MAD
      rule) and the national ``priority_score`` / ``priority_rank`` of the
      project's commune; by reference.
    - ``communes``: every commune of the territory with its indicators, national
      priority and project figures, EPSG:4326 display outline; by code.
    - ``sectors``: one row per unit of the level below (regions, provinces or
      communes) and sector with projects; projects not placed at that level are
      left out.
    - ``top_by_priority`` / ``top_by_jobs_per_mad``: the first :data:`TOP_ROWS`
      projects by commune priority rank, and by estimated jobs per MAD of gap.
    """
    if lang not in LANGUAGES:
        raise InvalidInput(f"Unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    name_fr, name_ar = _names(where)
    priority.weights_for(preset=preset)  # refuses an unknown preset before any long read
    data_version = projects.data_version()
    model = current_model()
    ranked = priority.commune_priority(preset=preset).set_index("code")[["score", "rank"]]
    ranked.columns = ["priority_score", "priority_rank"]
    project_rows = _projects(where, model, ranked)
    communes = _communes(where, project_rows, ranked)
    return ReportData(
        scope=where, lang=lang, name=localised(name_fr, name_ar, lang), name_fr=name_fr, name_ar=name_ar,
        generated_at=datetime.now(UTC).replace(microsecond=0), data_version=data_version,
        job_model_version=model.version, includes_demo=bool(project_rows["is_demo"].fillna(False).any()),
        figures=_figures(communes, project_rows), projects=project_rows, communes=communes,
        sectors=_sectors(where, project_rows),
        top_by_priority=_top(project_rows, "priority_rank", ascending=True),
        top_by_jobs_per_mad=_top(project_rows, "estimated_jobs_per_million_gap", ascending=False),
        method=_method(model), sources=_sources(model), preset=preset)


def _projects(where: Scope, model: jobs.JobModel, ranked: pd.DataFrame) -> pd.DataFrame:
    everything = max(projects.stored_projects(), 1)
    listed = projects.list_projects(where.filters, limit=everything)
    estimated = jobs.estimate_projects(listed, model)
    gap = estimated["gap_mad"].where(estimated["gap_mad"] > 0)
    estimated["estimated_jobs_per_million_gap"] = 1e6 * estimated["direct_central"] / gap
    merged = estimated.merge(ranked, left_on="commune_code", right_index=True, how="left")
    return merged.sort_values("reference", kind="stable").reset_index(drop=True)


def _communes(where: Scope, project_rows: pd.DataFrame, ranked: pd.DataFrame) -> gpd.GeoDataFrame:
    units = territory.units("commune", region_code=where.region_code)
    if where.level == "province":
        units = units[units["province_code"] == where.code]
    grouped = project_rows.groupby("commune_code")
    sums = grouped[["investment_mad", "gap_mad", "direct_low", "direct_central", "direct_high"]].sum()
    sums.columns = ["investment_mad", "gap_mad", "jobs_direct_low", "jobs_direct_central", "jobs_direct_high"]
    sums.insert(0, "projects", grouped.size())
    frame = (units.assign(is_mountain=units["mountain_communes"] > 0)
             .merge(ranked, left_on="code", right_index=True, how="left")
             .merge(sums, left_on="code", right_index=True, how="left"))
    frame[list(sums.columns)] = frame[list(sums.columns)].fillna(0.0)
    frame["projects"] = frame["projects"].astype(int)
    geometry = [shapely.from_geojson(text) if isinstance(text, str) else None for text in frame["geojson"]]
    columns = ["code", "name_fr", "name_ar", "province_code", "kind", "is_mountain", "population_2024",
               "population_2014", "rural_share", "priority_score", "priority_rank", *sums.columns]
    out = gpd.GeoDataFrame(frame[columns], geometry=geometry, crs="EPSG:4326")
    return out.sort_values("code", kind="stable").reset_index(drop=True)


def _figures(communes: gpd.GeoDataFrame, project_rows: pd.DataFrame) -> dict[str, Any]:
    population = float(communes["population_2024"].sum())
    rural = float(communes.loc[communes["kind"] == "rural", "population_2024"].sum())
    mountain = float(communes.loc[communes["is_mountain"], "population_2024"].sum())
    return {
        "population_2024": int(population),
        "population_2014": int(communes["population_2014"].sum()),
        "rural_share": rural / population if population else float("nan"),
        "mountain_share": mountain / population if population else float("nan"),
        "communes": len(communes),
        "projects": len(project_rows),
        "demo_projects": int(project_rows["is_demo"].fillna(False).sum()),
        "investment_mad": float(project_rows["investment_mad"].sum()),
        "secured_mad": float(project_rows["funding_secured_mad"].sum()),
        "gap_mad": float(project_rows["gap_mad"].sum()),
        **{f"jobs_{column}": float(project_rows[column].sum()) for column in SUM_BOUNDS},
        "declared_jobs": float(project_rows["jobs_direct"].sum()),
    }


def _sectors(where: Scope, project_rows: pd.DataFrame) -> pd.DataFrame:
    unit = UNIT_LEVEL[where.level]
    keys = [f"{unit}_code", f"{unit}_fr", f"{unit}_ar", "sector_code", "sector_fr", "sector_ar"]
    grouped = project_rows.groupby(keys, sort=True)
    out = grouped[["investment_mad", "direct_central"]].sum().rename(columns={"direct_central":
                                                                              "jobs_direct_central"})
    out.insert(0, "projects", grouped.size())
    out = out.reset_index().rename(columns={f"{unit}_code": "unit_code", f"{unit}_fr": "unit_fr",
                                            f"{unit}_ar": "unit_ar"})
    out.attrs["unit_level"] = unit
    return out.sort_values(["unit_code", "sector_code"], kind="stable").reset_index(drop=True)


def _top(project_rows: pd.DataFrame, column: str, *, ascending: bool) -> pd.DataFrame:
    ordered = project_rows.sort_values([column, "reference"], ascending=[ascending, True], na_position="last",
                                       kind="stable")
    return ordered.dropna(subset=[column]).head(TOP_ROWS).reset_index(drop=True)


def _method(model: jobs.JobModel) -> dict[str, Any]:
    """The job model's version, date, author, note and coefficient tables (by code; sectors with their FR/AR
    labels), its flag factors, and the priority index's version."""
    tables = {name: frame.sort_values(frame.columns[0], kind="stable").reset_index(drop=True)
              for name, frame in jobs.coefficient_frames(model.content).items()}
    labels = projects.sectors().set_index("code")[["label_fr", "label_ar"]]
    costs = tables["sectors"].merge(labels, left_on="sector", right_index=True, how="left")
    return {"version": model.version, "created_at": model.created_at, "created_by": model.created_by,
            "note": model.note, "cost_per_job": costs, "zones": tables["zones"],
            "multipliers": tables["multipliers"], "flag_factors": model.flag_factors,
            "priority_version": priority.VERSION}


def _sources(model: jobs.JobModel) -> pd.DataFrame:
    """The loaded geodata's publishers (manifest) and the job model's sources: title, publisher, licence, url."""
    manifest = load_manifest()
    loaded = set(territory.data_sources()["name"])
    cited = {manifest.files[name].source for name in loaded if name in manifest.files}
    rows = [{"kind": "data", "title": s.title, "publisher": s.publisher, "licence": s.licence, "date": s.date,
             "url": s.url} for key, s in sorted(manifest.sources.items()) if key in cited]
    rows += [{"kind": "job model", "title": str(s.get("title", "")), "publisher": str(s.get("publisher", "")),
              "licence": "", "date": str(s.get("year", "")), "url": str(s.get("url", ""))}
             for _, s in sorted(model.content.get("sources", {}).items())]
    return pd.DataFrame(rows, columns=["kind", "title", "publisher", "licence", "date", "url"])
