"""Investor view: projects ready for funding, ranked, as cards and a table, with a session shortlist;
signed-in investors express interest from the cards (coopbank.matching).

The ranking happens in SQL and only the page on screen is fetched, so the
cards and the table of page 2 continue the order of page 1.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coopbank import investor, matching, projects
from coopbank.ui import cached
from coopbank.ui.filters import investor_filters
from coopbank.ui.i18n import is_rtl, localised, number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.paging import page_key, pager, wanted_page
from coopbank.ui.plan_view import rate, years
from coopbank.ui.session import current_actor
from coopbank.ui.tables import projects_table
from planning import project_plans

SHORTLIST = "investor-shortlist"
SHEET = "pages/project_sheet.py"
CARDS = 24
PAGE_ROWS = 100
lang = current_language()
st.title(t("Investor view"))
st.caption(t("Projects looking for funding, by territory, sector, ticket size and readiness. "
             "Only published fields are shown: never contacts."))
st.session_state.setdefault(SHORTLIST, {})
actor = current_actor()


def _add(row: dict[str, Any]) -> None:
    st.session_state[SHORTLIST] = investor.add_to_shortlist(st.session_state[SHORTLIST], row)


def _remove(reference: str) -> None:
    st.session_state[SHORTLIST] = investor.remove_from_shortlist(st.session_state[SHORTLIST], reference)


def _send_interest(reference: str) -> None:
    message = st.session_state.get(f"inv-interest-msg-{reference}", "")
    sent = guarded(lambda: matching.express_interest(actor, reference, message))
    if sent is not None:
        st.success(t("Your interest was sent to the project's holder and to the officials of its territory.")
                   if sent.holder_notified else
                   t("Your interest was sent to the officials of the project's territory: "
                     "this project has no holder account yet, they will put you in touch."))


def _interest(reference: str, interested: set[str]) -> None:
    """The card's "Express interest" form for a signed-in investor; a sign-in hint for a visitor."""
    if actor.role == "visitor":
        st.caption(t("Sign in as an investor to express interest"))
    elif actor.role == "investor" and reference in interested:
        st.caption(t("You have expressed interest in this project: follow it in your inbox."))
        st.page_link("pages/inbox.py", label=t("Inbox"), icon=":material/inbox:")
    elif actor.role == "investor":
        with st.expander(t("Express interest")), st.form(key=f"inv-interest-form-{reference}"):
            st.text_area(t("Message to the holder and the officials (optional)"), key=f"inv-interest-msg-{reference}",
                         max_chars=matching.MAX_MESSAGE)
            st.form_submit_button(t("Express interest"), key=f"inv-interest-{reference}", on_click=_send_interest,
                                  args=(reference,), icon=":material/handshake:", type="primary")


def _money(value: float | None) -> str:
    return "–" if value is None or value != value else f"{number(value, lang)} {t('MAD')}"


