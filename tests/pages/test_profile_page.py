"""The territory profile page with Streamlit's AppTest, in French and Arabic, on real data and sample projects."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import projects, territory
from coopbank.settings import REPO_ROOT
from coopbank.ui.i18n import number, percent, translate
from tests.apptest import open_page

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/territory_profile.py"
UNITS = [("region", "05"), ("province", "03.271"), ("commune", "03.271.01.03")]
TITLE = {"fr": "Profil du territoire", "ar": "بطاقة المجال الترابي"}


def _page(**query: str) -> AppTest:
    return open_page(PAGE, **query)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("bank", ["loaded_db", "sample_db"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize(("level", "code"), UNITS)
def test_profile_renders(request, bank, lang, level, code):
    request.getfixturevalue(bank)
    at = _page(lang=lang, level=level, code=code)
    assert at.title[0].value == TITLE[lang]
    assert (at.query_params["level"], at.query_params["code"]) == (level, code)
    assert not at.warning
    shown = _metrics(at)
    totals = projects.metrics_by_territory(projects.ProjectFilters(), level=level).set_index("code")
    count = int(totals.at[code, "projects"]) if code in totals.index else 0
    assert shown[translate("Projects", lang)] == number(count, lang)
    if not count:
        assert at.info[0].value == translate("No project yet in this territory.", lang)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_region_figures_equal_the_census(loaded_db, lang):
    shown = _metrics(_page(lang=lang, level="region", code="05"))
    assert shown[translate("Population 2024", lang)] == number(2_525_801, lang)
    row = territory.units("region", with_geometry=False).set_index("code").loc["05"]
    assert shown[translate("Rural population share", lang)] == percent(row["rural_share"], lang)
    assert shown[translate("Population in mountain communes", lang)] == percent(row["mountain_share"], lang)
    for key in ("businesses_per_1000", "jobs_per_1000"):
        label = translate(territory.INDICATORS[key].label, lang)
        assert shown[label] == number(row[key], lang, decimals=1)
    assert shown[translate("Investment needed", lang)] == f"0 {translate('MAD', lang)}"


def test_commune_figures_equal_the_metrics(sample_db):
    shown = _metrics(_page(level="commune", code="03.271.01.03"))
    metrics = projects.metrics_by_territory(projects.ProjectFilters(commune_code="03.271.01.03"), level="commune")
    row = metrics.set_index("code").loc["03.271.01.03"]
    assert shown["Projets"] == number(row["projects"], "fr") == "1"
    assert shown["Investissement nécessaire"] == f"{number(row['investment_mad'], 'fr')} MAD"
    assert shown["Financement acquis"] == f"{number(row['secured_mad'], 'fr')} MAD"
    assert shown["Emplois directs attendus"] == number(row["jobs_direct"], "fr")
    assert shown["Commune de montagne"] == "Oui"
    commune = territory.units("commune", region_code="03", with_geometry=False).set_index("code").loc["03.271.01.03"]
    assert shown["Entreprises pour 1 000 habitants (HCP 2024)"] == number(commune["businesses_per_1000"], "fr",
                                                                          decimals=1)


def test_the_url_reopens_the_territory_and_follows_the_selects(sample_db):
    at = _page(level="commune", code="03.271.01.03")
    assert at.selectbox(key="tp-region-fr").value == "03"
    assert at.selectbox(key="tp-province-fr-03").value == "03.271"
    assert at.selectbox(key="tp-commune-fr-03.271").value == "03.271.01.03"
    at.selectbox(key="tp-commune-fr-03.271").select_index(0).run()
    assert not at.exception
    assert (at.query_params["level"], at.query_params["code"]) == ("province", "03.271")
    at.selectbox(key="tp-region-fr").select("08").run()
    assert (at.query_params["level"], at.query_params["code"]) == ("region", "08")
    assert _metrics(at)["Projets"] == "3"


@pytest.mark.parametrize("query", [{"level": "commune", "code": "99.999.99.99"}, {"level": "region", "code": "03.271"},
                                   {"level": "x", "code": "<b>"}])
def test_an_unknown_territory_falls_back_with_a_message(loaded_db, query):
    at = _page(**query)
    assert at.warning[0].value == "Ce territoire est inconnu : la première région est affichée à la place."
    assert (at.query_params["level"], at.query_params["code"]) == ("region", "01")


def test_without_a_territory_the_first_region_is_shown(loaded_db):
    at = _page(lang="ar")
    assert not at.warning and at.query_params["code"] == "01"
    assert at.dataframe[0].value.shape == (6, 2)  # a region compares with Morocco only


def test_a_commune_without_boundary_or_terrain_says_so(loaded_db):
    at = _page(level="commune", code="04.281.05.11")  # Sidi Mohamed Benmansour has no boundary
    shown = _metrics(at)
    assert shown["Commune de montagne"] == shown["Altitude moyenne"].split()[0] == "–"
    assert "Ce territoire n'a pas de limite à dessiner." in [c.value for c in at.caption]


def _estimated_truth(level: str, code: str) -> dict[str, str]:
    """The job ranges of a unit computed with planning.jobs on the same projects, as the page shows them."""
    from coopbank import profile
    from planning import job_model_store, jobs

    sums = jobs.territory_estimates(profile.unit_projects(level, code), job_model_store.current_model(), level)
    row = sums.set_index("code").loc[code]
    return {kind: jobs.range_text(*(row[f"{kind}_{b}"] for b in jobs.BOUNDS), lang="fr",
                                  central_label="valeur centrale") for kind in ("direct", "total")} | {
        "without": number(row["without_estimate"], "fr"), "demo": int(row["demo_projects"])}


@pytest.mark.parametrize(("level", "code"), [("commune", "03.271.01.03"), ("region", "08")])
def test_estimated_jobs_equal_planning_jobs_on_the_same_projects(sample_db, level, code):
    at = _page(level=level, code=code)
    truth = _estimated_truth(level, code)
    listed = next(m.value for m in at.markdown if "Emplois directs estimés" in m.value).splitlines()
    assert listed == [f"- **Emplois directs estimés**: {truth['direct']}",
                      f"- **Emplois estimés au total (directs, indirects et induits)**: {truth['total']}",
                      f"- **Projets sans estimation (investissement inconnu)**: {truth['without']}"]
    captions = [c.value for c in at.caption]
    assert "Version du modèle d'emplois 1" in captions
    demo_said = any("données de démonstration générées" in c for c in captions)
    assert demo_said == bool(truth["demo"])
    assert (code == "08") == bool(truth["demo"])  # region 08 holds the two demo samples


def test_a_territory_without_projects_has_no_job_estimate(loaded_db):
    at = _page(level="region", code="05")
    assert "Emplois estimés" not in [s.value for s in at.subheader]
