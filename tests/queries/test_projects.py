"""Project sample_db reads and the review queue, on sample projects in a copy of the loaded database."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import psycopg
import pytest

from coopbank import projects
from coopbank.access import Actor
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.projects import ProjectFilters
from coopbank.settings import REPO_ROOT
from tests.project_samples import CONTACT, HOSTILE_HTML, HOSTILE_SQL, SAMPLES, TAZARINE, tazarine_review

AMINA = Actor(user_id=7, username="amina", role="official", region_code="08")  # audit name amina#7
YOUSSEF = Actor(user_id=8, username="youssef", role="official")


@pytest.fixture
def review(sample_db: str) -> Iterator[dict]:
    with tazarine_review(sample_db) as queued:
        yield queued


def _references(filters: ProjectFilters) -> set[str]:
    return set(projects.list_projects(filters)["reference"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ProjectFilters(), {s["reference"] for s in SAMPLES}),
        (ProjectFilters(region_code="08"), {"T-TIN-002", "T-DRA-003", "T-ZAG-006"}),
        (ProjectFilters(region_code="08", province_code="08.587"), {"T-DRA-003", "T-ZAG-006"}),
        (ProjectFilters(commune_code="08.587.07.13"), {"T-DRA-003"}),
        (ProjectFilters(sector_codes=("agriculture",)), {"T-IFR-001", "T-ZAG-006"}),
        (ProjectFilters(sector_codes=("safran", "argan")), {"T-IFR-001", "T-SOU-004"}),
        (ProjectFilters(status_codes=("idea",)), {"T-TIN-002"}),
        (ProjectFilters(status_codes=("seeking_funding", "funded")), {"T-IFR-001", "T-DRA-003"}),
        (ProjectFilters(investment_min=500_000), {"T-IFR-001", "T-DRA-003", "T-SOU-004"}),
        (ProjectFilters(investment_max=300_000), {"T-TIN-002", "T-ZAG-006"}),
        (ProjectFilters(investment_min=100_000, investment_max=600_000), {"T-IFR-001", "T-TIN-002", "T-ZAG-006"}),
        (ProjectFilters(zone="rural"), {"T-DRA-003", "T-SOU-004"}),
        (ProjectFilters(zone="urban"), {"T-IFR-001", "T-TIN-002", "T-CAS-005"}),
        (ProjectFilters(zone="mountain"), {"T-IFR-001", "T-TIN-002", "T-DRA-003"}),
        (ProjectFilters(target_group="women"), {"T-IFR-001", "T-SOU-004"}),
        (ProjectFilters(target_group="youth"), {"T-IFR-001", "T-TIN-002"}),
        (ProjectFilters(text="tifawin"), {"T-SOU-004"}),
        (ProjectFilters(text="t-cas"), {"T-CAS-005"}),
        (ProjectFilters(text="رقمية"), {"T-CAS-005"}),
        (ProjectFilters(text="DROP TABLE"), {"T-DRA-003"}),
        (ProjectFilters(text="%"), set()),
        (ProjectFilters(text="_"), set()),
        (ProjectFilters(include_demo=False), {"T-IFR-001", "T-SOU-004", "T-CAS-005", "T-ZAG-006"}),
        (ProjectFilters(region_code="08", include_demo=False), {"T-ZAG-006"}),
        (ProjectFilters(zone="mountain", target_group="youth", include_demo=False), {"T-IFR-001"}),
    ],
)
def test_filters_filter(sample_db, filters, expected):
    assert _references(filters) == expected


def test_list_has_labels_places_and_terrain(sample_db):
    frame = projects.list_projects(ProjectFilters()).set_index("reference")
    ifrane = frame.loc["T-IFR-001"]
    assert (ifrane["sector_fr"], ifrane["sector_ar"], ifrane["sub_sector_fr"]) == ("Agriculture", "الفلاحة", "Safran")
    assert (ifrane["status_fr"], ifrane["status_ar"]) == ("En recherche de financement", "في طور البحث عن التمويل")
    assert (ifrane["commune_fr"], ifrane["commune_ar"], ifrane["province_fr"]) == ("Ifrane", "إفران", "Ifrane")
    assert ifrane["region_fr"] == "Fès-Meknès" and ifrane["commune_kind"] == "urban" and ifrane["is_mountain"]
    assert ifrane["investment_mad"] == 500_000.0 and not ifrane["is_demo"]
    assert frame.loc["T-TIN-002", "is_demo"] and pd.isna(frame.loc["T-ZAG-006", "commune_code"])


def test_the_row_cap_says_when_it_cut(sample_db):
    frame = projects.list_projects(ProjectFilters(), limit=2)
    assert len(frame) == 2 and frame.attrs["truncated"]
    assert not projects.list_projects(ProjectFilters()).attrs["truncated"]


@pytest.mark.parametrize(
    "options",
    [{"zone": "desert"}, {"target_group": "elders"}, {"investment_min": -1},
     {"investment_min": 10, "investment_max": 5}],
)
def test_bad_filters_are_refused(options):
    with pytest.raises(InvalidInput):
        ProjectFilters(**options)


def _every_value(item: object) -> str:
    return repr(item.to_dict("records") if hasattr(item, "to_dict") else item)


def test_contacts_never_come_out(sample_db):
    frame = projects.list_projects(ProjectFilters())
    sheet = projects.project_sheet("T-IFR-001")
    assert not {c for c in [*frame.columns, *sheet] if c.startswith("contact")}
    for value in CONTACT.values():
        assert value not in _every_value(frame) and value not in _every_value(sheet)
    with psycopg.connect(sample_db) as conn:  # the contact is stored, just never read by the public queries
        assert conn.execute("SELECT count(*) FROM project_contact").fetchone()[0] == 1


def test_sheet_has_history_and_a_point(sample_db):
    sheet = projects.project_sheet("T-IFR-001")
    assert [(h["from_status"], h["to_status"]) for h in sheet["history"]] == [
        (None, "idea"), ("idea", "seeking_funding")]
    assert sheet["history"][1]["to_fr"] == "En recherche de financement"
    assert sheet["point_source"] == "project"
    assert (round(sheet["lat"], 4), round(sheet["lon"], 4)) == (33.5228, -5.1106)
    assert sheet["training_needs"] == "Séchage du safran" and "id" not in sheet


def test_sheet_falls_back_to_the_commune_or_province_label_point(sample_db):
    tinghir = projects.project_sheet("T-TIN-002")
    assert tinghir["point_source"] == "commune" and 31 < tinghir["lat"] < 32
    zagora = projects.project_sheet("T-ZAG-006")
    assert zagora["point_source"] == "province" and zagora["commune_code"] is None and zagora["lat"] is not None


def test_unknown_reference_has_no_sheet(sample_db):
    assert projects.project_sheet("NOPE-404") is None
    assert projects.project_sheet(HOSTILE_SQL) is None


def test_hostile_titles_are_stored_verbatim(sample_db):
    sheet = projects.project_sheet("T-DRA-003")
    assert (sheet["title_fr"], sheet["title_ar"]) == (HOSTILE_SQL, HOSTILE_HTML)
    assert len(projects.list_projects(ProjectFilters())) == len(SAMPLES)  # the table is still there


def test_reference_lists(sample_db):
    sectors = projects.sectors()
    assert {"agriculture", "safran"} <= set(sectors["code"])
    assert sectors.set_index("code").loc["safran", "parent_code"] == "agriculture"
    assert list(projects.statuses()["code"])[:2] == ["idea", "under_study"]


def test_demo_flag_follows_the_data(sample_db):
    assert projects.has_demo_projects()
    with psycopg.connect(sample_db) as conn:
        demo = [r[0] for r in conn.execute("UPDATE project SET is_demo = false WHERE is_demo RETURNING id")]
    try:
        assert not projects.has_demo_projects()
    finally:
        with psycopg.connect(sample_db) as conn:
            conn.execute("UPDATE project SET is_demo = true WHERE id = ANY(%s)", (demo,))


def test_pending_reviews_name_every_candidate(sample_db):
    pending = projects.pending_reviews(YOUSSEF)
    row = pending.set_index("reference").loc["T-ZAG-006"]
    assert row["query"] == {"name": "Tazarine", "province": None}
    assert {c["commune_code"] for c in row["candidates"]} == set(TAZARINE)
    taza = next(c for c in row["candidates"] if c["commune_code"] == TAZARINE[0])
    assert (taza["name_fr"], taza["province_fr"], taza["score"]) == ("Tazarine", "Taza", 1.0)
    assert taza["name_ar"] and taza["province_ar"]


def _state(url: str, review: dict) -> dict:
    with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(
            "SELECT g.state, g.chosen_commune_code, g.resolved_by, g.resolved_at, p.commune_code, p.province_code,"
            " p.region_code, p.geocode_method, p.geocode_confidence::float8 AS confidence,"
            " (SELECT changed_by FROM project_audit a WHERE a.project_id = p.id ORDER BY a.id DESC LIMIT 1)"
            " AS last_change_by"
            " FROM geocode_review g JOIN project p ON p.id = g.project_id WHERE g.id = %s",
            (review["review_id"],)).fetchone()


def test_resolving_a_review_places_the_project(sample_db, review):
    projects.resolve_review(review["review_id"], TAZARINE[1], actor=AMINA)
    state = _state(sample_db, review)
    assert (state["state"], state["chosen_commune_code"], state["resolved_by"]) == (
        "resolved", TAZARINE[1], "amina#7")
    assert state["resolved_at"] is not None
    assert (state["commune_code"], state["province_code"], state["region_code"]) == (TAZARINE[1], "08.587", "08")
    assert (state["geocode_method"], state["confidence"]) == ("manual", 1.0)
    assert state["last_change_by"] == "amina#7"
    assert review["reference"] not in set(projects.pending_reviews(YOUSSEF)["reference"])
    assert review["reference"] in _references(ProjectFilters(commune_code=TAZARINE[1]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: projects.resolve_review(r["review_id"] + 10_000, TAZARINE[0], actor=AMINA), "does not exist"),
        (lambda r: projects.resolve_review(r["review_id"], "03.271.01.03", actor=AMINA), "not one of"),
        (lambda r: projects.dismiss_review(r["review_id"] + 10_000, actor=AMINA), "does not exist"),
    ],
)
def test_bad_resolutions_are_refused_and_change_nothing(sample_db, review, change, message):
    before = _state(sample_db, review)
    with pytest.raises(InvalidInput, match=message):
        change(review)
    assert _state(sample_db, review) == before


def test_a_settled_review_cannot_be_settled_again(sample_db, review):
    projects.dismiss_review(review["review_id"], actor=YOUSSEF)
    state = _state(sample_db, review)
    assert (state["state"], state["resolved_by"], state["commune_code"]) == ("dismissed", "youssef#8", None)
    for again in (lambda: projects.resolve_review(review["review_id"], TAZARINE[0], actor=AMINA),
                  lambda: projects.dismiss_review(review["review_id"], actor=AMINA)):
        with pytest.raises(InvalidInput, match="already settled"):
            again()
    assert _state(sample_db, review) == state


@pytest.mark.parametrize("level", ["region", "province", "commune"])
def test_metrics_by_territory_add_up_to_the_listed_projects(sample_db, level):
    filters = ProjectFilters()
    listed = projects.list_projects(filters)
    metrics = projects.metrics_by_territory(filters, level=level)
    assert metrics["projects"].sum() == len(listed)
    assert metrics["investment_mad"].sum() == pytest.approx(listed["investment_mad"].fillna(0).sum())
    gap = (listed["investment_mad"].fillna(0) - listed["funding_secured_mad"].fillna(0)).sum()
    assert metrics["gap_mad"].sum() == pytest.approx(gap)
    assert metrics["jobs_direct"].sum() == listed["jobs_direct"].fillna(0).sum()


def test_metrics_follow_the_filters_and_split_by_sector(sample_db):
    region = projects.list_projects(ProjectFilters(region_code="08"))
    by_sector = projects.metrics_by_territory(ProjectFilters(region_code="08"), level="region", by_sector=True)
    assert set(by_sector["code"]) == {"08"}
    assert dict(zip(by_sector["sector_code"], by_sector["projects"], strict=True)) == (
        region["sector_code"].value_counts().to_dict())
    low_gap = projects.list_projects(ProjectFilters(gap_max=500_000))
    assert (low_gap["investment_mad"] - low_gap["funding_secured_mad"].fillna(0) <= 500_000).all()
    with pytest.raises(InvalidInput, match="minimum funding gap is above"):
        ProjectFilters(gap_min=10, gap_max=1)
    with pytest.raises(InvalidInput, match="Unknown level"):
        projects.metrics_by_territory(ProjectFilters(), level="douar")


def test_units_with_project_metrics_join_every_unit(sample_db):
    from coopbank import territory

    units = territory.units("region", with_geometry=False)
    merged = projects.with_project_metrics(units, ProjectFilters(), level="region")
    assert len(merged) == 12 and merged["projects"].sum() == len(projects.list_projects(ProjectFilters()))
    row = merged.set_index("code").loc["08"]
    assert row["project_jobs_per_1000"] == pytest.approx(1000 * row["jobs_direct"] / row["population_2024"])
    assert row["projects_per_10k_rural"] == pytest.approx(
        10_000 * row["projects"] / (row["population_2024"] * row["rural_share"]))
    assert set(territory.PROJECT_INDICATORS) <= set(merged.columns)


@pytest.mark.parametrize("sort", projects.SORTS)
@pytest.mark.parametrize("size", [1, 2, 4])
def test_pages_are_consecutive_slices_of_one_order(sample_db, sort, size):
    """Every page is the SQL-ordered list cut at LIMIT/OFFSET; together the pages hold each match once."""
    full = projects.list_projects(ProjectFilters(), sort=sort)
    pages = [projects.project_page(ProjectFilters(), number=n, size=size, sort=sort)
             for n in range(1, -(-len(SAMPLES) // size) + 1)]
    assert all(p.total == len(SAMPLES) and p.pages == len(pages) for p in pages)
    assert [list(p.rows["reference"]) for p in pages] == [list(full["reference"][i:i + size])
                                                           for i in range(0, len(full), size)]
    assert [(p.first, p.last) for p in pages][:2] == [(1, size), (size + 1, min(2 * size, len(SAMPLES)))]
    assert full.attrs["total"] == len(SAMPLES) and "total_count" not in full.columns


def test_place_order_is_region_then_reference(sample_db):
    frame = projects.list_projects(ProjectFilters())
    assert list(zip(frame["region_code"], frame["reference"], strict=True)) == sorted(
        zip(frame["region_code"], frame["reference"], strict=True))


def test_a_page_past_the_end_gives_the_last_page(sample_db):
    page = projects.project_page(ProjectFilters(), number=99, size=4)
    assert (page.number, page.pages, page.first, page.last) == (2, 2, 5, len(SAMPLES))
    assert list(page.rows["reference"]) == list(projects.list_projects(ProjectFilters())["reference"][4:])


def test_an_empty_page_counts_nothing(sample_db):
    page = projects.project_page(ProjectFilters(text="nothing like this"), number=3, size=4)
    assert page.rows.empty and (page.total, page.number, page.pages, page.first, page.last) == (0, 1, 1, 0, 0)
    assert projects.stored_projects() == len(SAMPLES)


def test_commune_kind_narrows_the_zone_in_sql(sample_db):
    mountain = ProjectFilters(zone="mountain")
    rural = projects.project_page(mountain, size=10, commune_kind="rural")
    assert set(rural.rows["reference"]) == {"T-DRA-003"} and rural.total == 1
    urban = projects.list_projects(mountain, commune_kind="urban")
    assert set(urban["reference"]) == {"T-IFR-001", "T-TIN-002"}


@pytest.mark.parametrize("options", [{"sort": "priority"}, {"commune_kind": "mountain"}, {"number": 0},
                                     {"size": 0}])
def test_bad_page_requests_are_refused(sample_db, options):
    with pytest.raises(InvalidInput):
        projects.project_page(ProjectFilters(), **options)


def test_limit_and_offset_are_bound_parameters():
    text = (REPO_ROOT / "queries" / "projects" / "list.sql").read_text(encoding="utf-8")
    assert "LIMIT %(page_limit)s::bigint OFFSET %(page_offset)s::bigint" in text
    assert text.count("project_filtered(") == 1


def test_a_regional_official_sees_only_the_reviews_of_their_region(sample_db):
    everything = set(projects.pending_reviews(YOUSSEF)["reference"])
    assert "T-ZAG-006" in everything  # a project in 08
    assert set(projects.pending_reviews(AMINA)["reference"]) == {
        r for r, region in projects.pending_reviews(YOUSSEF)[["reference", "region_code"]].itertuples(index=False)
        if region == "08"}
    assert "T-ZAG-006" not in set(projects.pending_reviews(
        Actor(user_id=9, username="salma", role="official", region_code="05"))["reference"])
    with pytest.raises(PermissionDenied):
        projects.pending_reviews(Actor(user_id=10, username="idriss", role="investor"))
