"""The scenarios page with Streamlit's AppTest, in French and Arabic: two scenarios side by side, save, reopen."""

from __future__ import annotations

import uuid

import pytest
from streamlit.testing.v1 import AppTest

from coopbank.access import Actor
from coopbank.settings import REPO_ROOT
from coopbank.ui.i18n import number, percent, translate
from planning import jobs
from planning.scenario_store import ScenarioParams, run_scenario, saved_scenarios
from tests.apptest import ok, open_page

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/scenarios.py"


_ok = ok


PLANNER = Actor(user_id=5, username="amina", role="official", display_name="Amina Planner")


def _page(lang: str = "fr") -> AppTest:
    return open_page(PAGE, lang=lang, actor=PLANNER)


def _metrics(at: AppTest, label: str, lang: str) -> list[str]:
    """The value of the metric ``label`` in scenario A, then B."""
    return [m.value for m in at.metric if m.label == translate(label, lang)]


def _set(at: AppTest, side: str, lang: str, *, envelope: float, rule: str, region: str = "") -> None:
    at.number_input(key=f"sc-envelope-{side}").set_value(envelope)
    at.selectbox(key=f"sc-rule-{side}-{lang}").set_value(rule)
    at.selectbox(key=f"sc-region-{side}-{lang}").set_value(region)


def _assert_shows(at: AppTest, lang: str, truths: list) -> None:
    """Scenario A's and B's figures on the page are those of planning.scenario on the same data."""
    summaries = [truth.summary for truth in truths]
    assert _metrics(at, "Allocated (MAD)", lang) == [number(s["allocated_mad"], lang) for s in summaries]
    assert _metrics(at, "Unallocated (MAD)", lang) == [number(s["unallocated_mad"], lang) for s in summaries]
    assert _metrics(at, "Projects funded", lang) == [number(s["projects_funded"], lang) for s in summaries]
    assert _metrics(at, "Rural: money", lang) == [percent(s["shares"]["rural_money"], lang, decimals=0)
                                                  for s in summaries]
    assert _metrics(at, "Mountain: jobs", lang) == [percent(s["shares"]["mountain_jobs"], lang, decimals=0)
                                                    for s in summaries]
    text = "\n".join(str(m.value) for m in at.markdown)
    for s in summaries:
        direct = s["jobs"]["direct"]
        assert jobs.range_text(direct["low"], direct["central"], direct["high"], lang=lang,
                               central_label=translate("central", lang)) in text
    for side, truth in zip("AB", truths, strict=True):
        table = next(d for d in at.dataframe if d.key == f"sc-table-{side}").value
        assert list(table[translate("Reference", lang)]) == list(truth.funded["reference"].head(50))


@pytest.mark.parametrize(("lang", "title"), [("fr", "Scénarios d'investissement"), ("ar", "سيناريوهات الاستثمار")])
def test_two_scenarios_side_by_side_match_the_domain(investor_db, lang, title):
    at = _page(lang)
    assert at.title[0].value == title
    _set(at, "A", lang, envelope=3_000_000.0, rule="priority")
    _set(at, "B", lang, envelope=600_000.0, rule="equal_by_region", region="08")
    _ok(at.run())
    truths = [run_scenario(ScenarioParams(envelope_mad=3_000_000, rule="priority")),
              run_scenario(ScenarioParams(envelope_mad=600_000, rule="equal_by_region", region_code="08"))]
    _assert_shows(at, lang, truths)
    assert truths[0].summary["includes_demo"]  # all 2.8 M MAD of gap, T-AGR-102 (demo) too
    assert translate("Includes demo projects (DEMO)", lang) in "\n".join(str(m.value) for m in at.markdown)
    assert at.get("plotly_chart")  # the reach of A and B compared


def test_save_then_reopen_into_the_other_column(investor_db):
    at = _page()
    _set(at, "B", "fr", envelope=900_000.0, rule="custom")
    _ok(at.run())
    at.number_input(key="sc-w-rural-B").set_value(3.0)
    at.number_input(key="sc-w-jobs_per_mad-B").set_value(0.0)
    _ok(at.run())
    name = f"Montagne d'abord {uuid.uuid4().hex[:6]}"
    at.radio(key="sc-save-side").set_value("B")
    at.text_input(key="sc-save-name").set_value(name)
    next(b for b in at.button if b.label == "Enregistrer").click()
    _ok(at.run())
    assert [s.value for s in at.success] == ["Scénario enregistré."]
    saved = saved_scenarios().set_index("name").loc[name]
    assert saved["created_by"] == "amina#5" and saved["rule"] == "custom"
    assert name in next(d.value for d in at.dataframe if "Enregistré par" in d.value.columns)["Nom"].tolist()

    at.selectbox(key="sc-saved-pick").set_value(int(saved["id"]))
    at.button(key="sc-open-A").click()
    _ok(at.run())
    assert at.number_input(key="sc-envelope-A").value == 900_000
    assert at.selectbox(key="sc-rule-A-fr").value == "custom"
    assert at.number_input(key="sc-w-rural-A").value == 3.0
    truth = run_scenario(ScenarioParams(envelope_mad=900_000, rule="custom",
                                        weights={"priority": 1, "jobs_per_mad": 0, "rural": 3, "mountain": 1}))
    _assert_shows(at, "fr", [truth, truth])


def test_a_save_without_a_name_says_so_and_saves_nothing(investor_db):
    at = _page()
    before = len(saved_scenarios())
    next(b for b in at.button if b.label == "Enregistrer").click()
    _ok(at.run())
    assert "Donnez un nom au scénario" in at.error[0].value
    assert len(saved_scenarios()) == before


@pytest.mark.parametrize(("lang", "empty"), [("fr", "aucun projet"), ("ar", "لا يضم البنك أي مشروع")])
def test_an_empty_bank_says_so(loaded_db, lang, empty):
    at = _page(lang)
    assert empty in at.info[0].value
    assert not at.error and not at.dataframe and not at.metric
