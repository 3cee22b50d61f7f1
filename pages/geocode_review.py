"""Places to review (officials): for each ambiguous place name of an import, pick the right commune."""

import streamlit as st

from coopbank import projects
from coopbank.errors import CoopBankError
from coopbank.ui.i18n import localised, number, place_name
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import allowed_actor, current_actor
from coopbank.ui.tables import candidates_table

lang = current_language()
st.title(t("Places to review"))
st.caption(t("The importer could not tell these place names apart: choose the right commune, or dismiss."))
actor = allowed_actor("official", "admin", explanation=t("Officials settle the places of their territory's "
                                                          "projects: sign in with an official's account."))
if actor is None:
    st.stop()


def settle(review_id: int, reference: str, *, resolve: bool) -> None:
    """Button callback: resolve with the commune chosen in the radio, or dismiss; keep the outcome to show."""
    acting = current_actor()  # asked again: the session may have ended since the page was drawn
    try:
        if resolve:
            projects.resolve_review(review_id, st.session_state.get(f"review-{review_id}-{lang}") or "",
                                    actor=acting)
        else:
            projects.dismiss_review(review_id, actor=acting)
    except CoopBankError as exc:
        st.session_state["review-outcome"] = ("error", f"{plain(reference)}: {t(exc.message)}")
    else:
        st.session_state["review-outcome"] = ("success", f"{plain(reference)}: {t('saved')}")


outcome = st.session_state.pop("review-outcome", None)
if outcome is not None:
    (st.success if outcome[0] == "success" else st.error)(outcome[1])

reviews = guarded(lambda: projects.pending_reviews(actor))
if reviews is None:
    st.stop()
if reviews.empty:
    st.success(t("Nothing to review."))
    st.stop()
st.subheader(f"{t('Waiting for a decision')}: {number(len(reviews), lang)}")

hints = {"name": t("Place name in the file"), "province": t("Province in the file")}
for review in reviews.itertuples():
    with st.container(border=True):
        st.markdown(f"**{plain(review.reference)}** — {plain(localised(review.title_fr, review.title_ar, lang))}")
        st.markdown("  \n".join(f"{hints.get(key, plain(key))}: **{plain(str(value))}**"
                                for key, value in review.query.items() if value))
        st.dataframe(candidates_table(review.candidates, lang), hide_index=True, width="stretch")
        names = {c["commune_code"]: f"{place_name(c['name_fr'], c['name_ar'], lang)} — "
                                    f"{place_name(c['province_fr'], c['province_ar'], lang)}"
                 for c in review.candidates}
        choice = st.radio(t("The right commune"), list(names), format_func=names.__getitem__, index=None,
                 key=f"review-{review.review_id}-{lang}")
        left, right = st.columns(2)
        left.button(t("Confirm this commune"), type="primary", key=f"resolve-{review.review_id}",
                    on_click=settle, args=(review.review_id, review.reference), kwargs={"resolve": True},
                    disabled=choice is None)
        right.button(t("Dismiss"), key=f"dismiss-{review.review_id}", on_click=settle,
                     args=(review.review_id, review.reference), kwargs={"resolve": False})
