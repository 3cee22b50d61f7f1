"""Scenarios on the investor sample bank: what run_scenario reads and records, save and load, refusals."""

from __future__ import annotations

import dataclasses
import uuid

import pandas as pd
import psycopg
import pytest

from coopbank import settings
from coopbank.errors import InvalidInput
from planning import job_model_store, priority
from planning.scenario import allocate
from planning.scenario_store import (
    ScenarioParams,
    eligible_projects,
    load_scenario,
    run_scenario,
    save_scenario,
    saved_scenarios,
)

# The investor bank's projects with a gap, ready or seeking funding: gap in MAD and region.
ELIGIBLE = {"T-IFR-001": (400_000, "03"), "T-AGR-101": (300_000, "08"), "T-AGR-102": (400_000, "03"),
            "T-AGR-103": (1_500_000, "08"), "T-AGR-104": (200_000, "09")}
DEMO = "T-AGR-102"


def _name() -> str:
    return f"Scénario {uuid.uuid4().hex[:8]}"


def _count(table: str) -> int:
    with psycopg.connect(settings.get_settings().database_url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (a fixed table name)


def test_run_reads_the_eligible_projects_with_estimates_and_priority(investor_db):
    params = ScenarioParams(envelope_mad=1_000_000, rule="priority")
    frame = eligible_projects(params, job_model_store.current_model())
    assert dict(zip(frame["reference"], frame["gap_mad"], strict=True)) == {r: g for r, (g, _) in ELIGIBLE.items()}
    assert frame["priority_score"].between(0, 1).all() and frame["direct_central"].gt(0).all()
    assert not any("contact" in c for c in frame.columns)
    result = run_scenario(params)
    expected = allocate(frame, envelope_mad=1_000_000, rule="priority")
    pd.testing.assert_frame_equal(result.projects, expected.projects)
    assert result.summary["allocated_mad"] == 1_000_000
    version = job_model_store.current_model().version
    assert result.summary["job_model_version"] == result.params["job_model_version"] == version
    assert result.params["priority_preset"] == priority.DEFAULT_PRESET
    assert result.params["priority_weights_used"] == priority.weights_for(None)
    assert result.params["priority_version"] == priority.VERSION


def test_demo_projects_are_flagged_and_can_be_left_out(investor_db):
    everything = run_scenario(ScenarioParams(envelope_mad=10_000_000, rule="equal_by_region"))
    assert everything.summary["includes_demo"] is True and everything.summary["allocated_mad"] == 2_800_000
    real = run_scenario(ScenarioParams(envelope_mad=10_000_000, rule="equal_by_region", include_demo=False))
    assert DEMO not in set(real.projects["reference"]) and real.summary["includes_demo"] is False


def test_a_region_filter_keeps_that_region(investor_db):
    result = run_scenario(ScenarioParams(envelope_mad=500_000, rule="jobs_per_mad", region_code="08"))
    assert set(result.projects["reference"]) == {r for r, (_, region) in ELIGIBLE.items() if region == "08"}
    assert result.summary["allocated_mad"] == 500_000


def test_save_then_load_gives_the_same_scenario(investor_db):
    params = ScenarioParams(envelope_mad=900_000, rule="custom", weights={"rural": 2, "mountain": 1},
                            preset="jobs_first")
    result = run_scenario(params)
    name = _name()
    scenario_id = save_scenario(f"  {name} ", result, actor="Amina Planner")
    loaded = load_scenario(scenario_id)
    assert (loaded.name, loaded.created_by) == (name, "Amina Planner")
    assert loaded.params == params
    assert loaded.recorded == result.params and loaded.summary == result.summary
    funded = result.funded
    assert list(loaded.allocation["reference"]) == list(funded["reference"])
    assert list(loaded.allocation["allocated_mad"]) == pytest.approx(list(funded["allocated_mad"]))
    listed = saved_scenarios().set_index("id").loc[scenario_id]
    assert (listed["name"], listed["rule"], listed["envelope_mad"]) == (name, "custom", 900_000)
    assert listed["projects_funded"] == result.summary["projects_funded"]
    assert bool(listed["includes_demo"]) == result.summary["includes_demo"]


def test_a_duplicate_name_is_refused_and_loses_nothing(investor_db):
    name = _name()
    first = run_scenario(ScenarioParams(envelope_mad=300_000, rule="priority"))
    scenario_id = save_scenario(name, first, actor="Amina")
    before = (_count("scenario"), _count("scenario_allocation"))
    other = run_scenario(ScenarioParams(envelope_mad=2_000_000, rule="jobs_per_mad"))
    with pytest.raises(InvalidInput, match="already has this name"):
        save_scenario(name, other, actor="Youssef")
    assert (_count("scenario"), _count("scenario_allocation")) == before
    kept = load_scenario(scenario_id)
    assert kept.summary == first.summary and kept.created_by == "Amina"


@pytest.mark.parametrize(("name", "actor", "message"), [
    ("", "Amina", "name"), ("   ", "Amina", "name"), ("x" * 121, "Amina", "120"), ("Un nom", " ", "your name"),
])
def test_a_save_needs_a_name_and_an_actor(investor_db, name, actor, message):
    before = _count("scenario")
    with pytest.raises(InvalidInput, match=message):
        save_scenario(name, run_scenario(ScenarioParams(envelope_mad=1, rule="priority")), actor=actor)
    assert _count("scenario") == before


def test_a_failed_save_writes_nothing(investor_db):
    result = run_scenario(ScenarioParams(envelope_mad=2_000_000, rule="priority"))
    twice = dataclasses.replace(result, projects=pd.concat([result.projects, result.projects.head(1)]))
    before = (_count("scenario"), _count("scenario_allocation"))
    with pytest.raises(psycopg.errors.UniqueViolation):
        save_scenario(_name(), twice, actor="Amina")  # one project twice: the second row breaks the key
    assert (_count("scenario"), _count("scenario_allocation")) == before


def test_only_run_scenarios_are_saved_and_unknown_ids_are_refused(investor_db):
    frame = eligible_projects(ScenarioParams(envelope_mad=1, rule="priority"), job_model_store.current_model())
    with pytest.raises(InvalidInput, match="run on the bank"):
        save_scenario(_name(), allocate(frame, envelope_mad=1, rule="priority"), actor="Amina")
    with pytest.raises(InvalidInput, match="does not exist"):
        load_scenario(10**9)


@pytest.mark.parametrize(("options", "message"), [
    ({"envelope_mad": -3, "rule": "priority"}, "negative"),
    ({"envelope_mad": 10, "rule": "random"}, "Unknown allocation rule"),
    ({"envelope_mad": 10, "rule": "custom", "weights": {"rural": -2}}, "zero or more"),
])
def test_bad_parameters_are_refused_before_any_read(options, message):
    with pytest.raises(InvalidInput, match=message):
        ScenarioParams(**options)
