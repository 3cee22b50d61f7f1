"""Bank of Cooperative Projects (بنك المشاريع التعاونية): the dashboard's entry point.

Run with ``streamlit run app.py``; the pages live in ``pages/``.
"""

import streamlit as st

from coopbank.ui.layout import demo_badge, language_picker, t

st.set_page_config(page_title="Banque des projets coopératifs — بنك المشاريع التعاونية", layout="wide")
language_picker()
# No url_path equals a file name in pages/: until app.py first calls st.navigation, a fresh
# server treats pages/ as Streamlit's old page folder, and a first visit to /<file name>
# would run that page alone.
pages = {
    t("Territory"): [
        st.Page("pages/national_map.py", title=t("National map"), default=True),
        st.Page("pages/about_data.py", title=t("About the data"), url_path="about"),
        st.Page("pages/territory_profile.py", title=t("Territory profile"), url_path="profile"),
    ],
    t("Project bank"): [
        st.Page("pages/projects.py", title=t("Projects"), url_path="explorer"),
        st.Page("pages/sector_heatmap.py", title=t("Sector heatmap"), url_path="heatmap"),
        st.Page("pages/project_sheet.py", title=t("Project sheet"), url_path="project"),
        st.Page("pages/investor.py", title=t("Investor view"), url_path="investors"),
        st.Page("pages/import_projects.py", title=t("Import projects"), url_path="import"),
        st.Page("pages/geocode_review.py", title=t("Places to review"), url_path="review"),
    ],
    t("Planning"): [
        st.Page("pages/priority.py", title=t("Priority index"), url_path="priority-index"),
        st.Page("pages/scenarios.py", title=t("Investment scenarios"), url_path="scenario-simulator"),
        st.Page("pages/job_model.py", title=t("Job estimates: method"), url_path="job-method"),
        st.Page("pages/reports.py", title=t("Reports and open data"), url_path="regional-reports"),
    ],
}
demo_badge()
st.sidebar.caption(t("Data: HCP RGPH 2024 (CC BY 4.0), © OpenStreetMap contributors (ODbL)"))
st.navigation(pages).run()
