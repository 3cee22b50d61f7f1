"""The report as an Excel workbook: summary, projects, by commune, by sector, method and sources sheets.

Cells are typed (numbers as numbers with a display format, dates as dates,
booleans as booleans), headers are in the report's language, each sheet's
header row is frozen and filtered, and Arabic sheets read right to left.
Text that looks like a formula is neutralised (:func:`coopbank.exports.neutralise`).
Excel has no time zones: the generation time is written in UTC and labelled so.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from coopbank.exports import neutralise
from coopbank.ui.i18n import LANGUAGES, is_rtl, localised, translate
from planning import priority
from reports.content import ReportData
from reports.tables import project_table

MONEY, JOBS, SHARE, SCORE, WHOLE = "#,##0", "#,##0.0", "0.0%", "0.000", "0"
DATE, DATETIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
MAX_WIDTH = 60
# Rows used to size a column (enough to see typical widths without measuring 100,000 rows).
WIDTH_SAMPLE = 200
# (column of the table, header message id, number format or None)
Column = tuple[str, str, str | None]
PROJECTS: tuple[Column, ...] = (
    ("reference", "Reference", None), ("title", "Title", None), ("cooperative_name", "Cooperative", None),
    ("sector", "Sector", None), ("status", "Status", None), ("region", "Region", None),
    ("province", "Province", None), ("commune", "Commune", None), ("commune_code", "Commune code", None),
    ("commune_kind", "Rural or urban", None), ("is_mountain", "Mountain commune", None),
    ("investment_mad", "Investment needed (MAD)", MONEY), ("funding_secured_mad", "Funding secured (MAD)", MONEY),
    ("gap_mad", "Funding gap (MAD)", MONEY), ("jobs_direct", "Declared direct jobs", WHOLE),
    ("direct_low", "Estimated direct jobs, low", JOBS), ("direct_central", "Estimated direct jobs, central", JOBS),
    ("direct_high", "Estimated direct jobs, high", JOBS), ("total_low", "Estimated total jobs, low", JOBS),
    ("total_central", "Estimated total jobs, central", JOBS), ("total_high", "Estimated total jobs, high", JOBS),
    ("declared_check", "Declared jobs against the estimate", None),
    ("priority_score", "Commune priority score", SCORE), ("priority_rank", "Commune priority rank", WHOLE),
    ("submitted_on", "Submitted on", DATE), ("is_demo", "Demo", None),
)
COMMUNES: tuple[Column, ...] = (
    ("code", "Commune code", None), ("commune", "Commune", None), ("province_code", "Province code", None),
    ("kind", "Rural or urban", None), ("is_mountain", "Mountain commune", None),
    ("population_2024", "Population 2024", MONEY), ("priority_score", "Commune priority score", SCORE),
    ("priority_rank", "Commune priority rank", WHOLE), ("projects", "Projects", WHOLE),
    ("investment_mad", "Investment needed (MAD)", MONEY), ("gap_mad", "Funding gap (MAD)", MONEY),
    ("jobs_direct_low", "Estimated direct jobs, low", JOBS),
    ("jobs_direct_central", "Estimated direct jobs, central", JOBS),
    ("jobs_direct_high", "Estimated direct jobs, high", JOBS),
)
SECTORS: tuple[Column, ...] = (
    ("unit_code", "Code", None), ("unit", "Territory", None), ("sector_code", "Sector code", None),
    ("sector", "Sector", None), ("projects", "Projects", WHOLE), ("investment_mad", "Investment needed (MAD)", MONEY),
    ("jobs_direct_central", "Estimated direct jobs, central", JOBS),
)
METHOD: tuple[Column, ...] = (
    ("part", "Coefficient", None), ("item", "Item", None), ("low", "Low", "#,##0.##"),
    ("central", "Central", "#,##0.##"), ("high", "High", "#,##0.##"), ("basis", "Basis", None),
    ("sources", "Sources", None),
)
SOURCES: tuple[Column, ...] = (
    ("kind", "Kind", None), ("title", "Title", None), ("publisher", "Publisher", None),
    ("licence", "Licence", None), ("date", "Date", None), ("url", "Link", None),
)
SUMMARY: tuple[Column, ...] = (("item", "Item", None), ("value", "Value", None), ("low", "Low", None),
                               ("high", "High", None))
# Labels of planning.jobs.CHECKS, a declaration against its estimated range.
CHECKS = {"below": "Below the estimate", "within": "Within the estimate", "above": "Above the estimate"}
LEVEL_LABELS = {"national": "Nation", "region": "Region", "province": "Province"}
SHEETS = ("Summary", "Projects", "By commune", "By sector", "Method", "Sources")


def render_xlsx(data: ReportData) -> bytes:
    """The workbook of ``data`` as .xlsx bytes (sheet names and headers in ``data.lang``)."""
    lang = data.lang
    book = Workbook(write_only=True)
    tables = (_summary(data), _projects(data), _communes(data), _sectors(data), _method(data),
              data.sources.assign(kind=[translate(kind.capitalize(), lang) for kind in data.sources["kind"]]))
    for name, columns, table in zip(SHEETS, (SUMMARY, PROJECTS, COMMUNES, SECTORS, METHOD, SOURCES), tables,
                                    strict=True):
        _sheet(book, translate(name, lang), columns, table, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, title: str, columns: Sequence[Column], table: pd.DataFrame, lang: str) -> None:
    sheet: WriteOnlyWorksheet = book.create_sheet(title)
    sheet.sheet_view.rightToLeft = is_rtl(lang)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table) + 1}"
    headers = [translate(header, lang) for _, header, _ in columns]
    records = table.loc[:, [key for key, _, _ in columns]].astype(object)
    values = list(records.where(records.notna(), None).itertuples(index=False, name=None))
    for position, header in enumerate(headers, start=1):
        sample = [len(str(row[position - 1])) for row in values[:WIDTH_SAMPLE] if row[position - 1] is not None]
        sheet.column_dimensions[get_column_letter(position)].width = min(MAX_WIDTH, max([len(header), *sample]) + 2)
    bold = Font(bold=True)
    sheet.append([_cell(sheet, header, None, font=bold) for header in headers])
    formats = [fmt for _, _, fmt in columns]
    row_formats = table["format"] if "format" in table else [None] * len(table)
    for row, row_format in zip(values, row_formats, strict=True):
        sheet.append([_cell(sheet, value, row_format or fmt) for value, fmt in zip(row, formats, strict=True)])


def _cell(sheet: WriteOnlyWorksheet, value: Any, fmt: str | None, *, font: Font | None = None) -> WriteOnlyCell:
    """A typed cell: numbers and dates keep their type; text is neutralised; a format applies to numbers."""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, datetime):
        value, fmt = value.replace(tzinfo=None), DATETIME
    elif isinstance(value, date):
        fmt = DATE
    elif isinstance(value, str):
        value, fmt = neutralise(value), None
    elif isinstance(value, bool) or value is None:
        fmt = None
    cell = WriteOnlyCell(sheet, value=value)
    if fmt:
        cell.number_format = fmt
    if font is not None:
        cell.font = font
    return cell


def _projects(data: ReportData) -> pd.DataFrame:
    lang, table = data.lang, project_table(data)
    for key in ("title", "sector", "status", "region", "province", "commune"):
        fr, ar = (f"{key}_fr", f"{key}_ar")
        table[key] = [localised(a, b, lang) or None for a, b in zip(table[fr], table[ar], strict=True)]
    table["commune_kind"] = [translate(kind, lang) if isinstance(kind, str) else None
                             for kind in table["commune_kind"]]
    table["declared_check"] = [translate(CHECKS[check], lang) if isinstance(check, str) else None
                               for check in table["declared_check"]]
    return table


def _communes(data: ReportData) -> pd.DataFrame:
    lang = data.lang
    table = pd.DataFrame(data.communes.drop(columns="geometry"))
    table["commune"] = [localised(a, b, lang) for a, b in zip(table["name_fr"], table["name_ar"], strict=True)]
    table["kind"] = [translate(kind, lang) if isinstance(kind, str) else None for kind in table["kind"]]
    table["priority_rank"] = table["priority_rank"].astype("Int64")
    return table


def _sectors(data: ReportData) -> pd.DataFrame:
    lang, table = data.lang, data.sectors.copy()
    table["unit"] = [localised(a, b, lang) for a, b in zip(table["unit_fr"], table["unit_ar"], strict=True)]
    table["sector"] = [localised(a, b, lang) for a, b in zip(table["sector_fr"], table["sector_ar"], strict=True)]
    return table


def _method(data: ReportData) -> pd.DataFrame:
    """The job model's coefficients as one table: cost per job by sector, zone factors, multipliers, flags."""
    method, lang = data.method, data.lang
    rows: list[dict[str, Any]] = []
    cost = translate("Cost per direct job (MAD)", lang)
    for entry in method["cost_per_job"].sort_values("sector").to_dict("records"):
        label = localised(entry["label_fr"], entry["label_ar"], lang) or entry["sector"]
        rows.append({"part": cost, "item": label, **_bounds(entry), "basis": entry["basis"],
                     "sources": entry["sources"]})
    factor = translate("Zone factor on cost per job", lang)
    for entry in method["zones"].sort_values("zone").to_dict("records"):
        rows.append({"part": factor, "item": translate(entry["zone"], lang), "central": entry["factor"],
                     "basis": entry["basis"], "sources": entry["sources"]})
    multiplier = translate("Jobs per direct job", lang)
    for entry in method["multipliers"].sort_values("kind").to_dict("records"):
        rows.append({"part": multiplier, "item": translate(entry["kind"], lang), **_bounds(entry),
                     "basis": entry["basis"], "sources": entry["sources"]})
    below, above = method["flag_factors"]
    rows.append({"part": translate("Flag on declared jobs", lang),
                 "item": translate("factor of the estimated range", lang), "low": below, "high": above})
    return pd.DataFrame(rows, columns=[key for key, _, _ in METHOD])


