"""Helpers of the browser journeys: serve the dashboard on a database, open a page in Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from coopbank.settings import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO_ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(database_url: str, *, log_name: str = "streamlit.log") -> Iterator[str]:
    """``streamlit run app.py`` on a free local port against ``database_url``; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    log = ARTIFACTS / log_name
    ARTIFACTS.mkdir(exist_ok=True)
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail(f"streamlit did not start: see {log}")
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def open_page(browser, url: str):
    """A new 1400×1000 tab on ``url``, once the page's title has drawn."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.get_by_role("heading", level=1).wait_for(timeout=60_000)
    return page
