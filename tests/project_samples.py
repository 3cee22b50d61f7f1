"""A copy of the loaded test database holding a few sample projects, for the project bank's tests.

``sample_bank(loaded_url)`` clones the loaded database (PostgreSQL template
copy, under a second), inserts :data:`SAMPLES` with plain SQL (the triggers
write the audit and the first status of each), and drops the copy at the end.
Two samples are demo data; one carries SQL- and HTML-looking titles; one has a
formula-looking title; one is placed at province level with a pending review.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg import sql

from coopbank.provision import with_dbname

HOSTILE_SQL = "'; DROP TABLE project; --"
HOSTILE_HTML = "<script>alert(1)</script>"
FORMULA_TITLE = '=HYPERLINK("http://evil.example","clic")'
CONTACT = {"contact_name": "Fatima Secretcontact", "contact_phone": "+212 600 000 001",
           "contact_email": "fatima.secret@example.org"}
TAZARINE = ("03.561.09.11", "08.587.11.41")  # two communes named Tazarine, in Taza and Zagora

SAMPLES: list[dict[str, Any]] = [
    {"reference": "T-IFR-001", "title_fr": "Safran d'Ifrane", "title_ar": "زعفران إفران",
     "cooperative_name": "Coopérative Azrou Safran", "sector_code": "agriculture", "sub_sector_code": "safran",
     "status_code": "idea", "investment_mad": 500_000, "funding_secured_mad": 100_000, "jobs_direct": 10,
     "jobs_women": 4, "jobs_youth": 2, "members_total": 12, "target_groups": ["women"],
     "commune_code": "03.271.01.03", "province_code": "03.271", "region_code": "03", "lon": -5.1106,
     "lat": 33.5228, "geocode_method": "point", "geocode_confidence": 1, "training_needs": "Séchage du safran",
     "contact": CONTACT},
    {"reference": "T-TIN-002", "title_fr": "Tapis de Tinghir", "title_ar": "زرابي تنغير",
     "cooperative_name": "Coopérative Todgha", "sector_code": "artisanat", "sub_sector_code": "tapis",
     "status_code": "idea", "investment_mad": 120_000, "jobs_direct": 5, "jobs_women": 0, "jobs_youth": 3,
     "target_groups": ["youth"], "commune_code": "08.577.01.11", "province_code": "08.577", "region_code": "08",
     "geocode_method": "commune_code", "geocode_confidence": 1, "is_demo": True},
    {"reference": "T-DRA-003", "title_fr": HOSTILE_SQL, "title_ar": HOSTILE_HTML,
     "cooperative_name": "Coopérative Miel de l'Atlas", "sector_code": "apiculture", "sub_sector_code": "miel",
     "status_code": "funded", "investment_mad": 2_000_000, "funding_secured_mad": 2_000_000, "jobs_direct": 0,
     "commune_code": "08.587.07.13", "province_code": "08.587", "region_code": "08",
     "geocode_method": "commune_code", "geocode_confidence": 1, "is_demo": True},
    {"reference": "T-SOU-004", "title_fr": FORMULA_TITLE, "title_ar": "زيت أركان أمسكرود",
     "cooperative_name": "Coopérative Tifawin", "sector_code": "argan", "sub_sector_code": "huile_argan",
     "status_code": "in_progress", "investment_mad": 800_000, "jobs_direct": 9, "jobs_women": 6, "jobs_youth": 0,
     "commune_code": "09.001.05.01", "province_code": "09.001", "region_code": "09",
     "geocode_method": "commune_name", "geocode_confidence": 0.9},
    {"reference": "T-CAS-005", "title_ar": "تعاونية رقمية", "sector_code": "numerique", "status_code": "ready",
     "commune_code": "06.141.01.0", "province_code": "06.141", "region_code": "06",
     "geocode_method": "commune_code", "geocode_confidence": 1},
    {"reference": "T-ZAG-006", "title_fr": "Dattes de Tazarine", "sector_code": "agriculture",
     "sub_sector_code": "dattes", "status_code": "under_study", "investment_mad": 300_000,
     "province_code": "08.587", "region_code": "08", "geocode_method": "province_only", "geocode_confidence": 0,
     "review": {"query": {"name": "Tazarine", "province": None},
                "candidates": [{"code": TAZARINE[0], "score": 1.0},
                               {"code": TAZARINE[1], "score": 1.0}]}},
]
# T-IFR-001 then moves from 'idea' to 'seeking_funding': its history has two entries.
STATUS_CHANGE = ("T-IFR-001", "seeking_funding")


def insert_project(conn: psycopg.Connection, sample: dict[str, Any]) -> int:
    """Insert one sample (with its contact and review, if any); return the project's id."""
    fields = {k: v for k, v in sample.items() if k not in ("contact", "review", "lat", "lon")}
    columns = [*fields, "location"]
    point = sql.SQL("ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)") if "lat" in sample else sql.SQL("NULL")
    statement = sql.SQL("INSERT INTO project ({}) VALUES ({}, {}) RETURNING id").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder(k) for k in fields), point,
    )
    project_id = conn.execute(statement, {**fields, "lat": sample.get("lat"), "lon": sample.get("lon")}).fetchone()[0]
    if "contact" in sample:
        conn.execute("INSERT INTO project_contact (project_id, contact_name, contact_phone, contact_email) "
                     "VALUES (%(id)s, %(contact_name)s, %(contact_phone)s, %(contact_email)s)",
                     {"id": project_id, **sample["contact"]})
    if "review" in sample:
        add_review(conn, project_id, sample["review"]["query"], sample["review"]["candidates"])
    return project_id


