"""What a report says (``reports.content.gather``) equals what SQL says, for the nation, a region and a province."""

from __future__ import annotations

import pandas as pd
import pytest

from coopbank import profile, projects, territory
from coopbank.errors import InvalidInput
from planning import jobs, priority
from planning.job_model_store import current_model
from reports import content
from tests.project_samples import CONTACT

SCOPES = [("national", None), ("region", "08"), ("province", "08.587")]


def _sql_totals(level: str, code: str | None) -> dict[str, float]:
    if level == "national":
        frame = projects.metrics_by_territory(projects.ProjectFilters(), level="region")
        return {key: float(frame[key].sum()) for key in ("projects", "investment_mad", "secured_mad", "gap_mad",
                                                         "jobs_direct")}
    return {key: float(value) for key, value in profile.project_totals(level, code).items()}


@pytest.mark.parametrize(("level", "code"), SCOPES)
def test_figures_equal_sql(sample_db, level, code):
    data = content.gather(content.scope(level, code), "fr")
    truth = _sql_totals(level, code)
    figures = data.figures
    assert figures["projects"] == truth["projects"] == len(data.projects)
    for key in ("investment_mad", "secured_mad", "gap_mad"):
        assert figures[key] == pytest.approx(truth[key])
    assert figures["declared_jobs"] == pytest.approx(truth["jobs_direct"])
    listed = projects.list_projects(content.scope(level, code).filters)
    estimated = jobs.estimate_projects(listed, current_model())
    for bound in jobs.BOUNDS:
        assert figures[f"jobs_direct_{bound}"] == pytest.approx(estimated[f"direct_{bound}"].sum())
        assert figures[f"jobs_total_{bound}"] == pytest.approx(estimated[f"total_{bound}"].sum())
    assert figures["jobs_direct_low"] <= figures["jobs_direct_central"] <= figures["jobs_direct_high"]
    assert data.job_model_version == current_model().version
    assert data.data_version == projects.data_version()


@pytest.mark.parametrize(("level", "code"), SCOPES)
def test_population_and_communes_equal_the_territory(sample_db, level, code):
    data = content.gather(content.scope(level, code), "fr")
    units = territory.units("region" if level == "national" else level, with_geometry=False)
    rows = units if level == "national" else units[units["code"] == code]
    assert data.figures["population_2024"] == int(rows["population_2024"].sum())
    assert data.figures["population_2014"] == int(rows["population_2014"].sum())
    if level != "national":
        assert data.figures["rural_share"] == pytest.approx(float(rows["rural_share"].iloc[0]), abs=1e-4)
        assert data.figures["mountain_share"] == pytest.approx(float(rows["mountain_share"].iloc[0]), abs=1e-4)
        assert data.figures["communes"] == int(rows["communes"].iloc[0]) == len(data.communes)
    else:
        assert len(data.communes) == 1503
    assert data.communes.crs.to_epsg() == 4326
    assert list(data.communes["code"]) == sorted(data.communes["code"])
    assert data.communes["geometry"].notna().sum() >= len(data.communes) - 1  # one commune has no boundary
    assert data.communes["projects"].sum() == data.projects["commune_code"].notna().sum()


def test_projects_carry_estimates_and_their_commune_priority(sample_db):
    data = content.gather(content.scope("region", "08"), "ar")
    assert list(data.projects["reference"]) == sorted(data.projects["reference"])
    assert {"T-TIN-002", "T-DRA-003", "T-ZAG-006"} <= set(data.projects["reference"])
    ranked = priority.commune_priority(preset="rural_mountain").set_index("code")
    placed = data.projects.dropna(subset=["commune_code"])
    assert list(placed["priority_rank"]) == list(ranked.loc[placed["commune_code"], "rank"])
    unplaced = data.projects[data.projects["commune_code"].isna()]
    assert unplaced["priority_rank"].isna().all()
    assert set(jobs.ESTIMATE_COLUMNS) <= set(data.projects.columns)
    assert data.includes_demo and data.figures["demo_projects"] == 2
    assert data.name == data.name_ar and data.name_fr == "Drâa-Tafilalet"
    assert data.generated_at.tzinfo is not None and data.preset == "rural_mountain"


def test_sectors_and_tops(sample_db):
    data = content.gather(content.scope("region", "08"), "fr")
    assert data.sectors.attrs["unit_level"] == "province"
    assert set(data.sectors["unit_code"]) <= {"08.577", "08.587"}
    assert data.sectors["projects"].sum() == data.projects["province_code"].notna().sum()
    assert len(data.top_by_priority) <= content.TOP_ROWS
    assert data.top_by_priority["priority_rank"].is_monotonic_increasing
    assert data.top_by_jobs_per_mad["estimated_jobs_per_million_gap"].is_monotonic_decreasing
    national = content.gather(content.scope("national"), "fr")
    assert national.sectors.attrs["unit_level"] == "region"
    assert national.sectors["projects"].sum() == national.figures["projects"]


def test_method_and_sources(sample_db):
    data = content.gather(content.scope("province", "08.587"), "fr")
    model = current_model()
    assert data.method["version"] == model.version
    costs = data.method["cost_per_job"].set_index("sector")
    assert costs.loc["agriculture", "central"] == model.sector_costs("agriculture")[1]
    assert {"data", "job model"} == set(data.sources["kind"])
    assert "ODbL 1.0" in set(data.sources["licence"])


def test_no_contact_anywhere(sample_db):
    data = content.gather(content.scope("region", "03"), "fr")
    assert "T-IFR-001" in set(data.projects["reference"])
    assert not [c for c in data.projects.columns if "contact" in c]
    text = data.projects.astype(str).to_csv()
    assert all(value not in text for value in CONTACT.values())
    assert not data.includes_demo


def test_same_options_give_the_same_content(sample_db):
    first, second = (content.gather(content.scope("region", "08"), "fr") for _ in range(2))
    assert first.figures == second.figures
    pd.testing.assert_frame_equal(first.projects, second.projects)
    pd.testing.assert_frame_equal(pd.DataFrame(first.communes), pd.DataFrame(second.communes))
    pd.testing.assert_frame_equal(first.sectors, second.sectors)


@pytest.mark.parametrize(("level", "code", "message"), [
    ("region", "99", "Unknown region code '99'"),
    ("region", "08.587", "Unknown region code"),
    ("province", "08.999", "Unknown province code '08.999'"),
    ("province", None, "Unknown province code ''"),
    ("national", "08", "takes no territory code"),
    ("country", None, "Unknown report level"),
])
def test_scope_refuses_unknown_territories(loaded_db, level, code, message):
    with pytest.raises(InvalidInput, match=message):
        content.scope(level, code)


def test_gather_refuses_unknown_language_and_preset(loaded_db):
    where = content.scope("region", "05")
    with pytest.raises(InvalidInput, match="Unknown language"):
        content.gather(where, "en")
    with pytest.raises(InvalidInput, match="Unknown preset"):
        content.gather(where, "fr", preset="fastest")
