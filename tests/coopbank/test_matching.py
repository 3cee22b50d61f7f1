"""Investor matching: expressions of interest, who is told, the status workflow, who sees what, the inbox."""

from __future__ import annotations

import string
import uuid
from pathlib import Path

import psycopg
import pytest

from coopbank import matching
from coopbank.access import VISITOR, Actor
from coopbank.errors import InvalidInput, PermissionDenied
from coopbank.ui.i18n import LANGUAGES, catalogue
from coopbank.ui.layout import plain
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL, insert_project

USER_SQL = Path(__file__).with_name("matching_users.sql").read_text(encoding="utf-8")
OWNER_SQL = Path(__file__).with_name("matching_owner.sql").read_text(encoding="utf-8")
HELD = "T-TIN-002"  # region 08, demo; given a holder account in the tests
IMPORTED = "T-IFR-001"  # region 03, imported: no holder account
OTHER_08 = "T-DRA-003"  # region 08, hostile titles


def make_user(url: str, role: str, *, region_code: str | None = None, display_name: str | None = None) -> Actor:
    """A fresh account of ``role`` (a fake argon2id hash: nobody signs in with it) as an Actor."""
    username = f"m-{role}-{uuid.uuid4().hex[:8]}"
    name = display_name or f"{role.title()} {username}"
    with psycopg.connect(url) as conn:
        user_id = conn.execute(USER_SQL, {"username": username, "display_name": name, "role": role,
                                          "region_code": region_code}).fetchone()[0]
    return Actor(user_id=user_id, username=username, role=role, region_code=region_code, display_name=name)


def set_owner(url: str, reference: str, holder: Actor) -> None:
    """Make ``holder`` the holder account of project ``reference``."""
    with psycopg.connect(url) as conn:
        conn.execute(OWNER_SQL, {"owner_id": holder.user_id, "reference": reference})


def _about(actor: Actor, match_id: int) -> list[matching.InboxMessage]:
    return [m for m in matching.inbox(actor) if m.match_id == match_id]


@pytest.fixture
def people(sample_db):
    """Fresh accounts: a holder owning T-TIN-002, two investors, officials of 03, 05, 08 and national, an admin."""
    url = sample_db
    found = {
        "holder": make_user(url, "holder"), "holder_b": make_user(url, "holder"),
        "investor": make_user(url, "investor", display_name="Amina Investisseuse"),
        "investor_b": make_user(url, "investor"),
        "official_03": make_user(url, "official", region_code="03"),
        "official_05": make_user(url, "official", region_code="05"),
        "official_08": make_user(url, "official", region_code="08"),
        "national": make_user(url, "official"), "admin": make_user(url, "admin"),
    }
    set_owner(url, HELD, found["holder"])
    return found


def _close_all(people, reference: str) -> None:
    """Close every open match on ``reference`` so that the next test may express interest again."""
    for match in matching.matches_for(people["admin"]):
        if match.reference == reference and match.status in matching.OPEN:
            matching.advance(people["admin"], match.id, "closed", "test cleanup")


@pytest.fixture
def interest(people):
    """The investor's interest in the held project (closed again after the test)."""
    _close_all(people, HELD)
    made = matching.express_interest(people["investor"], HELD, "Bonjour, je souhaite financer ce projet.")
    yield made
    _close_all(people, HELD)


def test_interest_reaches_the_holder_and_the_regions_officials(people, interest):
    assert interest.holder_notified and interest.officials_notified >= 2
    (to_holder,) = _about(people["holder"], interest.match_id)
    assert to_holder.subject_key == matching.INTEREST_FOR_HOLDER and to_holder.unread
    assert to_holder.params["message"] == "Bonjour, je souhaite financer ce projet."
    for official in ("official_08", "national"):
        (told,) = _about(people[official], interest.match_id)
        assert told.subject_key == matching.INTEREST_FOR_OFFICIAL
    for nobody in ("official_05", "official_03", "admin", "investor", "holder_b"):
        assert not _about(people[nobody], interest.match_id)
    text = matching.render(to_holder, "fr")
    assert text.startswith("Amina Investisseuse s'intéresse à votre projet T-TIN-002 (Tapis de Tinghir)")
    assert "زرابي تنغير" in matching.render(to_holder, "ar")  # the Arabic title in Arabic


def test_an_imported_project_has_no_holder_and_the_officials_are_told_so(people):
    _close_all(people, IMPORTED)
    made = matching.express_interest(people["investor"], IMPORTED)
    assert not made.holder_notified
    (told,) = _about(people["official_03"], made.match_id)
    assert told.subject_key == matching.INTEREST_NO_HOLDER
    assert "pas de compte porteur" in matching.render(told, "fr")
    assert "ليس للمشروع حساب حامل" in matching.render(told, "ar")
    assert not _about(people["official_08"], made.match_id)
    _close_all(people, IMPORTED)


