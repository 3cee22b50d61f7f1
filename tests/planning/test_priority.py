"""The priority index: a hand-computed case, properties of the method, and the real communes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbank import db
from coopbank.errors import InvalidInput
from planning import priority
from planning.priority import PriorityIndicator, contribution_column, normalise, score

SPECS = {
    "a": PriorityIndicator("a", "A", "u", "s", "c", higher_is_priority=True),
    "b": PriorityIndicator("b", "B", "u", "s", "c", higher_is_priority=False),
}
# a: 10..30, higher is priority; b: 5..15, lower is priority, Y has no value (median of 1, 0, 0.5 = 0.5).
FRAME = pd.DataFrame({"code": ["X", "Y", "Z", "W"], "a": [10.0, 20.0, 30.0, 20.0], "b": [5.0, np.nan, 15.0, 10.0]})


def test_known_answer_normalised_values_scores_ranks_and_contributions():
    normalised = normalise(FRAME, SPECS)
    assert normalised["a"].tolist() == [0.0, 0.5, 1.0, 0.5]
    assert normalised["b"].tolist() == [1.0, 0.5, 0.0, 0.5]
    assert normalised["imputed"].tolist() == [0, 1, 0, 0]
    scored = score(normalised, {"a": 3, "b": 1}, SPECS).set_index("code")
    assert scored["score"].to_dict() == pytest.approx({"X": 0.25, "Y": 0.5, "Z": 0.75, "W": 0.5})
    assert scored["rank"].to_dict() == {"Z": 1, "Y": 2, "W": 2, "X": 4}  # ties share the best rank
    assert scored.loc["X", "contrib_a"] == 0.0 and scored.loc["X", "contrib_b"] == pytest.approx(0.25)
    assert scored.loc["Y", "contrib_a"] == pytest.approx(0.375) and scored.loc["Y", "contrib_b"] == pytest.approx(0.125)
    assert list(scored.index) == ["Z", "W", "Y", "X"]  # rank order, then code


def test_goalposts_cap_outliers_and_a_constant_indicator_gives_zero():
    specs = {"a": PriorityIndicator("a", "A", "u", "s", "c", higher_is_priority=True, goalposts=(0.0, 0.5)),
             "b": SPECS["b"]}
    frame = pd.DataFrame({"code": list("PQRS"), "a": [0.0, 1.0, 2.0, 100.0], "b": [7.0] * 4})
    normalised = normalise(frame, specs)
    # the median of a is 1.5: values above it are capped there.
    assert normalised["a"].tolist() == pytest.approx([0.0, 2 / 3, 1.0, 1.0])
    assert normalised["b"].tolist() == [0.0] * 4


@pytest.mark.parametrize(("weights", "message"), [
    ({"nope": 1}, "Unknown priority indicator nope"),
    ({"rural": -1}, "zero or more: check rural"),
    ({"rural": math.nan}, "zero or more: check rural"),
    ({"rural": 0, "jobs": 0}, "At least one weight must be above zero"),
])
def test_bad_weights_are_refused_with_a_clear_message(weights, message):
    with pytest.raises(InvalidInput, match=message):
        priority.check_weights(weights)


def test_presets_are_valid_and_named_as_the_issue_says():
    assert set(priority.PRESETS) == {"rural_mountain", "jobs_first", "balanced"}
    assert priority.PRESETS["rural_mountain"].label == "Rural & mountain first"
    for preset in priority.PRESETS.values():
        assert set(preset.weights) == set(priority.INDICATORS)
        priority.check_weights(preset.weights)
    jobs = priority.PRESETS["jobs_first"].weights
    assert max(jobs, key=jobs.__getitem__) in ("jobs", "unemployment")


def test_weights_for_overrides_the_preset_and_defaults_to_rural_mountain():
    assert priority.weights_for() == priority.weights_for(preset="rural_mountain")
    assert priority.weights_for({"jobs": 4}, preset="balanced")["jobs"] == 4
    assert priority.weights_for({"jobs": 4})["rural"] == 0  # weights alone are the whole set
    with pytest.raises(InvalidInput, match="Unknown preset"):
        priority.weights_for(preset="nope")


def test_weights_round_trip_through_the_url():
    weights = priority.weights_for(preset="jobs_first")
    assert priority.decode_weights(priority.encode_weights(weights)) == weights
    assert priority.decode_weights("rural:x") is None and priority.decode_weights("nope:1") is None
    assert priority.decode_weights("rural:0") is None


values = st.one_of(st.none(), st.floats(min_value=0, max_value=1000, allow_nan=False))


@st.composite
def frames_and_weights(draw):
    n_ind = draw(st.integers(2, 4))
    n_rows = draw(st.integers(2, 8))
    keys = [f"i{k}" for k in range(n_ind)]
    specs = {k: PriorityIndicator(k, k, "u", "s", "c", higher_is_priority=draw(st.booleans())) for k in keys}
    frame = pd.DataFrame({"code": [f"C{r}" for r in range(n_rows)],
                          **{k: [np.nan if v is None else v for v in draw(st.lists(values, min_size=n_rows,
                                                                                    max_size=n_rows))]
                             for k in keys}})
    weights = {k: draw(st.floats(0, 10)) for k in keys}
    if sum(weights.values()) == 0:
        weights[keys[0]] = 1.0
    return frame, specs, weights, draw(st.sampled_from(keys)), draw(st.floats(0.01, 20))


@settings(max_examples=300, deadline=None)
@given(frames_and_weights())
def test_raising_a_weight_never_lowers_the_rank_of_the_best_commune_on_it(case):
    frame, specs, weights, key, extra = case
    normalised = normalise(frame, specs)
    best = normalised.loc[normalised[key].idxmax(), "code"]
    before = score(normalised, weights, specs).set_index("code")
    after = score(normalised, {**weights, key: weights[key] + extra}, specs).set_index("code")
    assert after.loc[best, "rank"] <= before.loc[best, "rank"]


@settings(max_examples=200, deadline=None)
@given(frames_and_weights())
def test_contributions_add_up_to_a_score_between_zero_and_one(case):
    frame, specs, weights, _, _ = case
    normalised = normalise(frame, specs)
    assert normalised[list(specs)].stack().between(0, 1).all()
    scored = score(normalised, weights, specs)
    total = scored[[contribution_column(k) for k in specs]].sum(axis=1)
    assert np.allclose(total, scored["score"])
    assert scored["score"].between(0, 1).all()
    assert scored["rank"].min() == 1


def test_every_commune_gets_a_score_and_the_gaps_are_the_known_ones(loaded_db):
    raw = priority.indicator_frame()
    assert len(raw) == 1503 and raw["code"].is_unique
    missing = raw[list(priority.INDICATORS)].isna().sum().to_dict()
    # 4 communes created after 2014 lack the decline and the 2024 census rates; one has no terrain (no boundary).
    assert missing["decline"] == 4 and missing["unemployment"] == 4 and missing["mountain"] == 1
    assert missing["businesses"] == missing["jobs"] == missing["coverage"] == missing["rural"] == 0
    assert missing["road"] > 0  # the distance to a paved road is asked in rural communes only
    communes = priority.commune_priority(preset="rural_mountain")
    expected = [*priority.IDENTITY, "score", "rank", *(contribution_column(k) for k in priority.INDICATORS)]
    assert list(communes.columns[:len(expected)]) == expected
    assert len(communes) == 1503 and communes["score"].between(0, 1).all()
    assert np.allclose(communes[[contribution_column(k) for k in priority.INDICATORS]].sum(axis=1), communes["score"])
    assert communes["rank"].iloc[0] == 1 and communes["rank"].is_monotonic_increasing
    assert not communes.attrs["includes_demo"] and (communes["contrib_coverage"] == 0).all()  # no project: no gap
    top = communes.head(50)
    assert (top["kind"] == "rural").all() and top["is_mountain"].mean() > 0.8


def test_rolled_up_scores_are_population_weighted_means_of_the_communes(loaded_db):
    communes = priority.commune_priority(preset="balanced")
    regions = priority.rolled_up("region", preset="balanced")
    assert len(regions) == 12 and regions["name_ar"].notna().all()
    drâa = communes[communes["region_code"] == "08"]
    expected = np.average(drâa["score"], weights=drâa["population_2024"])
    assert regions.set_index("code").loc["08", "score"] == pytest.approx(expected)
    provinces = priority.rolled_up("province", preset="balanced")
    assert set(provinces["code"]) == set(communes["province_code"])
    assert np.allclose(provinces[[contribution_column(k) for k in priority.INDICATORS]].sum(axis=1),
                       provinces["score"])
    with pytest.raises(InvalidInput, match="Unknown level"):
        priority.rolled_up("cercle")


def test_demo_projects_count_in_coverage_only_when_asked_and_are_marked(sample_db):
    with_demo = priority.commune_priority(preset="balanced")
    without = priority.commune_priority(preset="balanced", include_demo=False)
    assert with_demo.attrs["includes_demo"] and not without.attrs["includes_demo"]
    tinghir = "08.577.01.11"  # T-TIN-002, demo
    assert with_demo.set_index("code").loc[tinghir, "has_demo"]
    assert not without["has_demo"].any()
    raw = priority.indicator_frame(include_demo=False).set_index("code")
    assert raw.loc[tinghir, "coverage"] == 0
    population = db.run("planning/priority_indicators", {"include_demo": True}).rows
    by_code = {r["code"]: r for r in population}
    assert by_code[tinghir]["coverage"] == pytest.approx(120_000 / by_code[tinghir]["population_2024"])
