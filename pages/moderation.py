"""Moderation: the submissions waiting in the official's territory, every field shown inert, and the decision.

Approve publishes the project; ask for changes sends it back to its holder;
reject closes it. A reason is always required, and the holder reads it.
"""

from typing import Any

import streamlit as st

from coopbank import moderation
from coopbank.ui.i18n import localised, number
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor

lang = current_language()
actor = current_actor()
st.title(t("Moderation"))
if actor.role not in ("official", "admin"):
    st.info(t("Sign in with an official's account to moderate submissions."))
    st.page_link("pages/sign_in.py", label=t("Sign in"), icon=":material/login:")
    st.stop()

DECISIONS = {"approve": t("Approve and publish"), "request_changes": t("Ask for changes"), "reject": t("Reject")}
STANDINGS = {"existing": t("Existing cooperative"), "to_create": t("Cooperative to be created"),
             "union": t("Union of cooperatives")}
done = st.session_state.pop("moderation-done", None)
if done:
    st.success(t("Decision recorded for {reference}.").format(reference=done))
national = actor.role == "admin" or actor.region_code is None
st.caption(t("Submissions of every region") if national else t("Submissions of your region"))


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number(value, lang)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def details(row: dict[str, Any]) -> None:
    """Every field of the submission, exactly as the holder typed it (nothing in it is formatting)."""
    fields = [
        (t("Title in French"), row["title_fr"]), (t("Title in Arabic"), row["title_ar"]),
        (t("Description"), row["description"]),
        (t("Sector"), localised(row["sector_fr"], row["sector_ar"], lang)),
        (t("Sub-sector"), localised(row["sub_sector_fr"], row["sub_sector_ar"], lang)),
        (t("Stage of the project"), localised(row["status_fr"], row["status_ar"], lang)),
        (t("Holder's age"), row["holder_age"]), (t("Kind of holder"), row["target_groups"]),
        (t("Standing"), STANDINGS.get(row["cooperative_status"], row["cooperative_status"])),
        (t("Cooperative's name"), row["cooperative_name"]), (t("ODCO registration number"), row["odco_registration"]),
        (t("Commune"), localised(row["commune_fr"], row["commune_ar"], lang)),
        (t("Province"), localised(row["province_fr"], row["province_ar"], lang)),
        (t("Region"), localised(row["region_fr"], row["region_ar"], lang)),
        (t("Point on the map"), f"{row['lat']:.5f}, {row['lon']:.5f}" if row["lat"] is not None else None),
        (t("Investment needed (MAD)"), row["investment_mad"]), (t("Funding secured (MAD)"), row["funding_secured_mad"]),
        (t("Direct jobs"), row["jobs_direct"]), (t("of which women"), row["jobs_women"]),
        (t("of which youth"), row["jobs_youth"]), (t("Members"), row["members_total"]),
        (t("Members: women"), row["members_women"]), (t("Members: youth"), row["members_youth"]),
        (t("Training needs"), row["training_needs"]), (t("Partnership sought"), row["partnership_sought"]),
        (t("Holder"), row["holder_name"]), (t("Submitted on"), row["submitted_on"]),
    ]
    # Each value isolated (U+2068…U+2069) so a French text keeps its order inside an Arabic line.
    st.markdown("  \n".join(f"**{plain(label)}:** \u2068{plain(_value(value))}\u2069" for label, value in fields))
    if row["last_reason"]:
        st.caption(f"{t('Previous reason')}: {plain(row['last_reason'])}")


def decide(row: dict[str, Any]) -> None:
    with st.form(key=f"mod-form-{row['id']}"):
        decision = st.radio(t("Decision"), list(DECISIONS), format_func=DECISIONS.__getitem__, horizontal=True,
                            key=f"mod-decision-{row['id']}-{lang}")
        reason = st.text_area(t("Reason (required: the holder reads it)"), key=f"mod-reason-{row['id']}")
        if st.form_submit_button(t("Record the decision"), type="primary") and guarded(
                lambda: moderation.decide(actor, row["id"], decision, reason)) is not None:
            st.session_state["moderation-done"] = row["reference"]
            st.rerun()


waiting = guarded(lambda: moderation.queue(actor))
if waiting is not None:
    st.subheader(f"{t('Submissions waiting')}: {number(len(waiting), lang)}")
    if not waiting:
        st.info(t("No submission is waiting for a decision in your territory."))
for row in waiting or []:
    title = localised(row["title_fr"], row["title_ar"], lang) or row["reference"]
    with st.expander(plain(f"{row['reference']} · {title}"), expanded=len(waiting or []) <= 3):
        details(row)
        decide(row)
