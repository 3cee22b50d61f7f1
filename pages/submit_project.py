"""Submit a project: the holder's step-by-step wizard (idea, cooperative, place, money, review), drafts saved.

What the holder types is kept verbatim in the session and in the saved draft;
each "Next" checks the step with the importer's rules, "Submit" checks all of
it (coopbank.submissions). Only a signed-in project holder can use it.
"""

from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from coopbank import submissions, territory
from coopbank.ui import cached, maps
from coopbank.ui.assets import localise
from coopbank.ui.i18n import is_rtl, localised, place_name, translate
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor

WIZARD = "submit-wizard"  # {"draft_id", "step", "data", "project_id"}; pages/my_projects.py sets it to resume
lang = current_language()
actor = current_actor()
st.title(t("Submit a project"))
if actor.role != "holder":
    st.info(t("Sign in with a project holder's account to submit a project."))
    st.page_link("pages/sign_in.py", label=t("Sign in"), icon=":material/login:")
    st.stop()

done = st.session_state.pop("submit-wizard-done", None)
if done:
    st.success(t("Your project was submitted as {reference}: an official of its region will review it.")
               .format(reference=done))
    st.page_link("pages/my_projects.py", label=t("My projects"), icon=":material/folder:")
    st.button(t("Start a new project"), key="wiz-again", icon=":material/add:")
    st.stop()
wanted = st.query_params.get("draft")  # ?draft=ID opens the holder's own draft (e.g. adopted from a model)
if wanted and wanted.isdigit() and st.session_state.get(WIZARD, {}).get("draft_id") != int(wanted):
    opened = guarded(lambda: submissions.draft(actor, int(wanted)))
    if opened is not None and opened.project_id is None:
        st.session_state[WIZARD] = {"draft_id": opened.id, "step": opened.step, "data": dict(opened.data)}
    del st.query_params["draft"]
state: dict[str, Any] = st.session_state.setdefault(WIZARD, {"draft_id": None, "step": 0, "data": {}})
data: dict[str, Any] = state["data"]
if data.get("model_code"):
    from planning import project_models

    adopted = guarded(lambda: project_models.model(str(data["model_code"])))
    st.info(t("Adopted from the model: {name}. Adapt its figures to your project and your commune.").format(
        name=plain(adopted.name(lang) if adopted else str(data["model_code"]))), icon=":material/content_copy:")
STEP_TITLES = {"idea": t("The idea"), "cooperative": t("The cooperative"), "place": t("The place"),
               "money": t("Money, jobs and needs"), "review": t("Review and submit")}
LABELS = {
    "title_fr": t("Title in French"), "title_ar": t("Title in Arabic"), "description": t("Description"),
    "sector": t("Sector"), "sub_sector": t("Sub-sector"), "status": t("Stage of the project"),
    "holder_age": t("Holder's age"), "holder_kind": t("Kind of holder"),
    "cooperative_status": t("Standing"), "cooperative_name": t("Cooperative's name"),
    "odco_registration": t("ODCO registration number"), "commune_code": t("Commune"),
    "latitude": t("Point on the map"), "longitude": t("Point on the map"),
    "investment_mad": t("Investment needed (MAD)"), "funding_secured_mad": t("Funding secured (MAD)"),
    "jobs_direct": t("Direct jobs"), "jobs_women": t("of which women"), "jobs_youth": t("of which youth"),
    "members_total": t("Members"), "members_women": t("Members: women"), "members_youth": t("Members: youth"),
    "training_needs": t("Training needs"), "partnership_sought": t("Partnership sought"),
}
KINDS = {"women": t("Women"), "youth": t("Youth"), "disabled": t("People with disabilities"),
         "migrants": t("Migrants"), "rural": t("Rural population")}
STANDINGS = {"existing": t("Existing cooperative"), "to_create": t("Cooperative to be created"),
             "union": t("Union of cooperatives")}
STAGES = ("idea", "under_study", "ready", "seeking_funding")


def inert(value: str) -> str:
    """User text shown exactly as typed, isolated so its own direction holds inside an Arabic line."""
    return f"\u2068{plain(value)}\u2069"


def show_errors(errors: list) -> None:
    """Each field's error in the interface language, the typed values shown inert."""
    for error in errors:
        msgid, params = submissions.explain(error)
        st.error(plain(f"{LABELS.get(error.field, error.field)}: {translate(msgid, lang).format(**params)}"))


