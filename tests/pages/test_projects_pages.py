"""The project sample_db's pages with Streamlit's AppTest, in French and Arabic, on sample projects."""

from __future__ import annotations

import re
from collections.abc import Iterator

import psycopg
import pytest
from streamlit.testing.v1 import AppTest

from coopbank.access import Actor
from coopbank.settings import REPO_ROOT
from coopbank.ui.layout import plain
from tests.apptest import ok, open_page
from tests.project_samples import (
    CONTACT,
    FORMULA_TITLE,
    HOSTILE_HTML,
    HOSTILE_SQL,
    SAMPLES,
    TAZARINE,
    tazarine_review,
)

APP = str(REPO_ROOT / "app.py")
EXPLORER, SHEET, IMPORT, REVIEW = (f"pages/{name}.py" for name in
                                   ("projects", "project_sheet", "import_projects", "geocode_review"))
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "code")




OFFICIAL = Actor(user_id=4, username="amina", role="official", region_code="08", display_name="Amina")


def _page(page: str, **query: str) -> AppTest:
    signed_in = OFFICIAL if page in (IMPORT, REVIEW) else None
    return open_page(page, check=False, actor=signed_in, **query)


_ok = ok


def _shown(markdown: str) -> str:
    """What a markdown source written with ``plain()`` displays: its escapes and word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def _texts(at: AppTest) -> str:
    """Every text the page drew, as displayed, tables included, as one string."""
    parts = [_shown(str(e.value)) for kind in TEXT_ELEMENTS for e in getattr(at, kind)]
    parts += [e.value for e in at.text] + [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def _table(at: AppTest, key: str = "projects-table"):
    return next(d for d in at.dataframe if d.key == key).value


@pytest.mark.parametrize(("lang", "title", "demo"), [("fr", "Projets", "Démo"), ("ar", "المشاريع", "تجريبي")])
def test_explorer_lists_every_project_with_demo_marked(sample_db, lang, title, demo):
    at = _ok(_page(EXPLORER, lang=lang))
    assert at.title[0].value == title
    table = _table(at)
    assert len(table) == len(SAMPLES)
    marked = dict(zip(table.iloc[:, 0], table[demo], strict=True))
    assert {ref for ref, mark in marked.items() if mark} == {"T-TIN-002", "T-DRA-003"}
    assert at.download_button[0].label.endswith("(CSV)")


def test_explorer_titles_follow_the_language_with_fallback(sample_db):
    fr = _table(_ok(_page(EXPLORER, lang="fr"))).set_index("Référence")["Intitulé"]
    ar = _table(_ok(_page(EXPLORER, lang="ar"))).set_index("المرجع")["العنوان"]
    assert (fr["T-IFR-001"], ar["T-IFR-001"]) == ("Safran d'Ifrane", "زعفران إفران")
    assert fr["T-CAS-005"] == ar["T-CAS-005"] == "تعاونية رقمية"  # no French title: the Arabic one
    assert fr["T-ZAG-006"] == ar["T-ZAG-006"] == "Dattes de Tazarine"


def test_explorer_filters_cascade_and_count(sample_db):
    at = _ok(_page(EXPLORER))
    at.selectbox(key="p-region-fr").select("08").run()
    assert len(_table(_ok(at))) == 3
    at.selectbox(key="p-province-fr-08").select("08.587").run()
    assert set(_table(_ok(at))["Référence"]) == {"T-DRA-003", "T-ZAG-006"}
    at.selectbox(key="p-commune-fr-08.587").select("08.587.07.13").run()
    assert set(_table(_ok(at))["Référence"]) == {"T-DRA-003"}
    at.toggle(key="p-demo").set_value(False).run()
    assert not at.dataframe and at.info[0].value == "Aucun projet ne correspond à ces filtres."
    assert at.subheader[0].value == "Projets trouvés: 0"


@pytest.mark.parametrize(
    ("widget", "key", "value", "expected"),
    [
        ("multiselect", "p-sectors-fr", ["agriculture"], {"T-IFR-001", "T-ZAG-006"}),
        ("multiselect", "p-statuses-fr", ["idea"], {"T-TIN-002"}),
        ("number_input", "p-investment-min", 500_000.0, {"T-IFR-001", "T-DRA-003", "T-SOU-004"}),
        ("selectbox", "p-zone-fr", "rural", {"T-DRA-003", "T-SOU-004"}),
        ("selectbox", "p-zone-fr", "mountain", {"T-IFR-001", "T-TIN-002", "T-DRA-003"}),
        ("selectbox", "p-group-fr", "women", {"T-IFR-001", "T-SOU-004"}),
        ("text_input", "p-text", "tifawin", {"T-SOU-004"}),
        ("text_input", "p-text", "' OR 1=1 --", set()),
    ],
)
def test_explorer_filters_filter(sample_db, widget, key, value, expected):
    at = _ok(_page(EXPLORER))
    getattr(at, widget)(key=key).set_value(value).run()
    _ok(at)
    found = set(_table(at)["Référence"]) if at.dataframe else set()
    assert found == expected


def test_contradictory_investment_bounds_show_a_message(sample_db):
    at = _ok(_page(EXPLORER))
    at.number_input(key="p-investment-min").set_value(900_000.0)
    at.number_input(key="p-investment-max").set_value(100_000.0).run()
    assert "L'investissement minimum dépasse le maximum" in _ok(at).error[0].value


def test_selecting_a_row_offers_its_sheet(sample_db):
    at = _ok(_page(EXPLORER))
    at.selectbox(key="p-zone-fr").set_value("rural").run()
    at.session_state["projects-table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    reference = _table(_ok(at))["Référence"].iloc[0]
    assert _shown(at.page_link[0].value) == f"Ouvrir la fiche de {reference}"


@pytest.mark.parametrize(("lang", "column", "shown", "other"),
                         [("fr", "Intitulé", HOSTILE_SQL, HOSTILE_HTML), ("ar", "العنوان", HOSTILE_HTML, HOSTILE_SQL)])
def test_hostile_titles_are_shown_as_plain_text(sample_db, lang, column, shown, other):
    titles = set(_table(_ok(_page(EXPLORER, lang=lang)))[column])
    assert shown in titles
    assert FORMULA_TITLE in titles or lang == "ar"  # T-SOU-004 has an Arabic title too
    at = _ok(_page(SHEET, lang=lang, ref="T-DRA-003"))
    assert _shown(at.title[0].value) == shown
    assert other in _shown(at.caption[0].value)
    for source in (at.title[0].value, at.caption[0].value):  # the renderer never sees a tag or a "--"
        assert not re.search(r"(?<!\\)[<>]", source) and "--" not in source


@pytest.mark.parametrize("text", [HOSTILE_SQL, HOSTILE_HTML, FORMULA_TITLE, "1. **gras** $x$ :red[rouge] [a](b) ---",
                                  "زيت \\ أركان"])
def test_plain_escapes_every_markup(text):
    escaped = plain(text)
    assert _shown(escaped) == text
    assert not re.search(r"(?<!\\)[<>*_$:\[\]`]", escaped)


@pytest.mark.parametrize(
    ("lang", "title", "cooperative", "money"),
    [("fr", "Safran d'Ifrane", "**Coopérative**: Coopérative Azrou Safran", "500\u202f000 MAD"),
     ("ar", "زعفران إفران", "**التعاونية**: Coopérative Azrou Safran", "500.000 درهم")],
)
def test_project_sheet_shows_the_public_record(sample_db, lang, title, cooperative, money):
    at = _ok(_page(SHEET, lang=lang, ref="T-IFR-001"))
    assert _shown(at.title[0].value) == title
    text = _texts(at)
    assert cooperative in text and money in text and "Séchage du safran" in text
    assert len(at.dataframe[0].value) == 2  # the status history: created, then seeking funding
    assert not at.warning  # a real project: no demo warning
    for value in CONTACT.values():
        assert value not in text


@pytest.mark.parametrize(("lang", "warning"), [("fr", "Projet de démonstration"), ("ar", "مشروع تجريبي")])
def test_demo_project_sheet_says_so(sample_db, lang, warning):
    at = _ok(_page(SHEET, lang=lang, ref="T-TIN-002"))
    assert warning in at.warning[0].value
    assert any("badge" in m.value for m in at.main.markdown)


@pytest.mark.parametrize(("lang", "message"), [("fr", "Aucun projet"), ("ar", "لا يوجد مشروع")])
def test_unknown_reference_says_so(sample_db, lang, message):
    at = _ok(_page(SHEET, lang=lang, ref="<b>NOPE</b>"))
    assert message in at.warning[0].value
    assert at.code[0].value == "<b>NOPE</b>"


def test_sheet_without_reference_asks_for_one(sample_db):
    at = _ok(_page(SHEET))
    at.text_input(key="sheet-ref").input("T-CAS-005").run()
    assert _ok(at).title[0].value == "تعاونية رقمية"


@pytest.mark.parametrize(("lang", "badge"), [("fr", "Données de démonstration"), ("ar", "بيانات تجريبية")])
def test_demo_badge_only_while_demo_projects_exist(sample_db, lang, badge):
    def shown() -> bool:  # app.py draws the sidebar: open the default page rather than switch to one
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["lang"] = lang
        return any(badge in m.value for m in _ok(at.run()).sidebar.markdown)

    assert shown()
    with psycopg.connect(sample_db) as conn:
        demo = [r[0] for r in conn.execute("UPDATE project SET is_demo = false WHERE is_demo RETURNING id")]
    try:
        assert not shown()
    finally:
        with psycopg.connect(sample_db) as conn:
            conn.execute("UPDATE project SET is_demo = true WHERE id = ANY(%s)", (demo,))


@pytest.fixture
def review(sample_db: str) -> Iterator[int]:
    with tazarine_review(sample_db, score=0.97, province="Zagora") as queued:
        yield queued["review_id"]


@pytest.mark.parametrize(("lang", "title"), [("fr", "Lieux à vérifier"), ("ar", "أماكن للمراجعة")])
def test_review_queue_lists_candidates(sample_db, review, lang, title):
    at = _ok(_page(REVIEW, lang=lang))
    assert at.title[0].value == title
    radio = at.radio(key=f"review-{review}-{lang}")
    assert radio.options and len(radio.options) == 2 and radio.value is None
    text = _texts(at)
    assert "Zagora" in text and "Taza" in text and "0.97" in text


def test_resolving_from_the_queue_places_the_project(sample_db, review):
    at = _ok(_page(REVIEW))
    at.radio(key=f"review-{review}-fr").set_value(TAZARINE[1]).run()
    at.button(key=f"resolve-{review}").click().run()
    assert "enregistré" in _ok(at).success[0].value
    assert f"review-{review}-fr" not in [r.key for r in at.radio]
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT state, resolved_by FROM geocode_review WHERE id = %s",
                            (review,)).fetchone() == ("resolved", "amina#4")


def test_dismissing_from_the_queue(sample_db, review):
    at = _ok(_page(REVIEW))
    at.button(key=f"dismiss-{review}").click().run()
    assert _ok(at).success
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT state FROM geocode_review WHERE id = %s", (review,)).fetchone() == ("dismissed",)


CSV_UPLOAD = (
    "reference,title_fr,title_ar,sector,status,commune_code,investment_mad,jobs_direct,jobs_women,contact_phone\n"
    "T-UP-1,Miel du Haut Atlas,عسل الأطلس,apiculture,idea,08.587.07.13,150000,4,2,+212 611 111 111\n"
    "T-UP-2,,,nowhere,idea,99.999.99.99,-5,2,3,\n"
)


@pytest.mark.parametrize(("lang", "title"), [("fr", "Importer des projets"), ("ar", "استيراد المشاريع")])
def test_import_page_renders_with_templates(sample_db, lang, title):
    at = _ok(_page(IMPORT, lang=lang))
    assert at.title[0].value == title
    assert [b.label.rsplit(" ", 1)[-1] for b in at.download_button] == ["(CSV)", "(XLSX)"]
    assert at.button(key="import-run").disabled


def _upload(at: AppTest, *, dry_run: bool) -> AppTest:
    at.file_uploader(key="import-file").set_value(("projets.csv", CSV_UPLOAD.encode("utf-8"), "text/csv")).run()
    at.checkbox(key="import-dry-run").set_value(dry_run)
    at.button(key="import-run").click().run()
    return _ok(at)


def test_import_needs_an_official(sample_db):
    at = _ok(open_page(IMPORT, actor=Actor(user_id=9, username="karim", role="investor")))
    assert not at.get("file_uploader") and at.warning


def test_import_dry_run_reports_every_error_and_saves_nothing(sample_db):
    at = _upload(_ok(_page(IMPORT, lang="ar")), dry_run=True)
    counts = {m.label: m.value for m in at.metric}
    assert counts == {"الأسطر المقروءة": "2", "مضافة": "1", "محدثة": "0", "دون تغيير": "0", "مرفوضة": "1"}
    assert "تجربة" in at.info[0].value
    rejected = at.dataframe[0].value
    assert set(rejected["السطر"]) == {3} and len(rejected) >= 4  # title, sector, commune, amount, jobs
    assert at.download_button(key="import-report-json")
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT count(*) FROM project WHERE reference LIKE 'T-UP-%'").fetchone() == (0,)


def test_import_stores_valid_rows(sample_db):
    try:
        at = _upload(_ok(_page(IMPORT)), dry_run=False)
        assert {m.label: m.value for m in at.metric}["Ajoutés"] == "1"
        explorer = _ok(_page(EXPLORER))
        explorer.text_input(key="p-text").set_value("T-UP").run()
        assert list(_table(explorer)["Référence"]) == ["T-UP-1"]
        assert "611 111" not in _texts(_ok(_page(SHEET, ref="T-UP-1")))
    finally:
        with psycopg.connect(sample_db) as conn:
            conn.execute("DELETE FROM project WHERE reference LIKE 'T-UP-%'")


PAGED = 250  # demo projects added to the samples: three pages of 100


@pytest.fixture(scope="module")
def paged_bank_url(loaded_url: str) -> Iterator[str]:
    """A copy of the sample bank with 250 generated demo projects more, so that the explorer has pages."""
    from coopbank import settings
    from etl.demo import load_demo
    from tests.project_samples import sample_bank

    with sample_bank(loaded_url) as url, settings.override(database_url=url):
        load_demo(PAGED, 7)
        yield url


@pytest.fixture
def paged_db(paged_bank_url: str) -> Iterator[str]:
    from coopbank import settings

    with settings.override(database_url=paged_bank_url):
        yield paged_bank_url


def _pager(at: AppTest):
    return next(n for n in at.number_input if str(n.key).startswith("projects-page-"))


def test_explorer_pages_follow_the_sql_order(paged_db):
    from coopbank import projects
    from coopbank.projects import ProjectFilters

    truth = list(projects.list_projects(ProjectFilters())["reference"])
    total = len(SAMPLES) + PAGED
    assert len(truth) == total
    at = _ok(_page(EXPLORER))
    assert at.subheader[0].value == f"Projets trouvés: {total}"
    assert list(_table(at)["Référence"]) == truth[:100]
    assert f"Page 1 sur 3 · projets 1–100 sur {total}" in _texts(at)
    _pager(at).set_value(2).run()
    assert list(_table(_ok(at))["Référence"]) == truth[100:200]
    assert f"Page 2 sur 3 · projets 101–200 sur {total}" in _texts(at)
    _pager(at).set_value(3).run()
    assert list(_table(_ok(at))["Référence"]) == truth[200:]
    at.toggle(key="p-demo").set_value(False).run()  # other filters: back to page 1, a single page, no pager
    assert list(_table(_ok(at))["Référence"]) == list(projects.list_projects(ProjectFilters(include_demo=False))
                                                      ["reference"])
    assert not [n for n in at.number_input if str(n.key).startswith("projects-page-")]


def test_explorer_pages_in_arabic(paged_db):
    at = _ok(_page(EXPLORER, lang="ar"))
    _pager(at).set_value(3).run()
    assert len(_table(_ok(at))) == len(SAMPLES) + PAGED - 200
    assert "الصفحة 3 من 3 · المشاريع من 201 إلى 256 من أصل 256" in _texts(at)


def test_explorer_export_is_every_match_built_on_click(paged_db):
    from coopbank import settings

    at = _ok(_page(EXPLORER))
    button = at.download_button(key="projects-csv")
    assert button.label == "Télécharger ces projets (CSV)"
    assert not at.warning
    with settings.override(max_rows=120):
        at = _ok(_page(EXPLORER))
    assert "120 premiers des 256 projets" in at.warning[0].value.replace("\u202f", " ")


def test_export_callable_gives_every_matching_row(paged_db):
    import csv
    import io

    from coopbank import settings
    from coopbank.exports import to_csv
    from coopbank.projects import ProjectFilters, list_projects
    from coopbank.ui.tables import export_frame

    rows = list(csv.DictReader(io.StringIO(to_csv(export_frame(list_projects(ProjectFilters()))).decode("utf-8-sig"))))
    assert len(rows) == len(SAMPLES) + PAGED
    with settings.override(max_rows=120):
        capped = list_projects(ProjectFilters())
    assert len(capped) == 120 and capped.attrs["truncated"] and capped.attrs["total"] == len(SAMPLES) + PAGED


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_empty_bank_says_so_in_the_explorer(loaded_db, lang):
    at = _ok(_page(EXPLORER, lang=lang))
    assert not at.dataframe and not at.error
    assert at.subheader[0].value.endswith(": 0")
    assert at.info[0].value == {"fr": "La banque ne contient encore aucun projet : importez un fichier de projets "
                                      "pour les voir ici.",
                                "ar": "لا يضم البنك أي مشروع بعد: استورد ملف مشاريع لتظهر هنا."}[lang]


def _sheet_estimate(reference: str) -> dict:
    """The job estimate of one sample computed with planning.jobs on its listed row (the truth for the sheet)."""
    from coopbank import projects
    from planning import job_model_store, jobs

    listed = projects.list_projects(projects.ProjectFilters(text=reference))
    row = jobs.estimate_projects(listed, job_model_store.current_model()).iloc[0]
    return {kind: jobs.range_text(*(row[f"{kind}_{b}"] for b in jobs.BOUNDS), lang="fr",
                                  central_label="valeur centrale") for kind in ("direct", "total")} | {
        "check": row["declared_check"], "version": int(row["model_version"])}


@pytest.mark.parametrize(("reference", "check"), [("T-IFR-001", "within"), ("T-DRA-003", "below")])
def test_sheet_shows_the_job_estimate_and_the_declared_check(sample_db, reference, check):
    at = _ok(_page(SHEET, ref=reference))
    truth = _sheet_estimate(reference)
    assert truth["check"] == check
    texts = _texts(at)
    assert f"**Emplois directs estimés**: {truth['direct']}" in texts
    assert f"**Emplois estimés au total (directs, indirects et induits)**: {truth['total']}" in texts
    assert f"Version du modèle d'emplois {truth['version']}" in texts
    flagged = [w.value for w in at.warning if "fourchette du modèle" in w.value]
    assert flagged == (["Les emplois déclarés sont très en dessous de la fourchette du modèle."]
                       if check == "below" else [])


def test_sheet_without_investment_has_no_estimate(sample_db):
    at = _ok(_page(SHEET, ref="T-CAS-005"))
    assert "Pas d'estimation : l'investissement n'est pas connu." in _texts(at)
