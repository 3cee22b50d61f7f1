"""Every option of the product, declared once with its default and its help.

No other module reads ``os.environ``: they call :func:`get_settings`. Tests
replace the settings with :func:`override` (Datasette's ``ConfigOption``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Option:
    """One option: the environment variable that sets it, its default and what it does."""

    env: str
    default: str
    help: str


OPTIONS: dict[str, Option] = {
    "database_url": Option(
        "DATABASE_URL",
        "postgresql://postgres@127.0.0.1:5432/coopbank",
        "PostgreSQL connection URL of the PostGIS database.",
    ),
    "geodata_dir": Option(
        "COOPBANK_GEODATA_DIR",
        str(REPO_ROOT.parent / "shared" / "geodata"),
        "Folder holding the reference geodata (hcp/, osm/, mountain/). "
        "When it is absent the ETL downloads the files into download_dir.",
    ),
    "download_dir": Option(
        "COOPBANK_DOWNLOAD_DIR",
        str(REPO_ROOT / ".data" / "geodata"),
        "Where downloaded geodata files are kept, checked against their sha256.",
    ),
    "mirror_url": Option(
        "COOPBANK_MIRROR_URL",
        "",
        "Base URL of a mirror holding the geodata files under their manifest "
        "paths; when empty each file comes from its public upstream.",
    ),
    "statement_timeout_ms": Option(
        "COOPBANK_STATEMENT_TIMEOUT_MS",
        "30000",
        "Longest time one dashboard query may run, in milliseconds.",
    ),
    "import_max_mb": Option(
        "COOPBANK_IMPORT_MAX_MB",
        "20",
        "Largest project file one import accepts, in megabytes.",
    ),
    "max_rows": Option(
        "COOPBANK_MAX_ROWS",
        "20000",
        "Most rows one dashboard query returns; a longer result is truncated and says so.",
    ),
    "session_minutes": Option(
        "COOPBANK_SESSION_MINUTES",
        "60",
        "Minutes without activity after which a signed-in session expires.",
    ),
    "login_attempts": Option(
        "COOPBANK_LOGIN_ATTEMPTS",
        "5",
        "Failed sign-ins in a row after which an account is locked for a growing delay.",
    ),
}


@dataclasses.dataclass(frozen=True)
class Settings:
    """The values in force, typed."""

    database_url: str
    geodata_dir: Path
    download_dir: Path
    mirror_url: str
    statement_timeout_ms: int
    max_rows: int
    import_max_bytes: int
    session_minutes: int = 60
    login_attempts: int = 5
    # True when DATABASE_URL was set by the user rather than defaulted.
    database_url_given: bool = False


def _from_environment() -> Settings:
    raw = {name: os.environ.get(opt.env, opt.default) for name, opt in OPTIONS.items()}
    return Settings(
        database_url=raw["database_url"],
        geodata_dir=Path(raw["geodata_dir"]),
        download_dir=Path(raw["download_dir"]),
        mirror_url=raw["mirror_url"].rstrip("/"),
        statement_timeout_ms=int(raw["statement_timeout_ms"]),
        max_rows=int(raw["max_rows"]),
        import_max_bytes=int(float(raw["import_max_mb"]) * 1_000_000),
        session_minutes=int(raw["session_minutes"]),
        login_attempts=int(raw["login_attempts"]),
        database_url_given=OPTIONS["database_url"].env in os.environ,
    )


_current: Settings | None = None


def get_settings() -> Settings:
    """Return the settings, read from the environment on first use."""
    global _current
    if _current is None:
        _current = _from_environment()
    return _current


@contextlib.contextmanager
def override(**changes: object) -> Iterator[Settings]:
    """Run a block with some settings replaced, then restore them (for tests)."""
    global _current
    previous = get_settings()
    _current = dataclasses.replace(previous, **changes)  # type: ignore[arg-type]
    try:
        yield _current
    finally:
        _current = previous
