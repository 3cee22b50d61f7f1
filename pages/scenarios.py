"""Investment scenarios: two envelopes and rules side by side, their jobs, reach, map and projects; save and reopen.

The allocation is :func:`planning.scenario_store.run_scenario`'s, cached per
parameters and project data stamp; this page only reads widgets and draws.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit_folium import st_folium

from coopbank import projects
from coopbank.territory import Indicator
from coopbank.ui import cached, maps
from coopbank.ui.i18n import localised, number, percent, place_name
from coopbank.ui.labels import demo_marker
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import allowed_actor
from planning import jobs, priority, scenario_store
from planning.scenario import RULES, WEIGHT_KEYS, Allocation, by_unit
from planning.scenario_store import ScenarioParams

SHEET = "pages/project_sheet.py"
SIDES = ("A", "B")
START = {"A": ("priority", 100_000_000.0), "B": ("jobs_per_mad", 100_000_000.0)}
TOP = 50
ALLOCATED = Indicator("allocated_mad", "Money allocated", "MAD")
lang = current_language()
rules = {"priority": t("Priority communes first"), "jobs_per_mad": t("Most jobs per MAD first"),
         "equal_by_region": t("Equal by region"), "custom": t("Custom weights")}
weight_names = {"priority": t("Commune priority"), "jobs_per_mad": t("Jobs per MAD"), "rural": t("Rural commune"),
                "mountain": t("Mountain commune")}
shares = {"rural_money": t("Money to rural communes"), "mountain_money": t("Money to mountain communes"),
          "rural_jobs": t("Jobs in rural communes"), "mountain_jobs": t("Jobs in mountain communes")}
presets = {key: t(preset.label) for key, preset in priority.PRESETS.items()}
levels = {level: t(level) for level in ("region", "province", "commune")}
reach = {"rural_money": t("Rural: money"), "mountain_money": t("Mountain: money"), "rural_jobs": t("Rural: jobs"),
         "mountain_jobs": t("Mountain: jobs")}
st.title(t("Investment scenarios"))
st.caption(t("Share an envelope among projects ready for funding, up to each funding gap, by a rule; compare two "
             "scenarios. Jobs are estimated ranges: a partly funded project counts its jobs pro rata of the gap "
             "covered."))


@st.cache_data(ttl=600, show_spinner=False, max_entries=50)
def allocation_of(params: ScenarioParams, version: str) -> Allocation:
    """The scenario on the current bank; ``version`` (the project data stamp) renews it after any write."""
    return scenario_store.run_scenario(params)


def _reopen(side: str, scenario_id: int) -> None:
    """Put a saved scenario's parameters into the widgets of ``side``."""
    saved = guarded(lambda: scenario_store.load_scenario(scenario_id))
    if saved is None:
        return
    params = saved.params
    state = st.session_state
    state[f"sc-envelope-{side}"] = params.envelope_mad
    state[f"sc-rule-{side}-{lang}"] = params.rule
    state[f"sc-region-{side}-{lang}"] = params.region_code or ""
    state[f"sc-preset-{side}-{lang}"] = params.preset or priority.DEFAULT_PRESET
    for key in WEIGHT_KEYS:
        state[f"sc-w-{key}-{side}"] = float((params.weights or {}).get(key, 1.0))


def _controls(side: str, regions: dict[str, str]) -> ScenarioParams | None:
    """The envelope, rule, weights, region and priority preset of one scenario."""
    rule, envelope = START[side]
    st.session_state.setdefault(f"sc-envelope-{side}", envelope)
    st.session_state.setdefault(f"sc-rule-{side}-{lang}", rule)
    st.subheader(f"{t('Scenario')} {side}")
    envelope = st.number_input(t("Envelope (MAD)"), min_value=0.0, step=1_000_000.0, format="%.0f",
                               key=f"sc-envelope-{side}")
    rule = st.selectbox(t("Allocation rule"), RULES, format_func=rules.__getitem__, key=f"sc-rule-{side}-{lang}")
    weights = None
    if rule == "custom":
        boxes = st.columns(2) * 2  # a 2 × 2 grid
        for key in WEIGHT_KEYS:
            st.session_state.setdefault(f"sc-w-{key}-{side}", 1.0)
        weights = {key: box.number_input(weight_names[key], min_value=0.0, step=0.5,
                                         key=f"sc-w-{key}-{side}") for key, box in zip(WEIGHT_KEYS, boxes, strict=True)}
    region = st.selectbox(t("Region"), list(regions), format_func=regions.__getitem__, key=f"sc-region-{side}-{lang}")
    preset = st.selectbox(t("Commune priority weights"), list(presets), format_func=presets.__getitem__,
                          key=f"sc-preset-{side}-{lang}")
    return guarded(lambda: ScenarioParams(envelope_mad=envelope, rule=rule, weights=weights,
                                          region_code=region or None, preset=preset))


