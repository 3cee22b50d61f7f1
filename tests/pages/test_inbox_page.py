"""The inbox page with Streamlit's AppTest: messages in French and Arabic, reading them, following matches."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coopbank import matching
from coopbank.access import VISITOR
from coopbank.ui.layout import plain
from tests.apptest import ok, open_page
from tests.coopbank.test_matching import HELD, OTHER_08, make_user, set_owner
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

PAGE = "pages/inbox.py"
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in TEXT_ELEMENTS for e in getattr(at, kind))


@pytest.fixture
def scene(sample_db):
    """A holder owning T-TIN-002 (region 08), an investor interested in it, the official of 08 and of 05."""
    people = {"holder": make_user(sample_db, "holder"),
              "investor": make_user(sample_db, "investor", display_name="Amina Investisseuse"),
              "official_08": make_user(sample_db, "official", region_code="08"),
              "official_05": make_user(sample_db, "official", region_code="05"),
              "admin": make_user(sample_db, "admin")}
    for match in matching.matches_for(people["admin"]):
        if match.status in matching.OPEN:
            matching.advance(people["admin"], match.id, "closed", "test cleanup")
    set_owner(sample_db, HELD, people["holder"])  # after the cleanup: the new holder's inbox starts empty
    people["match_id"] = matching.express_interest(people["investor"], HELD, "Je finance volontiers.").match_id
    return people


@pytest.mark.parametrize(("lang", "title", "sign_in"),
                         [("fr", "Messagerie", "Connectez-vous pour lire votre messagerie"),
                          ("ar", "صندوق الرسائل", "سجّلوا الدخول لقراءة صندوق رسائلكم")])
def test_a_visitor_is_asked_to_sign_in(sample_db, lang, title, sign_in):
    at = open_page(PAGE, lang=lang, actor=VISITOR)
    assert at.title[0].value == title
    assert sign_in in at.info[0].value
    assert not at.button and not at.tabs


@pytest.mark.parametrize(("lang", "expected", "mark", "unread"),
                         [("fr", "Amina Investisseuse s\\'intéresse à votre projet T\\-TIN\\-002 \\(Tapis de Tinghir\\)"
                           "\\.",
                           "Marquer comme lu", "Messages non lus: 1"),
                          ("ar", "Amina Investisseuse مهتم بمشروعكم T\\-TIN\\-002 \\(زرابي تنغير\\)",
                           "تعليم كمقروءة", "رسائل غير مقروءة: 1")])
def test_the_holder_reads_the_interest_in_their_language(scene, lang, expected, mark, unread):
    at = open_page(PAGE, lang=lang, actor=scene["holder"])
    bold = [m.value for m in at.markdown if expected in m.value]
    assert bold and bold[0].startswith("**"), _texts(at)
    assert unread in _texts(at)
    assert "Je finance volontiers" in _texts(at)
    button = next(b for b in at.button if b.key and b.key.startswith("inbox-read-"))
    assert button.label == mark
    button.click().run()
    ok(at)
    read = [m.value for m in at.markdown if expected in m.value]
    assert read and not read[0].startswith("**")
    assert not [b for b in at.button if b.key and b.key.startswith("inbox-read-")]
    # The holder also follows the match: status, and the moves a holder may make.
    assert f"match-move-{scene['match_id']}-in_contact" in {b.key for b in at.button}


def test_the_official_moves_the_match_on_and_closes_it_with_a_reason(scene):
    match_id = scene["match_id"]
    at = open_page(PAGE, actor=scene["official_08"])
    assert "Statut: **Nouvel intérêt**" in _texts(at)
    at.button(key=f"match-move-{match_id}-in_contact").click().run()
    assert "Statut: **En contact**" in _texts(ok(at))
    assert "La manifestation d'intérêt a avancé" in at.success[0].value
    at.button(key=f"match-close-{match_id}").click().run()  # no reason: refused, nothing changes
    assert "Clore une manifestation d'intérêt demande un motif" in ok(at).error[0].value
    assert "Statut: **En contact**" in _texts(at)
    at.text_input(key=f"match-reason-{match_id}").input("Projet déjà financé")
    at.button(key=f"match-close-{match_id}").click().run()
    assert "Statut: **Clos**" in _texts(ok(at))
    assert "Motif de clôture\\: Projet déjà financé" in _texts(at)
    assert not [b for b in at.button if b.key and b.key.startswith(f"match-move-{match_id}")]
    # The investor was told, in Arabic when they read in Arabic.
    ar = open_page(PAGE, lang="ar", actor=scene["investor"])
    assert "أُغلق اهتمام Amina Investisseuse" in _texts(ar)
    assert "Projet déjà financé" in _texts(ar)


def test_an_official_of_another_region_sees_nothing_of_it(scene):
    at = open_page(PAGE, actor=scene["official_05"])
    assert "T\\-TIN\\-002" not in _texts(at)
    assert "Aucune manifestation d'intérêt à suivre pour le moment." in _texts(at)
    assert not [b for b in at.button if b.key and b.key.startswith("match-")]


def test_hostile_messages_are_rendered_inert(scene, sample_db):
    hostile = make_user(sample_db, "investor", display_name=HOSTILE_HTML)
    matching.express_interest(hostile, OTHER_08, f"{HOSTILE_HTML} **gras** {HOSTILE_SQL}")
    at = open_page(PAGE, actor=scene["official_08"])
    markdown = "\n".join(m.value for m in at.markdown)
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in markdown and "<script>" not in markdown
    assert "\\*\\*gras\\*\\*" in markdown
    assert plain(HOSTILE_SQL) in markdown  # the title, and the message, escaped
