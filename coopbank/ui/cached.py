"""Cached reads for the pages.

Reference data changes only when the ETL reloads; project data is keyed on
:func:`coopbank.projects.data_version`, so an import or an edit invalidates it
on the next run of any page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coopbank import investor, projects, territory

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


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=200)
def project_page(filters: projects.ProjectFilters, number: int, size: int, sort: str, commune_kind: str | None,
                 version: str) -> projects.ProjectPage:
    """One page of the filtered projects, cached so that selecting a row does not query again."""
    return projects.project_page(filters, number=number, size=size, sort=sort, commune_kind=commune_kind)


@st.cache_data(ttl=TTL_S, show_spinner=False, max_entries=200)
def investor_page(filters: projects.ProjectFilters, rural_only: bool, mountain_only: bool, sort: str, number: int,
                  size: int, version: str) -> projects.ProjectPage:
    """One page of the investor view's ranked projects (see :func:`coopbank.investor.find_page`), cached."""
    return investor.find_page(filters, rural_only=rural_only, mountain_only=mountain_only, sort=sort,
                              number=number, size=size)
