"""The investor view's domain: ranking, the zone toggles against the SQL filters, the shortlist and its CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import math

import pandas as pd
import psycopg
import pytest

from coopbank import investor
from coopbank.errors import InvalidInput
from coopbank.projects import ProjectFilters, list_projects
from tests.project_samples import CONTACT, FORMULA_TITLE, insert_project

# Agro-alimentaire projects for the investor journeys, added to this module's copy of the sample bank.
# Mountain communes: 08.587.07.13 (rural), 03.271.01.03 and 08.577.01.11 (urban); 09.001.05.01 is rural, not mountain.
_AGRO = {"sector_code": "agroalimentaire", "geocode_method": "commune_code", "geocode_confidence": 1}
INVESTOR_SAMPLES = [
    {**_AGRO, "reference": "T-AGR-101", "title_fr": "Huile d'olive d'Imlil", "title_ar": "زيت زيتون إمليل",
     "sub_sector_code": "huile_olive", "status_code": "ready", "investment_mad": 400_000,
     "funding_secured_mad": 100_000, "jobs_direct": 12, "commune_code": "08.587.07.13", "province_code": "08.587",
     "region_code": "08", "contact": {**CONTACT, "contact_name": "Brahim Investorcontact"}},
    {**_AGRO, "reference": "T-AGR-102", "title_fr": "Couscous d'Ifrane", "title_ar": "كسكس إفران",
     "sub_sector_code": "couscous", "status_code": "seeking_funding", "investment_mad": 600_000,
     "funding_secured_mad": 200_000, "jobs_direct": 6, "commune_code": "03.271.01.03", "province_code": "03.271",
     "region_code": "03", "is_demo": True},
    {**_AGRO, "reference": "T-AGR-103", "title_fr": "Laiterie de Tinghir", "sub_sector_code": "lait",
     "status_code": "ready", "investment_mad": 1_500_000, "jobs_direct": 20, "commune_code": "08.577.01.11",
     "province_code": "08.577", "region_code": "08"},
    {**_AGRO, "reference": "T-AGR-104", "title_fr": "Conserverie du Souss", "status_code": "ready",
     "investment_mad": 200_000, "jobs_direct": 4, "commune_code": "09.001.05.01", "province_code": "09.001",
     "region_code": "09"},
    {**_AGRO, "reference": "T-AGR-105", "title_fr": "Projet sans montant", "status_code": "ready",
     "jobs_direct": 3, "commune_code": "08.587.07.13", "province_code": "08.587", "region_code": "08"},
    {**_AGRO, "reference": "T-AGR-106", "title_fr": "Idée de fromagerie", "status_code": "idea",
     "investment_mad": 300_000, "jobs_direct": 2, "commune_code": "08.587.07.13", "province_code": "08.587",
     "region_code": "08"},
]
# What the journey "mountain communes, agro-alimentaire, gap under 500,000 MAD" finds (default readiness).
JOURNEY = {"T-AGR-101", "T-AGR-102"}


def add_investor_samples(url: str) -> None:
    """Insert :data:`INVESTOR_SAMPLES` into the sample bank at ``url``."""
    with psycopg.connect(url) as conn:
        for sample in INVESTOR_SAMPLES:
            insert_project(conn, sample)


def _refs(frame: pd.DataFrame) -> set[str]:
    return set(frame["reference"])


def _frame(rows: list[tuple[str, float | None, float | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["reference", "investment_mad", "funding_secured_mad", "jobs_direct"])


def test_rank_adds_gap_and_jobs_per_million():
    ranked = investor.rank_projects(_frame([("A", 500_000, 100_000, 10), ("B", 200_000, None, 5),
                                            ("C", None, None, 3), ("D", 0, 0, 1)]), sort="gap")
    assert list(ranked["reference"]) == ["A", "B", "D", "C"]  # largest gap first, no investment last
    by_ref = ranked.set_index("reference")
    assert by_ref.loc["A", "gap_mad"] == 400_000 and by_ref.loc["B", "gap_mad"] == 200_000
    assert by_ref.loc["A", "jobs_per_million_mad"] == pytest.approx(20.0)
    assert by_ref.loc["B", "jobs_per_million_mad"] == pytest.approx(25.0)
    assert math.isnan(by_ref.loc["C", "gap_mad"]) and math.isnan(by_ref.loc["C", "jobs_per_million_mad"])
    assert math.isnan(by_ref.loc["D", "jobs_per_million_mad"])  # no division by a zero investment


def test_rank_by_jobs_per_million_puts_projects_without_investment_last():
    frame = _frame([("C", None, None, 30), ("A", 500_000, 0, 10), ("B", 200_000, 0, 5), ("E", 100_000, 0, 2)])
    ranked = investor.rank_projects(frame, sort="jobs_per_million")
    assert list(ranked["reference"]) == ["B", "A", "E", "C"]  # 25, 20, 20 (tie by reference), then none


def test_rank_keeps_attrs_and_refuses_unknown_sorts():
    frame = _frame([("A", 1.0, 0.0, 1)])
    frame.attrs["truncated"] = True
    assert investor.rank_projects(frame, sort="gap").attrs["truncated"] is True
    with pytest.raises(InvalidInput):
        investor.rank_projects(frame, sort="priority")  # no territory priority exists yet


def test_zone_toggles():
    base = ProjectFilters(region_code="08")
    assert investor.zoned(base).zone is None
    assert investor.zoned(base, rural_only=True).zone == "rural"
    assert investor.zoned(base, mountain_only=True).zone == "mountain"
    assert investor.zoned(base, rural_only=True, mountain_only=True) == ProjectFilters(region_code="08",
                                                                                       zone="mountain")


@pytest.mark.parametrize(("filters", "rural", "mountain"), [
    (ProjectFilters(), False, False),
    (ProjectFilters(status_codes=investor.READY_STATUSES), False, False),
    (ProjectFilters(sector_codes=("agroalimentaire",), gap_max=500_000), False, True),
    (ProjectFilters(region_code="08", gap_min=100_000), True, False),
    (ProjectFilters(investment_min=300_000, investment_max=1_000_000), False, True),
    (ProjectFilters(sector_codes=("agroalimentaire",)), True, True),
])
def test_find_projects_is_the_sql_filter(investor_db, filters, rural, mountain):
    found = investor.find_projects(filters, rural_only=rural, mountain_only=mountain, sort="gap")
    if rural and mountain:
        truth = (_refs(list_projects(ProjectFilters(**{**filters.__dict__, "zone": "rural"})))
                 & _refs(list_projects(ProjectFilters(**{**filters.__dict__, "zone": "mountain"}))))
    else:
        zone = "rural" if rural else "mountain" if mountain else None
        truth = _refs(list_projects(ProjectFilters(**{**filters.__dict__, "zone": zone})))
    assert _refs(found) == truth and len(found) == len(truth)


def test_the_journey_finds_two_projects(investor_db):
    filters = ProjectFilters(sector_codes=("agroalimentaire",), status_codes=investor.READY_STATUSES,
                             gap_max=500_000)
    found = investor.find_projects(filters, mountain_only=True)
    assert list(found["reference"]) == ["T-AGR-102", "T-AGR-101"]  # gaps 400,000 then 300,000
    assert _refs(investor.find_projects(filters, rural_only=True, mountain_only=True)) == {"T-AGR-101"}


def test_sort_orders_on_the_bank(investor_db):
    by_gap = investor.find_projects(ProjectFilters(), sort="gap")
    gaps = by_gap["gap_mad"]
    assert gaps.dropna().is_monotonic_decreasing and gaps.isna().sum() >= 2
    assert gaps.iloc[-gaps.isna().sum():].isna().all()  # projects without investment last
    by_jobs = investor.find_projects(ProjectFilters(), sort="jobs_per_million")["jobs_per_million_mad"]
    assert by_jobs.dropna().is_monotonic_decreasing and by_jobs.iloc[-by_jobs.isna().sum():].isna().all()
    expected = (by_gap["jobs_direct"] / by_gap["investment_mad"] * 1e6).where(by_gap["investment_mad"] > 0)
    pd.testing.assert_series_equal(by_gap["jobs_per_million_mad"], expected, check_names=False)


def test_shortlist_add_remove_and_order():
    a, b = {"reference": "A", "title_fr": "a"}, {"reference": "B", "title_fr": "b"}
    empty: investor.Shortlist = {}
    listed = investor.add_to_shortlist(investor.add_to_shortlist(empty, a), b)
    assert list(listed) == ["A", "B"] and empty == {}
    assert investor.add_to_shortlist(listed, {"reference": "A", "title_fr": "changed"})["A"]["title_fr"] == "a"
    assert list(investor.remove_from_shortlist(listed, "A")) == ["B"]
    assert investor.remove_from_shortlist(listed, "Z") == listed
    assert list(investor.shortlist_frame(listed).columns) == list(investor.EXPORT_COLUMNS)


def test_shortlist_csv_is_public_and_neutralised(investor_db):
    found = investor.find_projects(ProjectFilters())
    shortlist: investor.Shortlist = {}
    for row in found[found["reference"].isin(["T-SOU-004", "T-AGR-101", "T-IFR-001"])].to_dict("records"):
        shortlist = investor.add_to_shortlist(shortlist, row)
    data = investor.shortlist_csv(shortlist)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["reference"] for r in rows} == {"T-SOU-004", "T-AGR-101", "T-IFR-001"}
    assert list(rows[0]) == list(investor.EXPORT_COLUMNS)
    assert not any("contact" in column for column in rows[0])
    for value in [*CONTACT.values(), "Brahim Investorcontact"]:
        assert value not in text
    formula = next(r for r in rows if r["reference"] == "T-SOU-004")
    assert formula["title_fr"] == "'" + FORMULA_TITLE
    agro = next(r for r in rows if r["reference"] == "T-AGR-101")
    assert float(agro["gap_mad"]) == 300_000 and float(agro["jobs_per_million_mad"]) == pytest.approx(30.0)


def test_list_projects_never_returns_contacts(investor_db):
    columns = set(investor.find_projects(ProjectFilters()).columns)
    assert not {c for c in columns if "contact" in c or c in ("phone", "email")}


@pytest.mark.parametrize("sort", investor.SORTS)
def test_sql_order_is_rank_projects_order(investor_db, sort):
    """The ORDER BY of queries/projects/list.sql ranks exactly as rank_projects does (NULLs last, ties by reference)."""
    found = investor.find_projects(ProjectFilters(), sort=sort)
    ranked = investor.rank_projects(list_projects(ProjectFilters()).drop(columns=["gap_mad", "jobs_per_million_mad"]),
                                    sort=sort)
    assert list(found["reference"]) == list(ranked["reference"])
    for column in ("gap_mad", "jobs_per_million_mad"):
        pd.testing.assert_series_equal(found[column], ranked[column], check_names=False)


@pytest.mark.parametrize("sort", investor.SORTS)
def test_pages_continue_the_ranking(investor_db, sort):
    full = list(investor.find_projects(ProjectFilters(), sort=sort)["reference"])
    first, second = (investor.find_page(ProjectFilters(), sort=sort, number=n, size=5) for n in (1, 2))
    assert first.total == second.total == len(full) == 12
    assert list(first.rows["reference"]) + list(second.rows["reference"]) == full[:10]
    assert (second.first, second.last, second.pages) == (6, 10, 3)


def test_rural_and_mountain_page_is_filtered_in_sql(investor_db):
    filters = ProjectFilters(sector_codes=("agroalimentaire",))
    page = investor.find_page(filters, rural_only=True, mountain_only=True, size=1)
    truth = (_refs(list_projects(dataclasses.replace(filters, zone="rural")))
             & _refs(list_projects(dataclasses.replace(filters, zone="mountain"))))
    assert page.total == len(truth) == 3 and len(page.rows) == 1  # counted before LIMIT: the toggle is in SQL
    assert investor.commune_kind(rural_only=True, mountain_only=True) == "rural"
    assert investor.commune_kind(rural_only=True) is None and investor.commune_kind(mountain_only=True) is None


def test_find_page_refuses_unknown_sorts(investor_db):
    with pytest.raises(InvalidInput):
        investor.find_page(ProjectFilters(), sort="place-ish")
