"""The job-estimates method page with Streamlit's AppTest: FR/AR, the current version, saving a new version."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank.access import Actor
from coopbank.settings import REPO_ROOT
from coopbank.ui.i18n import translate
from planning import job_model_store
from tests.apptest import open_page

APP = str(REPO_ROOT / "app.py")
PAGE, SHEET = "pages/job_model.py", "pages/project_sheet.py"


ADMIN = Actor(user_id=3, username="amina", role="admin", display_name="Amina (ODCO)")


def _page(page: str = PAGE, **query: str) -> AppTest:
    return open_page(page, actor=ADMIN, **query)


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "success", "error", "info")
                     for e in getattr(at, kind))


@pytest.mark.parametrize(("lang", "title"), [("fr", "Estimations d'emplois : méthode"),
                                              ("ar", "تقديرات مناصب الشغل: المنهجية")])
def test_the_method_page_renders_the_current_version(sample_db, lang, title):
    at = _page(lang=lang)
    assert at.title[0].value == title
    model = job_model_store.current_model()
    assert f"**{translate('Version', lang)} {model.version}**" in _texts(at)
    coefficients, zones, multipliers, sources = (d.value for d in at.dataframe[:4])
    assert len(coefficients) == len(model.content["sectors"])
    assert (len(zones), len(multipliers), len(sources)) == (3, 2, len(model.content["sources"]))
    assert not at.error


def _edit(at: AppTest, *, note: str, above: float) -> AppTest:
    version = job_model_store.current_model().version
    at.number_input(key=f"jm-above-{version}").set_value(above)
    at.text_area(key=f"jm-note-{version}").input(note)
    next(b for b in at.button if b.label == "Enregistrer comme nouvelle version").click()
    return at.run()


def test_a_save_without_a_note_is_refused_and_nothing_is_lost(sample_db):
    before = job_model_store.current_model()
    at = _edit(_page(), note="", above=3.0)
    assert translate("A note saying what changed and why is required", "fr") in at.error[0].value
    assert job_model_store.current_model().version == before.version
    assert at.number_input(key=f"jm-above-{before.version}").value == 3.0  # the edit is still there


def test_saving_an_edit_creates_a_version_shown_by_the_sheet(sample_db):
    before = job_model_store.current_model()
    at = _edit(_page(), note="flag: 3 × high", above=3.0)
    after = job_model_store.current_model()
    assert after.version == before.version + 1 and after.content["flag"]["above_factor"] == 3
    assert after.created_by == "amina#3"
    assert f"Enregistré comme version {after.version}." in _texts(at)
    assert f"**Version {after.version}**" in _texts(at)
    diff = at.dataframe[-1].value
    assert diff.iloc[:, 0].tolist() == ["flag.above_factor"]
    sheet = _page(SHEET, ref="T-IFR-001")
    assert f"Version du modèle d'emplois {after.version}" in [c.value for c in sheet.caption]
