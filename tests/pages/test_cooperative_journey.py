"""The issue's whole journey through the pages: a holder submits a project in Arabic, an official of its
region approves it, an investor finds it in the investor view and expresses interest, and the holder
sees the interest in their inbox."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from coopbank import matching, submissions
from coopbank.ui.i18n import translate
from tests.apptest import ok, open_page
from tests.coopbank.test_submissions import good_data, make_user

TITLE_AR = "عسل الجبل من تنغير"


def _button(at: AppTest, label: str, lang: str):
    return next(b for b in at.button if b.label == translate(label, lang))


def test_submitted_in_arabic_approved_found_by_an_investor_and_the_holder_sees_the_interest(sample_db):
    holder = make_user(sample_db, "holder")
    official = make_user(sample_db, "official", region_code="08")
    investor = make_user(sample_db, "investor")
    reference = submissions.submit(holder, submissions.save_draft(
        holder, good_data(title_fr="", title_ar=TITLE_AR, sector="apiculture", sub_sector=""), step=4))

    visitor_view = open_page("pages/investor.py", lang="fr")
    assert TITLE_AR not in str(visitor_view.markdown), "a submission is not public before it is approved"

    queue = open_page("pages/moderation.py", actor=official, lang="ar")
    [row] = [r for r in submissions.my_projects(holder) if r["reference"] == reference]
    queue.radio(key=f"mod-decision-{row['id']}-ar").set_value("approve")
    queue.text_area(key=f"mod-reason-{row['id']}").input("ملف كامل")
    ok(_button(queue, "Record the decision", "ar").click().run())
    [row] = [r for r in submissions.my_projects(holder) if r["reference"] == reference]
    assert (row["publication"], row["reason"]) == ("published", "ملف كامل")

    view = open_page("pages/investor.py", actor=investor, lang="fr")
    assert any(TITLE_AR in m.value for m in view.markdown), "the approved project is among the investor's cards"
    view.text_area(key=f"inv-interest-msg-{reference}").input("Nous aimerions financer la miellerie.")
    ok(view.button(key=f"inv-interest-{reference}").click().run())
    assert reference in matching.open_interests(investor)

    inbox = open_page("pages/inbox.py", actor=holder, lang="ar")
    shown = " ".join(m.value for m in inbox.markdown).replace("\\", "").replace("\u2060", "")
    assert reference in shown or TITLE_AR in shown
    [message] = [m for m in matching.inbox(holder) if m.unread]
    assert matching.render(message, "ar") in shown