def test_a_second_open_interest_is_refused_and_allowed_again_once_closed(people, interest):
    with pytest.raises(InvalidInput, match="already expressed interest"):
        matching.express_interest(people["investor"], HELD, "encore")
    other = matching.express_interest(people["investor_b"], HELD)  # another investor may
    assert other.match_id != interest.match_id
    matching.advance(people["investor"], interest.match_id, "closed", "Plus d'actualité")
    again = matching.express_interest(people["investor"], HELD)
    assert again.match_id not in (interest.match_id, other.match_id)


@pytest.mark.parametrize("who", ["holder", "official_08", "national", "admin"])
def test_only_investors_express_interest(people, who):
    with pytest.raises(PermissionDenied):
        matching.express_interest(people[who], HELD)


def test_a_visitor_cannot_express_interest(people):
    with pytest.raises(PermissionDenied):
        matching.express_interest(VISITOR, HELD)
    with pytest.raises(PermissionDenied):
        matching.inbox(VISITOR)
    with pytest.raises(PermissionDenied):
        matching.matches_for(VISITOR)


def test_only_published_projects_take_interest(people, sample_db):
    reference = f"T-SUB-{uuid.uuid4().hex[:6]}"
    with psycopg.connect(sample_db) as conn:
        insert_project(conn, {"reference": reference, "title_fr": "Brouillon", "sector_code": "autres",
                              "status_code": "idea", "province_code": "08.587", "region_code": "08",
                              "geocode_method": "province_only", "geocode_confidence": 0,
                              "publication": "submitted"})
    for missing in (reference, "NO-SUCH-REF", "", HOSTILE_SQL):
        with pytest.raises(InvalidInput, match="No published project"):
            matching.express_interest(people["investor"], missing)
    with pytest.raises(InvalidInput, match="too long"):
        matching.express_interest(people["investor"], HELD, "x" * (matching.MAX_MESSAGE + 1))


def test_the_workflow_goes_one_step_at_a_time_to_funded(people, interest):
    official, match_id = people["official_08"], interest.match_id
    with pytest.raises(InvalidInput, match="one step at a time"):
        matching.advance(official, match_id, "agreed")
    with pytest.raises(InvalidInput, match="Unknown status"):
        matching.advance(official, match_id, "paid")
    for step in ("in_contact", "due_diligence", "agreed"):
        assert matching.advance(official, match_id, step) == step
    with pytest.raises(InvalidInput, match="one step at a time"):
        matching.advance(official, match_id, "in_contact")  # no way back
    matching.advance(official, match_id, "funded", "Convention signée")
    for step in ("closed", "new", "funded"):
        with pytest.raises(InvalidInput, match="funded or closed"):
            matching.advance(official, match_id, step, "trop tard")
    (match,) = [m for m in matching.matches_for(people["investor"]) if m.id == match_id]
    assert match.status == "funded"
    assert [(e.from_status, e.to_status) for e in match.events] == [
        (None, "new"), ("new", "in_contact"), ("in_contact", "due_diligence"), ("due_diligence", "agreed"),
        ("agreed", "funded")]
    assert match.events[-1].reason == "Convention signée"
    # Each change told the investor and the holder, and the national official, but not the official who made it.
    for party in ("investor", "holder", "national"):
        changes = [m for m in _about(people[party], match_id) if m.subject_key == matching.STATUS_CHANGED]
        assert len(changes) == 4
    assert not [m for m in _about(official, match_id) if m.subject_key == matching.STATUS_CHANGED]
    last = max(_about(people["investor"], match_id), key=lambda m: m.id)
    assert matching.render(last, "fr").endswith("est passé de « Accord conclu » à « Financé par l'investisseur ».")


def test_closing_needs_a_reason(people, interest):
    for reason in (None, "", "   "):
        with pytest.raises(InvalidInput, match="needs a reason"):
            matching.advance(people["official_08"], interest.match_id, "closed", reason)
    with pytest.raises(InvalidInput, match="too long"):
        matching.advance(people["official_08"], interest.match_id, "closed", "x" * 1001)
    matching.advance(people["official_08"], interest.match_id, "closed", "Projet déjà financé")
    (match,) = [m for m in matching.matches_for(people["holder"]) if m.id == interest.match_id]
    assert match.status == "closed" and match.close_reason == "Projet déjà financé"
    (closed,) = [m for m in _about(people["investor"], interest.match_id) if m.subject_key == matching.MATCH_CLOSED]
    assert matching.render(closed, "ar").endswith(": Projet déjà financé")


