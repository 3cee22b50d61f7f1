"""The report's projects as one flat table: the CSV export, and the rows the workbook and layers share.

Column names are stable English keys whatever the language (partners script
against them); places, sectors and statuses carry both their French and Arabic
names. Every CSV row repeats ``data_version`` and ``generated_at`` so the file
stays a clean table and still says what it was made from.
"""

from __future__ import annotations

import pandas as pd

from coopbank.exports import to_csv
from planning import jobs
from reports.content import ReportData

# The public project columns exported, in order (no contact is ever among them).
PROJECT_COLUMNS = (
    "reference", "title_fr", "title_ar", "cooperative_name",
    "sector_code", "sector_fr", "sector_ar", "sub_sector_code", "sub_sector_fr", "sub_sector_ar",
    "status_code", "status_fr", "status_ar",
    "region_code", "region_fr", "region_ar", "province_code", "province_fr", "province_ar",
    "commune_code", "commune_fr", "commune_ar", "commune_kind", "is_mountain",
    "investment_mad", "funding_secured_mad", "gap_mad", "jobs_direct", "jobs_women", "jobs_youth",
    "members_total", "target_groups", *jobs.ESTIMATE_COLUMNS, "declared_check", "model_version",
    "estimated_jobs_per_million_gap", "priority_score", "priority_rank", "submitted_on", "is_demo", "lat", "lon",
)


def project_table(data: ReportData) -> pd.DataFrame:
    """The report's projects with :data:`PROJECT_COLUMNS`, by reference; target groups as 'women, youth' text."""
    table = data.projects.loc[:, list(PROJECT_COLUMNS)].copy()
    table["target_groups"] = [", ".join(groups) if isinstance(groups, list | tuple) else None
                              for groups in table["target_groups"]]
    table["priority_rank"] = table["priority_rank"].astype("Int64")
    return table


def generated_text(data: ReportData) -> str:
    """The generation time as ISO 8601 with its UTC offset, as every file states it."""
    return data.generated_at.isoformat()


def render_csv(data: ReportData) -> bytes:
    """The projects as UTF-8 CSV (with BOM), ``data_version`` and ``generated_at`` on every row."""
    table = project_table(data).assign(data_version=data.data_version, generated_at=generated_text(data),
                                       job_model_version=data.job_model_version)
    return to_csv(table)