def text(field: str, *, area: bool = False, help_text: str | None = None) -> None:
    widget = st.text_area if area else st.text_input
    data[field] = widget(LABELS[field], value=str(data.get(field) or ""), key=f"wiz-{field}", help=help_text)


def choice(field: str, options: list[str], names: dict[str, str]) -> None:
    current = data.get(field)
    data[field] = st.selectbox(LABELS[field], options, index=options.index(current) if current in options else None,
                               format_func=lambda c: names.get(c, c), key=f"wiz-{field}-{lang}",
                               placeholder=t("Choose…"))


def idea() -> None:
    text("title_fr")
    text("title_ar")
    text("description", area=True)
    sectors = cached.sectors()
    names = {r.code: localised(r.label_fr, r.label_ar, lang) for r in sectors.itertuples()}
    choice("sector", list(sectors.loc[sectors["parent_code"].isna(), "code"]), names)
    subs = list(sectors.loc[sectors["parent_code"] == data.get("sector"), "code"])
    if subs:
        choice("sub_sector", subs, names)
    else:
        data["sub_sector"] = None
    statuses = cached.statuses()
    choice("status", list(STAGES), {r.code: localised(r.label_fr, r.label_ar, lang) for r in statuses.itertuples()})
    text("holder_age", help_text=t("Between 15 and 100"))
    data["holder_kind"] = st.multiselect(LABELS["holder_kind"], list(KINDS), default=[
        k for k in data.get("holder_kind") or [] if k in KINDS], format_func=KINDS.__getitem__,
        key=f"wiz-holder_kind-{lang}", placeholder=t("Choose…"))


def cooperative() -> None:
    current = data.get("cooperative_status")
    data["cooperative_status"] = st.radio(LABELS["cooperative_status"], list(STANDINGS), format_func=STANDINGS.get,
                                          index=list(STANDINGS).index(current) if current in STANDINGS else None,
                                          key=f"wiz-cooperative_status-{lang}")
    text("cooperative_name")
    text("odco_registration")


def place() -> None:
    query = st.text_input(t("Search a commune by its name, in French or in Arabic"), key="wiz-commune-search")
    found = guarded(lambda: submissions.search_communes(query)) or []
    names = {c["code"]: f"{place_name(c['name_fr'], c['name_ar'], lang)} · {c['province_fr']}" for c in found}
    if found:
        picked = st.radio(t("Communes found"), list(names), format_func=names.__getitem__, index=None,
                          key=f"wiz-commune-pick-{query}")
        if picked:
            data.update(commune_code=picked, latitude=None, longitude=None)
    elif query.strip():
        st.warning(t("No commune has a name like this one: check the spelling, or click the place on the map."))
    st.caption(t("Or click the place on the map:"))
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat is not None and lon is not None:
        fmap = maps.project_map(float(lat), float(lon), label=t("Chosen place"), exact=True)
    else:  # all Morocco, with the dashboard's own Leaflet (no CDN)
        fmap = localise(folium.Map(location=[31.8, -7.1], zoom_start=5, tiles="OpenStreetMap", control_scale=True))
    clicked = st_folium(fmap, height=360, use_container_width=True, returned_objects=["last_clicked"],
                        key="wiz-map").get("last_clicked")
    if clicked and clicked != state.get("click"):
        state["click"] = clicked
        data.update(commune_code=None, latitude=round(clicked["lat"], 6), longitude=round(clicked["lng"], 6))
        st.rerun()
    st.markdown(f"**{t('Chosen place')}:** {inert(describe_place())}")


def describe_place() -> str:
    code = data.get("commune_code")
    if code:
        communes = cached.units("commune", None, with_geometry=False).set_index("code")
        if code in communes.index:
            row = communes.loc[code]
            return place_name(row["name_fr"], row["name_ar"], lang)
        return str(code)
    if data.get("latitude") is not None and data.get("longitude") is not None:
        hit = guarded(lambda: territory.locate_point(float(data["longitude"]), float(data["latitude"])))
        where = place_name(hit["commune_name_fr"], hit["commune_name_ar"], lang) if hit and hit["commune_code"] \
            else t("no commune here")
        return f"{data['latitude']}, {data['longitude']} ({where})"
    return t("none yet")


