"""Opportunities catalogue: funding, training and partnership programmes, the projects eligible for one
(with the rules that matched), and, for officials and administrators, the editor and each entry's history.

The programme picked is kept in the URL (``?programme=forsa``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coopbank import opportunities as opp
from coopbank.errors import CoopBankError
from coopbank.projects import ProjectFilters
from coopbank.ui import cached, labels
from coopbank.ui.i18n import localised, number, place_name
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor

SHEET = "pages/project_sheet.py"
lang = current_language()
actor = current_actor()
editor = actor.role in opp.EDITORS
st.title(t("Opportunities catalogue"))
st.caption(t("Funding programmes, training and partnership offers open to cooperative projects, with who may "
             "apply. Figures come from the sources named on each entry; check them with the body before applying."))

entries = guarded(lambda: opp.catalogue(include_inactive=editor))
sector_frame, region_frame = guarded(cached.sectors), guarded(cached.regions)
if entries is None or sector_frame is None or region_frame is None:
    st.stop()
SECTORS = {r.code: localised(r.label_fr, r.label_ar, lang) for r in sector_frame.itertuples()}
REGIONS = {r.code: place_name(r.name_fr, r.name_ar, lang) for r in region_frame.itertuples()}
STANDINGS = labels.standings(lang)
KINDS = {"funding": t("Funding"), "training": t("Training"), "partnership": t("Partnership")}
FIELDS = {"code": t("Code"), "kind": t("Kind"), "body": t("Body"), "name_fr": t("Name (French)"),
          "name_ar": t("Name (Arabic)"), "description_fr": t("Description (French)"),
          "description_ar": t("Description (Arabic)"), "sectors": t("Sectors"), "holder_kinds": t("Holders"),
          "age_min": t("Minimum age"), "age_max": t("Maximum age"), "region_codes": t("Regions"),
          "rural_only": t("Rural communes only"), "mountain_only": t("Mountain communes only"),
          "investment_min": t("Minimum investment (MAD)"), "investment_max": t("Maximum investment (MAD)"),
          "ticket_min": t("Minimum support (MAD)"), "ticket_max": t("Maximum support (MAD)"),
          "url": t("Link"), "source": t("Source"), "active": t("Active")}


def name(entry: dict[str, Any]) -> str:
    return localised(entry["name_fr"], entry["name_ar"], lang)


def span(low: float | None, high: float | None, unit: str = "") -> str | None:
    """A range in the interface's numbers ("18–34", "≥ 18", "≤ 100 000 MAD"), or None without bounds."""
    if low is None and high is None:
        return None
    text = (f"{number(low, lang)}–{number(high, lang)}" if low is not None and high is not None
            else f"≥ {number(low, lang)}" if low is not None else f"≤ {number(high, lang)}")
    return f"{text} {unit}".strip()


def why(reasons: list[opp.Reason]) -> str:
    """The reasons of a verdict in the interface language, joined."""
    return " · ".join(opp.render(r, translate=t, number=lambda v: number(v, lang),
                                 sector=lambda c: SECTORS.get(c, c), region=lambda c: REGIONS.get(c, c),
                                 standing=lambda c: STANDINGS.get(c, c)) for r in reasons)


def card(entry: dict[str, Any]) -> None:
    """One programme: name, body, description, who may apply, amounts, link and source."""
    with st.container(border=True):
        st.markdown(f"**{plain(name(entry))}**")
        if not entry["active"]:
            st.badge(t("Inactive"), color="gray")
        st.caption(plain(entry["body"]))
        description = localised(entry["description_fr"], entry["description_ar"], lang)
        if description:
            st.markdown(plain(description))
        rules = [
            (t("Sectors"), ", ".join(SECTORS.get(c, c) for c in entry["sectors"]) or t("any")),
            (t("Holders"), ", ".join(STANDINGS.get(c, c) for c in entry["holder_kinds"]) or t("any")),
            (t("Holder's age"), span(entry["age_min"], entry["age_max"], t("years")) or t("any")),
            (t("Territory"), " · ".join(filter(None, [
                ", ".join(REGIONS.get(c, c) for c in entry["region_codes"]) or t("all Morocco"),
                t("rural communes only") if entry["rural_only"] else None,
                t("mountain communes only") if entry["mountain_only"] else None]))),
            (t("Investment"), span(entry["investment_min"], entry["investment_max"], t("MAD")) or t("any")),
            (t("Support"), span(entry["ticket_min"], entry["ticket_max"], t("MAD")) or t("to be confirmed")),
        ]
        st.markdown("\n".join(f"- **{label}**: {plain(value)}" for label, value in rules))
        if entry["url"]:
            st.link_button(t("Programme's site"), entry["url"], icon=":material/open_in_new:")
        st.caption(f"{t('Source')}: {plain(entry['source'])}")


tabs = st.tabs([KINDS[k] for k in opp.KINDS])
for kind, tab in zip(opp.KINDS, tabs, strict=True):
    with tab:
        shown = [e for e in entries if e["kind"] == kind]
        if not shown:
            st.info(t("No programme of this kind yet."))
        columns = st.columns(2)
        for i, entry in enumerate(shown):
            with columns[i % 2]:
                card(entry)

st.header(t("Projects eligible for a programme"))
active = {e["code"]: e for e in entries if e["active"]}
codes = list(active)
wanted = st.query_params.get("programme")
picked = st.selectbox(t("Programme"), codes, format_func=lambda c: name(active[c]), key=f"op-pick-{lang}",
                      index=codes.index(wanted) if wanted in codes else 0)
