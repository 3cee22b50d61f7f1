"""Holders' drafts and submissions: own drafts only, the importer's field rules, placing, resubmission."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from coopbank import moderation, projects, submissions
from coopbank.access import Actor
from coopbank.errors import InvalidInput, PermissionDenied
from etl.project_rows import FieldError
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

USER_SQL = (Path(__file__).with_name("submission_users.sql")).read_text(encoding="utf-8")
TINGHIR = "08.577.01.11"  # region 08
BEJAAD = "05.311.01.01"  # region 05
IFRANE_POINT = (-5.1106, 33.5228)  # lon, lat in region 03


def make_user(url: str, role: str, *, region_code: str | None = None, name: str | None = None) -> Actor:
    """A fresh account of ``role`` (a fake argon2id hash: nobody signs in with it) as an Actor."""
    username = name or f"{role}-{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url) as conn:
        user_id = conn.execute(USER_SQL, {"username": username, "display_name": f"{role.title()} {username}",
                                          "role": role, "region_code": region_code}).fetchone()[0]
    return Actor(user_id=user_id, username=username, role=role, region_code=region_code,
                 display_name=f"{role.title()} {username}")


def good_data(**changes: Any) -> dict[str, Any]:
    """A complete draft, as a holder types it in the wizard."""
    data: dict[str, Any] = {
        "title_fr": "Safran de Tinghir", "title_ar": "زعفران تنغير", "description": "Séchage et vente",
        "sector": "agriculture", "sub_sector": "safran", "status": "seeking_funding", "holder_age": "27",
        "holder_kind": ["women", "youth"], "cooperative_status": "to_create", "cooperative_name": "Coop Todgha",
        "odco_registration": "", "commune_code": TINGHIR, "investment_mad": "350 000", "funding_secured_mad": "50000",
        "jobs_direct": "6", "jobs_women": "4", "jobs_youth": "3", "members_total": "9", "members_women": "5",
        "members_youth": "4", "training_needs": "Séchage", "partnership_sought": "Distribution",
    }
    return data | changes


@pytest.fixture
def holders(sample_db: str) -> tuple[Actor, Actor]:
    return make_user(sample_db, "holder"), make_user(sample_db, "holder")


def test_a_holder_saves_and_resumes_a_draft_verbatim(holders):
    a, _ = holders
    data = {"title_fr": HOSTILE_SQL, "title_ar": HOSTILE_HTML, "investment_mad": "beaucoup"}
    draft_id = submissions.save_draft(a, data, step=1)
    assert submissions.draft(a, draft_id).data == data
    submissions.save_draft(a, {**data, "description": "x"}, draft_id=draft_id, step=2)
    saved = submissions.draft(a, draft_id)
    assert saved.step == 2 and saved.data["description"] == "x" and saved.data["title_fr"] == HOSTILE_SQL
    assert [d.id for d in submissions.my_drafts(a)][0] == draft_id


def test_holder_a_cannot_read_or_edit_holder_bs_draft(holders):
    a, b = holders
    draft_id = submissions.save_draft(b, {"title_fr": "B's idea"}, step=0)
    with pytest.raises(PermissionDenied):
        submissions.draft(a, draft_id)
    with pytest.raises(PermissionDenied):
        submissions.save_draft(a, {"title_fr": "taken"}, draft_id=draft_id, step=0)
    with pytest.raises(PermissionDenied):
        submissions.submit(a, draft_id)
    assert draft_id not in [d.id for d in submissions.my_drafts(a)]
    assert submissions.draft(b, draft_id).data == {"title_fr": "B's idea"}


def test_only_holders_have_drafts(sample_db):
    official = make_user(sample_db, "official", region_code="08")
    for actor in (official, Actor(user_id=None, username="visitor", role="visitor")):
        with pytest.raises(PermissionDenied):
            submissions.save_draft(actor, {}, step=0)


def test_a_draft_refuses_unknown_fields_and_steps(holders):
    a, _ = holders
    with pytest.raises(InvalidInput):
        submissions.save_draft(a, {"owner_id": 1}, step=0)
    with pytest.raises(InvalidInput):
        submissions.save_draft(a, {}, step=9)


def test_submit_lists_every_field_error_and_stores_nothing(holders):
    a, _ = holders
    bad = good_data(title_fr="", title_ar="", sector="nothing", investment_mad="beaucoup", jobs_women="9",
                    holder_age="12", commune_code="", members_total="-3")
    draft_id = submissions.save_draft(a, bad, step=4)
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        submissions.submit(a, draft_id)
    fields = {e.field for e in caught.value.errors}
    assert {"title_fr", "sector", "investment_mad", "holder_age", "commune_code", "members_total"} <= fields
    assert submissions.my_projects(a) == []
    assert submissions.draft(a, draft_id).project_id is None
    msgid, params = submissions.explain(next(e for e in caught.value.errors if e.field == "investment_mad"))
    assert msgid == "{value} is not an amount in dirhams" and params == {"value": "'beaucoup'"}


def test_every_explained_message_is_translated():
    from coopbank.ui.i18n import catalogue

    for _, msgid in submissions._EXPLAINED:
        for lang in ("fr", "ar"):
            assert msgid in catalogue(lang), (lang, msgid)
    assert "Some fields need correcting: see the messages below" in catalogue("ar")
    assert submissions.explain(FieldError("jobs_women", "(9) cannot exceed jobs_direct (6)"))[0] == \
        "{value} cannot exceed the total ({total})"


def test_submit_stores_a_submitted_project_placed_on_its_commune(holders):
    a, _ = holders
    draft_id = submissions.save_draft(a, good_data(title_fr=HOSTILE_SQL, description=HOSTILE_HTML), step=4)
    reference = submissions.submit(a, draft_id)
    assert reference.startswith("SUB-")
    [mine] = submissions.my_projects(a)
    assert mine["reference"] == reference and mine["publication"] == "submitted" and mine["decision"] is None
    assert mine["title_fr"] == HOSTILE_SQL
    assert submissions.my_drafts(a) == []
    with pytest.raises(InvalidInput):
        submissions.submit(a, draft_id)
    assert projects.project_sheet(reference) is None  # not public before an official approves it


def test_a_map_click_is_placed_by_locate_point(holders, sample_db):
    a, _ = holders
    lon, lat = IFRANE_POINT
    draft_id = submissions.save_draft(a, good_data(commune_code=None, latitude=lat, longitude=lon), step=4)
    submissions.submit(a, draft_id)
    official = make_user(sample_db, "official", region_code="03")
    [queued] = [q for q in moderation.queue(official) if q["title_fr"] == "Safran de Tinghir"]
    assert queued["region_code"] == "03" and queued["geocode_method"] == "point"
    assert queued["commune_code"] is not None and abs(queued["lon"] - lon) < 1e-6


def test_a_point_outside_morocco_is_refused(holders):
    a, _ = holders
    draft_id = submissions.save_draft(a, good_data(commune_code=None, latitude="48.85", longitude="2.35"), step=4)
    with pytest.raises(submissions.SubmissionInvalid) as caught:
        submissions.submit(a, draft_id)
    assert [e.field for e in caught.value.errors] == ["latitude"]


def test_holder_a_cannot_resubmit_holder_bs_project(holders, sample_db):
    a, b = holders
    reference = submissions.submit(b, submissions.save_draft(b, good_data(), step=4))
    [project] = [p for p in submissions.my_projects(b) if p["reference"] == reference]
    official = make_user(sample_db, "official", region_code="08")
    moderation.decide(official, project["id"], "request_changes", "Précisez le budget")
    with pytest.raises(PermissionDenied):
        submissions.resubmit(a, project["id"], {"title_fr": "taken"})
    with pytest.raises(PermissionDenied):
        submissions.draft_of_project(a, project["id"])
    [seen] = [p for p in submissions.my_projects(b) if p["reference"] == reference]
    assert seen["publication"] == "changes_requested" and seen["reason"] == "Précisez le budget"
    assert submissions.resubmit(b, project["id"], {"investment_mad": "400000"}) == reference
    [again] = [p for p in submissions.my_projects(b) if p["reference"] == reference]
    assert again["publication"] == "submitted"
    assert submissions.draft_of_project(b, project["id"]).data["investment_mad"] == "400000"
    with pytest.raises(InvalidInput):  # only after an official asked for changes
        submissions.resubmit(b, project["id"], {"investment_mad": "1"})


def test_commune_search_in_french_and_arabic(sample_db):
    assert submissions.search_communes("Tinghir")[0]["code"] == TINGHIR
    assert TINGHIR in [c["code"] for c in submissions.search_communes("تنغير")]
    assert submissions.search_communes("  ") == []
