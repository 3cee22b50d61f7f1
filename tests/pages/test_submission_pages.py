"""The submission wizard, My projects and the moderation queue with Streamlit's AppTest, in French and Arabic."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import moderation, submissions
from coopbank.access import VISITOR
from coopbank.ui.i18n import translate
from coopbank.ui.layout import plain
from tests.apptest import ok, open_page
from tests.coopbank.test_submissions import TINGHIR, good_data, make_user
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

WIZARD = "pages/submit_project.py"
MINE = "pages/my_projects.py"
QUEUE = "pages/moderation.py"
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in TEXT_ELEMENTS for e in getattr(at, kind))


def _queued(at: AppTest) -> str:
    return "\n".join(e.label for e in at.expander)


def _button(at: AppTest, key: str) -> AppTest:
    return ok(next(b for b in at.button if b.key == key).click().run())


@pytest.mark.parametrize(("lang", "page", "title", "message"), [
    ("fr", WIZARD, "Submit a project", "compte de porteur de projet"),
    ("ar", WIZARD, "Submit a project", "بحساب حامل مشروع"),
    ("fr", MINE, "My projects", "compte de porteur de projet"),
    ("ar", MINE, "My projects", "بحساب حامل مشروع"),
    ("fr", QUEUE, "Moderation", "compte de responsable"),
    ("ar", QUEUE, "Moderation", "بحساب مسؤول"),
])
def test_visitors_are_asked_to_sign_in(sample_db, lang, page, title, message):
    at = open_page(page, lang=lang, actor=VISITOR)
    assert at.title[0].value == translate(title, lang) != title
    assert message in _texts(at)
    assert not [b for b in at.button if str(b.key).startswith(("wiz-", "my-", "mod-"))]


def test_an_investor_cannot_use_the_wizard_nor_moderate(sample_db):
    investor = make_user(sample_db, "investor")
    for page in (WIZARD, MINE, QUEUE):
        at = open_page(page, lang="fr", actor=investor)
        assert "Connectez-vous" in _texts(at)


def _fill(at: AppTest, values: dict[str, str]) -> AppTest:
    for key, value in values.items():
        at.text_input(key=key).input(value)
    return ok(at.run())


@pytest.mark.parametrize(("lang", "required", "submitted"), [
    ("ar", "هذا الحقل إلزامي", "تم إيداع مشروعك"),
    ("fr", "Ce champ est obligatoire", "Votre projet a été déposé"),
])
def test_the_wizard_checks_each_step_and_submits(sample_db, lang, required, submitted):
    holder = make_user(sample_db, "holder")
    at = open_page(WIZARD, lang=lang, actor=holder)
    assert at.get("progress")  # the progress indicator
    at = _button(at, "wiz-next")  # nothing typed: each field's error in the user's language
    assert required in _texts(at)
    assert at.session_state["submit-wizard"]["step"] == 0
    at = _fill(at, {"wiz-title_fr": HOSTILE_SQL, "wiz-title_ar": HOSTILE_HTML, "wiz-holder_age": "12"})
    at.selectbox(key=f"wiz-sector-{lang}").set_value("agriculture")
    at = ok(at.run())
    at.selectbox(key=f"wiz-sub_sector-{lang}").set_value("safran")
    at.selectbox(key=f"wiz-status-{lang}").set_value("seeking_funding")
    at = _button(ok(at.run()), "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 0  # age 12 is refused
    assert ("15" in _texts(at)) and ("100" in _texts(at))
    at = _button(_fill(at, {"wiz-holder_age": "27"}), "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 1
    at.radio(key=f"wiz-cooperative_status-{lang}").set_value("to_create")
    at = _fill(at, {"wiz-cooperative_name": HOSTILE_HTML})
    at = _button(at, "wiz-save")  # a draft is saved and listed
    draft_id = at.session_state["submit-wizard"]["draft_id"]
    assert submissions.draft(holder, draft_id).data["cooperative_name"] == HOSTILE_HTML
    at = _button(at, "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 2
    at = _button(at, "wiz-next")  # no place yet
    assert at.session_state["submit-wizard"]["step"] == 2 and at.error
    at = _fill(at, {"wiz-commune-search": "Tinghir" if lang == "fr" else "تنغير"})
    pick = next(r for r in at.radio if str(r.key).startswith("wiz-commune-pick-"))
    pick.set_value(TINGHIR)
    at = _button(ok(at.run()), "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 3
    at = _fill(at, {"wiz-investment_mad": "350000", "wiz-jobs_direct": "6", "wiz-jobs_women": "9"})
    at = _button(at, "wiz-next")  # 9 women out of 6 jobs
    assert at.session_state["submit-wizard"]["step"] == 3
    at = _button(_fill(at, {"wiz-jobs_women": "3"}), "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 4
    review = _texts(at)
    assert "<script>" not in review and "\\<script\\>" in review  # shown inert
    at = _button(at, "wiz-submit")
    assert submitted in _texts(at)
    [project] = submissions.my_projects(holder)
    assert project["title_fr"] == HOSTILE_SQL and project["title_ar"] == HOSTILE_HTML
    assert project["publication"] == "submitted"
    official = make_user(sample_db, "official", region_code="08")
    assert project["id"] in [q["id"] for q in moderation.queue(official)]


def _submitted(url: str, **changes: str) -> tuple:
    holder = make_user(url, "holder")
    reference = submissions.submit(holder, submissions.save_draft(holder, good_data(**changes), step=4))
    [project] = [p for p in submissions.my_projects(holder) if p["reference"] == reference]
    return holder, project


@pytest.mark.parametrize(("lang", "waiting", "asked"), [("fr", "En attente de modération", "Modifications demandées"),
                                                        ("ar", "في انتظار المراجعة", "تعديلات مطلوبة")])
def test_my_projects_shows_status_and_reason_and_offers_resubmission(sample_db, lang, waiting, asked):
    holder, project = _submitted(sample_db, title_fr=HOSTILE_HTML)
    at = open_page(MINE, lang=lang, actor=holder)
    assert waiting in _texts(at)
    official = make_user(sample_db, "official", region_code="08")
    moderation.decide(official, project["id"], "request_changes", f"Budget ? {HOSTILE_SQL}")
    at = open_page(MINE, lang=lang, actor=holder)
    text = _texts(at)
    assert asked in text and "Budget" in text and "<script>" not in text
    at = _button(at, f"my-edit-{project['id']}")
    assert at.session_state["submit-wizard"]["project_id"] == project["id"]
    at.switch_page(WIZARD)  # AppTest's next runs stay on the page it was told, not the one switched to
    at = _fill(at, {"wiz-title_fr": "Safran corrigé"})
    for _ in range(4):  # every step of the stored draft is valid
        at = _button(at, "wiz-next")
    assert at.session_state["submit-wizard"]["step"] == 4
    at = _button(at, "wiz-submit")
    assert project["reference"] in _texts(at)
    [again] = [p for p in submissions.my_projects(holder) if p["id"] == project["id"]]
    assert (again["publication"], again["title_fr"]) == ("submitted", "Safran corrigé")


def test_a_published_project_links_to_its_sheet(sample_db):
    holder, project = _submitted(sample_db)
    moderation.decide(make_user(sample_db, "official"), project["id"], "approve", "Bien")
    at = open_page(MINE, lang="fr", actor=holder)
    links = at.get("page_link")
    assert any(project["reference"] in str(link.proto) for link in links)


@pytest.mark.parametrize(("lang", "needed", "recorded"), [("fr", "Donnez le motif", "Décision enregistrée"),
                                                         ("ar", "اذكر سبب قرارك", "تم تسجيل القرار")])
def test_the_queue_shows_the_territorys_submissions_inert_and_records_decisions(sample_db, lang, needed, recorded):
    _, project = _submitted(sample_db, title_fr=HOSTILE_HTML, description=HOSTILE_SQL)
    other = open_page(QUEUE, lang=lang, actor=make_user(sample_db, "official", region_code="05"))
    assert plain(project["reference"]) not in _queued(other)
    official = make_user(sample_db, "official", region_code="08")
    at = open_page(QUEUE, lang=lang, actor=official)
    text = _texts(at)
    assert plain(project["reference"]) in _queued(at)
    assert "<script>" not in text + _queued(at) and "\\<script\\>" in text
    at.radio(key=f"mod-decision-{project['id']}-{lang}").set_value("approve")
    at = ok(at.run())
    form_button = next(b for b in at.button if "mod-form-" + str(project["id"]) in str(b.id))
    at = ok(form_button.click().run())  # no reason
    assert needed in _texts(at)
    assert project["id"] in [q["id"] for q in moderation.queue(official)]
    at.text_area(key=f"mod-reason-{project['id']}").input("Dossier complet")
    form_button = next(b for b in at.button if "mod-form-" + str(project["id"]) in str(b.id))
    at = ok(form_button.click().run())
    assert recorded in _texts(at)
    assert project["id"] not in [q["id"] for q in moderation.queue(official)]
