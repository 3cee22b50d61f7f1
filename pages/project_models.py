"""Project models: ready-to-use cooperative projects with their business plan, to browse and adopt.

The catalogue as cards by sector; a model's page (``?model=CODE``) with its
figures and sources, its business plan with adjustable financing, where it fits,
and "Adopt this model" for a signed-in holder (a prefilled wizard draft).
Officials and administrators edit the models and see each one's history.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coopbank import opportunities, submissions
from coopbank.errors import CoopBankError
from coopbank.ui import cached
from coopbank.ui.i18n import localised, number, percent
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor
from planning import business_plan
from planning import project_models as pm

WIZARD_PAGE = "pages/submit_project.py"
AMOUNT = st.column_config.NumberColumn(format="localized")  # thousands separated as the browser reads them
lang = current_language()
actor = current_actor()
st.title(t("Project models"))
st.caption(t("Typical cooperative projects with their business plan, to adopt and adapt to your commune. "
             "Figures marked as illustrative assumptions are to be checked with ODCO."))
models = guarded(pm.catalogue)
sector_frame = guarded(cached.sectors)
if models is None or sector_frame is None:
    st.stop()
SECTORS = {r.code: localised(r.label_fr, r.label_ar, lang) for r in sector_frame.itertuples()}
PROGRAMMES = {e["code"]: localised(e["name_fr"], e["name_ar"], lang)
              for e in guarded(lambda: opportunities.catalogue(include_inactive=True)) or []}
ITEMS = {"equipment": t("Equipment"), "building": t("Building works"), "working_capital": t("Working capital"),
         "training": t("Training")}
FIGURES = {"investment": t("Investment"), "operating_costs_mad": t("Operating costs"), "revenue_mad": t("Revenue"),
           "jobs": t("Jobs"), "members": t("Members"), "conditions": t("Territorial conditions")}
BASES = {"industry": t("Industry"), "construction": t("Construction"), "commerce": t("Commerce"),
         "services": t("Services")}
PRODUCTS = {"argan": t("Argan"), "saffron": t("Saffron"), "dates": t("Dates"), "roses": t("Roses"),
            "olives": t("Olives"), "cactus": t("Prickly pear"), "honey": t("Honey"), "pam": t("Aromatic plants")}
by_code = {m.code: m for m in models}
mad = t("MAD")


def money(value: float | None) -> str:
    return t("not provided") if value is None else f"{number(value, lang)} {mad}"


def source_text(text: str) -> str:
    return t("illustrative assumption, editable") if text == pm.ASSUMPTION else text


def card(m: pm.ProjectModel) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(m.name(lang))}**")
        st.caption(" · ".join(filter(None, [SECTORS.get(m.sector_code, m.sector_code),
                                            SECTORS.get(m.sub_sector_code or "", "")])))
        st.markdown(f"{t('Investment')}: **{money(m.investment_mad)}** · {t('Direct jobs')}: "
                    f"**{number(m.jobs_direct, lang) if m.jobs_direct is not None else t('not provided')}**")
        st.page_link("pages/project_models.py", label=t("Open the model"), icon=":material/article:",
                     query_params={"model": m.code})


def conditions(m: pm.ProjectModel) -> list[str]:
    c = m.conditions
    flags = {True: t("needed"), False: t("excluded"), None: t("either")}
    out = [f"{t('Rural commune')}: {flags[c.get('rural')]}", f"{t('Mountain commune')}: {flags[c.get('mountain')]}"]
    if c.get("sector_base"):
        out.append(f"{t('Existing sector base (HCP 2024)')}: {BASES[c['sector_base']]}")
    if c.get("place_products"):
        out.append(f"{t('Product linked to a place')}: {', '.join(PRODUCTS.get(p, p) for p in c['place_products'])}"
                   f" ({', '.join(c.get('place_provinces') or [])})")
    return out


def plan(m: pm.ProjectModel) -> None:
    st.subheader(t("Business plan"))
    k = f"{m.code}-{lang}"
    left, middle, right = st.columns(3)
    grant = left.number_input(t("Grant (MAD)"), min_value=0.0, value=0.0, step=10_000.0, key=f"pm-grant-{k}")
    honour = middle.number_input(t("Honour loan (MAD)"), min_value=0.0, value=0.0, step=10_000.0, key=f"pm-hl-{k}")
    honour_years = right.number_input(t("Honour loan term (years)"), 0, 10, 0, key=f"pm-hly-{k}")
    bank = left.number_input(t("Bank loan (MAD)"), min_value=0.0, value=0.0, step=10_000.0, key=f"pm-bank-{k}")
    rate = middle.number_input(t("Bank loan rate (%)"), 0.0, 30.0, 6.0, 0.25, key=f"pm-rate-{k}")
    term = right.number_input(t("Bank loan term (years)"), 0, 10, 0, key=f"pm-term-{k}")
    discount = left.number_input(t("Discount rate (%)"), 0.0, 50.0, 8.0, 0.5, key=f"pm-disc-{k}")
    financing = business_plan.Financing(grant_mad=grant, honour_loan_mad=honour, honour_loan_years=int(honour_years),
                                        bank_loan_mad=bank, bank_rate=rate / 100, bank_years=int(term))
    inputs = pm.plan_inputs(m, financing=financing, discount_rate=discount / 100)
    try:
        result, table = business_plan.compute(inputs), business_plan.sensitivity(inputs)
    except CoopBankError as exc:
        st.error(plain(t(exc.message)))
        return
    try:
        from coopbank.ui.plan_view import show_plan
    except ImportError:  # the shared view is not there yet: the figures as they are
        st.dataframe(result.table, hide_index=True, width="stretch")
        st.dataframe(table, hide_index=True, width="stretch")
        return
    show_plan(result, table, lang, key=f"pm-plan-{m.code}")


def where_it_fits(m: pm.ProjectModel) -> None:
    """The communes that suit the model: planning.model_fit's map and ranking (coopbank.ui.fit_view)."""
    st.subheader(t("Where this model fits"))
    try:
        from coopbank.ui.fit_view import show_fit
    except ImportError:  # hook: the ranking of planning/model_fit.py is drawn by another part of issue 8
        st.info(t("The ranking of communes for this model is not available yet."))
        return
    show_fit(m.code, lang)


