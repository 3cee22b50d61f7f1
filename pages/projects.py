"""Project explorer: filter the project bank, see the matching projects, export them, open a sheet."""

import streamlit as st

from coopbank import projects
from coopbank.exports import to_csv
from coopbank.ui.filters import project_filters
from coopbank.ui.i18n import number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.tables import export_frame, projects_table

lang = current_language()
st.title(t("Projects"))
st.caption(t("Cooperative projects of the bank, by territory, sector and status. Contacts are never shown."))

filters = guarded(lambda: project_filters(lang))
found = guarded(lambda: projects.list_projects(filters)) if filters is not None else None
if found is None:
    st.stop()

st.subheader(f"{t('Projects found')}: {number(len(found), lang)}")
if found.attrs["truncated"]:
    st.warning(t("Only the first projects are listed: narrow the filters to see the others."))
if found.empty:
    st.info(t("No project matches these filters."))
    st.stop()

st.caption(t("Select a row to open the project's sheet."))
amounts = {c: st.column_config.NumberColumn(format="localized") for c in (t("Investment (MAD)"),
                                                                        t("Funding secured (MAD)"))}
picked = st.dataframe(projects_table(found, lang), hide_index=True, width="stretch", key="projects-table",
                      column_config=amounts, on_select="rerun", selection_mode="single-row")
rows = picked.selection.rows
if rows:
    reference = str(found.iloc[rows[0]]["reference"])
    st.page_link("pages/project_sheet.py", label=f"{t('Open the sheet of')} {plain(reference)}",
                 icon=":material/article:", query_params={"ref": reference})

st.download_button(t("Download these projects (CSV)"), to_csv(export_frame(found)), file_name="projects.csv",
                   mime="text/csv", icon=":material/download:", on_click="ignore")