def _bounds(entry: dict[str, Any]) -> dict[str, Any]:
    return {bound: entry[bound] for bound in ("low", "central", "high")}


def _summary(data: ReportData) -> pd.DataFrame:
    """Item / value / low / high rows: what the report covers, its versions, then the key figures."""
    lang, figures = data.lang, data.figures
    preset = priority.PRESETS[data.preset].label

    def row(item: str, value: Any, low: Any = None, high: Any = None, *, fmt: str = MONEY) -> dict[str, Any]:
        return {"item": translate(item, lang), "value": value, "low": low, "high": high, "format": fmt}

    rows = [
        row("Territory", data.name), row("Level", translate(LEVEL_LABELS[data.scope.level], lang)),
        row("Code", data.scope.code), row("Language", LANGUAGES[lang]),
        row("Data version", data.data_version), row("Job model version", data.job_model_version, fmt=WHOLE),
        row("Priority index", f"{data.method['priority_version']} — {translate(preset, lang)}"),
        row("Generated at (UTC)", data.generated_at),
        row("Includes demo projects", data.includes_demo),
        row("Population 2024", figures["population_2024"]), row("Population 2014", figures["population_2014"]),
        row("Rural population share", figures["rural_share"], fmt=SHARE),
        row("Population in mountain communes", figures["mountain_share"], fmt=SHARE),
        row("Communes", figures["communes"]), row("Projects", figures["projects"]),
        row("Demo projects", figures["demo_projects"]),
        row("Investment needed (MAD)", figures["investment_mad"]),
        row("Funding secured (MAD)", figures["secured_mad"]), row("Funding gap (MAD)", figures["gap_mad"]),
        row("Declared direct jobs", figures["declared_jobs"]),
        row("Estimated direct jobs (central, low, high)", *_range(figures, "jobs_direct"), fmt=JOBS),
        row("Estimated total jobs (central, low, high)", *_range(figures, "jobs_total"), fmt=JOBS),
    ]
    if data.includes_demo:
        rows.insert(0, row("DEMO", translate("DEMO: this report includes demonstration projects, not real ones.",
                                             lang)))
    return pd.DataFrame(rows, columns=[*(key for key, _, _ in SUMMARY), "format"])


def _range(figures: dict[str, Any], prefix: str) -> Iterable[float]:
    return (figures[f"{prefix}_central"], figures[f"{prefix}_low"], figures[f"{prefix}_high"])
