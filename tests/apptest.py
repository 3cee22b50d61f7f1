"""Open a dashboard page with Streamlit's AppTest as the page tests do: through app.py, so the
navigation, the language choice and the right-to-left layout are those a visitor gets."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from coopbank.access import Actor
from coopbank.settings import REPO_ROOT
from coopbank.ui.session import SESSION_KEY

APP = str(REPO_ROOT / "app.py")


def ok(at: AppTest) -> AppTest:
    """``at`` after checking that its run raised nothing (the exceptions are the failure message)."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def act_as(at: AppTest, actor: Actor) -> AppTest:
    """Sign ``actor`` in for the next runs of ``at``, as the sign-in page would."""
    at.session_state[SESSION_KEY] = {"actor": actor, "seen_at": dt.datetime.now(dt.UTC)}
    return at


def open_page(page: str, *, check: bool = True, timeout: float = 180, actor: Actor | None = None,
              **query: str) -> AppTest:
    """Run ``page`` (a path under pages/) with ``query`` as the URL's query parameters, as ``actor``."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if actor is not None:
        act_as(at, actor)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    return ok(at) if check else at
