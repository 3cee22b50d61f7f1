"""The priority index page with Streamlit's AppTest, in French and Arabic, on the real communes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank.settings import REPO_ROOT
from coopbank.ui import i18n
from coopbank.ui.i18n import place_name
from planning import priority
from tests.apptest import ok, open_page

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/priority.py"


def _page(**query: str) -> AppTest:
    return open_page(PAGE, **query)


_ok = ok


def _table(at: AppTest):
    return at.dataframe[0].value  # the ranking comes first, the method's table last


def _weights(at: AppTest) -> dict[str, float]:
    return {k: at.slider(key=f"weight-{k}").value for k in priority.INDICATORS}


@pytest.mark.parametrize(("lang", "title", "rank"), [("fr", "Indice de priorité", "Rang"),
                                                     ("ar", "مؤشر الأولوية", "الرتبة")])
def test_the_page_ranks_like_commune_priority(loaded_db, lang, title, rank):
    at = _page(lang=lang)
    assert at.title[0].value == title
    assert _weights(at) == priority.weights_for(preset="rural_mountain")
    table = _table(at)
    truth = priority.commune_priority(preset="rural_mountain")
    first = truth.iloc[0]
    assert table[rank].iloc[0] == 1
    assert table.iloc[0, 1] == first["code"]
    assert table.iloc[0, 2] == place_name(first["name_fr"], first["name_ar"], lang)
    assert len(table) == 1503
    assert not at.warning  # no project stored: nothing is demo


def test_a_preset_sets_the_weights_and_a_slider_makes_them_custom(loaded_db):
    at = _page()
    at.selectbox(key="preset-fr").set_value("jobs_first")
    _ok(at.run())
    assert _weights(at) == priority.weights_for(preset="jobs_first")
    assert at.query_params["preset"] == "jobs_first"
    assert _table(at)["Code"].iloc[0] == priority.commune_priority(preset="jobs_first")["code"].iloc[0]
    at.slider(key="weight-road").set_value(4.0)
    _ok(at.run())
    assert at.selectbox(key="preset-fr").value == "custom"
    wanted = {**priority.weights_for(preset="jobs_first"), "road": 4.0}
    assert priority.decode_weights(at.query_params["weights"]) == wanted
    assert _table(at)["Code"].iloc[0] == priority.commune_priority(wanted)["code"].iloc[0]


def test_the_url_reopens_the_same_view(loaded_db):
    weights = {**priority.weights_for(preset="balanced"), "jobs": 5.0}
    at = _page(lang="ar", level="region", preset="custom", weights=priority.encode_weights(weights))
    assert at.radio(key="level-ar").value == "region"
    assert at.selectbox(key="preset-ar").value == "custom"
    assert _weights(at) == weights
    table = _table(at)
    assert len(table) == 12
    assert table["الرمز"].iloc[0] == priority.rolled_up("region", weights)["code"].iloc[0]


def test_a_broken_link_falls_back_to_the_default_view(loaded_db):
    at = _page(level="cercle", preset="custom", weights="rural:-3")
    assert at.radio(key="level-fr").value == "commune"
    assert at.selectbox(key="preset-fr").value == priority.DEFAULT_PRESET
    assert not at.error


def test_demo_projects_are_flagged(sample_db):
    at = _page()
    assert any("DÉMO" in w.value for w in at.warning)


def test_every_message_of_the_method_file_is_translated():
    wanted = {p.label for p in priority.PRESETS.values()} | set(priority.METHOD)
    for spec in priority.INDICATORS.values():
        wanted |= {spec.label, spec.unit, spec.source, spec.computed}
    for lang in i18n.LANGUAGES:
        assert not sorted(wanted - set(i18n.catalogue(lang))), lang
