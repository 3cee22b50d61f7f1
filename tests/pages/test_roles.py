"""Rights hold where data is read and written: a visitor never gets a contact from any page or export; an
investor cannot change a project; an official of region 05 cannot settle a review of a project in 08."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from coopbank import projects, settings
from coopbank.access import VISITOR, Actor
from coopbank.errors import PermissionDenied
from coopbank.exports import to_csv
from coopbank.investor import add_to_shortlist, find_projects, shortlist_csv
from coopbank.settings import REPO_ROOT
from coopbank.ui.imports import import_upload
from coopbank.ui.session import SESSION_KEY
from planning import job_model_store, jobs, scenario_store
from planning.scenario_store import ScenarioParams
from tests.apptest import open_page
from tests.project_samples import CONTACT, TAZARINE, tazarine_review

PAGES = sorted(set(re.findall(r'"(pages/[a-z_]+\.py)"', (REPO_ROOT / "app.py").read_text(encoding="utf-8"))))
SECRETS = [value.encode("utf-8") for value in CONTACT.values()]
INVESTOR = Actor(user_id=21, username="karim", role="investor")
OFFICIAL_05 = Actor(user_id=22, username="amina", role="official", region_code="05")
OFFICIAL_08 = Actor(user_id=23, username="youssef", role="official", region_code="08")
HOLDER = Actor(user_id=24, username="fatima", role="holder")
CSV = (b"reference,title_fr,sector,status,commune_code,investment_mad\n"
       b"T-ROLE-1,Miel,apiculture,idea,08.587.07.13,150000\n")


def _payloads(node: Any) -> Iterator[bytes]:
    """Every element's serialised message under ``node`` (texts, tables as Arrow bytes, widget options)."""
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "SerializeToString"):
        yield proto.SerializeToString()
    for child in getattr(node, "children", {}).values():
        yield from _payloads(child)


def test_every_page_of_the_app_is_checked():
    assert len(PAGES) >= 20 and "pages/project_sheet.py" in PAGES and "pages/users.py" in PAGES


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_visitor_never_sees_a_contact_on_any_page(sample_db, page, lang):
    query = {"ref": "T-IFR-001"} if page == "pages/project_sheet.py" else {}
    at = open_page(page, check=False, lang=lang, **query)
    shown = b"\n".join(_payloads(at._tree))
    assert shown, page
    for secret in SECRETS:
        assert secret not in shown, (page, secret)
    if page == "pages/project_sheet.py":  # the sheet's public fields are there: the search does see texts
        assert "Coopérative Azrou Safran".encode() in shown


def test_a_visitor_never_gets_a_contact_from_an_export(sample_db):
    every = projects.list_projects(projects.ProjectFilters())
    assert "T-IFR-001" in set(every["reference"])
    from coopbank.ui.tables import export_frame

    exports = [to_csv(export_frame(every))]
    found = find_projects(projects.ProjectFilters(), sort="gap")
    shortlist: dict = {}
    for row in found.to_dict("records"):
        shortlist = add_to_shortlist(shortlist, row)
    exports.append(shortlist_csv(shortlist))
    if importlib.util.find_spec("reports") is not None:
        from reports import content, export

        for fmt in ("csv", "geojson", "xlsx"):
            exports.append(export.build(content.scope("region", "03"), "fr", fmt).data)
    for data in exports:
        for secret in SECRETS:
            assert secret not in data


@pytest.mark.parametrize("actor", [VISITOR, INVESTOR, HOLDER], ids=["visitor", "investor", "holder"])
def test_only_officials_change_projects(sample_db, actor):
    with pytest.raises(PermissionDenied):
        import_upload("projets.csv", CSV, actor=actor, dry_run=False)
    with tazarine_review(sample_db) as review:
        for change in (lambda: projects.resolve_review(review["review_id"], TAZARINE[1], actor=actor),
                       lambda: projects.dismiss_review(review["review_id"], actor=actor)):
            with pytest.raises(PermissionDenied):
                change()
        with psycopg.connect(sample_db) as conn:
            assert conn.execute("SELECT state FROM geocode_review WHERE id = %s",
                                (review["review_id"],)).fetchone() == ("pending",)
    model = job_model_store.current_model()
    content = jobs.normalised(dict(model.content))
    content["flag"]["above_factor"] = 7.5
    for who in (actor, OFFICIAL_08):  # coefficients are an administrator's
        with pytest.raises(PermissionDenied):
            job_model_store.save_model(content, actor=who, note="n")
    assert job_model_store.current_model().version == model.version
    allocation = scenario_store.run_scenario(ScenarioParams(envelope_mad=100_000, rule="priority"))
    with pytest.raises(PermissionDenied):
        scenario_store.save_scenario("refused", allocation, actor=actor)
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT count(*) FROM project WHERE reference = 'T-ROLE-1'").fetchone() == (0,)


def test_an_official_of_05_cannot_settle_a_review_in_08(sample_db):
    with tazarine_review(sample_db) as review:  # the project is placed in province 08.587, region 08
        with pytest.raises(PermissionDenied, match="another territory"):
            projects.resolve_review(review["review_id"], TAZARINE[1], actor=OFFICIAL_05)
        with pytest.raises(PermissionDenied, match="another territory"):
            projects.dismiss_review(review["review_id"], actor=OFFICIAL_05)
        projects.resolve_review(review["review_id"], TAZARINE[1], actor=OFFICIAL_08)
        with psycopg.connect(sample_db) as conn:
            assert conn.execute("SELECT state, resolved_by FROM geocode_review WHERE id = %s",
                                (review["review_id"],)).fetchone() == ("resolved", "youssef#23")


def test_writing_pages_explain_and_link_to_sign_in_for_visitors(sample_db):
    for page in ("pages/import_projects.py", "pages/geocode_review.py"):
        at = open_page(page)
        assert at.info and not at.get("file_uploader") and not at.radio, page
        assert any(link.proto.page in ("sign_in", "sign-in", "pages/sign_in.py")
                   for link in at.get("page_link")), page
    investor = open_page("pages/geocode_review.py", actor=INVESTOR)
    assert not investor.radio and investor.warning


def test_an_expired_session_is_a_visitor_on_a_writing_page(sample_db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.session_state[SESSION_KEY] = {"actor": OFFICIAL_08, "seen_at": dt.datetime.now(dt.UTC)}
    with settings.override(session_minutes=0):
        at.switch_page("pages/import_projects.py")
        at.run()
    assert not at.exception and not at.get("file_uploader")
    assert SESSION_KEY not in at.session_state


def test_a_regional_official_imports_only_rows_of_their_region(sample_db):
    report = import_upload("projets.csv", CSV, actor=OFFICIAL_05, dry_run=True)  # the row's commune is in 08
    assert (report.inserted, report.rejected) == (0, 1)
    assert "outside your territory" in report.rejections[0].errors[0].message
    report = import_upload("projets.csv", CSV, actor=OFFICIAL_08, dry_run=True)
    assert (report.inserted, report.rejected) == (1, 0)