def test_who_may_move_a_match(people, interest):
    match_id = interest.match_id
    for step in ("in_contact", "funded"):  # an investor cannot move their own match on, nor fund it alone
        with pytest.raises((PermissionDenied, InvalidInput)):
            matching.advance(people["investor"], match_id, step)
    for stranger in ("investor_b", "holder_b", "official_05", "official_03"):
        with pytest.raises(PermissionDenied, match="not yours"):
            matching.advance(people[stranger], match_id, "closed", "pas à moi")
    assert matching.advance(people["holder"], match_id, "in_contact") == "in_contact"  # the holder acknowledges
    with pytest.raises(PermissionDenied, match="may not make this change"):
        matching.advance(people["holder"], match_id, "due_diligence")
    assert matching.advance(people["national"], match_id, "due_diligence") == "due_diligence"
    (match,) = [m for m in matching.matches_for(people["investor"]) if m.id == match_id]
    assert matching.allowed_moves(people["investor"], match) == ("closed",)
    assert matching.allowed_moves(people["holder"], match) == ("closed",)
    assert matching.allowed_moves(people["official_08"], match) == ("agreed", "closed")
    assert matching.allowed_moves(people["official_05"], match) == ()
    assert matching.advance(people["investor"], match_id, "closed", "J'ai changé d'avis") == "closed"


def test_who_sees_which_matches(people, interest):
    in_08 = interest.match_id
    _close_all(people, IMPORTED)
    in_03 = matching.express_interest(people["investor_b"], IMPORTED).match_id

    def seen(who: str) -> set[int]:
        return {m.id for m in matching.matches_for(people[who])} & {in_08, in_03}

    assert seen("official_05") == set()
    assert seen("official_08") == {in_08}
    assert seen("official_03") == {in_03}
    assert seen("national") == seen("admin") == {in_08, in_03}
    assert seen("investor") == {in_08} and seen("investor_b") == {in_03}
    assert seen("holder") == {in_08} and seen("holder_b") == set()
    assert matching.open_interests(people["investor"]) >= {HELD}
    assert matching.open_interests(people["holder"]) == set()
    _close_all(people, IMPORTED)


def test_mark_read_own_messages_only(people, interest):
    (message,) = _about(people["holder"], interest.match_id)
    with pytest.raises(InvalidInput, match="No such message"):
        matching.mark_read(people["official_08"], message.id)
    assert _about(people["holder"], interest.match_id)[0].unread
    matching.mark_read(people["holder"], message.id)
    first = _about(people["holder"], interest.match_id)[0].read_at
    assert first is not None
    matching.mark_read(people["holder"], message.id)  # again: the first reading time stays
    assert _about(people["holder"], interest.match_id)[0].read_at == first


def test_hostile_messages_and_names_are_stored_verbatim(people, sample_db):
    hostile = make_user(sample_db, "investor", display_name=HOSTILE_HTML)
    _close_all(people, OTHER_08)
    text = f"{HOSTILE_SQL} {HOSTILE_HTML} **gras** [lien](http://evil.example)"
    made = matching.express_interest(hostile, OTHER_08, text)
    (told,) = _about(people["official_08"], made.match_id)
    assert told.params["message"] == text and told.params["investor"] == HOSTILE_HTML
    rendered = matching.render(told, "fr")
    assert rendered.startswith(HOSTILE_HTML) and HOSTILE_SQL in rendered  # the title is the hostile SQL
    assert "<script>" not in plain(rendered)
    (match,) = [m for m in matching.matches_for(people["official_08"]) if m.id == made.match_id]
    assert match.message == text and match.investor_name == HOSTILE_HTML
    matching.advance(people["official_08"], made.match_id, "closed", HOSTILE_SQL)
    (match,) = [m for m in matching.matches_for(hostile) if m.id == made.match_id]
    assert match.close_reason == HOSTILE_SQL
    with psycopg.connect(sample_db) as conn:
        assert conn.execute("SELECT count(*) FROM project").fetchone()[0] > 0


def test_every_write_names_the_account(people, interest, sample_db):
    matching.advance(people["official_08"], interest.match_id, "in_contact")
    with psycopg.connect(sample_db) as conn:
        created_by = conn.execute("SELECT created_by FROM project_match WHERE id = %s",
                                  (interest.match_id,)).fetchone()[0]
        events = conn.execute("SELECT changed_by FROM project_match_event WHERE match_id = %s ORDER BY id",
                              (interest.match_id,)).fetchall()
        senders = {r[0] for r in conn.execute("SELECT created_by FROM inbox_message WHERE match_id = %s",
                                              (interest.match_id,))}
    assert created_by == people["investor"].audit_name
    assert [r[0] for r in events] == [people["investor"].audit_name, people["official_08"].audit_name]
    assert senders == {people["investor"].audit_name, people["official_08"].audit_name}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_key_status_and_error_is_translated():
    wanted = [*matching.STATUS_LABELS.values(), *matching.MESSAGE_KEYS, *matching.ERRORS]
    for lang in LANGUAGES:
        texts = catalogue(lang)
        missing = [m for m in wanted if m not in texts]
        assert not missing, f"locale/{lang}/matching.po lacks {missing}"
        for key in matching.MESSAGE_KEYS:
            assert _fields(texts[key]) == _fields(key), (lang, key)
