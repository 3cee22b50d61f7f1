"""Bank of Cooperative Projects (بنك المشاريع التعاونية): the dashboard's entry point.

Run with ``streamlit run app.py``; the pages live in ``pages/``.
"""

import streamlit as st

from coopbank.ui.layout import language_picker, t

st.set_page_config(page_title="Banque des projets coopératifs — بنك المشاريع التعاونية", layout="wide")
language_picker()
pages = [
    st.Page("pages/national_map.py", title=t("National map"), default=True),
    st.Page("pages/about_data.py", title=t("About the data"), url_path="about"),
]
st.sidebar.caption(t("Data: HCP RGPH 2024 (CC BY 4.0), © OpenStreetMap contributors (ODbL)"))
st.navigation(pages).run()
