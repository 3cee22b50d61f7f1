"""National map: a choropleth of a census or economic indicator at region, province or commune level."""

import streamlit as st
from streamlit_folium import st_folium

from coopbank.territory import INDICATORS
from coopbank.ui import cached, maps
from coopbank.ui.i18n import place_name
from coopbank.ui.layout import current_language, guarded, t
from coopbank.ui.view import view_state

lang = current_language()
st.title(t("National map"))
st.caption(t("Morocco's regions, provinces and communes, coloured by the indicator you choose."))

regions = guarded(cached.regions)
if regions is None:
    st.stop()
view = view_state(region_codes=list(regions["code"]))
# Widget keys carry the language: switching it redraws the widgets with translated options,
# while the view itself lives in the URL and survives the switch.
names = {r.code: place_name(r.name_fr, r.name_ar, lang) for r in regions.itertuples()}

left, middle, right = st.columns([2, 3, 3])
region_code = left.selectbox(
    t("Region"), [None, *names], format_func=lambda c: t("All Morocco") if c is None else names[c],
    key=f"region-{lang}", index=[None, *names].index(view.region),
)
levels = ["province", "commune"] if region_code else ["region", "province", "commune"]
level = middle.radio(t("Level"), levels, format_func=t, horizontal=True, key=f"level-{lang}",
                     index=levels.index(view.level) if view.level in levels else len(levels) - 1)
indicator = INDICATORS[right.selectbox(
    t("Indicator"), list(INDICATORS), format_func=lambda k: t(INDICATORS[k].label), key=f"indicator-{lang}",
    index=list(INDICATORS).index(view.indicator),
)]
show_rural = st.sidebar.toggle(t("Rural communes layer"), value=view.rural, key=f"rural-{lang}")
show_mountain = st.sidebar.toggle(t("Mountain communes layer"), value=view.mountain, key=f"mountain-{lang}")
view.save(region=region_code, level=level, indicator=indicator.key, rural=show_rural, mountain=show_mountain)

units = guarded(lambda: cached.units(level, region_code))
if units is None:
    st.stop()
zone_shapes = guarded(lambda: cached.zones(region_code)) or {}
wanted = {z for z, on in (("rural", show_rural), ("mountain", show_mountain)) if on}
outlines = cached.units("province", region_code) if region_code and level == "commune" else None
bounds = maps.region_bounds(regions.set_index("code").loc[region_code]) if region_code else None
fmap = maps.choropleth(units, indicator, lang=lang, bounds=bounds,
                       zones={z: g for z, g in zone_shapes.items() if z in wanted}, outlines=outlines)
st_folium(fmap, height=620, use_container_width=True, returned_objects=[], key=f"map-{lang}")

st.subheader(t("Figures"))
table = maps.figures_table(units, indicator, lang=lang)
st.dataframe(table, hide_index=True, width="stretch")
st.caption(t("Sources: HCP, RGPH 2024 and 2014, establishments mapping 2024; boundaries © OpenStreetMap contributors."))
