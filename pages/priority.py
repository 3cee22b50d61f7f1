"""Priority index: the communes (provinces, regions) to reach first, with adjustable weights.

The view (``?level=province&preset=custom&weights=rural:3,jobs:1``) lives in the
URL; the index is computed by :mod:`planning.priority` and cached per weights.
"""

import pandas as pd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from coopbank import projects
from coopbank.exports import to_csv
from coopbank.territory import Indicator
from coopbank.ui import cached, maps
from coopbank.ui.i18n import is_rtl, place_name
from coopbank.ui.layout import current_language, guarded, t
from planning import priority

CUSTOM = "custom"
SCORE = Indicator("score_100", "Priority score", "0–100, 100 = highest priority")
lang = current_language()
rtl = is_rtl(lang)
st.title(t("Priority index"))
st.caption(t("Where investment should go first: communes ranked by rurality, mountain terrain, population "
             "decline, low business and job density, low project coverage and unemployment."))


@st.cache_data(ttl=600, show_spinner=False)
def ranking(level: str, weights: tuple[tuple[str, float], ...], version: str) -> pd.DataFrame:
    """The index at ``level`` for ``weights``; ``version`` (the project data stamp) keys the coverage factor."""
    return priority.rolled_up(level, dict(weights))


def _on_preset() -> None:
    chosen = st.session_state[f"preset-{lang}"]
    if chosen != CUSTOM:
        for key, value in priority.PRESETS[chosen].weights.items():
            st.session_state[f"weight-{key}"] = float(value)


def _on_slider() -> None:
    st.session_state[f"preset-{lang}"] = CUSTOM


query = st.query_params
url_level = query.get("level") if query.get("level") in priority.LEVELS else "commune"
url_preset = query.get("preset") if query.get("preset") in [*priority.PRESETS, CUSTOM] else priority.DEFAULT_PRESET
url_weights = priority.decode_weights(query.get("weights")) if url_preset == CUSTOM else None
if url_weights is None and url_preset == CUSTOM:
    url_preset = priority.DEFAULT_PRESET
start = url_weights or priority.weights_for(preset=url_preset)
for key in priority.INDICATORS:
    st.session_state.setdefault(f"weight-{key}", float(start.get(key, 0.0)))
st.session_state.setdefault(f"preset-{lang}", url_preset)

left, right = st.columns([2, 3])
presets = [*priority.PRESETS, CUSTOM]
preset = left.selectbox(t("Weights"), presets, key=f"preset-{lang}", on_change=_on_preset,
                        format_func=lambda p: t("Custom") if p == CUSTOM else t(priority.PRESETS[p].label))
level = right.radio(t("Level"), priority.LEVELS, format_func=t, horizontal=True, key=f"level-{lang}",
                    index=priority.LEVELS.index(url_level))
st.sidebar.subheader(t("Weights of the factors"))
for key, spec in priority.INDICATORS.items():
    st.sidebar.slider(t(spec.label), 0.0, 5.0, step=0.5, key=f"weight-{key}", on_change=_on_slider)
weights = {key: float(st.session_state[f"weight-{key}"]) for key in priority.INDICATORS}
view = {"level": level, "preset": preset, "weights": priority.encode_weights(weights) if preset == CUSTOM else None}
for name, value in view.items():
    if value is None:
        query.pop(name, None)
    elif query.get(name) != value:
        query[name] = value

if sum(weights.values()) <= 0:
    st.warning(t("At least one weight must be above zero"))
    st.stop()
version = guarded(projects.data_version) or ""
units = guarded(lambda: ranking(level, tuple(weights.items()), version))
if units is None:
    st.stop()
if units["has_demo"].any():
    st.warning(t("Project coverage includes generated demo projects (DEMO): it is not real data."))
active = [k for k, w in weights.items() if w > 0]
names = {r.code: place_name(r.name_fr, r.name_ar, lang) for r in units.itertuples()}

shapes = guarded(lambda: cached.units(level, None))
if shapes is not None:
    shown = shapes[["code", "name_fr", "name_ar", "geojson"]].merge(units[["code", "score"]], on="code", how="left")
    shown["score_100"] = shown["score"] * 100
    st_folium(maps.choropleth(shown, SCORE, lang=lang), height=560, use_container_width=True, returned_objects=[],
              key=f"priority-map-{lang}-{level}")

st.subheader(t("Ranking"))
table = pd.DataFrame({t("Rank"): units["rank"], t("Code"): units["code"], t("Name"): units["code"].map(names),
                      t("Priority score"): units["score"] * 100,
                      **{t(priority.INDICATORS[k].label): units[priority.contribution_column(k)] * 100
                         for k in active}})
number_format = {c: st.column_config.NumberColumn(c, format="%.1f") for c in table.columns[3:]}
st.dataframe(table, hide_index=True, width="stretch", column_config=number_format)
st.caption(t("Score and contributions on a 0–100 scale: the contributions of the factors add up to the score."))
st.download_button(t("Download the ranking (CSV)"), to_csv(table), file_name=f"priority-{level}.csv",
                   mime="text/csv", key=f"priority-csv-{lang}")

st.subheader(t("One territory"))
picked = st.selectbox(t("Territory"), list(names), format_func=names.__getitem__, key=f"picked-{lang}-{level}")
row = units.set_index("code").loc[picked]
first, second = st.columns(2)
first.metric(t("Rank"), f"{int(row['rank'])} / {len(units)}")
second.metric(t("Priority score"), f"{row['score'] * 100:.1f}")
if level == "commune" and row["imputed"]:
    st.caption(f"{t('Indicators without data (median used)')}: {int(row['imputed'])}")
parts = pd.DataFrame({"factor": [t(priority.INDICATORS[k].label) for k in active],
                      "value": [row[priority.contribution_column(k)] * 100 for k in active]})
figure = px.bar(parts, x="value", y="factor", orientation="h",
                labels={"value": t("Contribution to the score (0–100)"), "factor": ""})
figure.update_layout(height=60 + 40 * len(active), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                     yaxis={"autorange": "reversed", "side": "right" if rtl else "left"},
                     xaxis={"autorange": "reversed" if rtl else True})
st.plotly_chart(figure, width="stretch", key=f"priority-bars-{lang}")

with st.expander(t("Method and sources")):
    st.markdown("\n".join(f"1. {t(step)}" for step in priority.METHOD))
    st.dataframe(pd.DataFrame({
        t("Factor"): [t(s.label) for s in priority.INDICATORS.values()],
        t("Unit"): [t(s.unit) for s in priority.INDICATORS.values()],
        t("Priority when"): [t("higher") if s.higher_is_priority else t("lower") for s in priority.INDICATORS.values()],
        t("How it is computed"): [t(s.computed) for s in priority.INDICATORS.values()],
        t("Source"): [t(s.source) for s in priority.INDICATORS.values()],
    }), hide_index=True, width="stretch")
    st.caption(f"{t('Method version')}: {priority.VERSION}")
