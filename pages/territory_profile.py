"""Territory profile (``?level=commune&code=03.271.01.03``): key figures, projects and comparisons of one unit."""

from typing import Any

import pandas as pd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from coopbank import profile, projects
from coopbank.territory import INDICATORS
from coopbank.ui import cached, fit_view, maps
from coopbank.ui.i18n import localised, number, percent, place_name
from coopbank.ui.layout import current_language, guarded, t
from planning import job_model_store, jobs, model_fit

lang = current_language()
st.title(t("Territory profile"))
st.caption(t("Key figures of a region, province or commune, its projects and how it compares."))

regions = guarded(cached.regions)
if regions is None:
    st.stop()


def names(frame: pd.DataFrame) -> dict[str, str]:
    return {r.code: place_name(r.name_fr, r.name_ar, lang) for r in frame.itertuples()}


def known(level: str, code: str) -> bool:
    """Whether the URL's ``level`` and ``code`` name an existing unit."""
    region = code.split(".")[0]
    if profile.level_of(code) != level or region not in set(regions["code"]):
        return False
    return level == "region" or code in set(cached.units(level, region, with_geometry=False)["code"])


asked_level, asked = st.query_params.get("level", ""), st.query_params.get("code", "")
if asked and not guarded(lambda: known(asked_level, asked)):
    st.warning(t("This territory is not known: showing the first region instead."))
    asked = ""
wanted = asked.split(".") if asked else []


def pick(where: st.delta_generator.DeltaGenerator, label: str, options: dict[str, str], *, key: str,
         whole: str | None, default: str) -> str | None:
    """A select box over ``options`` starting at ``default``; ``whole`` names a first "all of it" entry."""
    codes: list[str | None] = ([None] if whole else []) + list(options)
    return where.selectbox(label, codes, format_func=lambda c: options[c] if c else str(whole), key=key,
                           index=codes.index(default) if default in codes else 0)


left, middle, right = st.columns(3)
region = pick(left, t("Region"), names(regions), key=f"tp-region-{lang}", whole=None,
              default=".".join(wanted[:1])) or str(regions["code"].iloc[0])
communes = guarded(lambda: cached.units("commune", region))
provinces = guarded(lambda: cached.units("province", region))
if communes is None or provinces is None:
    st.stop()
province = pick(middle, t("Province"), names(provinces), key=f"tp-province-{lang}-{region}",
                whole=t("The whole region"), default=".".join(wanted[:2]))
commune = None
if province:
    communes = communes[communes["province_code"] == province]
    commune = pick(right, t("Commune"), names(communes), key=f"tp-commune-{lang}-{province}",
                   whole=t("The whole province"), default=asked)
level, code = next((lv, c) for lv, c in (("commune", commune), ("province", province), ("region", region)) if c)
for key, value in (("level", level), ("code", code)):
    if st.query_params.get(key) != value:
        st.query_params[key] = value

units = {"region": cached.units("region", None), "province": provinces, "commune": communes}[level]
row = units[units["code"] == code].iloc[0].to_dict()
found = guarded(lambda: (profile.project_totals(level, code), profile.sector_mix(level, code),
                         profile.comparison(row), profile.commune_terrain(code) if level == "commune" else None))
if found is None:
    st.stop()
totals, mix, compared, terrain = found

st.header(place_name(row["name_fr"], row["name_ar"], lang))
level_name = {"region": t("Region"), "province": t("Province"), "commune": t("Commune")}[level]
st.caption(f"{level_name} · {t('HCP code')}: {code}")


