"""The opportunities catalogue: the pure eligibility rules, the seed, saving with history and rights, matching."""

from __future__ import annotations

import psycopg
import pytest

from coopbank import opportunities as opp
from coopbank import projects
from coopbank.access import VISITOR, Actor
from coopbank.errors import DataMissing, InvalidInput, PermissionDenied
from coopbank.projects import ProjectFilters
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

OFFICIAL = Actor(user_id=41, username="amina.official", role="official", region_code="05")
ADMIN = Actor(user_id=42, username="root.admin", role="admin")
INVESTOR = Actor(user_id=43, username="ivan.investor", role="investor")
HOLDER = Actor(user_id=44, username="hassan.holder", role="holder")

PROJECT = {"sector_code": "argan", "sub_sector_code": "huile_argan", "cooperative_status": "existing",
           "holder_age": 27, "region_code": "09", "commune_kind": "rural", "is_mountain": False,
           "investment_mad": 300_000.0}
EMPTY = dict.fromkeys(PROJECT)


def _entry(**rules):
    base = {"code": "test_programme", "kind": "funding", "body": "Test body", "name_fr": "Programme test",
            "name_ar": "برنامج تجريبي", "source": "test", "active": True}
    return {**base, **rules}


def _one(project, **rules) -> opp.Reason:
    verdict = opp.match(project, _entry(**rules))
    assert len(verdict.reasons) == 1, verdict.reasons
    return verdict.reasons[0]


# ------------------------------------------------------------------ pure rules, known answers

@pytest.mark.parametrize(("rules", "project", "ok", "detail"), [
    ({"sectors": ["argan"]}, PROJECT, True, "sector: argan ✓"),
    ({"sectors": ["huile_argan"]}, PROJECT, True, "sector: huile_argan ✓"),
    ({"sectors": ["agriculture", "elevage"]}, PROJECT, False,
     "sector: huile_argan is not among agriculture, elevage ✗"),
    ({"sectors": ["agriculture"]}, EMPTY, None, "unknown: sector not recorded"),
    ({"holder_kinds": ["existing", "to_create"]}, PROJECT, True, "cooperative: existing ✓"),
    ({"holder_kinds": ["union"]}, PROJECT, False, "cooperative: existing, the programme is for union ✗"),
    ({"holder_kinds": ["union"]}, EMPTY, None, "unknown: cooperative standing not recorded"),
    ({"age_min": 18, "age_max": 45}, PROJECT, True, "holder\'s age within 18–45 ✓"),
    ({"age_min": 18, "age_max": 25}, PROJECT, False, "holder\'s age outside 18–25 ✗"),
    ({"age_min": 18}, PROJECT, True, "holder\'s age within ≥ 18 ✓"),
    ({"age_max": 26}, PROJECT, False, "holder\'s age outside ≤ 26 ✗"),
    ({"age_min": 18, "age_max": 45}, EMPTY, None, "unknown: holder age not recorded"),
    ({"region_codes": ["09", "10"]}, PROJECT, True, "region: 09 ✓"),
    ({"region_codes": ["05"]}, PROJECT, False, "region: 09 is outside the programme's regions ✗"),
    ({"region_codes": ["05"]}, EMPTY, None, "unknown: region not recorded"),
    ({"rural_only": True}, PROJECT, True, "rural commune ✓"),
    ({"rural_only": True}, {**PROJECT, "commune_kind": "urban"}, False,
     "urban commune: the programme is for rural areas ✗"),
    ({"rural_only": True}, EMPTY, None, "unknown: commune not known, rural or urban"),
    ({"mountain_only": True}, {**PROJECT, "is_mountain": True}, True, "mountain commune ✓"),
    ({"mountain_only": True}, PROJECT, False, "not a mountain commune: the programme is for mountain areas ✗"),
    ({"mountain_only": True}, EMPTY, None, "unknown: mountain or not, the commune is not known"),
    ({"investment_min": 20_000, "investment_max": 1_000_000}, PROJECT, True,
     "investment 300,000 MAD within 20,000–1,000,000 ✓"),
    ({"investment_max": 100_000}, PROJECT, False, "investment 300,000 MAD outside ≤ 100,000 ✗"),
    ({"investment_min": 20_000}, {**PROJECT, "investment_mad": float("nan")}, None,
     "unknown: investment not recorded"),
])
def test_each_rule_says_ok_ko_or_unknown(rules, project, ok, detail):
    reason = _one(project, **rules)
    assert (reason.ok, reason.detail) == (ok, detail)
    assert opp.match(project, _entry(**rules)).eligible is (ok is not False)


def test_no_rule_means_eligible_with_no_reason_and_unknowns_do_not_block():
    assert opp.match(EMPTY, _entry()) == opp.Eligibility(eligible=True, reasons=[])
    verdict = opp.match(EMPTY, _entry(age_min=18, age_max=45, rural_only=True))
    assert verdict.eligible and len(verdict.caveats) == 2


