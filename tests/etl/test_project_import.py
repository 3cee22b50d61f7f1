"""The project importer on good and bad files: every row accounted for, nothing lost, nothing half-done."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import psycopg
import pytest

from coopbank import settings
from coopbank.errors import InvalidInput
from etl.project_columns import NAMES
from etl.project_import import import_projects
from etl.templates import TEMPLATES_DIR

GOOD = {
    "reference": "T-001", "title_fr": "Miellerie de montagne", "title_ar": "وحدة لإنتاج العسل الجبلي",
    "cooperative_name": "Coopérative Amal", "cooperative_status": "existing", "sector": "Apiculture",
    "sub_sector": "miel", "status": "Prêt à mettre en œuvre", "commune_code": "03.271.01.03",
    "investment_mad": "350 000,00", "funding_secured_mad": "50000", "jobs_direct": "6", "jobs_women": "4",
    "jobs_youth": "3", "members_total": "10", "members_women": "7", "members_youth": "4",
    "contact_name": "Fatima Z.", "contact_phone": "+212 6 00 00 00 00", "contact_email": "amal@example.org",
    "submitted_on": "15/10/2026",
}


def write_csv(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8", columns=NAMES) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def _project(url: str, reference: str) -> dict | None:
    with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute("SELECT * FROM project WHERE reference = %s", (reference,)).fetchone()


def _count(url: str, table: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


@pytest.fixture
def bank(loaded_db):
    """The loaded database with its project tables emptied after each test."""
    yield loaded_db
    with psycopg.connect(loaded_db) as conn:
        conn.execute("TRUNCATE project, import_run, project_audit RESTART IDENTITY CASCADE")


def test_the_shipped_templates_have_the_columns_in_order_and_import_cleanly(bank):
    with (TEMPLATES_DIR / "projects_template.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == list(NAMES)
    book = openpyxl.load_workbook(TEMPLATES_DIR / "projects_template.xlsx", read_only=True)
    assert [c.value for c in next(book["projects"].iter_rows(max_row=1))] == list(NAMES)
    assert {"dictionary", "sectors", "statuses"} <= set(book.sheetnames)
    for name in ("projects_template.csv", "projects_template.xlsx"):
        report = import_projects(TEMPLATES_DIR / name, actor="test", dry_run=True)
        assert (report.rows_read, report.rejected) == (3, 0), report.rejections
    with (TEMPLATES_DIR / "projects_columns.csv").open(encoding="utf-8-sig") as handle:
        dictionary = list(csv.DictReader(handle))
    assert [d["column"] for d in dictionary] == list(NAMES)
    assert all(d["description_fr"] and d["description_ar"] and d["description_en"] for d in dictionary)


def test_a_good_file_is_imported_with_contacts_kept_apart(bank, tmp_path):
    report = import_projects(write_csv(tmp_path / "good.csv", [row(), row(reference="T-002", title_fr="",
                                                                          commune_code="", latitude="32.6852",
                                                                          longitude="-4.7451")]), actor="alice")
    assert (report.rows_read, report.inserted, report.rejected) == (2, 2, 0)
    stored = _project(bank, "T-001")
    assert stored["sector_code"] == "apiculture" and stored["sub_sector_code"] == "miel"
    assert stored["status_code"] == "ready" and str(stored["investment_mad"]) == "350000.00"
    assert (stored["province_code"], stored["region_code"], stored["created_by"]) == ("03.271", "03", "alice")
    assert str(stored["submitted_on"]) == "2026-10-15" and stored["is_demo"] is False
    assert "contact_email" not in stored
    by_point = _project(bank, "T-002")
    assert (by_point["commune_code"], by_point["geocode_method"]) == ("08.363.01.03", "point")
    with psycopg.connect(bank) as conn:
        assert conn.execute("SELECT contact_email FROM project_contact").fetchall() == [("amal@example.org",),
                                                                                          ("amal@example.org",)]
        history = conn.execute("SELECT to_status, changed_by FROM project_status_history").fetchall()
        run = conn.execute("SELECT rows_read, inserted, actor FROM import_run").fetchone()
    assert history == [("ready", "alice"), ("ready", "alice")]
    assert run == (2, 2, "alice")


def test_reimport_changes_nothing_and_an_edit_is_an_update(bank, tmp_path):
    path = write_csv(tmp_path / "good.csv", [row(), row(reference="T-002")])
    import_projects(path, actor="alice")
    again = import_projects(path, actor="alice")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    audits = _count(bank, "project_audit")
    edited = import_projects(write_csv(tmp_path / "edit.csv", [row(status="funded"), row(reference="T-002")]),
                             actor="bob")
    assert (edited.inserted, edited.updated, edited.unchanged) == (0, 1, 1)
    assert _count(bank, "project_audit") == audits + 1
    with psycopg.connect(bank) as conn:
        change = conn.execute("SELECT from_status, to_status, changed_by FROM project_status_history "
                              "ORDER BY id DESC LIMIT 1").fetchone()
    assert change == ("ready", "funded", "bob")


def test_every_error_of_a_row_is_listed_and_the_counts_add_up(bank, tmp_path):
    bad = [
        row(reference="B-1", investment_mad="-5", jobs_direct="many", sector="Astronautique"),
        row(reference="B-2", commune_code="99.999.99.99"),
        row(reference="B-3", title_fr="", title_ar="", status=""),
        row(reference="B-4", jobs_women="9", jobs_direct="3", contact_email="not-an-email"),
        row(reference="B-5", funding_secured_mad="900000", investment_mad="100000", submitted_on="31/31/2026"),
        row(reference="", commune_code=""),
        row(reference="T-OK"),
        row(reference="T-OK", title_fr="Doublon"),
    ]
    report = import_projects(write_csv(tmp_path / "bad.csv", bad), actor="alice")
    assert report.rows_read == 8 == report.inserted + report.updated + report.unchanged + report.rejected
    assert (report.inserted, report.rejected) == (1, 7)
    errors = {r.row_number: {(e.field, e.message) for e in r.errors} for r in report.rejections}
    assert {f for f, _ in errors[2]} == {"investment_mad", "jobs_direct", "sector"}
    assert ("investment_mad", "must not be negative (got -5)") in errors[2]
    assert errors[3] == {("commune_code", "unknown commune code '99.999.99.99'")}
    assert {f for f, _ in errors[4]} == {"title_fr", "status"}
    assert {f for f, _ in errors[5]} == {"jobs_women", "contact_email"}
    assert {f for f, _ in errors[6]} == {"funding_secured_mad", "submitted_on"}
    assert {f for f, _ in errors[7]} == {"reference", "commune_code"}
    assert errors[9] == {("reference", "'T-OK' already appears on line 8")}
    with psycopg.connect(bank) as conn:
        quarantined = conn.execute("SELECT row_number, raw ->> 'sector', errors FROM import_rejection "
                                   "ORDER BY row_number").fetchall()
    assert [q[0] for q in quarantined] == [2, 3, 4, 5, 6, 7, 9]
    assert quarantined[0][1] == "Astronautique" and len(quarantined[0][2]) == 3


@pytest.mark.parametrize(("lat", "lon", "expected"), [
    ("40.4168", "-3.7038", "outside morocco"),          # Madrid
    ("35.6971", "-0.6308", "outside morocco"),          # Oran, Algeria
    ("32.0", "-12.0", "outside morocco"),               # the Atlantic
    ("-7.5898", "33.5731", "swap"),                     # Casablanca with latitude and longitude swapped
])
def test_points_outside_morocco_are_rejected_with_a_reason(bank, tmp_path, lat, lon, expected):
    report = import_projects(write_csv(tmp_path / "far.csv", [row(commune_code="", latitude=lat, longitude=lon)]),
                             actor="alice")
    assert report.rejected == 1
    (error,) = report.rejections[0].errors
    assert error.field == "latitude" and expected in error.message.lower()


def test_formula_sql_and_html_strings_are_stored_verbatim(bank, tmp_path):
    strange = {
        "title_fr": "=HYPERLINK(\"http://evil.example\",\"clic\")",
        "description": "'; DROP TABLE project; --",
        "cooperative_name": "<script>alert(1)</script>",
        "training_needs": "@SUM(A1:A9)", "partnership_sought": "+33 -1",
    }
    report = import_projects(write_csv(tmp_path / "strange.csv", [row(**strange)]), actor="alice")
    assert report.inserted == 1
    stored = _project(bank, "T-001")
    assert {k: stored[k] for k in strange} == strange
    assert _count(bank, "project") == 1  # the table is still there


def test_xlsx_with_formula_cells_keeps_the_formula_as_text(bank, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(NAMES))
    sheet.append([row(title_fr="=1+1").get(n) for n in NAMES])
    book.save(tmp_path / "projects.xlsx")
    report = import_projects(tmp_path / "projects.xlsx", actor="alice")
    assert report.inserted == 1 and report.file_format == "xlsx"
    assert _project(bank, "T-001")["title_fr"] == "=1+1"


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("cp1256", "cp1256"),
                                                    ("cp1252", "cp1252")])
def test_legacy_encodings_are_detected(bank, tmp_path, encoding, expected):
    text = row(title_ar="") if encoding == "cp1252" else row(title_fr="")
    report = import_projects(write_csv(tmp_path / "enc.csv", [text], encoding=encoding), actor="alice")
    assert report.encoding == expected and report.inserted == 1
    stored = _project(bank, "T-001")
    assert stored["title_ar" if encoding != "cp1252" else "title_fr"] == (
        GOOD["title_fr"] if encoding == "cp1252" else GOOD["title_ar"])


def test_file_level_refusals_say_what_to_do(bank, tmp_path):
    with pytest.raises(InvalidInput, match="missing required columns: sector, status"):
        import_projects(write_csv(tmp_path / "cols.csv", [row()], columns=["reference", "title_fr", "commune_code"]),
                        actor="alice")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InvalidInput, match="only .csv and .xlsx"):
        import_projects(tmp_path / "notes.txt", actor="alice")
    (tmp_path / "utf16.csv").write_text("reference,title_fr\n", encoding="utf-16")
    with pytest.raises(InvalidInput, match="save it as CSV UTF-8"):
        import_projects(tmp_path / "utf16.csv", actor="alice")
    big = write_csv(tmp_path / "big.csv", [row(reference=f"T-{i}") for i in range(3000)])
    with settings.override(import_max_bytes=100_000), pytest.raises(InvalidInput, match="over the 0 MB limit"):
        import_projects(big, actor="alice")
    with pytest.raises(InvalidInput, match="actor name is required"):
        import_projects(big, actor=" ")
    assert _count(bank, "project") == 0


def test_dry_run_stores_nothing_but_reports_exactly(bank, tmp_path):
    path = write_csv(tmp_path / "good.csv", [row(), row(reference="T-9", sector="?")])
    report = import_projects(path, actor="alice", dry_run=True)
    assert (report.inserted, report.rejected, report.dry_run) == (1, 1, True)
    assert _count(bank, "project") == 0 and _count(bank, "import_run") == 0


def test_an_interrupted_import_leaves_the_database_as_it_was(bank, tmp_path, monkeypatch):
    import_projects(write_csv(tmp_path / "first.csv", [row()]), actor="alice")
    before = _project(bank, "T-001")
    from coopbank import db

    real_run, calls = db.run, {"n": 0}

    def failing(name, *args, **kwargs):
        if name == "projects/upsert_project":
            calls["n"] += 1
            if calls["n"] == 3:
                raise psycopg.OperationalError("server closed the connection unexpectedly")
        return real_run(name, *args, **kwargs)

    monkeypatch.setattr("coopbank.db.run", failing)
    rows = [row(status="funded"), row(reference="T-002"), row(reference="T-003")]
    with pytest.raises(psycopg.OperationalError):
        import_projects(write_csv(tmp_path / "second.csv", rows), actor="bob")
    monkeypatch.undo()
    assert _project(bank, "T-001") == before
    assert _project(bank, "T-002") is None
    assert _count(bank, "import_run") == 1


def test_a_demo_reference_is_never_overwritten_by_a_real_import(bank, tmp_path):
    from etl.demo import load_demo

    load_demo(5, 7)
    report = import_projects(write_csv(tmp_path / "clash.csv", [row(reference="DEMO-7-00001")]), actor="alice")
    assert report.rejected == 1 and "demo project" in report.rejections[0].errors[0].message
    assert _project(bank, "DEMO-7-00001")["is_demo"] is True


def test_names_geocode_and_ambiguous_names_go_to_review(bank, tmp_path):
    rows = [row(reference="N-1", commune_code="", commune_name="Midelt"),
            row(reference="N-2", commune_code="", commune_name="Zzzyyqx"),
            row(reference="N-3", commune_code="", commune_name="Sidi Ghanem"),  # two provinces of region 07
            row(reference="N-4", commune_code="", commune_name="Ajdir"),  # Al Hoceima (01) and Taza (03)
            row(reference="N-5", commune_code="", commune_name="Ajdir", province_name="Al Hoceima")]
    report = import_projects(write_csv(tmp_path / "names.csv", rows), actor="alice")
    assert (report.inserted, report.rejected) == (3, 2)
    assert _project(bank, "N-1")["commune_code"] == "08.363.01.03"
    assert _project(bank, "N-5")["commune_code"] == "01.051.01.09"
    ambiguous = _project(bank, "N-3")
    assert (ambiguous["commune_code"], ambiguous["region_code"], ambiguous["geocode_method"]) == (
        None, "07", "province_only")
    assert {r.row_number: r.errors[0].field for r in report.rejections} == {3: "commune_name", 5: "commune_name"}
    with psycopg.connect(bank) as conn:
        review = conn.execute("SELECT project_id, state, candidates FROM geocode_review").fetchall()
    assert len(review) == 1 and review[0][0] == ambiguous["id"] and review[0][1] == "pending"
    assert {c["code"] for c in review[0][2]} >= {"07.161.05.15", "07.427.07.19"}
    again = import_projects(write_csv(tmp_path / "names.csv", rows), actor="alice")
    assert again.unchanged == 3 and _count(bank, "geocode_review") == 1  # queued once


def test_the_command_line_writes_the_report(bank, tmp_path, capsys):
    from etl.__main__ import main

    path = write_csv(tmp_path / "good.csv", [row(), row(reference="X", sector="?")])
    assert main(["import-projects", str(path), "--report", str(tmp_path / "r.json"), "--actor", "cli-test"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["rows_read"], printed["inserted"], printed["rejected"]) == (2, 1, 1)
    saved = json.loads((tmp_path / "r.json").read_text())
    assert saved["rejections"][0]["errors"][0]["field"] == "sector"
