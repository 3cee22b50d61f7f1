"""The ETL loads the real shared geodata, reloads nothing unchanged and loses nothing on failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from coopbank import db, settings
from coopbank.errors import DataIntegrityError, InvalidInput
from etl.check import run_checks
from etl.load import load


def _count(sql_name: str) -> dict:
    return db.run(sql_name).rows[0]


def test_counts_match_the_real_data(loaded_db):
    counts = _count("check/counts")
    assert counts["regions"] == 12
    assert counts["provinces"] == 83
    assert counts["provinces_with_geometry"] == 75
    assert counts["cercles"] == 213
    assert counts["communes"] == 1503
    assert counts["communes_with_geometry"] >= 1499
    assert counts["establishment_rows"] == 1853


def test_commune_without_boundary_stays_with_null_geometry(loaded_db):
    missing = db.run("check/communes_without_geometry").rows
    assert [r["code"] for r in missing] == ["04.281.05.11"]  # Sidi Mohamed Benmansour
    with psycopg.connect(loaded_db) as conn:
        row = conn.execute(
            "SELECT population_2024, geom IS NULL, geom_source FROM commune WHERE code = '04.281.05.11'"
        ).fetchone()
    assert row == (24703, True, None)


def test_geometry_sources_and_repairs_are_recorded(loaded_db):
    with psycopg.connect(loaded_db) as conn:
        sources = dict(conn.execute(
            "SELECT geom_precision::text, count(*) FROM commune WHERE geom IS NOT NULL GROUP BY 1").fetchall())
        repaired = {r[0] for r in conn.execute("SELECT code_digits FROM commune WHERE geom_repaired")}
        display_ok = conn.execute(
            "SELECT bool_and(ST_IsValid(geom_display) AND ST_NPoints(geom_display) <= ST_NPoints(geom)) "
            "FROM commune WHERE geom IS NOT NULL").fetchone()[0]
        points_inside = conn.execute(
            "SELECT bool_and(ST_Covers(geom, label_point)) FROM commune WHERE geom IS NOT NULL").fetchone()[0]
    assert sources == {"full": 1502}
    assert repaired == {"023810103", "090010101", "115370507", "123910101", "123910901"}
    assert display_ok and points_inside


def test_check_passes_and_reports_the_summary(loaded_db):
    summary = run_checks()
    assert summary["failed"] == []
    assert summary["counts"]["communes"] == 1503
    assert summary["geometries_repaired"]["commune"] == 5
    assert 300 < summary["mountain"]["communes"] < 1000
    assert 0.1 < summary["mountain"]["population_share"] < 0.5
    assert {r["precision"] for r in summary["communes_with_geometry_by_source"]} == {"full"}


def test_check_fails_when_a_sum_does_not_add_up(new_database):
    url = new_database()
    with settings.override(database_url=url):
        from coopbank.migrate import apply_migrations

        apply_migrations()
        load()
        with psycopg.connect(url) as conn:
            conn.execute("UPDATE region SET population_2024 = population_2024 + 1 WHERE code = '05'")
        summary = run_checks()
    assert summary["failed"] == ["population_sums"]
    failure = next(c for c in summary["checks"] if c["name"] == "population_sums")["failures"]
    assert [(f["level"], f["code"]) for f in failure] == [("region", "05")]


def test_second_load_reloads_nothing_and_duplicates_nothing(loaded_db):
    before = _count("check/counts")
    report = load()
    assert report.loaded == []
    assert report.skipped == ["territory", "establishments", "indicators", "terrain"]
    assert _count("check/counts") == before


def test_forced_reload_duplicates_nothing(loaded_db):
    before = _count("check/counts")
    report = load(force=True)
    assert report.loaded == ["territory", "establishments", "indicators", "terrain"]
    assert _count("check/counts") == before


def _copy_geodata(tmp_path: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(settings.get_settings().geodata_dir, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def test_a_corrupt_file_is_refused_and_stored_data_is_kept(loaded_db, tmp_path: Path):
    before = _count("check/counts")
    geodata = _copy_geodata(tmp_path)
    communes = geodata / "hcp" / "communes.csv"
    communes.write_text(communes.read_text(encoding="utf-8").replace("Tanger", "Tangier", 1), encoding="utf-8")
    with settings.override(geodata_dir=geodata), pytest.raises(DataIntegrityError, match="communes.csv has sha256"):
        load(force=True)
    assert _count("check/counts") == before


def test_a_failure_midway_rolls_back_every_step(loaded_db, monkeypatch: pytest.MonkeyPatch):
    with psycopg.connect(loaded_db) as conn:
        before = conn.execute("SELECT loaded_at FROM etl_load ORDER BY step").fetchall()

    def explode(*args, **kwargs):
        raise InvalidInput("simulated failure in the terrain step")

    monkeypatch.setattr("etl.terrain.commune_terrain", explode)
    with pytest.raises(InvalidInput, match="simulated failure"):
        load(force=True)
    with psycopg.connect(loaded_db) as conn:
        after = conn.execute("SELECT loaded_at FROM etl_load ORDER BY step").fetchall()
        terrain_rows = conn.execute("SELECT count(*) FROM commune_terrain").fetchone()[0]
    assert after == before  # territory, establishments and indicators were rolled back too
    assert terrain_rows == 1503


def test_terrain_method_and_thresholds_are_recorded(loaded_db):
    with psycopg.connect(loaded_db) as conn:
        method, thresholds, communes = conn.execute(
            "SELECT m.method, m.thresholds, count(*) FROM terrain_method m "
            "JOIN commune_terrain t ON t.method_id = m.id GROUP BY m.id ORDER BY m.id DESC LIMIT 1"
        ).fetchone()
        ifrane = conn.execute(
            "SELECT is_mountain, elevation_mean_m FROM commune_terrain WHERE commune_code = '03.271.01.03'"
        ).fetchone()
        casablanca = conn.execute(
            "SELECT is_mountain, elevation_mean_m FROM commune_terrain WHERE commune_code = '06.141.01.0'"
        ).fetchone()
    assert "UNEP-WCMC" in method
    assert thresholds["mountain_area_share"] == 0.5 and thresholds["relief_radius_km"] == 7.0
    assert communes == 1503
    assert ifrane[1] > 1500
    assert casablanca == (False, pytest.approx(casablanca[1])) and casablanca[1] < 200


def test_a_region_without_its_full_file_falls_back_to_the_simplified_layer(new_database, tmp_path: Path):
    from coopbank.migrate import apply_migrations

    geodata = _copy_geodata(tmp_path)
    (geodata / "osm" / "communes_05.topojson").unlink()
    url = new_database()
    dead_mirror = "http://127.0.0.1:9"  # nothing listens: the download fails at once
    with settings.override(database_url=url, geodata_dir=geodata, mirror_url=dead_mirror,
                           download_dir=tmp_path / "cache"):
        apply_migrations()
        report = load()
        summary = run_checks()
    assert report.summary["territory"]["communes_by_geometry_source"] == {"full": 1367, "simplified": 135}
    assert summary["failed"] == []
    with psycopg.connect(url) as conn:
        sources = conn.execute(
            "SELECT geom_precision::text, geom_source, count(*) FROM commune WHERE region_code = '05' "
            "GROUP BY 1, 2").fetchall()
    assert sources == [("simplified", "osm/communes_simplified.geojson", 135)]


def test_the_command_line_prints_json_and_exits_by_the_checks(loaded_db, capsys):
    import json

    from etl.__main__ import main

    assert main(["check"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["counts"]["regions"] == 12 and printed["failed"] == []
    with psycopg.connect(loaded_db) as conn:
        conn.execute("UPDATE cercle SET households_2024 = households_2024 - 1 WHERE code = '01.511.05'")
    try:
        assert main(["check"]) == 1
        printed = json.loads(capsys.readouterr().out)
        assert printed["failed"] == ["population_sums"]
        assert printed["checks"][1]["failures"][0]["level"] == "cercle"
    finally:
        with psycopg.connect(loaded_db) as conn:
            conn.execute("UPDATE cercle SET households_2024 = households_2024 + 1 WHERE code = '01.511.05'")


def test_the_command_line_reports_errors_in_one_line(tmp_path: Path, capsys):
    from etl.__main__ import main

    with settings.override(database_url="postgresql://postgres@127.0.0.1:1/nowhere"):
        assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Cannot connect to the database") and "make db" in err