def _figures(summary: dict[str, Any]) -> None:
    """Money, projects, job ranges and reach of one scenario."""
    if summary["includes_demo"]:
        st.badge(t("Includes demo projects (DEMO)"), icon=":material/science:", color="orange")
    if not summary["eligible_projects"]:
        st.info(t("No project is eligible here: none is ready or seeking funding with a funding gap."))
        return
    left, right = st.columns(2)
    left.metric(t("Allocated (MAD)"), number(summary["allocated_mad"], lang))
    right.metric(t("Unallocated (MAD)"), number(summary["unallocated_mad"], lang))
    left.metric(t("Projects funded"), number(summary["projects_funded"], lang))
    right.metric(t("Of which partly funded"), number(summary["projects_funded_partially"], lang))
    for kind, label in (("direct", t("Direct jobs")), ("total", t("Direct, indirect and induced jobs"))):
        low, central, high = (summary["jobs"][kind][b] for b in ("low", "central", "high"))
        st.markdown(f"{label}: **{jobs.range_text(low, central, high, lang=lang, central_label=t('central'))}**")
    left, right = st.columns(2)
    for i, (key, label) in enumerate(reach.items()):
        (left if i % 2 == 0 else right).metric(label, percent(summary["shares"][key], lang, decimals=0),
                                               help=shares[key])
    st.caption(t("{n} eligible projects, {gap} MAD of funding gap; job model version {version}.").format(
        n=number(summary["eligible_projects"], lang), gap=number(summary["eligible_gap_mad"], lang),
        version=summary.get("job_model_version", "–")))


def _shares_chart(results: dict[str, Allocation]) -> None:
    figure = go.Figure([go.Bar(name=f"{t('Scenario')} {side}", x=list(shares.values()),
                               y=[100 * (a.summary["shares"][k] or 0) for k in shares]) for side, a in results.items()])
    figure.update_layout(barmode="group", height=320, yaxis={"title": "%", "range": [0, 100]},
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, legend={"orientation": "h"})
    st.plotly_chart(figure, width="stretch", key=f"sc-shares-{lang}")


def _map(allocation: Allocation, side: str, level: str) -> None:
    region = allocation.params.get("region_code")
    shapes = guarded(lambda: cached.units(level, region))
    if shapes is None:
        return
    shown = shapes[["code", "name_fr", "name_ar", "geojson"]].merge(by_unit(allocation, level), on="code", how="left")
    fmap = maps.choropleth(shown, ALLOCATED, lang=lang, bounds=_bounds(region))
    st_folium(fmap, height=480, use_container_width=True, returned_objects=[], key=f"sc-map-{side}-{level}-{lang}")


def _bounds(region: str | None) -> list[list[float]] | None:
    if not region:
        return None
    rows = cached.regions()
    return maps.region_bounds(rows.set_index("code").loc[region]) if region in set(rows["code"]) else None


def _table(allocation: Allocation, side: str) -> None:
    funded = allocation.funded.head(TOP)
    if funded.empty:
        st.info(t("No project is funded in this scenario."))
        return
    table = pd.DataFrame({
        t("Order"): funded["order"], t("Reference"): funded["reference"],
        t("Demo"): [demo_marker(bool(d), lang) for d in funded["is_demo"]],
        t("Title"): [localised(fr, ar, lang) for fr, ar in zip(funded["title_fr"], funded["title_ar"], strict=True)],
        t("Commune"): [localised(fr, ar, lang) for fr, ar in zip(funded["commune_fr"], funded["commune_ar"],
                                                                 strict=True)],
        t("Funding gap (MAD)"): funded["gap_mad"], t("Allocated (MAD)"): funded["allocated_mad"],
        t("Share of the gap (%)"): (funded["share_of_gap"] * 100).round(1),
        t("Direct jobs"): [jobs.range_text(lo, c, hi, lang=lang, central_label=t("central")) for lo, c, hi in
                           zip(funded["funded_direct_low"], funded["funded_direct_central"],
                               funded["funded_direct_high"], strict=True)],
    })
    amounts = {c: st.column_config.NumberColumn(format="localized") for c in (t("Funding gap (MAD)"),
                                                                              t("Allocated (MAD)"))}
    picked = st.dataframe(table, hide_index=True, width="stretch", key=f"sc-table-{side}", column_config=amounts,
                          on_select="rerun", selection_mode="single-row")
    st.caption(t("The first {n} funded projects of {total}, in funding order; select one to open its sheet.")
               .format(n=number(len(funded), lang), total=number(allocation.summary["projects_funded"], lang)))
    if picked.selection.rows:
        reference = str(funded.iloc[picked.selection.rows[0]]["reference"])
        st.page_link(SHEET, label=f"{t('Open the sheet of')} {plain(reference)}", icon=":material/article:",
                     query_params={"ref": reference})


