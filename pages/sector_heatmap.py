"""Sector heatmap: projects per territory and sector beside HCP's 2024 economic fabric; a cell opens its projects.

Both are one figure sharing the territory axis, so each territory's row reads
across the bank's projects and the businesses and jobs already there.
"""

import streamlit as st

from coopbank import baseline, projects
from coopbank.ui import cached, charts
from coopbank.ui.filters import project_filters
from coopbank.ui.i18n import number, translate
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.tables import projects_table

lang = current_language()
st.title(t("Sector heatmap"))
st.caption(t("Where the bank's projects are, by territory and sector, beside the existing businesses."))

filters = guarded(lambda: project_filters(lang))
if filters is None:
    st.stop()
level = "province" if filters.region_code else "region"
territories = cached.units(level, filters.region_code, with_geometry=False)
if filters.province_code:
    territories = territories[territories["code"] == filters.province_code]
sectors = cached.sectors()
sectors = sectors[sectors["parent_code"].isna()]
if filters.sector_codes:
    sectors = sectors[sectors["code"].isin(filters.sector_codes)]

left, right = st.columns(2)
measure = left.selectbox(t("Value"), list(charts.MEASURES), key=f"hm-measure-{lang}",
                         format_func=lambda m: translate(charts.MEASURES[m][0], lang))
scale = right.radio(t("Shown as"), list(charts.SCALES), format_func=lambda s: translate(charts.SCALES[s], lang),
                    horizontal=True, key=f"hm-scale-{lang}")

metrics = guarded(lambda: projects.metrics_by_territory(filters, level=level, by_sector=True))
fabric = guarded(lambda: baseline.establishments_baseline(level, region_code=filters.region_code))
if metrics is None or fabric is None:
    st.stop()
metrics = metrics[metrics["code"].isin(territories["code"]) & metrics["sector_code"].isin(sectors["code"])]

fabric = fabric[fabric["code"].isin(territories["code"])]
names = charts.territory_names(territories, lang) | charts.sector_names(sectors, lang)
per_1000 = st.toggle(t("HCP baseline per 1,000 inhabitants"), key="hm-baseline-rate")
cell = None
if metrics.empty:
    st.info(t("No project matches these filters."))
    if fabric.empty:
        st.info(t("No HCP baseline for these territories."))
    else:
        st.plotly_chart(charts.baseline_heatmap(fabric, per_1000=per_1000, lang=lang), width="stretch")
else:
    # One figure: each territory's row reads across the projects and HCP's baseline (clicks count on the projects).
    figure = charts.sector_heatmap(metrics, territories, sectors, measure=measure, scale=scale, lang=lang,
                                   baseline=fabric, per_1000=per_1000)
    event = st.plotly_chart(figure, on_select="rerun", selection_mode="points", key=f"hm-chart-{level}",
                            width="stretch")
    if fabric.empty:
        st.caption(t("No HCP baseline for these territories."))
    counts = charts.heatmap_matrix(metrics, territories, sectors["code"], measure="projects", scale="absolute")
    st.caption(t("Click a cell to list its projects, or choose a cell here."))
    options = [(code, sector) for code in counts.index for sector in counts.columns if counts.at[code, sector]]
    chosen = st.selectbox(
        t("Territory and sector"), [None, *options], key=f"hm-cell-{lang}-{level}",
        format_func=lambda c: translate("Choose a cell", lang) if c is None else
        f"{names[c[0]]} — {names[c[1]]} ({number(counts.at[c], lang)})")
    cell = charts.selected_cell(event["selection"]["points"], counts) or chosen

if cell is not None:
    st.subheader(f"{names[cell[0]]} — {names[cell[1]]}")
    found = guarded(lambda: projects.list_projects(charts.cell_filters(filters, level=level, territory_code=cell[0],
                                                                       sector_code=cell[1])))
    if found is not None:
        if found.attrs["truncated"]:
            st.warning(t("Only the first projects are listed: narrow the filters to see the others."))
        shown = [t("Reference"), t("Title"), t("Status"), t("Commune"), t("Investment (MAD)"), t("Direct jobs")]
        picked = st.dataframe(projects_table(found, lang)[shown], hide_index=True, width="stretch",
                              key="hm-projects", on_select="rerun", selection_mode="single-row",
                              column_config={t("Investment (MAD)"): st.column_config.NumberColumn(format="localized")})
        if picked.selection.rows:
            reference = str(found.iloc[picked.selection.rows[0]]["reference"])
            st.page_link("pages/project_sheet.py", label=f"{t('Open the sheet of')} {plain(reference)}",
                         icon=":material/article:", query_params={"ref": reference})
        st.page_link("pages/projects.py", label=t("Open the project explorer"), icon=":material/table:")
st.caption(f"{t('Source')}: {baseline.SOURCE}")
