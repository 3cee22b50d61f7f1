"""Shared fixtures: a throwaway PostGIS database per test session, loaded once with the real data.

The database is created on the server of ``DATABASE_URL`` (or the default
local one) under a random name and dropped at the end. The network is
blocked for every test except connections to this machine.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from coopbank import settings
from coopbank.migrate import apply_migrations
from coopbank.provision import ensure_database, with_dbname

LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse connections to anything but this machine (OSMnx's ``_block_network``)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(LOOPBACK):
            raise OSError(f"network blocked in tests: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _server_url() -> str:
    return settings.get_settings().database_url


@pytest.fixture(scope="session")
def new_database() -> Iterator[object]:
    """A factory of empty databases with PostGIS; every one is dropped at the end."""
    created: list[str] = []

    def make() -> str:
        name = f"coopbank_test_{uuid.uuid4().hex[:10]}"
        url = with_dbname(_server_url(), name)
        ensure_database(url)
        created.append(name)
        return url

    yield make
    with psycopg.connect(with_dbname(_server_url(), "postgres"), autocommit=True) as conn:
        for name in created:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def loaded_url(new_database: object) -> Iterator[str]:
    """A database migrated and loaded with the real shared geodata (once per session)."""
    from etl.load import load

    url = new_database()  # type: ignore[operator]
    with settings.override(database_url=url):
        apply_migrations()
        report = load()
        assert report.loaded == ["territory", "establishments", "indicators", "terrain"]
    yield url


@pytest.fixture
def loaded_db(loaded_url: str) -> Iterator[str]:
    """Point the settings at the loaded database for one test."""
    with settings.override(database_url=loaded_url):
        yield loaded_url


@pytest.fixture(scope="module")
def sample_bank_url(loaded_url: str) -> Iterator[str]:
    """A copy of the loaded database holding the sample projects of ``tests/project_samples.py``."""
    from tests.project_samples import sample_bank

    with sample_bank(loaded_url) as url:
        yield url


@pytest.fixture
def sample_db(sample_bank_url: str) -> Iterator[str]:
    """Point the settings at the sample bank for one test."""
    with settings.override(database_url=sample_bank_url):
        yield sample_bank_url


@pytest.fixture(scope="module")
def investor_bank_url(sample_bank_url: str) -> str:
    """The module's copy of the sample bank with the investor samples of ``tests/queries/test_investor.py`` added."""
    from tests.queries.test_investor import add_investor_samples

    add_investor_samples(sample_bank_url)
    return sample_bank_url


@pytest.fixture
def investor_db(investor_bank_url: str) -> Iterator[str]:
    """Point the settings at the investor bank for one test."""
    with settings.override(database_url=investor_bank_url):
        yield investor_bank_url
