"""The versioned job model in PostgreSQL: seeding, saving, validation and the append-only history."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from coopbank import settings
from coopbank.access import Actor
from coopbank.errors import InvalidInput
from coopbank.migrate import apply_migrations
from planning import job_model_store, jobs

ADMIN = Actor(user_id=1, username="amina", role="admin")


@pytest.fixture(scope="module")
def model_url(new_database: object) -> str:
    """An empty migrated database of this module's own (the model's history is shared by its tests)."""
    url = new_database()  # type: ignore[operator]
    with settings.override(database_url=url):
        apply_migrations()
    return url


@pytest.fixture
def model_db(model_url: str) -> Iterator[str]:
    with settings.override(database_url=model_url):
        yield model_url


def _count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM job_model_version").fetchone()[0]


def test_the_seed_is_stored_once_and_read_as_version_1(model_db):
    assert _count(model_db) == 0
    model = job_model_store.current_model()  # seeds the empty table
    assert (model.version, model.note) == (1, "seed")
    assert model.created_by == job_model_store.SEED_ACTOR
    assert model.content == job_model_store.seed_content()
    assert job_model_store.ensure_seeded() is None
    assert job_model_store.current_model().version == 1 and _count(model_db) == 1


def test_saving_creates_a_version_based_on_the_previous(model_db):
    before = job_model_store.current_model()
    content = jobs.normalised(dict(before.content))
    content["sectors"]["argan"]["central"] = 55_000
    saved = job_model_store.save_model(content, actor=ADMIN, note="argan: new survey",
                                       based_on=before.version)
    assert saved.version == before.version + 1
    assert (saved.created_by, saved.note) == ("amina#1", "argan: new survey")
    assert job_model_store.current_model().content["sectors"]["argan"]["central"] == 55_000
    history = job_model_store.model_versions()
    assert history["version"].tolist()[:2] == [saved.version, before.version]
    assert history.iloc[0]["based_on"] == before.version
    assert len(history.iloc[0]["content_sha256"]) == 64
    assert job_model_store.model_version(before.version).content == before.content


@pytest.mark.parametrize(("change", "actor", "note", "message"), [
    (lambda c: c["sectors"]["peche"].update(low=900_000), "A", "n", "Sector 'peche': low ≤ central ≤ high"),
    (lambda c: c["sectors"].pop("habitat"), "A", "n", "Sector 'habitat': no cost per job"),
    (lambda c: c["zones"]["rural"].update(factor=-1), "A", "n", "Zone 'rural': the factor must be a number above 0"),
    (lambda c: None, "A", "n", "Nothing changed"),
    (lambda c: c["sectors"]["argan"].update(low=1), "A", "", "A note saying what changed"),
])
def test_invalid_saves_are_refused_and_keep_the_current_version(model_db, change, actor, note, message):
    before = job_model_store.current_model()
    content = jobs.normalised(dict(before.content))
    change(content)
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        job_model_store.save_model(content, actor=ADMIN, note=note)
    after = job_model_store.current_model()
    assert (after.version, after.content) == (before.version, before.content)


def test_a_save_from_an_outdated_page_is_refused(model_db):
    current = job_model_store.current_model()
    content = jobs.normalised(dict(current.content))
    content["flag"]["above_factor"] = 2.5
    with pytest.raises(InvalidInput, match="was saved meanwhile"):
        job_model_store.save_model(content, actor=ADMIN, note="n", based_on=current.version - 1)
    assert job_model_store.current_model().version == current.version


@pytest.mark.parametrize("statement", ["UPDATE job_model_version SET note = 'changed'",
                                       "DELETE FROM job_model_version", "TRUNCATE job_model_version"])
def test_versions_cannot_be_changed_or_removed(model_db, statement):
    count = _count(model_db)
    with psycopg.connect(model_db) as conn, pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
        conn.execute(statement)
    assert _count(model_db) == count
