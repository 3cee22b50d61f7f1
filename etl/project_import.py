"""Import projects from a CSV or XLSX file: validate, geocode, upsert, and report every row.

``python -m etl import-projects FILE [--dry-run] [--report REPORT.json]`` and
the dashboard's import page both call :func:`import_projects`. The whole
import is one transaction: a crash part way leaves the database as it was.
Valid rows are upserted by reference (re-importing a file changes nothing);
rejected rows are kept with every reason in ``import_rejection``. The counts
always add up: rows read = inserted + updated + unchanged + rejected.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from coopbank import _http, db
from coopbank.errors import InvalidInput
from coopbank.settings import get_settings
from etl.geocode.names import NameGeocoder
from etl.geocode.points import geocode_points
from etl.project_file import RawFile, read_project_file
from etl.project_rows import FieldError, ProjectRow, Vocabulary, check_row, missing_columns, unknown_columns

LOGGER = logging.getLogger(__name__)
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


@dataclasses.dataclass
class Rejection:
    """A rejected row: its line in the file, its reference and every error."""

    row_number: int
    reference: str | None
    errors: list[FieldError]


@dataclasses.dataclass
class ImportReport:
    """What an import did with every row of the file."""

    file_name: str
    file_format: str
    encoding: str | None
    dry_run: bool
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = dataclasses.field(default_factory=list)
    reviews: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    run_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _vocabulary(conn: db.Connection) -> tuple[Vocabulary, dict[str, dict[str, Any]]]:
    communes = db.run("projects/vocabulary_communes", conn=conn, limit=10_000).rows
    vocabulary = Vocabulary.build(
        db.run("projects/vocabulary_sectors", conn=conn).rows,
        db.run("projects/vocabulary_statuses", conn=conn).rows,
        communes,
    )
    return vocabulary, {c["code"]: c for c in communes}


def _check_rows(raw: RawFile, vocabulary: Vocabulary, report: ImportReport) -> list[ProjectRow]:
    valid: list[ProjectRow] = []
    first_line: dict[str, int] = {}
    for line, cells in raw.rows:
        outcome = check_row(line, cells, vocabulary)
        reference = cells.get("reference")
        if reference is not None and reference in first_line:
            errors = outcome if isinstance(outcome, list) else []
            duplicate = FieldError("reference", f"{reference!r} already appears on line {first_line[reference]}")
            outcome = [*errors, duplicate]
        elif reference is not None:
            first_line[reference] = line
        if isinstance(outcome, list):
            report.rejections.append(Rejection(line, reference, outcome))
        else:
            valid.append(outcome)
    return valid


def _reject(report: ImportReport, row: ProjectRow, field: str, message: str) -> None:
    report.rejections.append(Rejection(row.line, row.values["reference"], [FieldError(field, message)]))


def _locate(rows: list[ProjectRow], communes: dict[str, dict[str, Any]], report: ImportReport) -> list[ProjectRow]:
    """Give each row its commune, province and region; reject rows with no usable place."""
    placed: list[ProjectRow] = []
    by_point = [r for r in rows if r.commune_code is None and r.lat is not None]
    geocoded: dict[int, dict[str, Any]] = {}
    if by_point:  # one set-based query for every row located by coordinates
        points = geocode_points(pd.DataFrame({"lat": [r.lat for r in by_point], "lon": [r.lon for r in by_point]}))
        geocoded = dict(zip((r.line for r in by_point), points.to_dict("records"), strict=True))
    names: NameGeocoder | None = None
    for row in rows:
        location: dict[str, Any] = {"lat": row.lat, "lon": row.lon}
        if row.commune_code is not None:
            commune = communes[row.commune_code]
            location |= {"commune_code": commune["code"], "province_code": commune["province_code"],
                         "region_code": commune["region_code"], "geocode_method": "commune_code",
                         "geocode_confidence": 1.0}
        elif row.lat is not None:
            hit = geocoded[row.line]
            if hit["status"] == "rejected" or hit["region_code"] is None:
                _reject(report, row, "latitude", hit["message"])
                continue
            location |= {"commune_code": hit["commune_code"], "province_code": hit["province_code"],
                         "region_code": hit["region_code"], "geocode_method": hit["method"],
                         "geocode_confidence": round(float(hit["score"]), 3)}
            if hit["method"] != "point":
                report.warnings.append(f"line {row.line}: {hit['message']}")
        else:
            names = names or NameGeocoder.from_database()
            match = names.match(row.commune_name or "", province=row.province_name)
            if match.status == "matched":
                location |= {"commune_code": match.commune_code, "province_code": match.province_code,
                             "region_code": match.region_code, "geocode_method": "commune_name",
                             "geocode_confidence": round(_share(match.score), 3)}
            elif match.status == "ambiguous" and match.region_code is not None:
                location |= {"commune_code": None, "province_code": match.province_code,
                             "region_code": match.region_code, "geocode_method": "province_only",
                             "geocode_confidence": 0.0}
                report.reviews.append({
                    "row_number": row.line, "reference": row.values["reference"],
                    "query": {"name": row.commune_name, "province": row.province_name},
                    "candidates": [dataclasses.asdict(c) for c in match.candidates],
                })
            else:
                _reject(report, row, "commune_name", match.message)
                continue
        row.values |= location
        placed.append(row)
    return placed


def _share(score: float) -> float:
    """A name score (0–100) as a confidence (0–1)."""
    return max(0.0, min(1.0, score / 100 if score > 1 else score))


def _keep_manual_places(rows: list[ProjectRow], existing: dict[str, dict[str, Any]], report: ImportReport) -> None:
    """A place an official settled by hand wins over a file that still gives an ambiguous name."""
    settled = {r["reference"]: r for r in existing.values() if r["geocode_method"] == "manual"}
    pending = {item["reference"] for item in report.reviews}
    for row in rows:
        stored = settled.get(row.values["reference"])
        if stored is not None and row.values["reference"] in pending:
            row.values |= {k: stored[k] for k in ("commune_code", "province_code", "region_code",
                                                   "geocode_method", "geocode_confidence")}
            report.reviews = [i for i in report.reviews if i["reference"] != row.values["reference"]]


def _store(rows: list[ProjectRow], raw: RawFile, report: ImportReport, conn: db.Connection) -> None:
    references = [r.values["reference"] for r in rows]
    existing = {r["reference"]: r for r in db.run(
        "projects/existing_by_reference", {"references": references}, conn=conn, limit=len(references) + 1).rows}
    _keep_manual_places(rows, existing, report)
    has_contacts = any(f in raw.header for f in CONTACT_FIELDS)
    ids: dict[str, int] = {}
    for row in rows:
        reference = row.values["reference"]
        if existing.get(reference, {}).get("is_demo"):
            _reject(report, row, "reference", f"{reference!r} belongs to a demo project: real records stay apart")
            continue
        changed = db.run("projects/upsert_project", {**row.values, "is_demo": False}, conn=conn).rows
        project_id = changed[0]["id"] if changed else existing[reference]["id"]
        ids[reference] = project_id
        contact_changed = has_contacts and bool(
            db.run("projects/upsert_contact", {"project_id": project_id, **row.contact}, conn=conn).rows)
        if changed and changed[0]["inserted"]:
            report.inserted += 1
        elif changed or contact_changed:
            report.updated += 1
        else:
            report.unchanged += 1
    for item in report.reviews:
        if item["reference"] in ids:
            db.run("projects/queue_review", {
                "project_id": ids[item["reference"]], "query": json.dumps(item["query"], ensure_ascii=False),
                "candidates": json.dumps(item["candidates"], ensure_ascii=False)}, conn=conn)


def _record(path: Path, raw: RawFile, report: ImportReport, conn: db.Connection) -> None:
    report.run_id = db.run("projects/record_import_run", {
        "file_name": path.name, "file_sha256": _http.sha256_of(path), "file_format": raw.file_format,
        "encoding": raw.encoding, "rows_read": report.rows_read, "inserted": report.inserted,
        "updated": report.updated, "unchanged": report.unchanged, "rejected": report.rejected,
    }, conn=conn).rows[0]["id"]
    cells = dict(raw.rows)
    db.run_many("projects/record_rejection", ({
        "run_id": report.run_id, "row_number": r.row_number, "reference": r.reference,
        "raw": json.dumps(cells.get(r.row_number, {}), ensure_ascii=False),
        "errors": json.dumps([dataclasses.asdict(e) for e in r.errors], ensure_ascii=False),
    } for r in report.rejections), conn=conn)


def _within_region(rows: list[ProjectRow], region_code: str, report: ImportReport) -> list[ProjectRow]:
    """The rows placed in ``region_code``; the others are rejected as outside the importer's territory."""
    kept = []
    for row in rows:
        if row.values["region_code"] == region_code:
            kept.append(row)
        else:
            _reject(report, row, "region", f"region {row.values['region_code']} is outside your territory "
                                            f"(region {region_code})")
    return kept


