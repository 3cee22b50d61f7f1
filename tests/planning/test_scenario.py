"""The allocation core: hand-computed allocations for each rule, bad inputs, and properties (hypothesis)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbank.errors import InvalidInput
from planning.scenario import RULES, allocate, region_budgets

COLUMNS = ["reference", "gap_mad", "region_code", "commune_kind", "is_mountain", "priority_score", "direct_central",
           "status_code", "is_demo"]
# reference, gap (MAD), region, kind, mountain, priority, central direct jobs, status, demo
PROJECTS = [
    ("P-A", 100.0, "01", "rural", True, 0.9, 2.0, "ready", False),
    ("P-B", 200.0, "01", "urban", False, 0.5, 10.0, "seeking_funding", False),
    ("P-C", 300.0, "02", "rural", False, 0.7, 1.0, "ready", True),
    ("P-D", 50.0, "03", "rural", True, None, 5.0, "ready", False),
    ("P-E", 400.0, "02", "rural", True, 0.99, 40.0, "idea", False),  # not ready: never eligible
    ("P-F", 0.0, "01", "rural", True, 1.0, 9.0, "ready", False),  # no gap: never eligible
]


def frame(rows=PROJECTS) -> pd.DataFrame:
    """Projects with direct ranges of ±50 % around the central value and total jobs twice the direct ones."""
    projects = pd.DataFrame(rows, columns=COLUMNS)
    projects["direct_low"] = projects["direct_central"] * 0.5
    projects["direct_high"] = projects["direct_central"] * 1.5
    for bound in ("low", "central", "high"):
        projects[f"total_{bound}"] = projects[f"direct_{bound}"] * 2
    return projects


def money(allocation) -> dict[str, float]:
    return dict(zip(allocation.projects["reference"], allocation.projects["allocated_mad"], strict=True))


def test_priority_funds_the_highest_scores_first_and_the_last_partly():
    result = allocate(frame(), envelope_mad=350, rule="priority")
    assert list(result.projects["reference"]) == ["P-A", "P-C", "P-B", "P-D"]  # no score last; P-E, P-F out
    assert money(result) == {"P-A": 100, "P-C": 250, "P-B": 0, "P-D": 0}
    summary = result.summary
    assert (summary["allocated_mad"], summary["unallocated_mad"], summary["eligible_gap_mad"]) == (350, 0, 650)
    assert (summary["projects_funded"], summary["projects_funded_fully"], summary["projects_funded_partially"]) \
        == (2, 1, 1)
    # P-A counts its 2 jobs, P-C 250/300 of its 1 job (pro rata of the gap covered).
    assert summary["jobs"]["direct"] == pytest.approx({"low": 1 + 0.5 * 250 / 300, "central": 2 + 250 / 300,
                                                       "high": 3 + 1.5 * 250 / 300})
    assert summary["jobs"]["total"]["central"] == pytest.approx(4 + 2 * 250 / 300)
    assert summary["shares"]["rural_money"] == 1.0
    assert summary["shares"]["mountain_money"] == pytest.approx(100 / 350, abs=1e-6)
    assert summary["shares"]["mountain_jobs"] == pytest.approx(2 / (2 + 250 / 300), abs=1e-6)
    assert summary["includes_demo"] is True and summary["demo_projects_funded"] == 1  # P-C is demo


def test_jobs_per_mad_funds_the_most_jobs_per_dirham_of_gap_first():
    result = allocate(frame(), envelope_mad=350, rule="jobs_per_mad")
    assert list(result.projects["reference"]) == ["P-D", "P-B", "P-A", "P-C"]  # 0.1, 0.05, 0.02, 0.0033
    assert money(result) == {"P-D": 50, "P-B": 200, "P-A": 100, "P-C": 0}
    assert result.summary["jobs"]["direct"]["central"] == pytest.approx(17.0)
    assert result.summary["includes_demo"] is False


def test_equal_by_region_shares_again_what_a_region_cannot_use():
    # 350 / 3 = 116.66…: region 03 needs only 50; the other 66.67 is split between 01 and 02 (33.33 each).
    result = allocate(frame(), envelope_mad=350, rule="equal_by_region")
    assert money(result) == {"P-A": 100, "P-B": 50, "P-C": 150, "P-D": 50}
    regions = result.by_region.set_index("region_code")["allocated_mad"].to_dict()
    assert regions == {"01": 150, "02": 150, "03": 50}
    assert result.summary["allocated_mad"] == 350


def test_equal_by_region_leftover_centimes_go_to_the_first_regions():
    assert region_budgets({"02": 10_000, "01": 10_000, "03": 10_000}, 100) == {"01": 34, "02": 33, "03": 33}
    assert region_budgets({"01": 5, "02": 1_000}, 100) == {"01": 5, "02": 95}
    assert region_budgets({"01": 5, "02": 10}, 100) == {"01": 5, "02": 10}  # the rest stays unallocated


def test_custom_weights_give_the_documented_score():
    # Weights priority 3, mountain 1 (jobs per MAD and rural 0): score = (3·norm(priority) + mountain) / 4,
    # with priority normalised over the eligible 0.5–0.9 (P-D has none: 0).
    result = allocate(frame(), envelope_mad=120, rule="custom", weights={"priority": 3, "mountain": 1})
    scores = dict(zip(result.projects["reference"], result.projects["rule_score"], strict=True))
    assert scores == pytest.approx({"P-A": 1.0, "P-C": 3 * 0.5 / 4, "P-B": 0.0, "P-D": 1 / 4})
    assert list(result.projects["reference"]) == ["P-A", "P-C", "P-D", "P-B"]
    assert money(result) == {"P-A": 100, "P-C": 20, "P-D": 0, "P-B": 0}
    assert result.summary["weights"] == {"priority": 3.0, "jobs_per_mad": 0.0, "rural": 0.0, "mountain": 1.0}


def test_ties_go_by_reference_and_all_statuses_can_be_chosen():
    rows = [("B", 10.0, "01", "rural", False, 0.5, 1.0, "idea", False),
            ("A", 10.0, "01", "rural", False, 0.5, 1.0, "idea", False)]
    assert allocate(frame(rows), envelope_mad=10, rule="priority").projects.empty  # 'idea' is not ready
    result = allocate(frame(rows), envelope_mad=10, rule="priority", statuses=None)
    assert money(result) == {"A": 10, "B": 0}


def test_an_envelope_above_every_gap_leaves_the_rest_unallocated():
    result = allocate(frame(), envelope_mad=1_000, rule="priority")
    assert (result.summary["allocated_mad"], result.summary["unallocated_mad"]) == (650, 350)
    assert result.projects["funded_fully"].all()


def test_nothing_eligible_gives_an_empty_allocation():
    result = allocate(frame(PROJECTS[4:]), envelope_mad=1_000, rule="equal_by_region")
    assert result.projects.empty and result.summary["allocated_mad"] == 0
    assert result.summary["shares"]["rural_money"] is None and result.summary["by_region"] == []


@pytest.mark.parametrize(("options", "message"), [
    ({"envelope_mad": -1, "rule": "priority"}, "negative"),
    ({"envelope_mad": "beaucoup", "rule": "priority"}, "amount"),
    ({"envelope_mad": float("nan"), "rule": "priority"}, "finite"),
    ({"envelope_mad": True, "rule": "priority"}, "amount"),
    ({"envelope_mad": 10, "rule": "lottery"}, "Unknown allocation rule"),
    ({"envelope_mad": 10, "rule": "priority", "weights": {"rural": 1}}, "custom rule only"),
    ({"envelope_mad": 10, "rule": "custom", "weights": {"beauty": 1}}, "Unknown weight"),
    ({"envelope_mad": 10, "rule": "custom", "weights": {"rural": -1}}, "zero or more"),
    ({"envelope_mad": 10, "rule": "custom", "weights": {"rural": "x"}}, "zero or more"),
    ({"envelope_mad": 10, "rule": "custom", "weights": {"rural": 0}}, "above zero"),
])
def test_bad_inputs_are_refused_with_a_message(options, message):
    with pytest.raises(InvalidInput, match=message):
        allocate(frame(), **options)


def test_missing_columns_are_named():
    with pytest.raises(InvalidInput, match="priority_score"):
        allocate(frame().drop(columns=["priority_score"]), envelope_mad=10, rule="priority")


project_rows = st.lists(st.tuples(
    st.integers(min_value=-1_000, max_value=5_000_000).map(lambda c: c / 100),  # gap, whole centimes
    st.sampled_from(["01", "02", "03", "04"]),
    st.sampled_from(["rural", "urban"]),
    st.booleans(),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
    st.floats(min_value=0, max_value=50),
), max_size=25).map(lambda rows: frame([(f"R{i:03d}", gap, region, kind, mountain, score, jobs, "ready", False)
                                        for i, (gap, region, kind, mountain, score, jobs) in enumerate(rows)]))
envelopes = st.integers(min_value=0, max_value=10_000_000).map(lambda c: c / 100)


@settings(max_examples=150, deadline=None)
@given(project_rows, envelopes, st.sampled_from(RULES))
def test_an_allocation_never_exceeds_the_envelope_nor_a_gap(projects, envelope, rule):
    result = allocate(projects, envelope_mad=envelope, rule=rule)
    cents = (result.projects["allocated_mad"] * 100).round()
    assert cents.sum() <= round(envelope * 100)
    assert (cents <= (result.projects["gap_mad"] * 100).round()).all() and (cents >= 0).all()
    eligible_gap = round(projects.loc[projects["gap_mad"] > 0, "gap_mad"].sum() * 100)
    # Every rule uses the money while some gap is left (equal_by_region shares it again).
    assert cents.sum() == min(round(envelope * 100), eligible_gap)
    assert result.summary["allocated_mad"] == pytest.approx(cents.sum() / 100)
    assert result.summary["projects_funded_partially"] <= (1 if rule != "equal_by_region" else 4)


@settings(max_examples=100, deadline=None)
@given(project_rows, envelopes, envelopes)
def test_more_envelope_never_funds_fewer_projects_under_priority(projects, one, other):
    smaller, larger = sorted((one, other))
    assert (allocate(projects, envelope_mad=larger, rule="priority").summary["projects_funded"]
            >= allocate(projects, envelope_mad=smaller, rule="priority").summary["projects_funded"])


@settings(max_examples=60, deadline=None)
@given(project_rows, envelopes, st.sampled_from(RULES))
def test_allocations_are_deterministic_whatever_the_row_order(projects, envelope, rule):
    first = allocate(projects, envelope_mad=envelope, rule=rule)
    again = allocate(projects.iloc[::-1].reset_index(drop=True), envelope_mad=envelope, rule=rule)
    pd.testing.assert_frame_equal(first.projects, again.projects)
    assert first.summary == again.summary