def cards(items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """``st.metric`` cards (label, value, options), four to a row."""
    for first in range(0, len(items), 4):
        for where, (label, value, options) in zip(st.columns(4), items[first:first + 4], strict=False):
            where.metric(label, value, **options)


def money(value: float) -> str:
    return f"{number(value, lang)} {t('MAD')}"


change = row["change_pct"]
mountain = ([(t("Population in mountain communes"), percent(row["mountain_share"], lang), {})] if terrain is None
            else [(t("Mountain commune"), {True: t("Yes"), False: t("No")}.get(terrain["is_mountain"], "–"),
                   {"help": t("More than half of its area is mountain by the UNEP-WCMC / EU test.")}),
                  (t("Mean elevation"), f"{number(terrain['elevation_mean_m'], lang)} {t('m')}", {}),
                  (t("Mountain share of the area"), percent(terrain["mountain_area_share"], lang), {})])
cards([
    (t("Population 2024"), number(row["population_2024"], lang),
     {"delta": None if pd.isna(change) else f"{number(change, lang, decimals=1)} % {t('since 2014')}"}),
    (t("Rural population share"), percent(row["rural_share"], lang), {}),
    *mountain,
    (t("Businesses per 1,000 inhabitants (HCP 2024)"), number(row["businesses_per_1000"], lang, decimals=1), {}),
    (t("Permanent jobs per 1,000 inhabitants (HCP 2024)"), number(row["jobs_per_1000"], lang, decimals=1), {}),
])

st.subheader(t("Projects of the bank"))
cards([(t("Projects"), number(totals["projects"], lang), {}),
       (t("Investment needed"), money(totals["investment_mad"]), {}),
       (t("Funding secured"), money(totals["secured_mad"]), {}),
       (t("Expected direct jobs"), number(totals["jobs_direct"], lang), {})])

estimated = guarded(lambda: (job_model_store.current_model(), profile.unit_projects(level, code)))
if estimated is not None and totals["projects"]:
    model, unit_projects = estimated
    sums = jobs.territory_estimates(unit_projects, model, level).set_index("code").loc[code]
    st.subheader(t("Estimated jobs"))
    if sums["demo_projects"]:
        st.badge(t("DEMO"), icon=":material/science:", color="orange")
        st.caption(t("{demo} of these {projects} projects are generated demo data.").format(
            demo=number(sums["demo_projects"], lang), projects=number(sums["projects"], lang)))

    def jobs_range(kind: str) -> str:
        return jobs.range_text(*(sums[f"{kind}_{b}"] for b in jobs.BOUNDS), lang=lang, central_label=t("central"))

    # Ranges are too long for metric cards: a list keeps them whole.
    st.markdown("\n".join(f"- **{label}**: {value}" for label, value in (
        (t("Estimated direct jobs"), jobs_range("direct")),
        (t("Estimated jobs in all (direct, indirect and induced)"), jobs_range("total")),
        (t("Projects without an estimate (investment not known)"), number(sums["without_estimate"], lang)))))
    cut = f" · {t('More projects than one read returns: only the first ones are counted.')}"
    st.caption(f"{t('Job model version')} {model.version}" + (cut if unit_projects.attrs.get("truncated") else ""))
    st.page_link("pages/job_model.py", label=t("How jobs are estimated"), icon=":material/calculate:")

chart, side = st.columns(2)
with chart:
    st.subheader(t("Sector mix"))
    if mix.empty:
        st.info(t("No project yet in this territory."))
    else:
        sectors = cached.sectors().set_index("code")
        mix = mix.assign(sector=[localised(sectors.at[s, "label_fr"], sectors.at[s, "label_ar"], lang)
                                 if s in sectors.index else s for s in mix["sector_code"]])
        figure = px.bar(mix, x="sector", y="projects", text="projects", height=380,
                        labels={"sector": t("Sector"), "projects": t("Projects")})
        figure.update_yaxes(dtick=max(1, int(mix["projects"].max()) // 5))
        st.plotly_chart(figure, width="stretch", key=f"tp-sectors-{lang}")
with side:
    st.subheader(t("Map"))
    if isinstance(row["geojson"], str):
        inside = None if level == "commune" else communes
        st_folium(maps.territory_map(row["geojson"], inside, lang=lang), height=380, use_container_width=True,
                  returned_objects=[], key=f"tp-map-{lang}-{code}")
    else:
        st.caption(t("This territory has no boundary to draw."))

st.subheader(t("Project models that fit here"))


def models_here() -> pd.DataFrame:
    """The catalogue's models that fit this commune (or some commune of this province or region)."""
    fits = fit_view.fits(projects.data_version())
    if level == "commune":
        return model_fit.models_for_commune(code, fits=fits)
    return model_fit.models_for_unit(level, code, fits=fits)


fitting = guarded(models_here)
if fitting is not None and fitting.empty:
    st.info(t("No model of the catalogue meets this territory's conditions."))
elif fitting is not None:
    for item in fitting.itertuples():
        where = (t("rank {rank} of {n} communes").format(rank=number(item.rank, lang),
                                                         n=number(item.communes_ranked, lang))
                 if level == "commune" else
                 t("fits {here} of its communes; best: {best}, rank {rank}").format(
                     here=number(item.communes_here, lang),
                     best=place_name(item.best_name_fr, item.best_name_ar, lang), rank=number(item.best_rank, lang)))
        score = item.score if level == "commune" else item.best_score
        st.page_link("pages/project_models.py", query_params={"model": item.model_code}, icon=":material/lightbulb:",
                     label=f"{localised(item.name_fr, item.name_ar, lang)} · {t('Suitability for the model')} "
                           f"{number(score * 100, lang)} / 100 · {where}")
    st.caption(t("Suitability of each project model of the catalogue: its conditions, the HCP sector base, the "
                 "priority index and the similar projects nearby."))

st.subheader(t("Compared with"))
headers = {"territory": t("This territory"), "region": t("Its region"), "national": t("Morocco")}
shown = compared.apply(lambda column: [percent(v, lang) if k in INDICATORS and INDICATORS[k].percent else
                                       number(v, lang, decimals=1) + (" %" if k == "change_pct" else "")
                                       for k, v in column.items()])
shown.index = [t(INDICATORS[k].label) if k in INDICATORS else t("Projects per 100,000 inhabitants")
               for k in compared.index]
st.dataframe(shown.rename(columns=headers), width="stretch", key="tp-compared")
st.caption(t("Sources: HCP, RGPH 2024 and 2014, establishments mapping 2024; boundaries © OpenStreetMap contributors."))
