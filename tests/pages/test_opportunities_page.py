"""The opportunities catalogue page and the project sheet's "Eligible programmes", with AppTest, in FR and AR."""

from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import opportunities as opp
from coopbank.access import Actor
from coopbank.settings import REPO_ROOT
from coopbank.ui import i18n
from tests.apptest import open_page

PAGE, SHEET = "pages/opportunities.py", "pages/project_sheet.py"
OFFICIAL = Actor(user_id=51, username="amina.official", role="official", region_code="05")
INVESTOR = Actor(user_id=52, username="ivan.investor", role="investor")


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "success", "error", "info", "subheader",
                                               "header") for e in getattr(at, kind))


def _buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_every_message_of_the_domain_is_translated():
    """Reasons and validation messages are shown through translate(): their msgids must be catalogued."""
    wanted = set()
    tree = ast.parse((REPO_ROOT / "coopbank" / "opportunities.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "Reason", "InvalidOpportunity", "DataMissing"):
            wanted |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                       and " " in a.value}
        if isinstance(node, ast.IfExp):
            wanted |= {a.value for a in (node.body, node.orelse) if isinstance(a, ast.Constant)
                       and isinstance(a.value, str) and "{" in a.value}
    assert len(wanted) > 30
    for lang in i18n.LANGUAGES:
        missing = sorted(wanted - set(i18n.catalogue(lang)))
        assert not missing, f"locale/{lang}/opportunities.po lacks {missing}"
        for message in wanted:  # placeholders survive translation
            assert sorted(_fields(message)) == sorted(_fields(i18n.translate(message, lang))), message


def _fields(text: str) -> list[str]:
    import string
    return [f for _, f, _, _ in string.Formatter().parse(text) if f]


@pytest.mark.parametrize(("lang", "title", "tabs", "forsa"), [
    ("fr", "Catalogue des opportunités", ["Financement", "Formation", "Partenariat"],
     "Forsa : prêt d'honneur et accompagnement des porteurs de projets"),
    ("ar", "دليل الفرص", ["التمويل", "التكوين", "الشراكة"], "برنامج فرصة: قرض شرف ومواكبة حاملي المشاريع"),
])
def test_a_visitor_sees_the_catalogue_by_kind_without_the_editor(sample_db, lang, title, tabs, forsa):
    at = open_page(PAGE, lang=lang)
    assert at.title[0].value == title
    assert [tab.label for tab in at.tabs] == tabs
    assert forsa in _texts(at).replace("\\", "")
    assert not [b for b in at.button if "op-form" in str(b.id)]
    assert not at.error
    assert len(at.selectbox(key=f"op-pick-{lang}").options) == len(opp.catalogue())


@pytest.mark.parametrize(("lang", "reason"), [("fr", "secteur : Agriculture ✓"), ("ar", "القطاع: الفلاحة ✓")])
def test_the_picker_lists_the_projects_eligible_with_why(sample_db, lang, reason):
    at = open_page(PAGE, lang=lang, programme="ocp_al_moutmir")
    assert at.selectbox(key=f"op-pick-{lang}").value == "ocp_al_moutmir"
    table = at.dataframe[0].value
    assert sorted(table.iloc[:, 0]) == ["T-IFR-001", "T-ZAG-006"]
    assert all(reason in why for why in table.iloc[:, -1])
    at.selectbox(key=f"op-pick-{lang}").set_value("odco_taawounya_academy").run()
    table = at.dataframe[0].value
    assert len(table) == 6 and at.query_params["programme"] == "odco_taawounya_academy"
    demo = i18n.translate("DEMO", lang)
    assert sorted(table[table.iloc[:, 1] == demo].iloc[:, 0]) == ["T-DRA-003", "T-TIN-002"]  # demo is marked


def test_an_investor_gets_no_editor(sample_db):
    at = open_page(PAGE, actor=INVESTOR)
    assert "Enregistrer l'entrée" not in _buttons(at)
    assert "Modifier le catalogue" not in _texts(at)


def test_an_official_edits_an_entry_with_messages_in_their_language_and_sees_the_history(sample_db):
    at = open_page(PAGE, actor=OFFICIAL, lang="ar")
    at.selectbox(key="op-edit-ar").set_value("forsa").run()
    before = opp.opportunity("forsa")
    at.number_input(key="op-age_min-forsa-ar").set_value(50)
    at.number_input(key="op-age_max-forsa-ar").set_value(30)
    next(b for b in at.button if b.label == "حفظ المدخل").click().run()
    assert "السن الأدنى أكبر من السن الأقصى" in at.error[0].value
    assert opp.opportunity("forsa") == before  # nothing stored
    assert at.number_input(key="op-age_max-forsa-ar").value == 30  # nothing typed is lost
    at.number_input(key="op-age_max-forsa-ar").set_value(60)
    next(b for b in at.button if b.label == "حفظ المدخل").click().run()
    assert not at.error, [e.value for e in at.error]
    after = opp.opportunity("forsa")
    assert (after["age_min"], after["age_max"], after["updated_by"]) == (50, 60, OFFICIAL.audit_name)
    history = at.dataframe[-1].value
    assert history.iloc[0, 1] == OFFICIAL.audit_name and "السن الأقصى" in history.iloc[0, 3]
    opp.save_opportunity(OFFICIAL, before)  # restore for the other tests


@pytest.mark.parametrize(("lang", "heading", "reasons"), [
    ("fr", "Programmes éligibles", ["secteur : Argan ✓", "commune rurale ✓",
                                    "inconnu : âge du porteur non renseigné"]),
    ("ar", "البرامج المؤهل لها", ["القطاع: الأركان ✓", "جماعة قروية ✓", "غير معروف: سن حامل المشروع غير مسجل"]),
])
def test_the_project_sheet_lists_eligible_programmes_with_the_rules_matched(sample_db, lang, heading, reasons):
    at = open_page(SHEET, ref="T-SOU-004", lang=lang)
    assert heading in [s.value for s in at.subheader]
    text = _texts(at).replace("\\", "")
    for reason in reasons:
        assert reason in text
    assert "Génération Green" not in text  # argan is not among its sectors
    assert i18n.translate("Job estimate", lang) in [s.value for s in at.subheader]  # the colleague's section stays