if picked and st.query_params.get("programme") != picked:
    st.query_params["programme"] = picked
demo = st.toggle(t("Include demo projects"), value=True, key="op-demo")
found = guarded(lambda: opp.projects_eligible_for(picked, ProjectFilters(include_demo=demo))) if picked else None
if found is not None:
    st.subheader(f"{t('Projects found')}: {number(len(found), lang)}")
    st.caption(t("A project appears eligible when no rule rules it out; \"unknown\" means the project does not "
                 "record the fact, to be checked with the holder."))
    if found:
        table = pd.DataFrame({
            t("Reference"): [r["reference"] for r, _ in found],
            t("Demo"): [labels.demo_marker(bool(r["is_demo"]), lang) for r, _ in found],
            t("Title"): [localised(r["title_fr"], r["title_ar"], lang) for r, _ in found],
            t("Sector"): [localised(r["sector_fr"], r["sector_ar"], lang) for r, _ in found],
            t("Region"): [place_name(r["region_fr"], r["region_ar"], lang) for r, _ in found],
            t("Why"): [why(v.reasons) or t("no rule: open to every project") for _, v in found],
        })
        chosen = st.dataframe(table, hide_index=True, width="stretch", key=f"op-found-{lang}-{picked}",
                              on_select="rerun", selection_mode="single-row")
        if chosen.selection.rows and chosen.selection.rows[0] < len(found):
            reference = str(found[chosen.selection.rows[0]][0]["reference"])
            st.page_link(SHEET, label=f"{t('Open the sheet of')} {plain(reference)}", icon=":material/article:",
                         query_params={"ref": reference})

if not editor:
    st.stop()

st.header(t("Edit the catalogue"))
every = {e["code"]: e for e in entries}
NEW = ""
target = st.selectbox(t("Entry"), [NEW, *every], key=f"op-edit-{lang}",
                      format_func=lambda c: t("New entry") if c == NEW else name(every[c]))
base: dict[str, Any] = every.get(target) or {"kind": "funding", "active": True}
k = f"{target or 'new'}-{lang}"
with st.form(f"op-form-{k}"):
    form: dict[str, Any] = {"code": target} if target else {
        "code": st.text_input(FIELDS["code"], key=f"op-code-{k}", help=t("Lower-case letters, digits and _"))}
    form["kind"] = st.selectbox(FIELDS["kind"], opp.KINDS, index=opp.KINDS.index(base["kind"]),
                                format_func=KINDS.__getitem__, key=f"op-kind-{k}")
    for field in ("body", "name_fr", "name_ar"):
        form[field] = st.text_input(FIELDS[field], value=base.get(field, ""), key=f"op-{field}-{k}")
    for field in ("description_fr", "description_ar"):
        form[field] = st.text_area(FIELDS[field], value=base.get(field, ""), key=f"op-{field}-{k}")
    for field, options in (("sectors", SECTORS), ("holder_kinds", STANDINGS), ("region_codes", REGIONS)):
        form[field] = st.multiselect(FIELDS[field], list(options), default=base.get(field) or [],
                                     format_func=lambda c, o=options: o[c], key=f"op-{field}-{k}",
                                     placeholder=t("any"))
    left, right = st.columns(2)
    for i, field in enumerate(("age_min", "age_max", "investment_min", "investment_max", "ticket_min", "ticket_max")):
        form[field] = (left if i % 2 == 0 else right).number_input(
            FIELDS[field], value=base.get(field), min_value=0.0 if "age" not in field else None,
            step=1.0 if "age" not in field else None, key=f"op-{field}-{k}")
    for field in ("rural_only", "mountain_only", "active"):
        form[field] = st.checkbox(FIELDS[field], value=bool(base.get(field, field == "active")), key=f"op-{field}-{k}")
    form["url"] = st.text_input(FIELDS["url"], value=base.get("url") or "", key=f"op-url-{k}")
    form["source"] = st.text_area(FIELDS["source"], value=base.get("source", ""), key=f"op-source-{k}")
    submitted = st.form_submit_button(t("Save the entry"), type="primary")
if submitted:
    try:
        saved = opp.save_opportunity(actor, form)
        st.success(t("Saved: {name}.").format(name=plain(name(saved))))
    except opp.InvalidOpportunity as exc:
        values = {key: FIELDS.get(str(v), str(v)) for key, v in exc.values.items()}
        st.error(plain(t(exc.template).format(**values)))
    except CoopBankError as exc:
        st.error(plain(t(exc.message)))
if target:
    st.subheader(t("History of this entry"))
    changes = guarded(lambda: opp.history(actor, target)) or []
    st.dataframe(pd.DataFrame({
        t("Date"): [c["changed_at"].strftime("%Y-%m-%d %H:%M") for c in changes],
        t("By"): [c["changed_by"] for c in changes],
        t("Change"): [{"INSERT": t("added"), "UPDATE": t("edited"), "DELETE": t("removed")}[c["operation"]]
                      for c in changes],
        t("Fields changed"): [", ".join(FIELDS.get(f, f) for f in sorted(set(c["before"] or {}) | set(c["after"] or {}))
                                        if f not in ("updated_at", "updated_by")
                                        and (c["before"] or {}).get(f) != (c["after"] or {}).get(f)) for c in changes],
    }), hide_index=True, width="stretch")
