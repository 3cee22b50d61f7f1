"""The investor view with Streamlit's AppTest, in French and Arabic, on the sample bank and on an empty one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import investor, settings
from coopbank.projects import ProjectFilters, list_projects
from coopbank.settings import REPO_ROOT
from etl.demo import load_demo
from tests.apptest import ok, open_page
from tests.project_samples import CONTACT, FORMULA_TITLE, sample_bank
from tests.queries.test_investor import JOURNEY, add_investor_samples

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/investor.py"
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")


def _page(**query: str) -> AppTest:
    return open_page(PAGE, **query)


_ok = ok


def _table(at: AppTest, key: str = "investor-table"):
    return next(d for d in at.dataframe if d.key == key).value


def _texts(at: AppTest) -> str:
    parts = [str(e.value) for kind in TEXT_ELEMENTS for e in getattr(at, kind)]
    return "\n".join(parts + [d.value.to_csv() for d in at.dataframe])


def _refs(frame) -> set[str]:
    return set(frame["reference"])


READY = ProjectFilters(status_codes=investor.READY_STATUSES)


@pytest.mark.parametrize(("lang", "title", "reference", "demo"),
                         [("fr", "Vue investisseur", "Référence", "DÉMO"),
                          ("ar", "واجهة المستثمر", "المرجع", "تجريبي")])
def test_investor_view_shows_ready_projects_as_cards_and_table(investor_db, lang, title, reference, demo):
    at = _page(lang=lang)
    assert at.title[0].value == title
    assert at.multiselect(key=f"inv-statuses-{lang}").value == list(investor.READY_STATUSES)
    table = _table(at)
    assert set(table[reference]) == _refs(list_projects(READY))
    assert len(at.button) >= len(table)  # one shortlist button per card, at least
    text = _texts(at)
    assert demo in text  # T-AGR-102 is demo data
    for value in [*CONTACT.values(), "Brahim Investorcontact"]:
        assert value not in text


@pytest.mark.parametrize(("lang", "empty"), [("fr", "Aucun projet ne correspond"), ("ar", "لا يوجد مشروع")])
def test_empty_bank_says_so(loaded_db, lang, empty):
    at = _page(lang=lang)
    assert empty in at.info[0].value
    assert not at.dataframe and not at.error
    assert at.subheader[0].value.endswith(": 0")


def test_the_journey_filters_like_the_sql(investor_db):
    at = _page()
    at.multiselect(key="inv-sectors-fr").set_value(["agroalimentaire"])
    at.toggle(key="inv-mountain").set_value(True)
    at.number_input(key="inv-gap-max").set_value(500_000.0).run()
    table = _table(_ok(at))
    truth = list_projects(ProjectFilters(sector_codes=("agroalimentaire",), status_codes=investor.READY_STATUSES,
                                         gap_max=500_000, zone="mountain"))
    assert set(table["Référence"]) == _refs(truth) == JOURNEY
    assert list(table["Référence"]) == ["T-AGR-102", "T-AGR-101"]  # largest gap first
    at.toggle(key="inv-rural").set_value(True).run()
    assert set(_table(_ok(at))["Référence"]) == {"T-AGR-101"}


@pytest.mark.parametrize(("widgets", "filters"), [
    ({("selectbox", "inv-region-fr"): "08"}, ProjectFilters(region_code="08", status_codes=investor.READY_STATUSES)),
    ({("multiselect", "inv-statuses-fr"): []}, ProjectFilters()),
    ({("multiselect", "inv-statuses-fr"): [], ("toggle", "inv-rural"): True}, ProjectFilters(zone="rural")),
    ({("number_input", "inv-investment-min"): 300_000.0, ("number_input", "inv-gap-min"): 250_000.0},
     ProjectFilters(investment_min=300_000, gap_min=250_000, status_codes=investor.READY_STATUSES)),
    ({("multiselect", "inv-statuses-fr"): [], ("number_input", "inv-investment-max"): 500_000.0},
     ProjectFilters(investment_max=500_000)),
])
def test_filters_give_the_sql_set(investor_db, widgets, filters):
    at = _page()
    for (kind, key), value in widgets.items():
        getattr(at, kind)(key=key).set_value(value)
    at.run()
    truth = _refs(list_projects(filters))
    found = set(_table(_ok(at))["Référence"]) if at.dataframe else set()
    assert found == truth and truth


def test_sorting_by_jobs_per_million(investor_db):
    at = _page()
    at.multiselect(key="inv-statuses-fr").set_value([]).run()
    at.selectbox(key="inv-sort-fr").set_value("jobs_per_million").run()
    table = _table(_ok(at))
    ratios = table["Emplois par million de MAD"]
    assert ratios.dropna().is_monotonic_decreasing
    assert ratios.iloc[-ratios.isna().sum():].isna().all()
    assert list(table["Référence"]) == list(investor.find_projects(ProjectFilters(), sort="jobs_per_million")
                                            ["reference"])


def test_contradictory_gap_bounds_show_a_message(investor_db):
    at = _page()
    at.number_input(key="inv-gap-min").set_value(900_000.0)
    at.number_input(key="inv-gap-max").set_value(100_000.0).run()
    assert _ok(at).error


def test_shortlist_add_remove_and_export(investor_db):
    at = _page()
    assert "Votre sélection est vide" in at.info[-1].value
    at.multiselect(key="inv-statuses-fr").set_value([]).run()
    for reference in ("T-AGR-101", "T-SOU-004", "T-AGR-102"):
        at.button(key=f"inv-add-{reference}").click().run()
        _ok(at)
    shortlist = at.session_state["investor-shortlist"]
    assert list(shortlist) == ["T-AGR-101", "T-SOU-004", "T-AGR-102"]
    assert list(_table(at, "investor-shortlist-table")["Référence"]) == list(shortlist)
    assert at.button(key="inv-remove-T-AGR-101")  # the card now offers to remove it
    at.button(key="inv-remove-T-AGR-102").click().run()
    assert list(_ok(at).session_state["investor-shortlist"]) == ["T-AGR-101", "T-SOU-004"]
    at.button(key="inv-sl-remove-T-AGR-101").click().run()
    shortlist = _ok(at).session_state["investor-shortlist"]
    assert list(shortlist) == ["T-SOU-004"]
    assert at.get("download_button")
    rows = list(csv.DictReader(io.StringIO(investor.shortlist_csv(shortlist).decode("utf-8-sig"))))
    assert rows[0]["title_fr"] == "'" + FORMULA_TITLE and not any("contact" in c for c in rows[0])


PAGED = 250  # demo projects added to the investor bank: the page has 100 rows, the cards its first 24


@pytest.fixture(scope="module")
def paged_investor_url(loaded_url: str) -> Iterator[str]:
    """A copy of the investor bank with 250 generated demo projects more, so that the view has pages."""
    with sample_bank(loaded_url) as url, settings.override(database_url=url):
        add_investor_samples(url)
        load_demo(PAGED, 11)
        yield url


@pytest.fixture
def paged_db(paged_investor_url: str) -> Iterator[str]:
    with settings.override(database_url=paged_investor_url):
        yield paged_investor_url


def _pager(at: AppTest):
    return next(n for n in at.number_input if str(n.key).startswith("inv-page-"))


@pytest.mark.parametrize("sort", investor.SORTS)
def test_pages_follow_the_sql_ranking(paged_db, sort):
    truth = list(investor.find_projects(ProjectFilters(), sort=sort)["reference"])
    assert len(truth) == 12 + PAGED
    at = _page()
    at.multiselect(key="inv-statuses-fr").set_value([])
    at.selectbox(key="inv-sort-fr").set_value(sort).run()
    assert _ok(at).subheader[0].value == f"Projets trouvés: {len(truth)}"
    assert list(_table(at)["Référence"]) == truth[:100]
    cards = [b.key.removeprefix("inv-add-") for b in at.button if str(b.key).startswith("inv-add-")]
    assert set(cards) == set(truth[:24]) and cards[0] == truth[0]  # the page's first 24 (drawn in 3 columns)
    _pager(at).set_value(2).run()
    assert list(_table(_ok(at))["Référence"]) == truth[100:200]
    assert {b.key.removeprefix("inv-add-") for b in at.button if str(b.key).startswith("inv-add-")} == set(
        truth[100:124])
    assert f"Page 2 sur 3 · projets 101–200 sur {len(truth)}" in _texts(at)


def test_changing_the_sort_goes_back_to_page_one(paged_db):
    at = _page()
    at.multiselect(key="inv-statuses-fr").set_value([]).run()
    _pager(at).set_value(3).run()
    assert _ok(at).caption and "Page 3 sur 3" in _texts(at)
    at.selectbox(key="inv-sort-fr").set_value("jobs_per_million").run()
    assert "Page 1 sur 3" in _texts(_ok(at))
    assert list(_table(at)["Référence"]) == list(
        investor.find_projects(ProjectFilters(), sort="jobs_per_million")["reference"][:100])


def test_rural_and_mountain_total_is_counted_in_sql(paged_db):
    at = _page()
    at.multiselect(key="inv-statuses-fr").set_value([])
    at.toggle(key="inv-rural").set_value(True)
    at.toggle(key="inv-mountain").set_value(True).run()
    truth = investor.find_projects(ProjectFilters(), rural_only=True, mountain_only=True)
    assert set(truth["commune_kind"]) == {"rural"} and truth["is_mountain"].all()
    assert _ok(at).subheader[0].value == f"Projets trouvés: {len(truth)}"
    assert list(_table(at)["Référence"]) == list(truth["reference"][:100])


@pytest.mark.parametrize(("lang", "message"), [("fr", "la banque ne contient encore aucun projet"),
                                               ("ar", "لا يضم البنك أي مشروع بعد")])
def test_empty_bank_is_named(loaded_db, lang, message):
    assert message in _page(lang=lang).info[0].value


# Expressions of interest from the cards (coopbank.matching).
from coopbank import matching  # noqa: E402
from tests.coopbank.test_matching import make_user  # noqa: E402

INTERESTING = "T-AGR-101"  # ready, region 08, imported: no holder account


@pytest.mark.parametrize(("lang", "hint"), [("fr", "Connectez-vous en tant qu’investisseur pour manifester"),
                                            ("ar", "سجّلوا الدخول بحساب مستثمر لإبداء اهتمامكم")])
def test_a_visitor_is_asked_to_sign_in_as_an_investor(investor_db, lang, hint):
    at = _page(lang=lang)
    assert any(hint in c.value for c in at.caption)
    assert not [b for b in at.button if b.key and b.key.startswith("inv-interest-")]


@pytest.mark.parametrize(("lang", "sent", "already"),
                         [("fr", "Votre intérêt a été transmis aux responsables du territoire du projet",
                           "Vous avez manifesté votre intérêt pour ce projet"),
                          ("ar", "تم إرسال اهتمامكم إلى مسؤولي المجال الترابي للمشروع",
                           "لقد أبديتم اهتمامكم بهذا المشروع")])
def test_a_signed_in_investor_expresses_interest_from_a_card(investor_db, lang, sent, already):
    investor_account = make_user(investor_db, "investor", display_name="Karim Investisseur")
    official = make_user(investor_db, "official", region_code="08")
    at = open_page(PAGE, lang=lang, actor=investor_account)
    assert not any("Connectez-vous en tant" in c.value for c in at.caption)
    at.text_area(key=f"inv-interest-msg-{INTERESTING}").input(f"Intéressé ! {FORMULA_TITLE}")
    at.button(key=f"inv-interest-{INTERESTING}").click().run()
    assert sent in _ok(at).success[0].value
    assert any(already in c.value for c in at.caption)
    assert f"inv-interest-{INTERESTING}" not in {b.key for b in at.button}  # no second form on that card
    (match,) = [m for m in matching.matches_for(investor_account) if m.reference == INTERESTING]
    assert match.status == "new" and match.message == f"Intéressé ! {FORMULA_TITLE}"
    assert [m.subject_key for m in matching.inbox(official) if m.match_id == match.id] == [matching.INTEREST_NO_HOLDER]


def test_other_roles_get_no_interest_form(investor_db):
    at = open_page(PAGE, actor=make_user(investor_db, "official", region_code="08"))
    assert not [b for b in at.button if b.key and b.key.startswith("inv-interest-")]
    assert not any("Connectez-vous en tant" in c.value for c in at.caption)
