"""Import projects (officials): upload a CSV or Excel file, optionally as a dry run, and read the report."""

import streamlit as st

from coopbank.settings import REPO_ROOT
from coopbank.ui.i18n import number
from coopbank.ui.imports import import_upload, report_json
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import allowed_actor
from coopbank.ui.tables import rejections_table

TEMPLATES = REPO_ROOT / "etl" / "templates"
lang = current_language()
st.title(t("Import projects"))
st.markdown(t("import_intro"))
actor = allowed_actor("official", "admin", explanation=t("Officials and administrators import projects: sign in "
                                                          "with such an account."))
if actor is None:
    st.stop()

left, right = st.columns(2)
for column, suffix, mime in (
    (left, "csv", "text/csv"),
    (right, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
):
    template = TEMPLATES / f"projects_template.{suffix}"
    if template.is_file():
        column.download_button(f"{t('Download the template')} ({suffix.upper()})", template.read_bytes(),
                               file_name=template.name, mime=mime, icon=":material/download:", on_click="ignore",
                               key=f"template-{suffix}")

st.caption(t("Every change the import makes is recorded under your account: {name}.").format(
    name=plain(actor.display_name or actor.username)))
dry_run = st.checkbox(t("Dry run: check the file and report, without saving anything"), key="import-dry-run")
upload = st.file_uploader(t("Project file (CSV or Excel)"), type=["csv", "xlsx"], key="import-file")
if st.button(t("Import"), type="primary", disabled=upload is None, key="import-run") and upload is not None:
    report = guarded(lambda: import_upload(upload.name, upload.getvalue(), actor=actor, dry_run=dry_run))
    if report is not None:
        st.session_state["import-report"] = report

report = st.session_state.get("import-report")
if report is None:
    st.stop()

st.subheader(f"{t('Import report')}: {plain(report.file_name)}")
if report.dry_run:
    st.info(t("Dry run: nothing was saved. The counts say what the import would do."))
counts = ((t("Rows read"), report.rows_read), (t("Inserted"), report.inserted), (t("Updated"), report.updated),
          (t("Unchanged"), report.unchanged), (t("Rejected"), report.rejected))
for column, (label, value) in zip(st.columns(len(counts)), counts, strict=True):
    column.metric(label, number(value, lang))
st.caption(f"{t('Rows read = inserted + updated + unchanged + rejected.')} {t('Encoding')}: "
           f"{report.encoding or report.file_format.upper()}")

for warning in report.warnings:
    st.caption(plain(warning))
if report.rejections:
    st.markdown(f"**{t('Rejected rows')}** — {t('every problem of every row:')}")
    st.dataframe(rejections_table(report.rejections, lang), hide_index=True, width="stretch")
if report.reviews:
    st.warning(f"{t('Ambiguous place names, for an official to settle')}: {number(len(report.reviews), lang)}")
    st.page_link("pages/geocode_review.py", label=t("Places to review"), icon=":material/fact_check:")
st.download_button(t("Download the report (JSON)"), report_json(report),
                   file_name=f"{report.file_name}.report.json", mime="application/json",
                   icon=":material/download:", on_click="ignore", key="import-report-json")
