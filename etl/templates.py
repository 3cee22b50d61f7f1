"""Write the project import templates: ``etl/templates/projects_template.csv`` and ``.xlsx``.

The columns come from :mod:`etl.project_columns`; the sector and status
sheets list the codes and labels in the database, since officials edit the
taxonomy. The example rows are real communes and import without error.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from coopbank import db
from etl.project_columns import COLUMNS, NAMES

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
EXAMPLES: tuple[dict[str, str], ...] = (
    {"reference": "EXEMPLE-001", "title_fr": "Unité de valorisation du lait de chèvre",
     "title_ar": "وحدة لتثمين حليب الماعز", "cooperative_name": "Coopérative Tifaouine",
     "cooperative_status": "existing", "sector": "agroalimentaire", "sub_sector": "lait", "status": "ready",
     "commune_code": "08.363.01.03", "investment_mad": "450000", "funding_secured_mad": "100000",
     "jobs_direct": "8", "jobs_women": "6", "jobs_youth": "4", "members_total": "12", "members_women": "9",
     "members_youth": "5", "training_needs": "Hygiène et qualité", "submitted_on": "2026-10-15"},
    {"reference": "EXEMPLE-002", "title_ar": "تقطير النباتات العطرية", "sector": "Plantes aromatiques et médicinales",
     "status": "فكرة", "cooperative_status": "to_create", "commune_name": "Ifrane", "province_name": "Ifrane",
     "investment_mad": "280 000", "jobs_direct": "5", "partnership_sought": "Distributeur"},
    {"reference": "EXEMPLE-003", "title_fr": "Gîte rural de montagne", "sector": "tourisme_rural",
     "status": "seeking_funding", "latitude": "31.5147", "longitude": "-5.5328", "investment_mad": "1200000",
     "jobs_direct": "6"},
)


def write_templates(directory: Path = TEMPLATES_DIR) -> list[Path]:
    """Write the CSV template, its column dictionary and the XLSX workbook; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    sectors = db.run("projects/vocabulary_sectors").rows
    statuses = db.run("projects/vocabulary_statuses").rows
    csv_path = directory / "projects_template.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(NAMES))
        writer.writeheader()
        writer.writerows(EXAMPLES)
    dictionary_path = directory / "projects_columns.csv"
    with dictionary_path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["column", "required", "type", "description_fr", "description_ar", "description_en"])
        out.writerows([c.name, "yes" if c.required else "no", c.kind, c.fr, c.ar, c.en] for c in COLUMNS)
    book = openpyxl.Workbook()
    projects = book.create_sheet("projects", 0)
    book.remove(book.worksheets[1])  # the default empty sheet
    _table(projects, list(NAMES), [[e.get(n) for n in NAMES] for e in EXAMPLES])
    _table(book.create_sheet("dictionary"), ["column", "required", "type", "description_fr", "description_ar",
                                             "description_en"],
           [[c.name, "yes" if c.required else "no", c.kind, c.fr, c.ar, c.en] for c in COLUMNS])
    _table(book.create_sheet("sectors"), ["code", "parent_code", "label_fr", "label_ar", "label_en"],
           [[s["code"], s["parent_code"], s["label_fr"], s["label_ar"], s["label_en"]] for s in sectors])
    _table(book.create_sheet("statuses"), ["code", "label_fr", "label_ar", "label_en"],
           [[s["code"], s["label_fr"], s["label_ar"], s["label_en"]] for s in statuses])
    xlsx_path = directory / "projects_template.xlsx"
    book.save(xlsx_path)
    return [csv_path, dictionary_path, xlsx_path]


def _table(sheet: Worksheet, header: list[str], rows: list[list[object]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