def test_one_failed_rule_makes_a_project_ineligible_and_inactive_entries_fail():
    verdict = opp.match(PROJECT, _entry(sectors=["argan"], age_min=30))
    assert not verdict.eligible and [r.ok for r in verdict.reasons] == [True, False]
    assert not opp.match(PROJECT, _entry(active=False)).eligible


# ------------------------------------------------------------------ the seed

def test_the_seed_is_valid_against_the_database_and_cites_sources(loaded_db):
    sectors, regions = opp.known_codes()
    entries = opp.seed_entries()
    assert len({e["code"] for e in entries}) == len(entries) >= 8
    assert {e["kind"] for e in entries} == set(opp.KINDS)
    for entry in entries:
        clean = opp.validate(entry, sectors=sectors, regions=regions)  # codes exist, ranges ordered, url http(s)
        assert set(clean["sectors"]) <= sectors and set(clean["region_codes"]) <= regions
        for low, high in (("age_min", "age_max"), ("investment_min", "investment_max"),
                          ("ticket_min", "ticket_max")):
            assert clean[low] is None or clean[high] is None or clean[low] <= clean[high]
        assert "http" in clean["source"], entry["code"]  # every entry cites a page
    names = " ".join(e["name_fr"] for e in entries)
    for programme in ("INDH", "Intelaka", "Forsa", "Génération Green", "Mourafaka", "Damane"):
        assert programme in names


def test_seeding_is_idempotent(sample_db):
    opp.ensure_seeded()
    first = opp.catalogue(include_inactive=True)
    assert opp.ensure_seeded() == 0
    assert opp.catalogue(include_inactive=True) == first
    assert len(first) == len(opp.seed_entries())
    assert {e["kind"] for e in opp.catalogue("training")} == {"training"}
    with pytest.raises(InvalidInput):
        opp.catalogue("loans")


# ------------------------------------------------------------------ saving

def test_visitors_investors_and_holders_cannot_save(sample_db):
    for actor in (VISITOR, INVESTOR, HOLDER):
        with pytest.raises(PermissionDenied):
            opp.save_opportunity(actor, _entry(code="refused_entry"))
        with pytest.raises(PermissionDenied):
            opp.history(actor, "forsa")
    with pytest.raises(DataMissing):
        opp.opportunity("refused_entry")


@pytest.mark.parametrize(("change", "message"), [
    ({"sectors": ["argan", "no_such_sector"]}, "Unknown sector code: no_such_sector"),
    ({"region_codes": ["99"]}, "Unknown region code: 99"),
    ({"holder_kinds": ["company"]}, "Unknown holder kind: company"),
    ({"age_min": 45, "age_max": 18}, "age_min is above age_max"),
    ({"investment_min": 1_000_000, "investment_max": 20_000}, "investment_min is above investment_max"),
    ({"ticket_min": 10, "ticket_max": 5}, "ticket_min is above ticket_max"),
    ({"ticket_max": -5}, "ticket_max cannot be negative"),
    ({"age_max": "old"}, "age_max must be a number"),
    ({"url": "javascript:alert(1)"}, "The link must be an http:// or https:// address"),
    ({"url": "ftp://example.org/x"}, "The link must be an http:// or https:// address"),
    ({"kind": "loan"}, "The kind must be funding, training or partnership"),
    ({"code": "Bad Code"}, "The code must start with a letter and hold only lower-case letters, digits and "
                           "underscores (at most 64)"),
    ({"name_ar": "  "}, "name_ar is required"),
])
def test_an_invalid_entry_is_refused_and_nothing_is_stored(sample_db, change, message):
    before = opp.opportunity("forsa")
    with pytest.raises(InvalidInput) as caught:
        opp.save_opportunity(OFFICIAL, {**before, **change})
    assert caught.value.message == message
    assert opp.opportunity("forsa") == before


def test_saving_adds_and_updates_with_history_naming_the_account(sample_db):
    added = opp.save_opportunity(OFFICIAL, _entry(code="hostile_test", body=HOSTILE_SQL, name_fr=HOSTILE_HTML,
                                                  sectors="argan, apiculture", age_min=18, age_max=45,
                                                  url="https://example.org/programme"))
    assert (added["body"], added["name_fr"]) == (HOSTILE_SQL, HOSTILE_HTML)  # stored verbatim
    assert added["sectors"] == ["apiculture", "argan"] and added["updated_by"] == OFFICIAL.audit_name
    updated = opp.save_opportunity(ADMIN, {**added, "age_max": 40, "active": False})
    assert updated["age_max"] == 40 and not updated["active"] and updated["updated_by"] == ADMIN.audit_name
    changes = opp.history(ADMIN, "hostile_test")
    assert [(c["operation"], c["changed_by"]) for c in changes] == [("UPDATE", ADMIN.audit_name),
                                                                   ("INSERT", OFFICIAL.audit_name)]
    assert changes[0]["before"]["age_max"] == 45 and changes[0]["after"]["age_max"] == 40
    assert "hostile_test" not in {e["code"] for e in opp.catalogue()}  # inactive
    assert "hostile_test" in {e["code"] for e in opp.catalogue(include_inactive=True)}
    with psycopg.connect(sample_db) as conn, pytest.raises(psycopg.errors.RestrictViolation):
        conn.execute("DELETE FROM opportunity_history")  # append-only


