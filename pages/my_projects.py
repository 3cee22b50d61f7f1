"""My projects: a holder's saved drafts and submitted projects, their publication and the officials' reasons.

A draft resumes in the wizard; a project an official sent back for changes
opens in the wizard to be edited and resubmitted; a published one links to
its public sheet.
"""

import streamlit as st

from coopbank import submissions
from coopbank.ui.i18n import localised
from coopbank.ui.layout import current_language, guarded, plain, t
from coopbank.ui.session import current_actor

WIZARD = "submit-wizard"  # the state of pages/submit_project.py
WIZARD_PAGE = "pages/submit_project.py"
lang = current_language()
actor = current_actor()
st.title(t("My projects"))
if actor.role != "holder":
    st.info(t("Sign in with a project holder's account to see your projects."))
    st.page_link("pages/sign_in.py", label=t("Sign in"), icon=":material/login:")
    st.stop()

PUBLICATIONS = {"draft": t("Draft"), "submitted": t("Waiting for moderation"),
                "changes_requested": t("Changes requested"), "published": t("Published"), "rejected": t("Rejected")}
COLOURS = {"submitted": "blue", "changes_requested": "orange", "published": "green", "rejected": "red"}
DECISIONS = {"approve": t("Approved"), "request_changes": t("Changes requested"), "reject": t("Rejected")}


def resume(draft: submissions.Draft, project_id: int | None = None) -> None:
    st.session_state[WIZARD] = {"draft_id": draft.id, "step": 0 if project_id else draft.step,
                                "data": dict(draft.data), "project_id": project_id}
    st.switch_page(WIZARD_PAGE)


st.page_link(WIZARD_PAGE, label=t("Submit a new project"), icon=":material/add:")
st.header(t("Drafts"))
drafts = guarded(lambda: submissions.my_drafts(actor))
if drafts is not None and not drafts:
    st.caption(t("No draft saved."))
for draft in drafts or []:
    with st.container(border=True):
        title = localised(draft.data.get("title_fr"), draft.data.get("title_ar"), lang) or t("(untitled)")
        st.markdown(f"**{plain(title)}**")
        st.caption(f"{t('Step')} {draft.step + 1} / {len(submissions.STEPS)}")
        if st.button(t("Resume in the wizard"), key=f"my-resume-{draft.id}", icon=":material/edit_note:"):
            resume(draft)

st.header(t("Submitted projects"))
mine = guarded(lambda: submissions.my_projects(actor))
if mine is not None and not mine:
    st.caption(t("You have not submitted a project yet."))
for project in mine or []:
    with st.container(border=True):
        title = localised(project["title_fr"], project["title_ar"], lang) or project["reference"]
        st.markdown(f"**{plain(title)}**")
        st.caption(plain(f"{project['reference']} · {localised(project['sector_fr'], project['sector_ar'], lang)}"))
        publication = project["publication"]
        st.badge(PUBLICATIONS.get(publication, publication), color=COLOURS.get(publication, "gray"))
        if project["decision"]:
            st.markdown(f"**{t('Decision')}:** {plain(DECISIONS.get(project['decision'], project['decision']))}"
                        f" · {plain(str(project['decided_at'])[:16])}")
            st.markdown(f"**{t('Reason given by the official')}:** {plain(project['reason'])}")
        if publication == "changes_requested" and st.button(
                t("Edit and resubmit"), key=f"my-edit-{project['id']}", icon=":material/edit:", type="primary"):
            source = guarded(lambda p=project: submissions.draft_of_project(actor, p["id"]))
            if source is not None:
                resume(source, project["id"])
        if publication == "published":
            st.page_link("pages/project_sheet.py", label=t("Open the public sheet"), icon=":material/article:",
                         query_params={"ref": project["reference"]})
