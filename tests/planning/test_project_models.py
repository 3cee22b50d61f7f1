"""The project models catalogue: the seed, validation, rights and history, plan inputs, adopting a model."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopbank import moderation, submissions
from coopbank.access import VISITOR
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.settings import REPO_ROOT
from planning import business_plan
from planning import project_models as pm
from tests.coopbank.test_submissions import TINGHIR, make_user

SAFFRON = "safran_sechage_conditionnement"


def _opportunity_codes() -> set[str]:
    with (REPO_ROOT / "coopbank" / "data" / "opportunities.toml").open("rb") as handle:
        return {e["code"] for e in tomllib.load(handle)["opportunity"]}


def test_the_seed_holds_at_least_12_valid_models_across_sectors(loaded_db):
    sectors, programmes = pm.known_codes()
    models = [pm.validate(e, sectors=sectors, programmes=programmes) for e in pm.seed_entries()]
    assert len(models) >= 12 and len({m.code for m in models}) == len(models)
    assert len({m.sector_code for m in models}) >= 8
    for m in models:
        assert set(m.programmes) <= _opportunity_codes(), m.code
        assert sectors[m.sector_code] is None and (m.sub_sector_code is None or sectors[m.sub_sector_code] ==
                                                   m.sector_code)
        assert len(m.revenue_mad) == len(m.operating_costs_mad) == 5
        assert set(pm.FIGURES) <= set(m.sources), m.code
        assert m.investment_mad > 0 and set(m.investment) == set(pm.INVESTMENT_ITEMS)
    places = {p for m in models for p in m.conditions["place_products"]}
    assert {"argan", "saffron", "dates", "roses"} <= places


def test_the_catalogue_is_seeded_once_and_plans_compute(loaded_db):
    models = pm.catalogue()
    assert len(models) >= 12 and pm.ensure_seeded() == 0
    saffron = pm.model(SAFFRON)
    assert saffron is not None and saffron.sub_sector_code == "safran"
    assert saffron.conditions["place_provinces"] == ["09.541"]
    assert pm.model("no_such_model") is None
    for m in models:
        inputs = pm.plan_inputs(m)
        assert inputs.financing == business_plan.Financing() and inputs.jobs == m.jobs_direct
        assert inputs.investment_mad == m.investment_mad and inputs.revenue_mad == m.revenue_mad
        result = business_plan.compute(inputs)
        assert result.cost_per_job == pytest.approx(m.investment_mad / m.jobs_direct)


def test_plan_inputs_carry_the_last_year_on_and_take_a_financing():
    m = pm.ProjectModel(code="x", sector_code="pam", sub_sector_code=None, name_fr="X", name_ar="س",
                        description_fr="", description_ar="", investment={"equipment": 100.0},
                        operating_costs_mad=(10.0, 20.0, 30.0, 40.0, 50.0), revenue_mad=(1.0, 2.0, 3.0, 4.0, 5.0),
                        jobs_direct=None, women_share=None, youth_share=None, members=None)
    loan = business_plan.Financing(bank_loan_mad=50.0, bank_rate=0.06, bank_years=5)
    inputs = pm.plan_inputs(m, financing=loan, discount_rate=0.1, years=7)
    assert inputs.revenue_mad == (1, 2, 3, 4, 5, 5, 5) and inputs.operating_costs_mad[-1] == 50
    assert inputs.years == 7 and inputs.financing == loan and inputs.discount_rate == 0.1 and inputs.jobs is None


SECTORS = {"pam": None, "distillation": "pam", "argan": None}


def _entry(**changes):
    entry = {"code": "essai", "sector_code": "pam", "sub_sector_code": "distillation", "name_fr": "Essai",
             "name_ar": "تجربة", "investment": {"equipment": 1000, "building": 0, "working_capital": 0,
                                                "training": 0},
             "operating_costs_mad": [1, 2, 3, 4, 5], "revenue_mad": [2, 3, 4, 5, 6], "jobs_direct": 3,
             "women_share": 0.5, "youth_share": 1, "members": 7, "programmes": ["forsa"],
             "conditions": {"rural": True, "sector_base": "industry", "place_products": []}}
    return entry | changes


@pytest.mark.parametrize(("changes", "template"), [
    ({"code": "Bad code"}, "The code must start"),
    ({"name_ar": " "}, "{field} is required"),
    ({"sector_code": "nope"}, "Unknown sector code"),
    ({"sector_code": "distillation"}, "Unknown sector code"),
    ({"sub_sector_code": "argan"}, "is not a sub-sector"),
    ({"investment": {"equipment": -1}}, "cannot be negative"),
    ({"investment": {"machines": 1}}, "Unknown investment item"),
    ({"revenue_mad": [1, 2, 3]}, "Give as many years"),
    ({"revenue_mad": [], "operating_costs_mad": []}, "Give revenue for 1 to"),
    ({"operating_costs_mad": [1, 2, -3, 4, 5]}, "cannot be negative"),
    ({"jobs_direct": 2.5}, "must be a whole number"),
    ({"women_share": 1.2}, "share between 0 and 1"),
    ({"youth_share": "abc"}, "must be a number"),
    ({"programmes": ["nope"]}, "Unknown programme code"),
    ({"conditions": {"sector_base": "farming"}}, "The sector base must be"),
    ({"conditions": {"place_products": ["truffles"]}}, "Unknown place product"),
    ({"conditions": {"place_provinces": ["X"]}}, "Unknown province code"),
    ({"conditions": {"rural": "maybe"}}, "must be yes, no or either"),
])
def test_validation_names_the_problem(changes, template):
    with pytest.raises(pm.InvalidModel) as raised:
        pm.validate(_entry(**changes), sectors=SECTORS, programmes={"forsa"})
    assert raised.value.template.startswith(template) or template in raised.value.template


def test_validation_fills_sources_and_keeps_what_is_known():
    m = pm.validate(_entry(jobs_direct=None), sectors=SECTORS, programmes={"forsa"})
    assert m.jobs_direct is None and m.sources["investment"] == pm.ASSUMPTION and m.investment["training"] == 0
    assert m.conditions == {"rural": True, "mountain": None, "sector_base": "industry", "place_products": [],
                            "place_provinces": []}


@given(st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=1, max_size=10),
       st.floats(min_value=0, max_value=1))
def test_any_non_negative_series_and_share_is_valid(values, share):
    m = pm.validate(_entry(revenue_mad=values, operating_costs_mad=values, women_share=share), sectors=SECTORS,
                    programmes={"forsa"})
    assert m.revenue_mad == tuple(values) and m.years == len(values) and m.women_share == share


def test_officials_save_models_with_history_others_may_not(sample_db):
    official, admin = make_user(sample_db, "official", region_code="08"), make_user(sample_db, "admin")
    saffron = pm.model(SAFFRON)
    assert saffron is not None
    for role in ("holder", "investor"):
        with pytest.raises(PermissionDenied):
            pm.save_model(make_user(sample_db, role), saffron)
    with pytest.raises(PermissionDenied):
        pm.save_model(VISITOR, saffron)
    entry = pm.as_entry(saffron) | {"jobs_direct": 7, "revenue_mad": [1, 2, 3, 4, 5]}
    saved = pm.save_model(official, entry)
    assert saved.jobs_direct == 7 and saved.updated_by == official.audit_name
    with pytest.raises(pm.InvalidModel):
        pm.save_model(admin, entry | {"women_share": 3})
    assert pm.model(SAFFRON).jobs_direct == 7  # nothing stored by the invalid save
    added = pm.save_model(admin, _entry(code="new_model_x", programmes=["forsa"]))
    assert added.code == "new_model_x" and pm.model("new_model_x") is not None
    changes = pm.history(SAFFRON)
    assert [c["operation"] for c in changes] == ["UPDATE", "INSERT"]
    assert changes[0]["changed_by"] == official.audit_name and changes[0]["after"]["jobs_direct"] == 7
    assert changes[0]["before"]["jobs_direct"] == saffron.jobs_direct


def test_a_holder_adopts_a_model_adjusts_it_and_submits(sample_db):
    holder = make_user(sample_db, "holder")
    with pytest.raises(PermissionDenied):
        submissions.start_from_model(make_user(sample_db, "investor"), SAFFRON)
    with pytest.raises(InvalidInput):
        submissions.start_from_model(holder, "no_such_model")
    saffron = pm.model(SAFFRON)
    draft_id = submissions.start_from_model(holder, SAFFRON, commune_code=TINGHIR)
    data = submissions.draft(holder, draft_id).data
    assert data["model_code"] == SAFFRON and data["sector"] == "agriculture" and data["sub_sector"] == "safran"
    assert data["investment_mad"] == str(int(saffron.investment_mad))
    assert data["jobs_direct"] == str(saffron.jobs_direct) and data["members_total"] == str(saffron.members)
    assert data["jobs_women"] == str(round(saffron.jobs_direct * saffron.women_share))
    assert data["commune_code"] == TINGHIR
    assert data["title_fr"] == saffron.name_fr
    data |= {"investment_mad": "420000", "holder_age": "29", "cooperative_status": "to_create",
             "status": "seeking_funding"}
    submissions.save_draft(holder, data, draft_id=draft_id, step=4)
    reference = submissions.submit(holder, draft_id)
    [mine] = [p for p in submissions.my_projects(holder) if p["reference"] == reference]
    assert submissions.project_model_code(int(mine["id"])) == SAFFRON
    official = make_user(sample_db, "official", region_code="08")
    [queued] = [q for q in moderation.queue(official) if q["reference"] == reference]
    assert float(queued["investment_mad"]) == 420000
