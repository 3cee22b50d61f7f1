"""Fixtures of the browser journeys: Debian's Chromium driven by Playwright, the dashboard served on real data.

Every test here is marked ``browser`` and skipped when Chromium is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import CHROMIUM, serve

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed")
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(skip)


@pytest.fixture(scope="module")
def dashboard(loaded_url: str) -> Iterator[str]:
    """The dashboard served by Streamlit on 127.0.0.1 against the loaded database; yields its base URL."""
    with serve(loaded_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def bank_dashboard(loaded_url: str) -> Iterator[str]:
    """The dashboard served on a copy of the loaded database holding the sample projects."""
    from tests.project_samples import sample_bank

    with sample_bank(loaded_url) as url, serve(url, log_name="streamlit-projects.log") as base:
        yield base