def _compare(results: dict[str, Allocation]) -> None:
    """The reach chart, the map, the funded projects and the save form, once some project is funded."""
    st.subheader(t("Reach of the money and of the jobs"))
    _shares_chart(results)
    st.subheader(t("Map of the allocation"))
    left, right = st.columns(2)
    shown_side = left.radio(t("Scenario"), list(results), horizontal=True, key="sc-map-side")
    level = right.radio(t("Level"), list(levels), index=1, format_func=levels.__getitem__, horizontal=True,
                        key=f"sc-map-level-{lang}")
    _map(results[shown_side], shown_side, level)
    st.subheader(t("Projects funded"))
    for side, tab in zip(results, st.tabs([f"{t('Scenario')} {s}" for s in results]), strict=True):
        with tab:
            _table(results[side], side)

    st.subheader(t("Save a scenario"))
    saver = allowed_actor("official", "admin", explanation=t("Officials and administrators save scenarios: sign "
                                                              "in with such an account."))
    if saver is None:
        return
    with st.form("sc-save", clear_on_submit=False):
        side = st.radio(t("Scenario"), list(results), horizontal=True, key="sc-save-side")
        name = st.text_input(t("Name of the scenario"), key="sc-save-name", max_chars=scenario_store.MAX_NAME)
        if st.form_submit_button(t("Save"), icon=":material/save:"):
            saved_id = guarded(lambda: scenario_store.save_scenario(name, results[side], actor=saver))
            if saved_id is not None:
                st.success(t("Scenario saved."))


version = guarded(projects.data_version)
region_rows = guarded(cached.regions)
if version is None or region_rows is None:
    st.stop()
if guarded(projects.stored_projects) == 0:
    st.info(t("The bank holds no project yet: there is nothing to allocate."))
region_names = {"": t("All regions"), **{r.code: place_name(r.name_fr, r.name_ar, lang)
                                         for r in region_rows.itertuples()}}
results: dict[str, Allocation] = {}
for side, column in zip(SIDES, st.columns(2, border=True), strict=True):
    with column:
        params = _controls(side, region_names)
        allocation = guarded(lambda p=params: allocation_of(p, version)) if params is not None else None
        if allocation is not None:
            results[side] = allocation
            _figures(allocation.summary)
if any(a.summary["projects_funded"] for a in results.values()):
    _compare(results)

st.subheader(t("Saved scenarios"))
saved = guarded(scenario_store.saved_scenarios)
if saved is not None and saved.empty:
    st.info(t("No scenario has been saved yet."))
elif saved is not None:
    st.dataframe(pd.DataFrame({
        t("Name"): saved["name"], t("Saved by"): saved["created_by"],
        t("Date"): pd.to_datetime(saved["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        t("Allocation rule"): saved["rule"].map(rules),
        t("Envelope (MAD)"): saved["envelope_mad"], t("Allocated (MAD)"): saved["allocated_mad"],
        t("Projects funded"): saved["projects_funded"],
        t("Demo"): [demo_marker(bool(d), lang) for d in saved["includes_demo"]],
    }), hide_index=True, width="stretch", key="sc-saved-table")
    names = dict(zip(saved["id"], saved["name"], strict=True))
    chosen = st.selectbox(t("Saved scenario"), list(names), format_func=names.__getitem__, key="sc-saved-pick")
    for side, column in zip(SIDES, st.columns(2), strict=True):
        column.button(f"{t('Open in scenario')} {side}", key=f"sc-open-{side}", on_click=_reopen,
                      args=(side, int(chosen)), icon=":material/open_in_new:")
    st.caption(t("Opening a saved scenario runs its parameters on today's bank; the list keeps its figures of the "
                 "day it was saved."))
