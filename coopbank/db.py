"""The one thin layer between the product and PostgreSQL.

SQL lives in ``queries/<name>.sql`` with named parameters (``%(code)s``); this
module loads a file by name, binds the parameters and runs it. Nothing else
calls ``connect()`` or ``execute()``. Dashboard reads get a statement timeout
and a row cap, and say when a result was truncated (Datasette's limits).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from coopbank.errors import DatabaseUnavailable, DataMissing
from coopbank.settings import REPO_ROOT, get_settings

LOGGER = logging.getLogger(__name__)
QUERIES_DIR = REPO_ROOT / "queries"
# Connections return rows as dicts (column name → value).
Connection = psycopg.Connection[dict[str, Any]]


@dataclasses.dataclass(frozen=True)
class Result:
    """Rows of one query as dicts, with the column names and whether the row cap cut it."""

    rows: list[dict[str, Any]]
    columns: list[str]
    truncated: bool = False


@functools.cache
def load_sql(name: str) -> str:
    """Return the text of ``queries/<name>.sql``; ``name`` is a path without the suffix."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR.resolve() not in path.parents or not path.is_file():
        raise DataMissing(f"No query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def _describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    info.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in info.items())


@contextlib.contextmanager
def connect(url: str | None = None, *, autocommit: bool = False) -> Iterator[Connection]:
    """Open a connection to the product's database (``DATABASE_URL`` by default).

    Raises :class:`DatabaseUnavailable` with the address tried and what to do.
    Without ``autocommit`` the block is one transaction: committed when it ends
    normally, rolled back when it raises.
    """
    url = url or get_settings().database_url
    try:
        conn = psycopg.connect(url, autocommit=autocommit, row_factory=dict_row, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"Cannot connect to the database ({_describe(url)}): {str(exc).strip()}. "
            "Run `make db` to start and prepare it, or set DATABASE_URL."
        ) from exc
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def run(
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    conn: Connection | None = None,
    limit: int | None = None,
) -> Result:
    """Run the named query with bound ``params`` and return its rows.

    With ``conn`` the query joins that connection's transaction (ETL writes);
    without it a short read-only transaction is opened with the settings'
    statement timeout. At most ``limit`` rows (default: the ``max_rows``
    setting) come back; ``Result.truncated`` tells when more existed.
    """
    query = load_sql(name)
    params = dict(params or {})
    LOGGER.debug("query %s %s", name, sorted(params))
    cap = limit if limit is not None else get_settings().max_rows
    if conn is not None:
        return _execute(conn, query, params, cap)
    with connect() as own:
        own.execute("SET TRANSACTION READ ONLY")
        own.execute(
            "SELECT set_config('statement_timeout', %s, true)",
            (str(get_settings().statement_timeout_ms),),
        )
        return _execute(own, query, params, cap)


def _execute(conn: Connection, query: str, params: dict[str, Any], cap: int) -> Result:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(query, params or None)  # the text comes from a .sql file; values are bound
        if cur.description is None:
            return Result(rows=[], columns=[])
        columns = [col.name for col in cur.description]
        rows = cur.fetchmany(cap + 1)
    return Result(rows=rows[:cap], columns=columns, truncated=len(rows) > cap)


def act_as(actor: str, *, conn: Connection) -> None:
    """Record ``actor`` as the author of every write in ``conn``'s current transaction."""
    if not actor.strip():
        raise ValueError("an actor is required for writes")
    run("session/set_actor", {"actor": actor}, conn=conn)


def run_many(name: str, rows: Iterable[Mapping[str, Any]], *, conn: Connection) -> int:
    """Run the named statement once per row of parameters (bulk upserts); return the count."""
    batch = [dict(row) for row in rows]
    if batch:
        with conn.cursor() as cur:
            cur.executemany(load_sql(name), batch)
    LOGGER.debug("statement %s x%d", name, len(batch))
    return len(batch)


def seed_once(area: str, rows: Sequence[Mapping[str, Any]], *, insert: str, actor: str) -> int:
    """Store a catalogue's seed ``rows`` with the statement ``insert`` when the catalogue is empty.

    ``area/count`` (a ``rows`` column) says whether it is; ``area/lock`` serialises the
    writers, and the count is asked again under the lock, so two first visits never
    seed twice. One transaction, written as ``actor``; returns the rows stored (0 if
    the catalogue already held some).
    """
    if run(f"{area}/count").rows[0]["rows"]:
        return 0
    with connect() as conn:
        act_as(actor, conn=conn)
        run(f"{area}/lock", conn=conn)
        if run(f"{area}/count", conn=conn).rows[0]["rows"]:
            return 0
        return run_many(insert, rows, conn=conn)


def run_script(text: str, *, conn: Connection) -> None:
    """Run a whole SQL script (a migration file) inside ``conn``'s transaction."""
    conn.execute(text.encode("utf-8"))  # a migration file, never user input


def copy_rows(
    table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, conn: Connection
) -> int:
    """COPY rows into ``table`` (for large reference tables); return the count."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    count = 0
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