def _plans(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Reference → NPV, IRR and payback of the projects of ``frame`` that have a business plan (one query)."""
    return guarded(lambda: project_plans.plans_for(frame["reference"].astype(str))) or {}


def _indicators(plan: dict[str, Any] | None) -> tuple[str, str, str]:
    """NPV (MAD), IRR and payback of a project's plan as text; "not provided" for each without a plan."""
    if plan is None:
        return (t("not provided"),) * 3
    return (t("not provided") if plan["npv"] is None else number(plan["npv"], lang), rate(plan["irr"], lang),
            years(plan["payback_years"], lang))


def _card(row: dict[str, Any], interested: set[str], plan: dict[str, Any] | None = None) -> None:
    """One project: title, place, money, jobs, the shortlist button and the link to its sheet."""
    reference = str(row["reference"])
    with st.container(border=True):
        title = localised(row["title_fr"], row["title_ar"], lang) or reference
        st.markdown(f"**{plain(title)}**")
        if row["is_demo"]:
            st.badge(t("DEMO"), icon=":material/science:", color="orange")
        place = ("، " if is_rtl(lang) else ", ").join(p for p in (localised(row["commune_fr"], row["commune_ar"], lang),
                                      localised(row["province_fr"], row["province_ar"], lang)) if p)
        st.caption(plain(" · ".join(p for p in (reference, localised(row["sector_fr"], row["sector_ar"], lang),
                                                place) if p)))
        st.markdown(plain(f"{t('Investment')}: {_money(row['investment_mad'])}") + "  \n"
                    + plain(f"{t('Secured')}: {_money(row['funding_secured_mad'])}") + "  \n"
                    + plain(f"{t('Funding gap')}: {_money(row['gap_mad'])}") + "  \n"
                    + plain(f"{t('Direct jobs')}: {number(row['jobs_direct'], lang)} · "
                            f"{t('Jobs per million MAD')}: {number(row['jobs_per_million_mad'], lang, decimals=1)}"))
        npv, irr, payback = _indicators(plan)
        st.markdown(plain(f"{t('NPV (MAD)')}: {npv} · {t('IRR')}: {irr} · {t('Payback period')}: {payback}"))
        if reference in st.session_state[SHORTLIST]:
            st.button(t("Remove from shortlist"), key=f"inv-remove-{reference}", on_click=_remove,
                      args=(reference,), icon=":material/bookmark_remove:", width="stretch")
        else:
            st.button(t("Add to shortlist"), key=f"inv-add-{reference}", on_click=_add, args=(row,),
                      icon=":material/bookmark_add:", width="stretch", type="primary")
        _interest(reference, interested)
        st.page_link(SHEET, label=t("Open the sheet"), icon=":material/article:", query_params={"ref": reference})


def _table(frame: pd.DataFrame, key: str) -> None:
    """``frame`` as a table with gap and jobs per million; selecting a row offers its sheet."""
    plans = _plans(frame)
    indicators = [_indicators(plans.get(str(r))) for r in frame["reference"]]
    table = projects_table(frame, lang).assign(**{
        t("Funding gap (MAD)"): frame["gap_mad"].to_numpy(),
        t("Jobs per million MAD"): frame["jobs_per_million_mad"].round(1).to_numpy(),
        t("NPV (MAD)"): [i[0] for i in indicators], t("IRR"): [i[1] for i in indicators],
        t("Payback period"): [i[2] for i in indicators],
    })
    amounts = {c: st.column_config.NumberColumn(format="localized")
               for c in (t("Investment (MAD)"), t("Funding secured (MAD)"), t("Funding gap (MAD)"))}
    picked = st.dataframe(table, hide_index=True, width="stretch", key=key, column_config=amounts,
                          on_select="rerun", selection_mode="single-row")
    if picked.selection.rows and picked.selection.rows[0] < len(frame):
        reference = str(frame.iloc[picked.selection.rows[0]]["reference"])
        st.page_link(SHEET, label=f"{t('Open the sheet of')} {plain(reference)}", icon=":material/article:",
                     query_params={"ref": reference})


chosen = guarded(lambda: investor_filters(lang))
sorts = {"gap": t("Largest funding gap first"), "jobs_per_million": t("Most jobs per million MAD first")}
sort = st.selectbox(t("Sort by"), list(sorts), format_func=sorts.__getitem__, key=f"inv-sort-{lang}")
page = None
version = guarded(projects.data_version) if chosen is not None else None
if chosen is not None and version is not None:
    filters, rural_only, mountain_only = chosen
    key = page_key("inv-page", filters, rural_only, mountain_only, sort)
    page = guarded(lambda: cached.investor_page(filters, rural_only, mountain_only, sort, wanted_page(key),
                                                PAGE_ROWS, version))
if page is not None:
    st.subheader(f"{t('Projects found')}: {number(page.total, lang)}")
    if not page.total:
        if guarded(projects.stored_projects) == 0:
            st.info(t("No project matches these filters: the bank holds no project yet."))
        else:
            st.info(t("No project matches these filters: widen the territory, the ticket size or the readiness."))
    else:
        found = page.rows
        pager(page, key, lang)
        cards, listing = st.tabs([t("Cards"), t("Table")])
        with cards:
            if len(found) > CARDS:
                st.caption(t("The cards show the first {n} projects of this page; the table lists the whole page.")
                           .format(n=CARDS))
            columns = st.columns(3)
            interested = guarded(lambda: matching.open_interests(actor)) or set()
            card_plans = _plans(found.head(CARDS))
            for i, row in enumerate(found.head(CARDS).to_dict("records")):
                with columns[i % 3]:
                    _card(row, interested, card_plans.get(str(row["reference"])))
        with listing:
            _table(found, "investor-table")

st.header(t("Shortlist"))
shortlist = st.session_state[SHORTLIST]
if not shortlist:
    st.info(t("Your shortlist is empty: add projects from the cards."))
else:
    chosen_frame = investor.shortlist_frame(shortlist)
    _table(chosen_frame, "investor-shortlist-table")
    for reference in shortlist:
        st.button(f"{t('Remove from shortlist')}: {plain(reference)}", key=f"inv-sl-remove-{reference}",
                  on_click=_remove, args=(reference,), icon=":material/close:")
    st.download_button(t("Download the shortlist (CSV)"), investor.shortlist_csv(shortlist),
                       file_name="shortlist.csv", mime="text/csv", icon=":material/download:", on_click="ignore",
                       key="inv-shortlist-csv")
