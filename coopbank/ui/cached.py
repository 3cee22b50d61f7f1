"""Cached reads for the pages: reference data changes only when the ETL reloads."""

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
