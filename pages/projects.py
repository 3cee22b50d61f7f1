"""Project explorer: filter the project bank, page through the matches, export them, open a sheet.

Only the page on screen is fetched (the bank may hold 100,000 projects); the
CSV export reads every match, up to the row cap, when its button is clicked.
"""

import functools

import streamlit as st

from coopbank import projects
from coopbank.exports import to_csv
from coopbank.settings import get_settings
from coopbank.ui import cached
from coopbank.ui.filters import project_filters
from coopbank.ui.i18n import number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.paging import page_key, pager, wanted_page
from coopbank.ui.tables import export_frame, projects_table

PAGE_ROWS = 100


def _csv(chosen: projects.ProjectFilters) -> bytes:
    """Every match (up to the row cap) as CSV: run by Streamlit only when the button is clicked, off the script."""
    return to_csv(export_frame(projects.list_projects(chosen)))


lang = current_language()
st.title(t("Projects"))
st.caption(t("Cooperative projects of the bank, by territory, sector and status. Contacts are never shown."))

filters = guarded(lambda: project_filters(lang))
version = guarded(projects.data_version) if filters is not None else None
if filters is None or version is None:
    st.stop()
key = page_key("projects-page", filters)
page = guarded(lambda: cached.project_page(filters, wanted_page(key), PAGE_ROWS, "place", None, version))
if page is None:
    st.stop()

st.subheader(f"{t('Projects found')}: {number(page.total, lang)}")
if not page.total:
    if guarded(projects.stored_projects) == 0:
        st.info(t("The bank holds no project yet: import a file of projects to see them here."))
        st.page_link("pages/import_projects.py", label=t("Import projects"), icon=":material/upload:")
    else:
        st.info(t("No project matches these filters."))
    st.stop()

st.caption(t("Select a row to open the project's sheet."))
amounts = {c: st.column_config.NumberColumn(format="localized") for c in (t("Investment (MAD)"),
                                                                        t("Funding secured (MAD)"))}
found = page.rows
picked = st.dataframe(projects_table(found, lang), hide_index=True, width="stretch", key="projects-table",
                      column_config=amounts, on_select="rerun", selection_mode="single-row")
pager(page, key, lang)
rows = picked.selection.rows
if rows and rows[0] < len(found):
    reference = str(found.iloc[rows[0]]["reference"])
    st.page_link("pages/project_sheet.py", label=f"{t('Open the sheet of')} {plain(reference)}",
                 icon=":material/article:", query_params={"ref": reference})

cap = get_settings().max_rows
st.download_button(t("Download these projects (CSV)"), functools.partial(_csv, filters), file_name="projects.csv",
                   mime="text/csv", icon=":material/download:", on_click="ignore", key="projects-csv")
if page.total > cap:
    st.warning(t("The CSV file holds the first {cap} of the {total} projects found: narrow the filters to "
                 "export the others.").format(cap=number(cap, lang), total=number(page.total, lang)))