# ------------------------------------------------------------------ matching projects

@pytest.fixture
def recorded(sample_db):
    """T-SOU-004 with its holder's standing and age recorded (restored after)."""
    with psycopg.connect(sample_db) as conn:
        conn.execute("UPDATE project SET cooperative_status = 'existing', holder_age = 27 "
                     "WHERE reference = 'T-SOU-004'")
    yield sample_db
    with psycopg.connect(sample_db) as conn:
        conn.execute("UPDATE project SET cooperative_status = NULL, holder_age = NULL WHERE reference = 'T-SOU-004'")


SEED_FOR_SOU = {"indh_ariej", "intelaka", "damane_intelak_qarawi", "forsa", "odco_mourafaka",
                "odco_taawounya_academy", "fondation_ocp_mourafaka"}  # argan, rural Amskroud (09), 800,000 MAD


def test_eligible_for_project_matches_hand_computed_expectations(recorded):
    found = {entry["code"]: verdict for entry, verdict in opp.eligible_for_project("T-SOU-004")}
    # start_tpe is for cooperatives to be created: T-SOU-004's exists; Génération Green and Al Moutmir
    # are agricultural: argan is not among their sectors.
    assert set(found) == SEED_FOR_SOU
    assert [r.detail for r in found["indh_ariej"].reasons] == ["holder\'s age within 18–34 ✓"]
    assert [r.detail for r in found["damane_intelak_qarawi"].reasons] == ["rural commune ✓"]
    assert [r.detail for r in found["intelaka"].reasons] == ["sector: argan ✓"]
    assert [r.detail for r in found["odco_mourafaka"].reasons] == ["cooperative: existing ✓"]


def test_unknown_facts_are_caveats_on_the_sheet(sample_db):
    found = {entry["code"]: verdict for entry, verdict in opp.eligible_for_project("T-ZAG-006")}
    # dates (agriculture), province only (commune unknown), 300,000 MAD, nothing recorded about the holder
    assert {"indh_ariej", "cam_generation_green_jeunes", "ocp_al_moutmir", "start_tpe"} <= set(found)
    assert [r.detail for r in found["cam_generation_green_jeunes"].reasons] == [
        "sector: agriculture ✓", "unknown: commune not known, rural or urban"]
    assert found["indh_ariej"].caveats[0].detail == "unknown: holder age not recorded"
    urban = {entry["code"] for entry, _ in opp.eligible_for_project("T-IFR-001")}  # safran in urban Ifrane
    assert "ocp_al_moutmir" in urban and "cam_generation_green_jeunes" not in urban
    with pytest.raises(DataMissing):
        opp.eligible_for_project("NO-SUCH-REF")


@pytest.mark.parametrize("code", [e["code"] for e in opp.seed_entries()])
def test_projects_eligible_for_equals_the_pure_match_over_every_listed_project(recorded, code):
    entry = opp.opportunity(code)
    listed = projects.list_projects(ProjectFilters())
    facts = {r["reference"]: r for r in (opp.db.run("opportunities/project_facts", {"reference": ref}).rows[0]
                                         for ref in listed["reference"])}
    expected = [ref for ref in sorted(facts) if opp.match(facts[ref], entry).eligible]
    got = opp.projects_eligible_for(code)
    assert sorted(row["reference"] for row, _ in got) == expected
    for row, verdict in got:
        assert verdict == opp.match(facts[row["reference"]], entry)
        assert not {"contact_name", "contact_phone", "contact_email"} & set(row)


def test_projects_eligible_for_takes_the_explorer_filters(recorded):
    everywhere = {row["reference"] for row, _ in opp.projects_eligible_for("ocp_al_moutmir")}
    assert everywhere == {"T-IFR-001", "T-ZAG-006"}
    in_08 = {row["reference"] for row, _ in opp.projects_eligible_for("ocp_al_moutmir",
                                                                       ProjectFilters(region_code="08"))}
    assert in_08 == {"T-ZAG-006"}
    no_demo = {row["reference"] for row, _ in opp.projects_eligible_for("odco_taawounya_academy",
                                                                         ProjectFilters(include_demo=False))}
    assert no_demo == {"T-IFR-001", "T-SOU-004", "T-CAS-005", "T-ZAG-006"}
