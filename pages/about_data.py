"""About the data: sources, licences, dates and precision, and what was loaded."""

import streamlit as st

from coopbank import territory
from coopbank.ui.layout import guarded, t
from etl.manifest import load_manifest

st.title(t("About the data"))
st.markdown(t("about_intro"))

for source in load_manifest().sources.values():
    with st.container(border=True):
        st.markdown(f"**{source.title}**  \n{source.publisher}")
        st.markdown(
            f"- {t('Licence')}: {source.licence}\n- {t('Date')}: {source.date}\n"
            f"- {t('Precision')}: {source.precision}\n- {t('Credit')}: {source.credit}"
            + (f"\n- {t('Link')}: {source.url}" if source.url else "")
        )

st.subheader(t("Mountain classification"))
method = guarded(territory.terrain_method)
if method:
    st.markdown(f"{method['method']} — {method['mountain_communes']} / {method['communes']} "
                f"{t('communes classified as mountain')}.")
    st.json(method["thresholds"], expanded=False)
else:
    st.info(t("The terrain has not been computed yet: run `python -m etl load`."))

st.subheader(t("Files loaded"))
files = guarded(territory.data_sources)
if files is not None:
    st.dataframe(files, hide_index=True, width="stretch")
st.caption(t("Projects are entered or imported by their holders and by officials. "
             "Demo data, when present, is generated and always labelled as demo."))