def adopt(m: pm.ProjectModel) -> None:
    if actor.role != "holder":
        st.info(t("Sign in as a project holder to adopt it."))
        st.page_link("pages/sign_in.py", label=t("Sign in"), icon=":material/login:")
        return
    if st.button(t("Adopt this model"), key=f"pm-adopt-{m.code}", type="primary", icon=":material/content_copy:"):
        draft_id = guarded(lambda: submissions.start_from_model(actor, m.code))
        if draft_id is not None:
            st.session_state["submit-wizard"] = {"draft_id": draft_id, "step": 0,
                                                 "data": dict(submissions.draft(actor, draft_id).data)}
            st.switch_page(WIZARD_PAGE)


def show(m: pm.ProjectModel) -> None:
    st.page_link("pages/project_models.py", label=t("All the models"), icon=":material/arrow_back:")
    st.header(plain(m.name(lang)))
    st.caption(" · ".join(filter(None, [SECTORS.get(m.sector_code), SECTORS.get(m.sub_sector_code or "")])))
    st.markdown(plain(m.description(lang)))
    adopt(m)
    left, right = st.columns(2)
    with left:
        st.subheader(t("Investment"))
        st.dataframe(pd.DataFrame({t("Item"): [ITEMS[i] for i in m.investment] + [t("Total")],
                                   mad: [*m.investment.values(), m.investment_mad]}), hide_index=True,
                     column_config={mad: AMOUNT})
    with right:
        st.subheader(t("Jobs and members"))
        st.markdown("\n".join([
            f"- {t('Direct jobs')}: {number(m.jobs_direct, lang) if m.jobs_direct is not None else t('not provided')}",
            f"- {t('Women')}: {percent(m.women_share, lang, decimals=0)}",
            f"- {t('Youth')}: {percent(m.youth_share, lang, decimals=0)}",
            f"- {t('Members needed')}: {number(m.members, lang) if m.members is not None else t('not provided')}"]))
    st.subheader(t("Revenue and operating costs per year"))
    st.dataframe(pd.DataFrame({t("Year"): range(1, m.years + 1), t("Revenue"): m.revenue_mad,
                               t("Operating costs"): m.operating_costs_mad}), hide_index=True,
                 column_config={t("Revenue"): AMOUNT, t("Operating costs"): AMOUNT})
    st.markdown(f"**{t('Skills and training')}**\n" + "\n".join(f"- {plain(s)}" for s in m.skills))
    st.markdown(f"**{t('Funding programmes')}**\n" + "\n".join(f"- {plain(PROGRAMMES.get(c, c))}"
                                                               for c in m.programmes))
    st.markdown(f"**{t('Territorial conditions')}**\n" + "\n".join(f"- {plain(c)}" for c in conditions(m)))
    with st.expander(t("Sources")):
        st.markdown("\n".join(f"- **{FIGURES.get(f, f)}**: {plain(source_text(s))}" for f, s in m.sources.items()))
    plan(m)
    where_it_fits(m)
    if actor.role in pm.EDITORS:
        editor(m)


def series(text: str) -> list[str]:
    return [v.strip() for v in text.replace(";", "\n").splitlines() if v.strip()]


