"""Officials' moderation: their territory only, a reason always, and what each decision makes public."""

from __future__ import annotations

import pytest

from coopbank import investor, moderation, projects, submissions
from coopbank.access import Actor
from coopbank.errors import InvalidInput, PermissionDenied
from tests.coopbank.test_submissions import good_data, make_user
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL


@pytest.fixture
def submitted(sample_db: str) -> tuple[Actor, dict]:
    """A holder's submission in region 08 (Tinghir), with hostile strings in its text fields."""
    holder = make_user(sample_db, "holder")
    data = good_data(title_fr=HOSTILE_SQL, title_ar=HOSTILE_HTML, cooperative_name=HOSTILE_HTML,
                     training_needs=HOSTILE_SQL)
    reference = submissions.submit(holder, submissions.save_draft(holder, data, step=4))
    [project] = [p for p in submissions.my_projects(holder) if p["reference"] == reference]
    return holder, project


def _public_references() -> set[str]:
    return set(projects.list_projects(projects.ProjectFilters())["reference"])


def _investor_references() -> set[str]:
    page = investor.find_page(projects.ProjectFilters(status_codes=investor.READY_STATUSES), size=1000)
    return set(page.rows["reference"])


def test_an_official_of_05_cannot_moderate_08_but_one_of_08_can(submitted, sample_db):
    _, project = submitted
    other = make_user(sample_db, "official", region_code="05")
    assert project["id"] not in [q["id"] for q in moderation.queue(other)]
    with pytest.raises(PermissionDenied):
        moderation.decide(other, project["id"], "approve", "OK")
    own = make_user(sample_db, "official", region_code="08")
    [queued] = [q for q in moderation.queue(own) if q["id"] == project["id"]]
    assert queued["title_fr"] == HOSTILE_SQL and queued["title_ar"] == HOSTILE_HTML  # verbatim
    assert queued["cooperative_name"] == HOSTILE_HTML and queued["holder_age"] == 27
    assert moderation.decide(own, project["id"], "approve", "Dossier complet") == "published"


def test_a_national_official_and_an_admin_moderate_everywhere(submitted, sample_db):
    _, project = submitted
    national = make_user(sample_db, "official")
    admin = make_user(sample_db, "admin")
    assert project["id"] in [q["id"] for q in moderation.queue(national)]
    assert project["id"] in [q["id"] for q in moderation.queue(admin)]
    assert moderation.decide(national, project["id"], "reject", "Hors champ") == "rejected"


def test_holders_investors_and_visitors_cannot_moderate(submitted, sample_db):
    holder, project = submitted
    for actor in (holder, make_user(sample_db, "investor"), Actor(user_id=None, username="visitor", role="visitor")):
        with pytest.raises(PermissionDenied):
            moderation.queue(actor)
        with pytest.raises(PermissionDenied):
            moderation.decide(actor, project["id"], "approve", "moi")


def test_approve_makes_the_project_public_and_investable(submitted, sample_db):
    holder, project = submitted
    assert project["reference"] not in _public_references() | _investor_references()
    official = make_user(sample_db, "official", region_code="08")
    moderation.decide(official, project["id"], "approve", "Bon dossier")
    assert project["reference"] in _public_references()
    assert project["reference"] in _investor_references()
    sheet = projects.project_sheet(project["reference"])
    assert sheet is not None and sheet["title_fr"] == HOSTILE_SQL and sheet["cooperative_name"] == HOSTILE_HTML
    [mine] = [p for p in submissions.my_projects(holder) if p["id"] == project["id"]]
    assert (mine["publication"], mine["decision"], mine["reason"]) == ("published", "approve", "Bon dossier")
    assert mine["decided_by"] == official.audit_name
    with pytest.raises(InvalidInput):  # out of the queue now
        moderation.decide(official, project["id"], "reject", "Trop tard")


@pytest.mark.parametrize(("decision", "publication"), [("reject", "rejected"),
                                                        ("request_changes", "changes_requested")])
def test_reject_or_request_changes_keeps_it_out_and_the_holder_reads_why(submitted, sample_db, decision,
                                                                         publication):
    holder, project = submitted
    official = make_user(sample_db, "official", region_code="08")
    reason = f"Motif {HOSTILE_HTML}"
    assert moderation.decide(official, project["id"], decision, reason) == publication
    assert project["reference"] not in _public_references() | _investor_references()
    assert projects.project_sheet(project["reference"]) is None
    [mine] = [p for p in submissions.my_projects(holder) if p["id"] == project["id"]]
    assert (mine["publication"], mine["reason"]) == (publication, reason)


def test_a_reason_is_required_and_nothing_changes_without_one(submitted, sample_db):
    _, project = submitted
    official = make_user(sample_db, "official", region_code="08")
    for reason in ("", "   "):
        with pytest.raises(InvalidInput):
            moderation.decide(official, project["id"], "reject", reason)
    with pytest.raises(InvalidInput):
        moderation.decide(official, project["id"], "publish", "oui")
    assert project["id"] in [q["id"] for q in moderation.queue(official)]