def add_review(conn: psycopg.Connection, project_id: int | None, query: dict, candidates: list[dict]) -> int:
    """Queue a pending geocode review; return its id."""
    return conn.execute(
        "INSERT INTO geocode_review (project_id, query, candidates) VALUES (%s, %s, %s) RETURNING id",
        (project_id, json.dumps(query), json.dumps(candidates)),
    ).fetchone()[0]


@contextlib.contextmanager
def tazarine_review(url: str, *, score: float = 1.0, province: str | None = None) -> Iterator[dict[str, Any]]:
    """A project of its own with a pending review between the two Tazarine communes; removed after.

    Yields its ``review_id``, ``project_id`` and ``reference``.
    """
    sample = {"reference": f"T-REV-{uuid.uuid4().hex[:6]}", "title_fr": "Revue", "sector_code": "autres",
              "status_code": "idea", "province_code": "08.587", "region_code": "08",
              "geocode_method": "province_only", "geocode_confidence": 0,
              "review": {"query": {"name": "Tazarine", "province": province},
                         "candidates": [{"code": code, "score": score} for code in TAZARINE]}}
    with psycopg.connect(url) as conn:
        project_id = insert_project(conn, sample)
        review_id = conn.execute("SELECT id FROM geocode_review WHERE project_id = %s", (project_id,)).fetchone()[0]
    try:
        yield {"review_id": review_id, "project_id": project_id, "reference": sample["reference"]}
    finally:
        with psycopg.connect(url) as conn:
            conn.execute("DELETE FROM project WHERE id = %s", (project_id,))


def _clone(loaded_url: str) -> str:
    name = f"coopbank_test_{uuid.uuid4().hex[:10]}"
    template = psycopg.conninfo.conninfo_to_dict(loaded_url)["dbname"]
    statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
    with psycopg.connect(with_dbname(loaded_url, "postgres"), autocommit=True) as conn:
        for attempt in range(20):  # the template must have no session: wait for closing ones
            try:
                conn.execute(statement)
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 19:
                    raise
                time.sleep(0.5)
    return with_dbname(loaded_url, name)


@contextlib.contextmanager
def sample_bank(loaded_url: str) -> Iterator[str]:
    """A copy of the loaded database with :data:`SAMPLES` in it; yields its URL, drops it after."""
    url = _clone(loaded_url)
    try:
        with psycopg.connect(url) as conn:
            ids = {s["reference"]: insert_project(conn, s) for s in SAMPLES}
            conn.execute("UPDATE project SET status_code = %s WHERE id = %s",
                         (STATUS_CHANGE[1], ids[STATUS_CHANGE[0]]))
        yield url
    finally:
        name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
        with psycopg.connect(with_dbname(loaded_url, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
