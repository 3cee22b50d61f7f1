"""Hand a file uploaded in the dashboard to the project importer, and its report back as JSON."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from coopbank.access import Actor, require_role
from etl.project_import import ImportReport, import_projects


def import_upload(name: str, data: bytes, *, actor: Actor, dry_run: bool) -> ImportReport:
    """Import uploaded bytes as ``actor``: written to a temporary folder under the upload's own name.

    Only officials and administrators import (:class:`~coopbank.errors.PermissionDenied`
    for anyone else, before the file is read); a regional official's rows
    outside their region are rejected; the import is recorded under the
    account's name. The name (without any folder) keeps its suffix, which
    tells CSV from XLSX, and is the file name the report records. File-level
    refusals raise :class:`coopbank.errors.InvalidInput`.
    """
    require_role(actor, "official", "admin")
    with tempfile.TemporaryDirectory(prefix="coopbank-import-") as folder:
        path = Path(folder) / (Path(name).name or "upload")
        path.write_bytes(data)
        territory = None if actor.role == "admin" else actor.region_code
        return import_projects(path, actor=actor.audit_name, dry_run=dry_run, region_code=territory)


def report_json(report: ImportReport) -> bytes:
    """The import report as indented UTF-8 JSON (Arabic kept readable)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str).encode("utf-8")
