"""The job-creation model's pure functions: known answers on hand-computed cases, and properties (hypothesis)."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbank.errors import InvalidInput
from planning import jobs
from planning.job_model_store import seed_content

SEED = seed_content()
SECTORS = sorted(SEED["sectors"])


def _content(**changes: object) -> dict:
    """A small model: every sector 50,000 / 100,000 / 200,000 MAD per job, unless changed."""
    content = copy.deepcopy(SEED)
    for entry in content["sectors"].values():
        entry.update(low=50_000, central=100_000, high=200_000)
    content["zones"]["rural"]["factor"] = 0.8
    content["zones"]["urban"]["factor"] = 1.0
    content["zones"]["mountain"]["factor"] = 1.25
    content["multipliers"]["indirect"].update(low=0.2, central=0.5, high=1.0)
    content["multipliers"]["induced"].update(low=0.1, central=0.25, high=0.5)
    content["flag"].update(below_factor=0.5, above_factor=2.0)
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = content
        for key in parents:
            node = node[key]
        node[last] = value
    return content


MODEL = jobs.JobModel(version=7, created_at=None, created_by="test", note="test", content=_content())


def _frame(**columns: list) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    base = {"investment_mad": [1_000_000.0] * size, "sector_code": ["argan"] * size,
            "commune_kind": ["rural"] * size, "is_mountain": [False] * size, "jobs_direct": [None] * size}
    return pd.DataFrame({**base, **columns})


def test_one_million_in_a_rural_commune_by_hand():
    # Cost per job × 0.8 (rural): 40,000 / 80,000 / 160,000 MAD → 6.25 / 12.5 / 25 direct jobs.
    found = jobs.estimate(1_000_000, "argan", rural=True, mountain=False, model=MODEL)
    assert found is not None and found.model_version == 7
    assert (found.direct_low, found.direct_central, found.direct_high) == pytest.approx((6.25, 12.5, 25.0))
    assert (found.indirect_low, found.indirect_central, found.indirect_high) == pytest.approx((1.25, 6.25, 25.0))
    assert (found.induced_low, found.induced_central, found.induced_high) == pytest.approx((0.625, 3.125, 12.5))
    assert (found.total_low, found.total_central, found.total_high) == pytest.approx((8.125, 21.875, 62.5))


def test_mountain_and_urban_factors_multiply_the_cost():
    # Rural mountain: × 0.8 × 1.25 = × 1 → 5 / 10 / 20; urban: × 1 → the same; unknown kind: no factor.
    for rural in (True, False, None):
        found = jobs.estimate(1_000_000, "argan", rural=rural, mountain=rural is not False, model=MODEL)
        expected = (5.0, 10.0, 20.0) if rural is not None else (4.0, 8.0, 16.0)
        assert (found.direct_low, found.direct_central, found.direct_high) == pytest.approx(expected)
    assert MODEL.cost_per_job("argan", "mountain") == (62_500, 125_000, 250_000)
    assert MODEL.cost_per_job("argan") == (50_000, 100_000, 200_000)


def test_no_investment_gives_no_estimate_and_unknown_sectors_use_autres():
    assert jobs.estimate(None, "argan", rural=True, mountain=False, model=MODEL) is None
    assert jobs.estimate(float("nan"), "argan", rural=True, mountain=False, model=MODEL) is None
    model = jobs.JobModel(1, None, "t", "t", _content(sectors__autres__central=50_000))
    unknown = jobs.estimate(1_000_000, "no_such_sector", rural=None, mountain=False, model=model)
    assert unknown.direct_central == pytest.approx(20.0)


def test_declared_jobs_are_checked_against_the_range():
    # Rural argan, 1 MAD million: direct 6.25–25; below under 3.125, above over 50.
    frame = _frame(jobs_direct=[3, 4, 50, 51, None, 0], investment_mad=[1e6, 1e6, 1e6, 1e6, 1e6, None])
    found = jobs.estimate_projects(frame, MODEL)
    assert found["declared_check"].tolist() == ["below", "within", "within", "above", None, None]
    assert found["model_version"].eq(7).all()
    assert list(found.columns[:5]) == list(frame.columns)
    assert set(jobs.ESTIMATE_COLUMNS) <= set(found.columns)


def test_territory_sums_keep_the_bounds_apart_and_count_missing():
    frame = _frame(investment_mad=[1e6, 2e6, None, 1e6], commune_code=["a", "a", "a", "b"],
                   is_demo=[False, True, False, False])
    sums = jobs.territory_estimates(frame, MODEL, "commune").set_index("code")
    assert sums.at["a", "projects"] == 3 and sums.at["a", "without_estimate"] == 1
    assert sums.at["a", "demo_projects"] == 1 and sums.at["b", "demo_projects"] == 0
    assert sums.at["a", "direct_low"] == pytest.approx(6.25 * 3)
    assert sums.at["a", "direct_high"] == pytest.approx(25.0 * 3)
    assert sums.at["b", "total_central"] == pytest.approx(21.875)
    with pytest.raises(InvalidInput, match="Unknown level"):
        jobs.territory_estimates(frame, MODEL, "douar")


@pytest.mark.parametrize(("low", "central", "high", "text"), [
    (12.3, 15.2, 19.7, "12–20 (c 15)"), (0.44, 1.02, 1.5, "0,4–1,5 (c 1)"),
    (1234, 2345, 5678, "1\u202f200–5\u202f700 (c 2\u202f300)"), (3.0, 3.0, 3.0, "3 (c 3)"), (None, 1, 2, "–")])
def test_ranges_are_rounded_for_display(low, central, high, text):
    assert jobs.range_text(low, central, high, lang="fr", central_label="c") == text


@pytest.mark.parametrize(("path", "value", "message"), [
    ("sectors__argan__low", 300_000, "Sector 'argan': low ≤ central ≤ high"),
    ("sectors__peche__central", -1, "Sector 'peche': values must be above 0"),
    ("sectors__habitat__high", "cher", "Sector 'habitat': low, central and high must all be numbers"),
    ("sectors__forets__basis", " ", "Sector 'forets': a basis is required"),
    ("sectors__argan__sources", ["nowhere"], "Sector 'argan': unknown source 'nowhere'"),
    ("zones__mountain__factor", 0, "Zone 'mountain': the factor must be a number above 0"),
    ("multipliers__induced__low", -0.1, "Multiplier 'induced': values must be 0 or more"),
    ("multipliers__indirect__high", 0.1, "Multiplier 'indirect': low ≤ central ≤ high"),
    ("flag__above_factor", 0, "Flag 'above_factor': must be a number above 0"),
])
def test_invalid_content_names_the_faulty_field(path, value, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        jobs.validate(_content(**{path: value}), SECTORS)


def test_a_missing_sector_is_named():
    content = _content()
    del content["sectors"]["apiculture"]
    with pytest.raises(InvalidInput, match="Sector 'apiculture': no cost per job"):
        jobs.validate(content, SECTORS)


def test_the_seed_is_valid_and_cites_only_known_sources():
    jobs.validate(SEED, SECTORS)
    assert all(s["url"] == "" or s["url"].startswith("http") for s in SEED["sources"].values())


def test_editing_the_frames_round_trips_and_reports_changes():
    frames = jobs.coefficient_frames(SEED)
    assert jobs.edited_content(SEED, frames, SEED["flag"]) == SEED
    frames["sectors"].loc[frames["sectors"]["sector"] == "argan", "central"] = 55_000.0
    frames["zones"].loc[frames["zones"]["zone"] == "mountain", "sources"] = "ilo_eiip, forsa_2023"
    edited = jobs.edited_content(SEED, frames, {"above_factor": 3.0})
    diff = jobs.changes(SEED, edited).set_index("field")
    assert diff.loc["sectors.argan.central"].tolist() == [50_000, 55_000]
    assert diff.loc["flag.above_factor"].tolist() == [2, 3]
    assert diff.loc["zones.mountain.sources"].tolist() == [[], ["ilo_eiip", "forsa_2023"]]
    assert len(diff) == 3


bounds = st.floats(min_value=1_000, max_value=1e7, allow_nan=False)
factors = st.floats(min_value=0.05, max_value=20, allow_nan=False)
multipliers = st.floats(min_value=0, max_value=5, allow_nan=False)


@st.composite
def models(draw: st.DrawFn) -> jobs.JobModel:
    """Any valid model: sorted positive costs for every sector, positive factors, sorted multipliers."""
    content = copy.deepcopy(SEED)
    for entry in content["sectors"].values():
        entry.update(zip(jobs.BOUNDS, sorted(draw(st.lists(bounds, min_size=3, max_size=3))), strict=True))
    for zone in jobs.ZONES:
        content["zones"][zone]["factor"] = draw(factors)
    for kind in jobs.MULTIPLIERS:
        content["multipliers"][kind].update(
            zip(jobs.BOUNDS, sorted(draw(st.lists(multipliers, min_size=3, max_size=3))), strict=True))
    jobs.validate(content, SECTORS)
    return jobs.JobModel(1, None, "hypothesis", "any", content)


@settings(max_examples=200, deadline=None)
@given(model=models(), sector=st.sampled_from([*SECTORS, "unknown"]), rural=st.sampled_from([True, False, None]),
       mountain=st.booleans(), investment=st.floats(min_value=0, max_value=1e10),
       more=st.floats(min_value=0, max_value=1e10))
def test_more_investment_never_yields_fewer_jobs(model, sector, rural, mountain, investment, more):
    less_jobs = jobs.estimate(investment, sector, rural=rural, mountain=mountain, model=model)
    more_jobs = jobs.estimate(investment + more, sector, rural=rural, mountain=mountain, model=model)
    for column in jobs.ESTIMATE_COLUMNS:
        assert getattr(more_jobs, column) >= getattr(less_jobs, column) * (1 - 1e-12)
    for found in (less_jobs, more_jobs):
        for kind in jobs.KINDS:
            low, central, high = (getattr(found, f"{kind}_{b}") for b in jobs.BOUNDS)
            assert low <= central * (1 + 1e-12) and central <= high * (1 + 1e-12)
            assert all(math.isfinite(v) and v >= 0 for v in (low, central, high))
