"""Migrations apply from scratch, once, in order, and refuse edited history."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from coopbank import settings
from coopbank.errors import MigrationError
from coopbank.migrate import MIGRATIONS_DIR, apply_migrations, discover


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return {r[0] for r in rows}


def test_migrations_apply_from_scratch_then_are_up_to_date(new_database):
    url = new_database()
    with settings.override(database_url=url):
        applied = apply_migrations()
        assert applied == [m.version for m in discover()]
        assert apply_migrations() == []
    assert {"region", "province", "cercle", "commune", "establishments", "commune_terrain",
            "schema_migration"} <= _tables(url)


def test_geometry_columns_are_multipolygons_in_4326_with_gist_indexes(new_database):
    url = new_database()
    with settings.override(database_url=url):
        apply_migrations()
    with psycopg.connect(url) as conn:
        columns = conn.execute(
            "SELECT f_table_name, type, srid FROM geometry_columns WHERE f_geometry_column = 'geom'"
        ).fetchall()
        indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gist%'")}
    assert {(t, "MULTIPOLYGON", 4326) for t in ("region", "province", "commune")} <= set(columns)
    assert {"region_geom_idx", "province_geom_idx", "commune_geom_idx"} <= indexes


def test_an_edited_migration_is_refused(new_database, tmp_path: Path):
    url = new_database()
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    with settings.override(database_url=url):
        apply_migrations(directory=directory)
        first = sorted(directory.glob("*.sql"))[0]
        first.write_text(first.read_text() + "\n-- edited\n")
        with pytest.raises(MigrationError, match="was changed after it was applied"):
            apply_migrations(directory=directory)


def test_a_failing_migration_leaves_nothing_behind(new_database, tmp_path: Path):
    url = new_database()
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    (directory / f"{len(discover()) + 1:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n"
    )
    with settings.override(database_url=url), pytest.raises(MigrationError, match="_broken failed"):
        apply_migrations(directory=directory)
    assert "half_done" not in _tables(url)
    assert "region" not in _tables(url)  # all pending migrations apply together or not at all


def test_misnamed_or_gapped_migrations_are_refused(tmp_path: Path):
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0003_c.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="without gaps"):
        discover(tmp_path)
    (tmp_path / "2_b.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="not named NNNN_name.sql"):
        discover(tmp_path)


def test_constraints_reject_impossible_values(new_database):
    url = new_database()
    with settings.override(database_url=url):
        apply_migrations()
    region = ("INSERT INTO region (code, name_fr, name_ar, population_2024, households_2024) "
              "VALUES (%s, 'Test', 'تجربة', %s, %s)")
    with psycopg.connect(url) as conn:
        conn.execute(region, ("01", 100, 20))
    for values, constraint in [(("1", 100, 20), "region_code_check"),
                               (("02", 100, 200), "region_check"),
                               (("03", -5, 0), "violates check constraint")]:
        with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.CheckViolation, match=constraint):
            conn.execute(region, values)
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("INSERT INTO province (code, code_digits, region_code, kind, name_fr, name_ar, "
                     "population_2024, households_2024) VALUES ('09.001', '09001', '09', 'province', 'x', 'س', 1, 1)")
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.CheckViolation, match="province_check"):
        conn.execute("INSERT INTO province (code, code_digits, region_code, kind, name_fr, name_ar, "
                     "population_2024, households_2024) VALUES ('02.001', '02001', '01', 'province', 'x', 'س', 1, 1)")
