"""Where a project model fits, drawn for a page: a suitability map of the communes and the top of the ranking.

``show_fit(model_code, lang)`` is called by the project models page; the
ranking comes from :func:`planning.model_fit.fit_communes`, cached per model
and project data version.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from coopbank import projects
from coopbank.territory import Indicator
from coopbank.ui import cached, maps
from coopbank.ui.i18n import number, place_name, translate
from coopbank.ui.layout import guarded
from planning import model_fit

SUITABILITY = Indicator("score_100", "Suitability for the model", "0–100, 100 = best fit")
TOP = 20


@st.cache_data(ttl=600, show_spinner=False)
def ranking(model_code: str, version: str) -> pd.DataFrame:
    """Every commune that fits ``model_code``; ``version`` (the project data stamp) keys the saturation factor."""
    return model_fit.fit_communes(model_code)


@st.cache_data(ttl=600, show_spinner=False)
def fits(version: str) -> dict[str, pd.DataFrame]:
    """Every model's ranking (:func:`planning.model_fit.all_fits`), cached per project data version."""
    return model_fit.all_fits()


def show_fit(model_code: str, lang: str, *, top: int = TOP) -> None:
    """The suitability map of the communes for ``model_code`` and its ``top`` communes, in ``lang``."""
    def t(message: str) -> str:
        return translate(message, lang)

    found = guarded(lambda: (ranking(model_code, projects.data_version()), cached.units("commune", None)))
    if found is None:
        return
    communes, shapes = found
    st.subheader(t("Where this model fits"))
    if communes.empty:
        st.info(t("No commune meets this model's conditions."))
        return
    st.caption(t("{n} communes meet the model's conditions.").format(n=number(len(communes), lang)))
    if not communes.attrs.get("model_link", True):
        st.caption(t("Projects do not record their model yet: only projects of the same sub-sector count as "
                     "nearby."))
    if communes.attrs.get("includes_demo"):
        st.caption(t("Nearby projects include generated demo projects (DEMO)."))
    shown = shapes[["code", "name_fr", "name_ar", "geojson"]].merge(communes[["code", "score"]], on="code",
                                                                    how="left")
    shown["score_100"] = shown["score"] * 100
    st_folium(maps.choropleth(shown, SUITABILITY, lang=lang), height=520, use_container_width=True,
              returned_objects=[], key=f"fit-map-{lang}-{model_code}")
    head = communes.head(top)
    table = pd.DataFrame({
        t("Rank"): head["rank"], t("Code"): head["code"],
        t("Commune"): [place_name(fr, ar, lang) for fr, ar in zip(head["name_fr"], head["name_ar"], strict=True)],
        t("Suitability for the model"): head["score"] * 100,
        **{t(model_fit.CONFIG.factors[k].label): head[model_fit.contribution_column(k)] * 100
           for k in model_fit.FACTORS},
        t("Why"): [model_fit.reason_text(r, lang) for r in head["reasons"]],
    })
    number_format = {c: st.column_config.NumberColumn(c, format="%.1f") for c in table.columns[3:-1]}
    st.dataframe(table, hide_index=True, width="stretch", column_config=number_format, key=f"fit-table-{lang}")
    st.caption(t("Score and contributions on a 0–100 scale: the contributions of the factors add up to the score."))
    with st.expander(t("How suitability is computed")):
        st.markdown("\n".join(f"1. {t(step)}" for step in model_fit.METHOD))
        st.caption(f"{t('Method version')}: {model_fit.VERSION}")
