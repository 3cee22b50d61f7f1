"""National map: a choropleth of a census or economic indicator at region, province or commune level."""

import streamlit as st
from streamlit_folium import st_folium

from coopbank import projects
from coopbank.territory import INDICATORS, PROJECT_INDICATORS
from coopbank.ui import cached, filters, maps
from coopbank.ui.i18n import place_name
from coopbank.ui.layout import current_language, guarded, t
from coopbank.ui.view import view_state

lang = current_language()
st.title(t("National map"))
st.caption(t("Morocco's regions, provinces and communes, coloured by the indicator you choose."))

regions = guarded(cached.regions)
all_provinces = guarded(lambda: cached.units("province", None, with_geometry=False))
sectors, statuses = guarded(cached.sectors), guarded(cached.statuses)
if regions is None or all_provinces is None or sectors is None or statuses is None:
    st.stop()
view = view_state(region_codes=list(regions["code"]),
                  provinces=dict(zip(all_provinces["code"], all_provinces["region_code"], strict=True)),
                  sector_codes=list(sectors["code"]), status_codes=list(statuses["code"]))
# Widget keys carry the language: switching it redraws the widgets with translated options,
# while the view itself lives in the URL and survives the switch.
names = {r.code: place_name(r.name_fr, r.name_ar, lang) for r in regions.itertuples()}

left, province_col, middle, right = st.columns([2, 2, 3, 3])
region_code = left.selectbox(
    t("Region"), [None, *names], format_func=lambda c: t("All Morocco") if c is None else names[c],
    key=f"region-{lang}", index=[None, *names].index(view.region),
)
in_region = all_provinces[all_provinces["region_code"] == region_code]
province_names = {r.code: place_name(r.name_fr, r.name_ar, lang) for r in in_region.itertuples()}
province_code = province_col.selectbox(
    t("Province"), [None, *province_names], key=f"province-{lang}-{region_code}",
    format_func=lambda c: t("All provinces") if c is None else province_names[c],
    index=[None, *province_names].index(view.province) if view.province in province_names else 0,
    disabled=region_code is None,
)
levels = ["commune"] if province_code else ["province", "commune"] if region_code else ["region", "province",
                                                                                         "commune"]
level = middle.radio(t("Level"), levels, format_func=t, horizontal=True, key=f"level-{lang}",
                     index=levels.index(view.level) if view.level in levels else len(levels) - 1)
choices = {**INDICATORS, **PROJECT_INDICATORS}
indicator = choices[right.selectbox(
    t("Indicator"), list(choices), format_func=lambda k: t(choices[k].label), key=f"indicator-{lang}",
    index=list(choices).index(view.indicator),
)]
show_rural = st.sidebar.toggle(t("Rural communes layer"), value=view.rural, key=f"rural-{lang}")
show_mountain = st.sidebar.toggle(t("Mountain communes layer"), value=view.mountain, key=f"mountain-{lang}")
st.sidebar.subheader(t("Projects"))
show_markers = st.sidebar.toggle(t("Project markers"), value=view.markers, key=f"markers-{lang}")
heat_choices = [None, *maps.HEAT_WEIGHTS]
heat = st.sidebar.selectbox(t("Heatmap"), heat_choices, index=heat_choices.index(view.heat), key=f"heat-{lang}",
                            format_func=lambda h: t("No heatmap") if h is None else t(maps.HEAT_LABELS[h]))
sector_codes, status_codes = filters.sectors_and_statuses(st.sidebar, st.sidebar, lang, key="map",
                                                          sectors_by_default=view.sectors,
                                                          statuses_by_default=view.statuses)
zone, group = filters.zone_and_group(st.sidebar, st.sidebar, lang, key="map", zone=view.zone, group=view.group)
investment_min, investment_max = filters.investment_range(st.sidebar, st.sidebar, lang, key=f"map-{lang}",
                                                          low=view.investment_min, high=view.investment_max)
view.save(region=region_code, province=province_code, level=level, indicator=indicator.key, rural=show_rural,
          mountain=show_mountain, markers=show_markers, heat=heat, sectors=tuple(sector_codes),
          statuses=tuple(status_codes), zone=zone, group=group, investment_min=investment_min,
          investment_max=investment_max)
chosen = guarded(view.filters)
if chosen is None:
    st.stop()

version = guarded(projects.data_version)
units = guarded(lambda: cached.units_with_projects(level, region_code, chosen, version or ""))
if units is None:
    st.stop()
if province_code:
    units = units[units["province_code"] == province_code]
zone_shapes = guarded(lambda: cached.zones(region_code)) or {}
wanted = {z for z, on in (("rural", show_rural), ("mountain", show_mountain)) if on}
outlines = cached.units("province", region_code) if region_code and level == "commune" else None
if province_code and outlines is not None:
    outlines = outlines[outlines["code"] == province_code]
    bounds = maps.outline_bounds(outlines["geojson"].iloc[0])
else:
    bounds = maps.region_bounds(regions.set_index("code").loc[region_code]) if region_code else None
fmap = maps.choropleth(units, indicator, lang=lang, bounds=bounds,
                       zones={z: g for z, g in zone_shapes.items() if z in wanted}, outlines=outlines)
if (show_markers or heat) and not maps.add_project_layers(
        fmap, cached.project_list(chosen, version or ""), lang=lang, markers=show_markers, heat=heat):
    st.info(t("Too many projects to draw one marker each: choose a region or a sector to see them."))
map_key = f"map-{lang}-{level}-{region_code}-{province_code}"


def open_clicked_unit() -> None:
    """A click on a region opens it at commune level; a click on a province opens its communes.

    Only clicks come back from the map (not pans or zooms), so the page reruns once per click.
    """
    drawing = (st.session_state.get(map_key) or {}).get("last_active_drawing") or {}
    code = (drawing.get("properties") or {}).get("code")
    if level == "region" and code in names:
        st.session_state[f"region-{lang}"] = code
        st.session_state[f"level-{lang}"] = "commune"
    elif level == "province" and code in province_names:
        st.session_state[f"province-{lang}-{region_code}"] = code
        st.session_state[f"level-{lang}"] = "commune"


shown = st_folium(fmap, height=620, use_container_width=True, returned_objects=["last_active_drawing"],
                  key=map_key, on_change=open_clicked_unit)
clicked = ((shown or {}).get("last_active_drawing") or {}).get("properties") or {}
profiles = [(lv, code) for lv, code in (("region", region_code), ("province", province_code)) if code]
if level == "commune" and clicked.get("code") in set(units["code"]):
    profiles.append(("commune", clicked["code"]))
for where, (profile_level, code) in zip(st.columns(3), profiles, strict=False):
    unit = cached.units(profile_level, region_code, with_geometry=False).set_index("code").loc[code]
    where.page_link("pages/territory_profile.py", icon=":material/query_stats:",
                 label=f"{t('Profile of')} {place_name(unit['name_fr'], unit['name_ar'], lang)}",
                 query_params={"level": profile_level, "code": code})

st.subheader(t("Figures"))
table = maps.figures_table(units, indicator, lang=lang)
st.dataframe(table, hide_index=True, width="stretch")
st.caption(t("Sources: HCP, RGPH 2024 and 2014, establishments mapping 2024; boundaries © OpenStreetMap contributors."))
if units["projects"].sum() == 0:
    st.info(t("No project matches these filters yet: the project figures are zero."))