def money() -> None:
    left, right = st.columns(2)
    with left:
        for field in ("investment_mad", "jobs_direct", "jobs_women", "jobs_youth"):
            text(field)
    with right:
        for field in ("funding_secured_mad", "members_total", "members_women", "members_youth"):
            text(field)
    text("training_needs", area=True)
    text("partnership_sought", area=True)


def shown(field: str) -> str:
    value = data.get(field)
    if field == "holder_kind":
        return ", ".join(KINDS.get(k, k) for k in value or []) or "–"
    if field in ("sector", "sub_sector", "status") and value:
        frame = cached.sectors() if field != "status" else cached.statuses()
        row = frame.loc[frame["code"] == value]
        return localised(row.iloc[0]["label_fr"], row.iloc[0]["label_ar"], lang) if len(row) else str(value)
    if field == "cooperative_status":
        return STANDINGS.get(value, str(value or "–"))
    if field == "commune_code":
        return describe_place()
    return str(value) if value not in (None, "") else "–"


def review() -> None:
    for name, fields in submissions.STEP_FIELDS.items():
        if fields:
            st.subheader(STEP_TITLES[name])
            for field in fields:
                if field not in ("latitude", "longitude"):
                    st.markdown(f"**{plain(LABELS[field])}:** {inert(shown(field))}")


def save(step: int) -> int:
    state["draft_id"] = submissions.save_draft(actor, data, draft_id=state["draft_id"], step=step)
    return int(state["draft_id"])


def send() -> str | None:
    """Save, then submit (or resubmit after a request for changes); list each field's error if any."""
    save(len(submissions.STEPS) - 1)
    try:
        if state.get("project_id"):
            return submissions.resubmit(actor, state["project_id"], data)
        return submissions.submit(actor, state["draft_id"])
    except submissions.SubmissionInvalid as invalid:
        st.error(t(invalid.message))
        show_errors(invalid.errors)
        return None


with st.expander(t("Your saved drafts"), expanded=state["draft_id"] is None and not data):
    for saved in guarded(lambda: submissions.my_drafts(actor)) or []:
        title = localised(saved.data.get("title_fr"), saved.data.get("title_ar"), lang) or t("(untitled)")
        label = f"{t('Resume')}: {plain(title)} · {STEP_TITLES[submissions.STEPS[saved.step]]}"
        if st.button(label, key=f"wiz-resume-{saved.id}", icon=":material/edit_note:"):
            st.session_state[WIZARD] = {"draft_id": saved.id, "step": saved.step, "data": dict(saved.data)}
            st.rerun()
    if st.button(t("Start a new project"), key="wiz-new", icon=":material/add:"):
        st.session_state[WIZARD] = {"draft_id": None, "step": 0, "data": {}}
        st.rerun()

step = int(state["step"])
name = submissions.STEPS[step]
st.progress((step + 1) / len(submissions.STEPS),
            text=f"{t('Step')} {step + 1} / {len(submissions.STEPS)} · {STEP_TITLES[name]}")
if state.get("project_id"):
    st.info(t("An official asked for changes: edit the project and submit it again."))
{"idea": idea, "cooperative": cooperative, "place": place, "money": money, "review": review}[name]()
back, save_box, forward = st.columns(3)
BACK, FORWARD = (":material/arrow_forward:", ":material/arrow_back:") if is_rtl(lang) else \
    (":material/arrow_back:", ":material/arrow_forward:")
if step > 0 and back.button(t("Back"), key="wiz-back", icon=BACK):
    state["step"] = step - 1
    st.rerun()
saved_now = save_box.button(t("Save draft"), key="wiz-save", icon=":material/save:")
if saved_now and guarded(lambda: save(step)) is not None:
    st.success(t("Draft saved: you can resume it later from this page or from My projects."))
if name != "review" and forward.button(t("Next"), key="wiz-next", type="primary", icon=FORWARD):
    errors = guarded(lambda: submissions.validate(data, fields=submissions.STEP_FIELDS[name]))
    if errors:
        show_errors(errors)
    elif errors is not None:
        state["step"] = step + 1
        st.rerun()
if name == "review" and forward.button(t("Submit"), key="wiz-submit", type="primary", icon=":material/send:"):
    reference = guarded(send)
    if reference:
        st.session_state[WIZARD] = {"draft_id": None, "step": 0, "data": {}}
        st.session_state["submit-wizard-done"] = reference
        st.rerun()
