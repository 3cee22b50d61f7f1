"""Apply the versioned SQL migrations in ``migrations/`` in order, once each.

Each file ``NNNN_name.sql`` is recorded in ``schema_migration`` with its
sha256, so an edited migration that was already applied is refused rather
than silently skipped. The pending ones apply in one transaction: all or none.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from pathlib import Path

import psycopg

from coopbank import db
from coopbank.errors import MigrationError
from coopbank.settings import REPO_ROOT

LOGGER = logging.getLogger(__name__)
MIGRATIONS_DIR = REPO_ROOT / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclasses.dataclass(frozen=True)
class Migration:
    """One migration file: its version number, name, text and checksum."""

    version: int
    name: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Return the migrations in ``directory`` sorted by version; reject odd names and gaps."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"Migration file {path.name} is not named NNNN_name.sql")
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"Migration versions must run 1, 2, 3… without gaps; found {versions}")
    return found


def apply_migrations(url: str | None = None, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply every pending migration; return the versions applied now.

    Takes an advisory lock so that two processes starting together do not
    both migrate.
    """
    migrations = discover(directory)
    applied_now = []
    with db.connect(url) as conn:
        db.run("schema/create_migration_table", conn=conn)
        conn.commit()
        db.run("schema/lock_migrations", conn=conn)
        recorded = {r["version"]: r for r in db.run("schema/applied_migrations", conn=conn).rows}
        for migration in migrations:
            done = recorded.get(migration.version)
            if done is not None:
                if done["sha256"] != migration.sha256:
                    raise MigrationError(
                        f"Migration {migration.version:04d}_{migration.name} was changed after it "
                        "was applied; add a new migration instead of editing it"
                    )
                continue
            _apply(conn, migration)
            applied_now.append(migration.version)
    return applied_now


def _apply(conn: db.Connection, migration: Migration) -> None:
    LOGGER.info("applying migration %04d_%s", migration.version, migration.name)
    try:
        with conn.transaction():
            db.run_script(migration.text, conn=conn)
            db.run(
                "schema/record_migration",
                {"version": migration.version, "name": migration.name, "sha256": migration.sha256},
                conn=conn,
            )
    except psycopg.Error as exc:
        raise MigrationError(
            f"Migration {migration.version:04d}_{migration.name} failed: {str(exc).strip()}"
        ) from exc
