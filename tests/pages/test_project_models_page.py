"""The project models page with AppTest, in FR and AR: the catalogue, one model, adopting it, the editor."""

from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import submissions
from coopbank.settings import REPO_ROOT
from coopbank.ui import i18n
from coopbank.ui.layout import plain
from planning import project_models as pm
from tests.apptest import open_page
from tests.coopbank.test_submissions import make_user

PAGE = "pages/project_models.py"
SAFFRON = "safran_sechage_conditionnement"


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "success", "error", "info", "subheader",
                                               "header", "title", "warning") for e in getattr(at, kind))


def test_every_validation_message_is_translated():
    tree = ast.parse((REPO_ROOT / "planning" / "project_models.py").read_text(encoding="utf-8"))
    wanted = {a.value for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "InvalidModel" for a in node.args if isinstance(a, ast.Constant)}
    assert wanted
    for lang in ("fr", "ar"):
        missing = sorted(w for w in wanted if w not in i18n.catalogue(lang))
        assert not missing, (lang, missing)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_catalogue_lists_every_model_by_sector(sample_db, lang):
    at = open_page(PAGE, lang=lang)
    text = _texts(at)
    models = pm.catalogue()
    assert [m.code for m in models if plain(m.name(lang)) not in text] == []
    assert i18n.translate("Project models", lang) in text
    links = list(at.get("page_link"))
    assert len(links) >= len(models)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_model_shows_its_figures_its_plan_and_asks_a_visitor_to_sign_in(sample_db, lang):
    at = open_page(PAGE, lang=lang, model=SAFFRON)
    text = _texts(at)
    saffron = pm.model(SAFFRON)
    assert plain(saffron.name(lang)) in text and plain(saffron.description(lang)) in text
    for heading in ("Investment", "Jobs and members", "Business plan", "Where this model fits",
                    "Territorial conditions"):
        assert i18n.translate(heading, lang) in text, heading
    assert i18n.translate("Sign in as a project holder to adopt it.", lang) in text
    assert not [b for b in at.button if b.label == i18n.translate("Adopt this model", lang)]
    assert at.metric, "the business plan's key figures"
    assert not [h for h in at.header if h.value == i18n.translate("Edit this model", lang)]


def test_financing_changes_the_plan(sample_db):
    at = open_page(PAGE, lang="fr", model=SAFFRON)
    before = [m.value for m in at.metric]
    at.number_input(key=f"pm-bank-{SAFFRON}-fr").set_value(100000.0)
    at.number_input(key=f"pm-term-{SAFFRON}-fr").set_value(5)
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric] != before


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_holder_adopts_a_model_and_lands_in_the_wizard(sample_db, lang):
    holder = make_user(sample_db, "holder")
    at = open_page(PAGE, lang=lang, model=SAFFRON, actor=holder)
    [button] = [b for b in at.button if b.label == i18n.translate("Adopt this model", lang)]
    button.click().run()
    assert not at.exception
    text = _texts(at)
    assert i18n.translate("Submit a project", lang) in text
    saffron = pm.model(SAFFRON)
    assert plain(saffron.name(lang)) in text  # "adopted from the model: …"
    assert at.text_input(key="wiz-title_fr").value == saffron.name_fr
    [draft] = submissions.my_drafts(holder)
    assert draft.data["model_code"] == SAFFRON


def test_the_wizard_opens_a_draft_given_in_the_url(sample_db):
    holder = make_user(sample_db, "holder")
    draft_id = submissions.start_from_model(holder, "gite_rural")
    at = open_page("pages/submit_project.py", lang="fr", actor=holder, draft=str(draft_id))
    assert at.text_input(key="wiz-title_fr").value == pm.model("gite_rural").name_fr
    assert "Gîte" in _texts(at)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_official_edits_a_model_with_messages_in_their_language_and_sees_its_history(sample_db, lang):
    official = make_user(sample_db, "official", region_code="08")
    at = open_page(PAGE, lang=lang, model="miel_montagne", actor=official)
    assert i18n.translate("Edit this model", lang) in _texts(at)
    k = f"miel_montagne-{lang}"
    at.text_input(key=f"pm-women-{k}").set_value("1.5")
    [save] = [b for b in at.button if b.label == i18n.translate("Save the model", lang)]
    save.click().run()
    assert not at.exception
    expected = i18n.translate("{field} must be a share between 0 and 1", lang).format(
        field=i18n.translate("Women's share of jobs (0–1)", lang))
    assert plain(expected) in [e.value for e in at.error]
    at.text_input(key=f"pm-women-{k}").set_value("0.5")
    at.text_input(key=f"pm-jobs-{k}").set_value("9")
    [save] = [b for b in at.button if b.label == i18n.translate("Save the model", lang)]
    save.click().run()
    assert not at.exception and at.success
    assert pm.model("miel_montagne").jobs_direct == 9
    assert official.audit_name in [str(v) for frame in at.dataframe for v in frame.value.iloc[:, 1]]
