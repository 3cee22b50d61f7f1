"""Hand a file uploaded in the dashboard to the project importer, and its report back as JSON."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from etl.project_import import ImportReport, import_projects


def import_upload(name: str, data: bytes, *, actor: str, dry_run: bool) -> ImportReport:
    """Import uploaded bytes as ``actor``: written to a temporary folder under the upload's own name.

    The name (without any folder) keeps its suffix, which tells CSV from XLSX,
    and is the file name the report records. File-level refusals raise
    :class:`coopbank.errors.InvalidInput`.
    """
    with tempfile.TemporaryDirectory(prefix="coopbank-import-") as folder:
        path = Path(folder) / (Path(name).name or "upload")
        path.write_bytes(data)
        return import_projects(path, actor=actor, dry_run=dry_run)


def report_json(report: ImportReport) -> bytes:
    """The import report as indented UTF-8 JSON (Arabic kept readable)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str).encode("utf-8")
