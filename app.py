"""Bank of Cooperative Projects (بنك المشاريع التعاونية): the dashboard's entry point.

Run with ``streamlit run app.py``; the pages live in ``pages/``.
"""

import streamlit as st

from coopbank.ui.layout import demo_badge, language_picker, plain, t
from coopbank.ui.session import current_actor, role_label

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
    t("Cooperatives"): [
        st.Page("pages/project_models.py", title=t("Project models"), url_path="models-catalogue"),
        st.Page("pages/submit_project.py", title=t("Submit a project"), url_path="submit"),
        st.Page("pages/my_projects.py", title=t("My projects"), url_path="my-projects"),
        st.Page("pages/opportunities.py", title=t("Opportunities"), url_path="opportunities-catalogue"),
        st.Page("pages/inbox.py", title=t("Inbox"), url_path="inbox"),
        st.Page("pages/moderation.py", title=t("Moderation"), url_path="moderation-queue"),
    ],
    t("Account"): [
        st.Page("pages/sign_in.py", title=t("Sign in"), url_path="sign-in"),
        st.Page("pages/users.py", title=t("Accounts and roles"), url_path="accounts"),
    ],
    t("Planning"): [
        st.Page("pages/priority.py", title=t("Priority index"), url_path="priority-index"),
        st.Page("pages/scenarios.py", title=t("Investment scenarios"), url_path="scenario-simulator"),
        st.Page("pages/job_model.py", title=t("Job estimates: method"), url_path="job-method"),
        st.Page("pages/reports.py", title=t("Reports and open data"), url_path="regional-reports"),
    ],
}
actor = current_actor()
if actor.user_id is not None:
    name = actor.display_name or actor.username
    st.sidebar.caption(plain(f"{t('Signed in as')} {name} · {role_label(actor.role)}"))
demo_badge()
st.sidebar.caption(t("Data: HCP RGPH 2024 (CC BY 4.0), © OpenStreetMap contributors (ODbL)"))
st.navigation(pages, expanded=True).run()  # every page listed: no untranslated "View more"
