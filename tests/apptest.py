"""Open a dashboard page with Streamlit's AppTest as the page tests do: through app.py, so the
navigation, the language choice and the right-to-left layout are those a visitor gets."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from coopbank.settings import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


def ok(at: AppTest) -> AppTest:
    """``at`` after checking that its run raised nothing (the exceptions are the failure message)."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, *, check: bool = True, timeout: float = 180, **query: str) -> AppTest:
    """Run ``page`` (a path under pages/) with ``query`` as the URL's query parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    return ok(at) if check else at