def editor(m: pm.ProjectModel) -> None:
    """Officials' editor: every figure, saved with validation messages in the user's language; the history."""
    st.header(t("Edit this model"))
    k = f"{m.code}-{lang}"
    flags = {"": t("either"), "yes": t("needed"), "no": t("excluded")}
    with st.form(f"pm-form-{k}"):
        form: dict[str, Any] = {**pm.as_entry(m)}
        for field, label in (("name_fr", t("Name (French)")), ("name_ar", t("Name (Arabic)"))):
            form[field] = st.text_input(label, value=getattr(m, field), key=f"pm-{field}-{k}")
        for field, label in (("description_fr", t("Description (French)")),
                             ("description_ar", t("Description (Arabic)"))):
            form[field] = st.text_area(label, value=getattr(m, field), key=f"pm-{field}-{k}")
        columns = st.columns(4)
        form["investment"] = {i: columns[n].text_input(f"{ITEMS[i]} ({mad})", value=str(int(m.investment[i])),
                                                       key=f"pm-inv-{i}-{k}")
                              for n, i in enumerate(pm.INVESTMENT_ITEMS)}
        for field, label in (("revenue_mad", t("Revenue per year (MAD), one per line")),
                             ("operating_costs_mad", t("Operating costs per year (MAD), one per line"))):
            form[field] = series(st.text_area(label, value="\n".join(str(int(v)) for v in getattr(m, field)),
                                              key=f"pm-{field}-{k}"))
        left, right = st.columns(2)
        form["jobs_direct"] = left.text_input(t("Direct jobs"), value=str(m.jobs_direct or ""), key=f"pm-jobs-{k}")
        form["members"] = right.text_input(t("Members needed"), value=str(m.members or ""), key=f"pm-mem-{k}")
        form["women_share"] = left.text_input(t("Women's share of jobs (0–1)"), value=str(m.women_share or ""),
                                              key=f"pm-women-{k}")
        form["youth_share"] = right.text_input(t("Youth share of jobs (0–1)"), value=str(m.youth_share or ""),
                                               key=f"pm-youth-{k}")
        form["skills"] = series(st.text_area(t("Skills and training, one per line"), value="\n".join(m.skills),
                                             key=f"pm-skills-{k}"))
        form["programmes"] = st.multiselect(t("Funding programmes"), list(PROGRAMMES), default=[
            c for c in m.programmes if c in PROGRAMMES], format_func=PROGRAMMES.__getitem__, key=f"pm-prog-{k}")
        cond = dict(m.conditions)
        for field, label in (("rural", t("Rural commune")), ("mountain", t("Mountain commune"))):
            now = {True: "yes", False: "no"}.get(cond.get(field), "")
            picked = left.selectbox(label, list(flags), index=list(flags).index(now), format_func=flags.get,
                                    key=f"pm-{field}-{k}")
            cond[field] = {"yes": True, "no": False}.get(picked)
        cond["sector_base"] = right.selectbox(t("Existing sector base (HCP 2024)"), [None, *BASES],
                                              index=[None, *BASES].index(cond.get("sector_base")),
                                              format_func=lambda c: t("none") if c is None else BASES[c],
                                              key=f"pm-base-{k}")
        form["conditions"] = cond
        submitted = st.form_submit_button(t("Save the model"), type="primary")
    if submitted:
        try:
            saved = pm.save_model(actor, form)
            st.success(t("Saved: {name}.").format(name=plain(saved.name(lang))))
        except pm.InvalidModel as exc:
            names = {**ITEMS, **FIGURES, "name_fr": t("Name (French)"), "name_ar": t("Name (Arabic)"),
                     "jobs_direct": t("Direct jobs"), "members": t("Members needed"),
                     "women_share": t("Women's share of jobs (0–1)"), "youth_share": t("Youth share of jobs (0–1)"),
                     "rural": t("Rural commune"), "mountain": t("Mountain commune")}
            st.error(plain(t(exc.template).format(**{key: names.get(str(v), str(v)) for key, v in exc.values.items()})))
        except CoopBankError as exc:
            st.error(plain(t(exc.message)))
    st.subheader(t("History of this model"))
    changes = guarded(lambda: pm.history(m.code)) or []
    st.dataframe(pd.DataFrame({
        t("Date"): [c["changed_at"].strftime("%Y-%m-%d %H:%M") for c in changes],
        t("By"): [c["changed_by"] for c in changes],
        t("Change"): [{"INSERT": t("added"), "UPDATE": t("edited"), "DELETE": t("removed")}[c["operation"]]
                      for c in changes],
        t("Fields changed"): [", ".join(sorted(f for f in set(c["before"] or {}) | set(c["after"] or {})
                                               if f not in ("updated_at", "updated_by")
                                               and (c["before"] or {}).get(f) != (c["after"] or {}).get(f)))
                              for c in changes]}), hide_index=True, width="stretch")


chosen = by_code.get(st.query_params.get("model", ""))
if chosen is not None:
    show(chosen)
    st.stop()
if st.query_params.get("model"):
    st.warning(t("There is no project model with this code"))
for sector in dict.fromkeys(m.sector_code for m in models):
    st.subheader(SECTORS.get(sector, sector))
    columns = st.columns(3)
    for i, m in enumerate(x for x in models if x.sector_code == sector):
        with columns[i % 3]:
            card(m)
