"""The investor view in a real browser: filter, shortlist, see the shortlist."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ARTIFACTS, open_page, serve
from tests.project_samples import CONTACT, sample_bank
from tests.queries.test_investor import add_investor_samples


def _settle(page) -> None:
    """Wait until the app has finished its current run (Streamlit's "running" indicator is gone)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid=stStatusWidget]").get_by_text(re.compile("Running|En cours")).wait_for(
        state="hidden", timeout=30_000)


@pytest.fixture(scope="module")
def investor_dashboard(loaded_url: str) -> Iterator[str]:
    """The dashboard served on a copy of the sample bank holding the investor samples too."""
    with sample_bank(loaded_url) as url:
        add_investor_samples(url)
        with serve(url, log_name="streamlit-investor.log") as base:
            yield base


def test_investor_shortlists_two_mountain_agrifood_projects(investor_dashboard, browser):
    """An investor filters mountain communes in agro-alimentaire with a gap under 500,000 MAD and shortlists two."""
    page = open_page(browser, investor_dashboard)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Vue investisseur", exact=True).click()
    page.get_by_role("heading", level=1, name="Vue investisseur").wait_for(timeout=30_000)
    assert page.url.split("?")[0].endswith("/investors")
    main = page.locator("[data-testid=stMain]")

    main.get_by_role("combobox", name="Secteur").click()
    page.get_by_role("option", name="Agro-alimentaire").click()
    page.keyboard.press("Escape")
    main.get_by_text("Communes de montagne seulement").click()
    gap = main.get_by_label("Besoin restant jusqu'à (MAD)")
    gap.fill("500000")
    gap.press("Enter")
    page.get_by_role("heading", name=re.compile(r"^Projets trouvés: 2$")).wait_for(timeout=30_000)

    adds = main.get_by_role("button", name=re.compile("Ajouter à la sélection"))
    shortlisted = main.get_by_role("button", name=re.compile("Retirer de la sélection: T-AGR-10"))
    for count in (1, 2):
        expect(adds).to_have_count(3 - count, timeout=30_000)
        _settle(page)
        adds.first.click()
        expect(shortlisted).to_have_count(count, timeout=30_000)
    expect(adds).to_have_count(0, timeout=30_000)
    text = main.inner_text()
    assert "Couscous d'Ifrane" in text and "Huile d'olive d'Imlil" in text and "DÉMO" in text
    assert not any(value.lower() in text.lower() for value in CONTACT.values())
    main.get_by_role("button", name=re.compile("Télécharger la sélection")).wait_for(timeout=30_000)
    page.set_viewport_size({"width": 1400, "height": 1900})  # the cards and the shortlist in one picture
    page.get_by_role("heading", name="Sélection").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "investor-shortlist.png"), full_page=True)
    page.close()
