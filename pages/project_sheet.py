"""Project sheet (``?ref=REFERENCE``): one project's public record, its status history and where it is."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from coopbank import opportunities, projects
from coopbank.ui import labels, maps
from coopbank.ui.i18n import localised, number, percent, place_name
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.plan_view import show_plan
from coopbank.ui.tables import history_table
from planning import job_model_store, jobs, project_plans

lang = current_language()
reference = st.query_params.get("ref", "").strip()
if not reference:
    st.title(t("Project sheet"))
    typed = st.text_input(t("Project reference"), key="sheet-ref").strip()
    if typed:
        st.query_params["ref"] = typed
        st.rerun()
    st.page_link("pages/projects.py", label=t("Find a project in the explorer"), icon=":material/search:")
    st.stop()

# A tuple tells "no such project" (None inside) from "the read failed" (guarded returns None).
outcome = guarded(lambda: (projects.project_sheet(reference),))
if outcome is None:
    st.stop()
sheet = outcome[0]
if sheet is None:
    st.title(t("Project sheet"))
    st.warning(t("No project has this reference:"))
    st.code(reference, language=None)
    st.page_link("pages/projects.py", label=t("Find a project in the explorer"), icon=":material/search:")
    st.stop()


def money(value: float | None) -> str:
    return "–" if value is None else f"{number(value, lang)} {t('MAD')}"


def count(value: int | None, women: int | None, youth: int | None) -> str | None:
    if value is None:
        return None
    return f"{number(value, lang)} ({t('women')}: {number(women, lang)} · {t('youth')}: {number(youth, lang)})"


def facts(pairs: list[tuple[str, str | None]]) -> bool:
    """A bullet list of the pairs that have a value (shown as typed); whether anything was drawn."""
    lines = [f"- **{label}**: {plain(value)}" for label, value in pairs if value]
    if lines:
        st.markdown("\n".join(lines))
    return bool(lines)


title = localised(sheet["title_fr"], sheet["title_ar"], lang)
other = localised(sheet["title_ar"], sheet["title_fr"], lang)
if sheet["is_demo"]:
    st.badge(t("DEMO"), icon=":material/science:", color="orange")
    st.warning(t("Demo project: generated data, not a real cooperative."))
st.title(plain(title))
st.caption(f"{t('Reference')}: {plain(sheet['reference'])}" + (f" — {plain(other)}" if other != title else ""))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("The project"))
    sub_sector = localised(sheet["sub_sector_fr"], sheet["sub_sector_ar"], lang)
    facts([
        (t("Cooperative"), sheet["cooperative_name"]),
        (t("Standing"), labels.standings(lang).get(sheet["cooperative_status"] or "")),
        (t("ODCO registration"), sheet["odco_registration"]),
        (t("Sector"), " / ".join(filter(None, [localised(sheet["sector_fr"], sheet["sector_ar"], lang),
                                               sub_sector]))),
        (t("Status"), localised(sheet["status_fr"], sheet["status_ar"], lang)),
        (t("Submitted on"), sheet["submitted_on"].isoformat() if sheet["submitted_on"] else None),
    ])
    if sheet["description"]:
        st.text(sheet["description"])
    st.subheader(t("Money and jobs"))
    investment, secured = sheet["investment_mad"], sheet["funding_secured_mad"]
    facts([
        (t("Investment"), money(investment)),
        (t("Funding secured"), money(secured)),
        (t("Still to find"), money(investment - (secured or 0)) if investment is not None else None),
        (t("Funding sources"), sheet["funding_sources"]),
        (t("Direct jobs"), count(sheet["jobs_direct"], sheet["jobs_women"], sheet["jobs_youth"])),
        (t("Members"), count(sheet["members_total"], sheet["members_women"], sheet["members_youth"])),
    ])
    st.subheader(t("Job estimate"))
    model = guarded(job_model_store.current_model)
    if model is not None:
        found = jobs.estimate_projects(pd.DataFrame([{c: sheet[c] for c in jobs.INPUT_COLUMNS}]), model).iloc[0]
        if pd.isna(found["direct_central"]):
            st.caption(t("No estimate: the investment is not known."))
        else:
            def jobs_range(kind: str) -> str:
                return jobs.range_text(*(found[f"{kind}_{b}"] for b in jobs.BOUNDS), lang=lang,
                                       central_label=t("central"))

            facts([(t("Estimated direct jobs"), jobs_range("direct")),
                   (t("Estimated jobs in all (direct, indirect and induced)"), jobs_range("total")),
                   (t("Declared direct jobs"), number(sheet["jobs_direct"], lang) if sheet["jobs_direct"] is not None
                    else t("not declared"))])
            check = found["declared_check"]
            if check in ("below", "above"):
                st.warning(t("The declared jobs are far below the modelled range.") if check == "below"
                           else t("The declared jobs are far above the modelled range."), icon=":material/flag:")
            elif check == "within":
                st.caption(t("The declared jobs are consistent with the modelled range."))
        st.caption(f"{t('Job model version')} {model.version}")
        st.page_link("pages/job_model.py", label=t("How jobs are estimated"), icon=":material/calculate:")
    st.subheader(t("Needs"))
    groups = labels.target_groups(lang)
    if not facts([
        (t("Target groups"), " · ".join(groups.get(g, g) for g in sheet["target_groups"])),
        (t("Training needs"), sheet["training_needs"]),
        (t("Partnership sought"), sheet["partnership_sought"]),
    ]):
        st.caption(t("No need recorded."))

with right:
    st.subheader(t("Location"))
    kind = {"rural": t("Rural"), "urban": t("Urban"), None: None}[sheet["commune_kind"]]
    facts([
        (t("Commune"), place_name(sheet["commune_fr"], sheet["commune_ar"], lang) if sheet["commune_code"]
         else t("not known")),
        (t("Zone"), " · ".join(filter(None, [kind, t("Mountain") if sheet["is_mountain"] else None]))),
        (t("Province"), place_name(sheet["province_fr"], sheet["province_ar"], lang) if sheet["province_code"]
         else None),
        (t("Region"), place_name(sheet["region_fr"], sheet["region_ar"], lang)),
        (t("Placed"), labels.geocode_methods(lang).get(sheet["geocode_method"] or "")),
        (t("Confidence"), percent(sheet["geocode_confidence"], lang, decimals=0)
         if sheet["geocode_confidence"] is not None else None),
    ])
    if sheet["lat"] is None:
        st.caption(t("No point to show on a map."))
    else:
        exact = sheet["point_source"] == "project"
        fmap = maps.project_map(sheet["lat"], sheet["lon"], label=title, exact=exact)
        st_folium(fmap, height=320, use_container_width=True, returned_objects=[], key=f"sheet-map-{lang}")
        if not exact:
            st.caption(t("Approximate place: the centre of the commune or province, not the project's own point."))

st.subheader(t("Business plan"))
# A tuple tells "no plan stored" (None inside) from "the read failed" (guarded returns None).
plan = guarded(lambda: (project_plans.plan_for(sheet["reference"]),))
if plan is not None and plan[0] is None:
    st.info(t("No business plan has been provided for this project: its financial indicators are not provided."))
elif plan is not None and plan[0] is not None:
    _, plan_result, plan_sensitivity = plan[0]
    show_plan(plan_result, plan_sensitivity, lang, key="sheet-plan")

st.subheader(t("Status history"))
st.dataframe(history_table(sheet["history"], lang), hide_index=True, width="stretch")

st.subheader(t("Eligible programmes"))
eligible = guarded(lambda: opportunities.eligible_for_project(sheet["reference"]))
if eligible is not None:
    if not eligible:
        st.caption(t("No programme of the catalogue appears to fit this project."))
    sector_names = {r.code: localised(r.label_fr, r.label_ar, lang) for r in projects.sectors().itertuples()}
    standings = labels.standings(lang)
    kinds = {"funding": t("Funding"), "training": t("Training"), "partnership": t("Partnership")}
    for entry, verdict in eligible:
        st.markdown(f"**{plain(localised(entry['name_fr'], entry['name_ar'], lang))}** — "
                    f"{kinds[entry['kind']]} · {plain(entry['body'])}")
        lines = [opportunities.render(r, translate=t, number=lambda v: number(v, lang),
                                      sector=lambda c: sector_names.get(c, c),
                                      region=lambda c: place_name(sheet["region_fr"], sheet["region_ar"], lang)
                                      if c == sheet["region_code"] else c,
                                      standing=lambda c: standings.get(c, c)) for r in verdict.reasons]
        st.markdown("\n".join(f"- {plain(line)}" for line in lines) if lines
                    else f"- {t('no rule: open to every project')}")
    st.page_link("pages/opportunities.py", label=t("Opportunities catalogue"), icon=":material/handshake:")
