"""Job estimates, the method: how jobs are estimated, the current coefficients with their sources, the
editor for officials (every save is a new version) and the history of versions with what changed."""

import pandas as pd
import streamlit as st

from coopbank.ui import cached
from coopbank.ui.i18n import localised, number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import allowed_actor
from planning import job_model_store, jobs

SAVED = "job-model-saved"
lang = current_language()
st.title(t("Job estimates: method"))
st.markdown(t("job_method_intro"))

model = guarded(job_model_store.current_model)
sectors = guarded(cached.sectors)
if model is None or sectors is None:
    st.stop()
labels = {r.code: localised(r.label_fr, r.label_ar, lang) for r in sectors.itertuples()}
if SAVED in st.session_state:
    st.success(t("Saved as version {version}.").format(version=st.session_state.pop(SAVED)))

st.subheader(t("Current version"))
when = model.created_at.strftime("%Y-%m-%d %H:%M") if model.created_at else "–"
st.markdown(f"**{t('Version')} {model.version}** · {when} · {t('Author')}: {plain(model.created_by)}  \n"
            f"{t('Note')}: {plain(model.note)}")
frames = jobs.coefficient_frames(model.content)
order = {code: position for position, code in enumerate(sectors["code"])}  # the taxonomy's order
frames["sectors"] = frames["sectors"].sort_values("sector", key=lambda codes: codes.map(order)).reset_index(drop=True)
mad = t("MAD per direct job")

st.subheader(t("Cost per direct job, by sector"))
st.caption(t("A low cost per job gives many jobs: the low jobs come from the high cost."))
table = frames["sectors"].assign(sector=lambda f: [labels.get(c, c) for c in f["sector"]],
                                 per_million=lambda f: 1e6 / f["central"])
st.dataframe(table.rename(columns={
    "sector": t("Sector"), "low": f"{t('Low')} ({mad})", "central": f"{t('Central')} ({mad})",
    "high": f"{t('High')} ({mad})", "per_million": t("Direct jobs per million MAD (central)"),
    "basis": t("Basis"), "sources": t("Sources")}), hide_index=True, width="stretch",
    column_config={t("Direct jobs per million MAD (central)"): st.column_config.NumberColumn(format="%.1f"),
                   **{f"{t(b)} ({mad})": st.column_config.NumberColumn(format="localized")
                      for b in ("Low", "Central", "High")}},
    key=f"jm-sectors-table-{lang}")

left, right = st.columns(2)
with left:
    st.subheader(t("Zone factors on the cost per job"))
    zones = {"rural": t("Rural"), "urban": t("Urban"), "mountain": t("Mountain")}
    st.dataframe(frames["zones"].assign(zone=lambda f: [zones.get(z, z) for z in f["zone"]]).rename(
        columns={"zone": t("Zone"), "factor": t("Factor"), "basis": t("Basis"), "sources": t("Sources")}),
        hide_index=True, width="stretch", key=f"jm-zones-table-{lang}")
with right:
    st.subheader(t("Indirect and induced jobs per direct job"))
    kinds = {"indirect": t("Indirect"), "induced": t("Induced")}
    st.dataframe(frames["multipliers"].assign(kind=lambda f: [kinds.get(k, k) for k in f["kind"]]).rename(
        columns={"kind": t("Jobs"), "low": t("Low"), "central": t("Central"), "high": t("High"), "basis": t("Basis"),
                 "sources": t("Sources")}), hide_index=True, width="stretch", key=f"jm-multipliers-table-{lang}")
below, above = model.flag_factors
st.caption(t("A declared job count is flagged when it is under {below} × the low estimate or over {above} × the "
             "high estimate.").format(below=number(below, lang, decimals=2), above=number(above, lang, decimals=2)))

st.subheader(t("Sources"))
sources = pd.DataFrame([{"id": key, **value} for key, value in model.content["sources"].items()]).astype(str)
st.dataframe(sources.rename(columns={"id": t("Identifier"), "title": t("Title"), "publisher": t("Publisher"),
                                     "year": t("Year"), "url": t("Link"), "figures": t("Figures used")}),
             hide_index=True, width="stretch", key=f"jm-sources-{lang}",
             column_config={t("Link"): st.column_config.LinkColumn(), t("Year"): st.column_config.TextColumn()})

with st.expander(t("Edit the model (administrators)"), icon=":material/edit:"):
    editor = allowed_actor("admin", explanation=t("Administrators edit the coefficients: every save is a new "
                                                  "version under their account."))
    if editor is not None:
        st.caption(t("Saving stores a new version; earlier versions are kept and can be compared below."))
        with st.form(f"jm-edit-{model.version}"):
            edited = {name: st.data_editor(frame, hide_index=True, width="stretch",
                                           key=f"jm-edit-{name}-{model.version}", disabled=[frame.columns[0]],
                                           num_rows="fixed")
                      for name, frame in frames.items()}
            low_flag, high_flag = st.columns(2)
            flag = {"below_factor": low_flag.number_input(t("Flag below: factor on the low estimate"), value=below,
                                                          min_value=0.0, step=0.1, key=f"jm-below-{model.version}"),
                    "above_factor": high_flag.number_input(t("Flag above: factor on the high estimate"), value=above,
                                                           min_value=0.0, step=0.1, key=f"jm-above-{model.version}")}
            note = st.text_area(t("What changed and why"), key=f"jm-note-{model.version}")
            if st.form_submit_button(t("Save as a new version"), type="primary"):
                saved = guarded(lambda: job_model_store.save_model(jobs.edited_content(model.content, edited, flag),
                                                                   actor=editor, note=note, based_on=model.version))
                if saved is not None:
                    st.session_state[SAVED] = saved.version
                    st.rerun()

st.subheader(t("History of versions"))
history = guarded(job_model_store.model_versions)
if history is None:
    st.stop()
st.dataframe(history.drop(columns=["content_sha256"]).assign(
    created_at=lambda f: f["created_at"].dt.strftime("%Y-%m-%d %H:%M")).rename(columns={
        "version": t("Version"), "created_at": t("Date"), "created_by": t("Author"), "note": t("Note"),
        "based_on": t("Based on")}), hide_index=True, width="stretch", key=f"jm-history-{lang}")
if len(history) > 1:
    versions = history["version"].tolist()
    first, second = st.columns(2)
    older = first.selectbox(t("Compare version"), versions, index=1, key="jm-older")
    newer = second.selectbox(t("with version"), versions, index=0, key="jm-newer")
    pair = guarded(lambda: (job_model_store.model_version(older), job_model_store.model_version(newer)))
    if pair is not None:
        diff = jobs.changes(pair[0].content, pair[1].content)
        if diff.empty:
            st.info(t("These two versions are identical."))
        else:
            st.dataframe(diff.astype(str).rename(columns={"field": t("Field"), "before": f"{t('Version')} {older}",
                                                          "after": f"{t('Version')} {newer}"}),
                         hide_index=True, width="stretch", key="jm-diff")
