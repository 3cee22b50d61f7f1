"""Every non-PDF report format, written and read back: Excel, CSV, GeoJSON and GeoPackage."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import geopandas as gpd
import pyogrio
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from coopbank import profile
from coopbank.errors import InvalidInput
from coopbank.ui.i18n import translate
from reports import content, export, layers, workbook
from tests.project_samples import CONTACT, FORMULA_TITLE, HOSTILE_HTML, HOSTILE_SQL


@pytest.fixture
def region_08(sample_db):
    """The gathered report of Drâa-Tafilalet (two demo samples, hostile titles, one project without commune)."""
    return content.gather(content.scope("region", "08"), "fr")


def _workbook(data):
    return load_workbook(io.BytesIO(export.render(data, "xlsx").data))


def _rows(sheet):
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_workbook_sheets_headers_and_totals(region_08):
    book = _workbook(region_08)
    assert book.sheetnames == [translate(name, "fr") for name in workbook.SHEETS]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert not sheet.sheet_view.rightToLeft
    header, rows = _rows(book[translate("Projects", "fr")])
    assert header[0] == translate("Reference", "fr")
    truth = profile.project_totals("region", "08")
    investment = translate("Investment needed (MAD)", "fr")
    assert len(rows) == truth["projects"]
    assert sum(row[investment] or 0 for row in rows) == pytest.approx(truth["investment_mad"])
    assert all(isinstance(row[investment], int | float) for row in rows if row[investment] is not None)
    assert [row[header[0]] for row in rows] == sorted(row[header[0]] for row in rows)
    demo = {row[header[0]]: row[translate("Demo", "fr")] for row in rows}
    assert demo["T-TIN-002"] is True and demo["T-ZAG-006"] is False
    communes = _rows(book[translate("By commune", "fr")])[1]
    assert len(communes) == region_08.figures["communes"]
    assert sum(row[translate("Projects", "fr")] for row in communes) == truth["projects"] - 1  # one unplaced


def test_workbook_cells_are_typed(region_08):
    book = _workbook(region_08)
    sheet = book[translate("Projects", "fr")]
    column = get_column_letter([key for key, _, _ in workbook.PROJECTS].index("submitted_on") + 1)
    assert all(cell.value is None or isinstance(cell.value, date) for cell in sheet[column][1:])
    rank = get_column_letter([key for key, _, _ in workbook.PROJECTS].index("priority_rank") + 1)
    assert any(isinstance(cell.value, int) for cell in sheet[rank][1:])
    summary = {row[0]: row for row in book[translate("Summary", "fr")].iter_rows(values_only=True)}
    assert summary[translate("Projects", "fr")][1] == region_08.figures["projects"]
    assert summary[translate("Data version", "fr")][1] == region_08.data_version
    assert isinstance(summary[translate("Generated at (UTC)", "fr")][1], datetime)
    assert summary[translate("Includes demo projects", "fr")][1] is True
    assert summary[translate("DEMO", "fr")][1].startswith(translate("DEMO", "fr"))
    jobs = summary[translate("Estimated direct jobs (central, low, high)", "fr")]
    assert jobs[1:] == pytest.approx((region_08.figures["jobs_direct_central"], region_08.figures["jobs_direct_low"],
                                      region_08.figures["jobs_direct_high"]))
    rural = translate("Rural population share", "fr")
    share = next(row[1] for row in book[translate("Summary", "fr")].iter_rows() if row[0].value == rural)
    assert share.number_format == workbook.SHARE and share.value == pytest.approx(region_08.figures["rural_share"])


def test_workbook_neutralises_formulas_and_keeps_hostile_text(sample_db):
    data = content.gather(content.scope("national"), "fr")
    book = _workbook(data)
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
    texts = {value for value in values if isinstance(value, str)}
    assert "'" + FORMULA_TITLE in texts and FORMULA_TITLE not in texts
    assert HOSTILE_SQL in texts  # a quote, not a formula start: shown as it is
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)
    assert all(contact not in texts for contact in CONTACT.values())
    arabic = _workbook(content.gather(content.scope("national"), "ar"))
    assert HOSTILE_HTML in {v for s in arabic.worksheets for r in s.iter_rows(values_only=True) for v in r}


def test_workbook_in_arabic_reads_right_to_left(sample_db):
    book = _workbook(content.gather(content.scope("province", "08.587"), "ar"))
    assert book.sheetnames[1] == translate("Projects", "ar") != "Projects"
    sheet = book[translate("Projects", "ar")]
    assert sheet.sheet_view.rightToLeft
    header = next(sheet.iter_rows(values_only=True))
    assert header[0] == translate("Reference", "ar") and header[0] != "Reference"


def test_csv_carries_data_version_and_generation_time(region_08):
    built = export.render(region_08, "csv")
    assert built.file_name == f"rapport-region-08-fr-{region_08.version_hash}.csv" and built.mime == "text/csv"
    text = built.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == region_08.figures["projects"]
    assert {row["data_version"] for row in rows} == {region_08.data_version}
    assert {row["generated_at"] for row in rows} == {region_08.generated_at.isoformat()}
    assert sum(float(row["investment_mad"] or 0) for row in rows) == pytest.approx(region_08.figures["investment_mad"])
    assert HOSTILE_SQL in {row["title_fr"] for row in rows}  # starts with a quote: nothing to neutralise
    assert not any("contact" in column for column in rows[0])


def test_geojson_layers_reopen_with_metadata(region_08, tmp_path):
    for layer, count in (("communes", region_08.figures["communes"]), ("projects", region_08.figures["projects"])):
        built = export.render(region_08, "geojson", layer=layer)
        assert built.file_name == f"rapport-region-08-{layer}-fr-{region_08.version_hash}.geojson"
        document = json.loads(built.data)
        meta = document["metadata"]
        assert meta["data_version"] == region_08.data_version and meta["crs"] == "EPSG:4326"
        assert meta["generated_at"] == region_08.generated_at.isoformat()
        assert meta["job_model_version"] == region_08.job_model_version and meta["scope_code"] == "08"
        path = tmp_path / f"{layer}.geojson"
        path.write_bytes(built.data)
        frame = gpd.read_file(path)
        assert len(frame) == count and frame.crs.to_epsg() == 4326
    points = gpd.read_file(tmp_path / "projects.geojson")
    assert set(points.geom_type.dropna()) == {"Point"}
    assert points["geometry"].isna().sum() == region_08.projects["lat"].isna().sum()


def test_geopackage_holds_both_layers_and_metadata(region_08, tmp_path):
    built = export.render(region_08, "gpkg")
    assert built.file_name.endswith(".gpkg") and built.mime == "application/geopackage+sqlite3"
    path = tmp_path / "report.gpkg"
    path.write_bytes(built.data)
    assert [name for name, _ in pyogrio.list_layers(path)] == [*layers.LAYERS, "metadata"]
    communes = gpd.read_file(path, layer="communes")
    points = gpd.read_file(path, layer="projects")
    assert len(communes) == region_08.figures["communes"] and communes.crs.to_epsg() == 4326
    assert len(points) == region_08.figures["projects"] and points.crs.to_epsg() == 4326
    assert points["investment_mad"].sum() == pytest.approx(region_08.figures["investment_mad"])
    meta = dict(pyogrio.read_dataframe(path, layer="metadata").itertuples(index=False, name=None))
    assert meta["data_version"] == region_08.data_version and meta["crs"] == "EPSG:4326"
    assert meta["generated_at"] == region_08.generated_at.isoformat()


def test_same_options_give_the_same_files_but_for_the_generation_time(sample_db):
    where = content.scope("province", "08.587")
    first, second = (content.gather(where, "fr") for _ in range(2))
    second.generated_at = first.generated_at
    for fmt in ("csv", "geojson"):
        assert export.render(first, fmt).data == export.render(second, fmt).data
    one, two = (_workbook(data) for data in (first, second))
    for a, b in zip(one.worksheets, two.worksheets, strict=True):
        assert list(a.iter_rows(values_only=True)) == list(b.iter_rows(values_only=True))


def test_unknown_format_and_layer_are_refused(sample_db):
    where = content.scope("region", "08")
    with pytest.raises(InvalidInput, match="Unknown format 'docx'"):
        export.build(where, "fr", "docx")
    with pytest.raises(InvalidInput, match="Unknown layer 'roads'"):
        export.build(where, "fr", "geojson", layer="roads")


def test_a_territory_without_projects_still_exports(sample_db, tmp_path):
    data = content.gather(content.scope("province", "05.091"), "ar")
    assert data.figures["projects"] == 0 and data.sectors.empty and not data.includes_demo
    for fmt in ("xlsx", "csv", "geojson", "gpkg"):
        built = export.render(data, fmt)
        path = tmp_path / built.file_name
        path.write_bytes(built.data)
        if fmt in ("geojson", "gpkg"):
            assert len(gpd.read_file(path, layer="communes")) == data.figures["communes"]
    assert gpd.read_file(tmp_path / built.file_name, layer="projects").empty
