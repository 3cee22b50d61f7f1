"""``python -m planning scenario``: the JSON summary, the CSV allocation, saving, and exit code 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest

from planning import scenario_cli
from planning.scenario_store import ScenarioParams, load_scenario, run_scenario
from tests.planning.cli import run_planning


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_planning(capsys, "scenario", *argv)


def test_json_prints_the_summary_of_the_domain(investor_db, capsys):
    code, out, err = _run(capsys, "--envelope", "1000000", "--rule", "priority", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    truth = run_scenario(ScenarioParams(envelope_mad=1_000_000, rule="priority"))
    assert {k: document[k] for k in truth.summary} == scenario_cli.whole_jobs(truth.summary)
    assert document["params"]["job_model_version"] == truth.params["job_model_version"]
    assert document["saved_id"] is None


def test_csv_prints_one_row_per_eligible_project_in_funding_order(investor_db, capsys):
    code, out, _ = _run(capsys, "--envelope", "500000", "--rule", "custom", "--weight", "rural=1",
                        "--weight", "jobs_per_mad=3", "--region", "08", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    truth = run_scenario(ScenarioParams(envelope_mad=500_000, rule="custom", weights={"rural": 1, "jobs_per_mad": 3},
                                        region_code="08"))
    assert [r["reference"] for r in rows] == list(truth.projects["reference"])
    assert [float(r["allocated_mad"]) for r in rows] == list(truth.projects["allocated_mad"])
    assert list(rows[0]) == list(scenario_cli.CSV_COLUMNS) and not any("contact" in c for c in rows[0])


def test_save_keeps_the_scenario_with_its_author(investor_db, capsys):
    name = f"CLI {uuid.uuid4().hex[:6]}"
    code, out, _ = _run(capsys, "--envelope", "700000", "--rule", "equal_by_region", "--save", name,
                        "--actor", "Karim")
    saved = load_scenario(json.loads(out)["saved_id"])
    assert code == 0 and (saved.name, saved.created_by, saved.params.rule) == (name, "Karim", "equal_by_region")
    code, _, err = _run(capsys, "--envelope", "1", "--save", name, "--actor", "Karim")
    assert code == 2 and "already has this name" in err


@pytest.mark.parametrize(("argv", "message"), [
    (["--envelope", "-100"], "negative"),
    (["--envelope", "cent"], "amount in MAD"),
    (["--envelope", "inf"], "finite"),
    (["--envelope", "10", "--rule", "lottery"], "Unknown allocation rule"),
    (["--envelope", "10", "--rule", "custom", "--weight", "rural"], "KEY=VALUE"),
    (["--envelope", "10", "--rule", "custom", "--weight", "beauty=1"], "Unknown weight"),
    (["--envelope", "10", "--weight", "rural=1"], "custom rule only"),
    (["--envelope", "10", "--preset", "nowhere"], "Unknown preset"),
    (["--envelope", "10", "--save", "X"], "--actor"),
])
def test_bad_input_exits_2_with_one_line(loaded_db, capsys, argv, message):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