def import_projects(path: Path, *, actor: str, dry_run: bool = False,
                    region_code: str | None = None) -> ImportReport:
    """Import the projects of ``path`` as ``actor``; with ``dry_run`` report without storing.

    With ``region_code`` (a regional official's territory) rows placed in
    another region are rejected with that reason. Raises :class:`InvalidInput`
    when the file itself is refused (size, format, encoding, missing columns);
    problems of single rows are in the report.
    """
    if not actor.strip():
        raise InvalidInput("Say who is importing: an actor name is required")
    raw = read_project_file(path, max_bytes=get_settings().import_max_bytes)
    missing = missing_columns(raw.header)
    if missing:
        raise InvalidInput(f"{path.name}: missing required columns: {', '.join(missing)}")
    report = ImportReport(path.name, raw.file_format, raw.encoding, dry_run, rows_read=len(raw.rows))
    ignored = unknown_columns(raw.header)
    if ignored:
        report.warnings.append(f"columns not in the template were ignored: {', '.join(ignored)}")
    with db.connect() as conn:
        db.act_as(actor, conn=conn)
        vocabulary, communes = _vocabulary(conn)
        rows = _locate(_check_rows(raw, vocabulary, report), communes, report)
        if region_code is not None:
            rows = _within_region(rows, region_code, report)
        _store(rows, raw, report, conn)
        report.rejections.sort(key=lambda r: r.row_number)
        report.rejected = len(report.rejections)
        if report.rows_read != report.inserted + report.updated + report.unchanged + report.rejected:
            raise AssertionError(f"import counts do not add up: {report}")  # a bug, never a user error
        if dry_run:
            conn.rollback()
        else:
            _record(path, raw, report, conn)
    LOGGER.info("imported %s: %s", path.name, {k: getattr(report, k) for k in
                                              ("rows_read", "inserted", "updated", "unchanged", "rejected")})
    return report
