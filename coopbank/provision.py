"""Get a PostGIS database ready and print its URL: ``python -m coopbank.provision``.

The server is, in order: the one in ``DATABASE_URL`` when it is set; the
local server on 127.0.0.1:5432; else a project-local cluster under
``.data/pg`` started with the system's PostgreSQL binaries. When PostGIS is
missing on a local server and we are root, the Debian package
``postgresql-NN-postgis-3`` is installed with apt. Then the database and the
``postgis`` extension are created if absent. Every failure says what to do.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess  # noqa: S404 - runs the system's PostgreSQL and apt tools
import sys
import time
from pathlib import Path

import psycopg
from psycopg import conninfo, sql

from coopbank.errors import CoopBankError, DatabaseUnavailable
from coopbank.settings import OPTIONS, REPO_ROOT, get_settings

LOGGER = logging.getLogger(__name__)
LOCAL_CLUSTER = REPO_ROOT / ".data" / "pg"
LOCAL_CLUSTER_PORT = 5433


def with_dbname(url: str, dbname: str) -> str:
    """The same server and user as ``url`` with another database."""
    params = conninfo.conninfo_to_dict(url)
    params["dbname"] = dbname
    return conninfo.make_conninfo(**params)  # type: ignore[arg-type]


def _reachable(url: str) -> bool:
    try:
        with psycopg.connect(with_dbname(url, "postgres"), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def choose_server() -> str:
    """Return the URL of the database to use, starting a local cluster if nothing else answers."""
    settings = get_settings()
    if settings.database_url_given:
        if not _reachable(settings.database_url):
            raise DatabaseUnavailable(
                f"DATABASE_URL is set but its server does not answer; start it or unset "
                f"{OPTIONS['database_url'].env} to use a local one"
            )
        return settings.database_url
    default = OPTIONS["database_url"].default
    if _reachable(default):
        return default
    return start_local_cluster()


def _pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise DatabaseUnavailable(
        "No PostgreSQL server answers on 127.0.0.1:5432 and no PostgreSQL binaries were found: "
        "install postgresql-15 and postgresql-15-postgis-3 (apt-get install postgresql-15 "
        "postgresql-15-postgis-3), or set DATABASE_URL"
    )


def _as_cluster_owner(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the ``postgres`` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_local_cluster() -> str:
    """Create (once) and start a cluster under ``.data/pg`` on port 5433; return its URL."""
    bindir = _pg_bindir()
    LOCAL_CLUSTER.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(LOCAL_CLUSTER, "postgres", "postgres")
    if not (LOCAL_CLUSTER / "PG_VERSION").exists():
        _run(_as_cluster_owner([str(bindir / "initdb"), "-D", str(LOCAL_CLUSTER), "-U", "postgres",
                                "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]), "initdb")
    url = f"postgresql://postgres@127.0.0.1:{LOCAL_CLUSTER_PORT}/coopbank"
    if not _reachable(url):
        _run(_as_cluster_owner([str(bindir / "pg_ctl"), "-D", str(LOCAL_CLUSTER), "-l",
                                str(LOCAL_CLUSTER / "server.log"), "-w", "-o",
                                f"-p {LOCAL_CLUSTER_PORT} -k {LOCAL_CLUSTER} -c listen_addresses=127.0.0.1",
                                "start"]), "pg_ctl start")
        for _ in range(30):
            if _reachable(url):
                break
            time.sleep(1)
        else:
            raise DatabaseUnavailable(f"The local cluster did not start: see {LOCAL_CLUSTER / 'server.log'}")
    return url


def _run(command: list[str], what: str) -> None:
    LOGGER.info("running %s", " ".join(command))
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise DatabaseUnavailable(f"{what} failed: {(done.stderr or done.stdout).strip()}")


def postgis_package(server_version_num: int) -> str:
    """The Debian package that brings PostGIS 3 to this server's major version."""
    return f"postgresql-{server_version_num // 10000}-postgis-3"


def ensure_postgis_available(url: str) -> None:
    """Install PostGIS with apt when the server lacks it, we are root and the server is local."""
    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as conn:
        available = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
        version = int(conn.execute("SHOW server_version_num").fetchone()[0])  # type: ignore[index]
    if available:
        return
    package = postgis_package(version)
    host = conninfo.conninfo_to_dict(url).get("host", "localhost")
    local = host in ("127.0.0.1", "localhost", "::1") or str(host).startswith("/")
    if not (local and os.geteuid() == 0 and shutil.which("apt-get")):
        raise DatabaseUnavailable(f"PostGIS extension not available: install {package} (apt-get install {package})")
    print(f"PostGIS missing: installing {package} with apt-get…", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
        if done.returncode != 0:
            raise DatabaseUnavailable(
                f"PostGIS extension not available and `{' '.join(command)}` failed: "
                f"{done.stderr.strip()[-500:]}. Install {package} by hand"
            )


def ensure_database(url: str) -> None:
    """Create the database named in ``url`` and its ``postgis`` extension when absent."""
    dbname = conninfo.conninfo_to_dict(url).get("dbname") or "postgres"
    with psycopg.connect(with_dbname(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(str(dbname))))
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"Cannot create the postgis extension in {dbname}: {str(exc).strip()}") from exc


def provision() -> str:
    """Make the product's database ready and return its URL."""
    url = choose_server()
    ensure_postgis_available(url)
    ensure_database(url)
    return url


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        print(provision())
    except CoopBankError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
