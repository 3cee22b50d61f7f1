"""Cached reads for the pages.

Reference data changes only when the ETL reloads; project data is keyed on
:func:`coopbank.projects.data_version`, so an import or an edit invalidates it
on the next run of any page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coopbank import projects, territory

TTL_S = 600


@st.cache_data(ttl=TTL_S, show_spinner=False)
def units(level: str, region_code: str | None, with_geometry: bool = True) -> pd.DataFrame:
    return territory.units(level, region_code=region_code, with_geometry=with_geometry)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def regions() -> pd.DataFrame:
    return territory.regions()


@st.cache_data(ttl=TTL_S, show_spinner=False)
def zones(region_code: str | None) -> dict[str, str]:
    return territory.zones(region_code=region_code)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def sectors() -> pd.DataFrame:
    return projects.sectors()


@st.cache_data(ttl=TTL_S, show_spinner=False)
def statuses() -> pd.DataFrame:
    return projects.statuses()


@st.cache_data(ttl=TTL_S, show_spinner=False)
def units_with_projects(level: str, region_code: str | None, filters: projects.ProjectFilters,
                        version: str) -> pd.DataFrame:
    """Units with the filtered projects' figures; ``version`` is the project data stamp."""
    return projects.with_project_metrics(units(level, region_code), filters, level=level)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def project_list(filters: projects.ProjectFilters, version: str) -> pd.DataFrame:
    """The filtered projects; ``version`` is the project data stamp."""
    return projects.list_projects(filters)
