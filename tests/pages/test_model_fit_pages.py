"""The "project models that fit here" section of the territory profile, and show_fit, in French and Arabic."""

from __future__ import annotations

import pytest

from coopbank.ui.i18n import translate
from tests.apptest import open_page

PAGE = "pages/territory_profile.py"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_profile_lists_the_models_that_fit_a_commune(sample_db, lang):
    at = open_page(PAGE, lang=lang, level="commune", code="09.541.07.65")
    assert translate("Project models that fit here", lang) in [h.value for h in at.subheader]
    links = list(at.get("page_link"))
    assert links, "no model link"
    assert any("presse_huile_argan" in str(p.proto) for p in links)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_profile_of_a_province_lists_models(sample_db, lang):
    at = open_page(PAGE, lang=lang, level="province", code="09.541")
    assert translate("Project models that fit here", lang) in [h.value for h in at.subheader]


SHOW_FIT = """
import streamlit as st
from coopbank.ui.fit_view import show_fit
show_fit(st.query_params.get("model", "presse_huile_argan"), st.query_params.get("lang", "fr"))
"""


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_show_fit_draws_the_ranking(sample_db, lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(SHOW_FIT, default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert translate("Where this model fits", lang) in [h.value for h in at.subheader]
    table = at.dataframe[0].value
    assert len(table) == 20 and table.iloc[0, 0] == 1
