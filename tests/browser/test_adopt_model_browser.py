"""Adopting a project model in a real browser: a holder signs in, opens the models catalogue and a model,
sees its business plan, adopts it, lands in the wizard prefilled, changes the investment and submits.

Screenshots go to ``test-artifacts/adopt-model-<n>-<step>.png``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from coopbank import accounts, settings, submissions
from planning import project_models as pm
from tests.browser.helpers import ARTIFACTS, open_page, serve
from tests.coopbank.test_submissions import make_user
from tests.project_samples import sample_bank

PASSWORD = "Taliouine-Safran-2026!"
SAFFRON = "safran_sechage_conditionnement"
LANG = "fr"


@pytest.fixture(scope="module")
def adopt_bank(loaded_url: str) -> Iterator[tuple[str, str]]:
    """The dashboard on a copy of the sample bank, with a holder account made through coopbank.accounts."""
    with sample_bank(loaded_url) as url, settings.override(database_url=url):
        admin = make_user(url, "admin")
        accounts.create_user("holder.taliouine", PASSWORD, role="holder", display_name="Aicha Taliouine",
                             actor=admin)
        with serve(url, log_name="streamlit-adopt.log") as base:
            yield base, url


def _t(message: str) -> str:
    from coopbank.ui.i18n import translate

    return translate(message, LANG)


def _settle(page) -> None:
    page.wait_for_timeout(400)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=30_000)


def _shot(page, number: int, name: str) -> None:
    _settle(page)
    page.screenshot(path=str(ARTIFACTS / f"adopt-model-{number}-{name}.png"), full_page=True)


def _next(page, heading: str) -> None:
    page.locator("[data-testid=stMain]").get_by_role("button", name=_t("Next")).click()
    _settle(page)
    expect(page.get_by_text(re.compile(re.escape(_t(heading))))).not_to_have_count(0, timeout=30_000)


def _type(page, label: str, value: str) -> None:
    field = page.locator("[data-testid=stMain]").get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")
    _settle(page)


def test_a_holder_adopts_a_model_adapts_it_and_submits(adopt_bank, browser):
    base, url = adopt_bank
    page = open_page(browser, f"{base}/?lang={LANG}")
    page.goto(f"{base}/sign-in?lang={LANG}")
    page.get_by_role("heading", level=1, name=_t("Sign in")).wait_for(timeout=60_000)
    main = page.locator("[data-testid=stMain]")
    _settle(page)
    main.get_by_label(_t("Username")).fill("holder.taliouine")
    main.get_by_label(_t("Password")).fill(PASSWORD)
    main.get_by_role("button", name=_t("Sign in")).click()
    main.get_by_text(_t("You are signed in")).wait_for(timeout=30_000)

    # 1. the catalogue (in-app navigation keeps the session)
    nav = page.locator("[data-testid=stSidebarNav]")
    more = nav.get_by_text(re.compile(r"View \d+ more"))
    if more.count():
        more.first.click()
    nav.get_by_role("link", name=_t("Project models"), exact=True).click()
    page.get_by_role("heading", level=1, name=_t("Project models")).wait_for(timeout=60_000)
    _settle(page)
    with settings.override(database_url=url):
        saffron = pm.model(SAFFRON)
    assert saffron is not None
    expect(main).to_contain_text(saffron.name_fr, timeout=30_000)
    _shot(page, 1, "catalogue")

    # 2. one model and its business plan
    main.locator(f'a[href*="model={SAFFRON}"]').first.click()
    main.get_by_text(_t("Business plan"), exact=True).wait_for(timeout=60_000)
    _settle(page)
    expect(main.get_by_text(_t("Net present value (NPV)"))).not_to_have_count(0, timeout=30_000)
    _shot(page, 2, "model")

    # 3. adopt it: the wizard opens on a draft prefilled from the model
    main.get_by_role("button", name=_t("Adopt this model")).click()
    page.get_by_role("heading", level=1, name=_t("Submit a project")).wait_for(timeout=60_000)
    _settle(page)
    expect(main.get_by_label(_t("Title in French"), exact=True)).to_have_value(saffron.name_fr, timeout=30_000)
    expect(main).to_contain_text(saffron.name_fr)
    _type(page, _t("Holder's age"), "31")
    stage = main.get_by_role("combobox", name=_t("Stage of the project"))
    stage.click()
    page.get_by_role("option", name="En recherche de financement", exact=True).click()
    _settle(page)
    _shot(page, 3, "wizard-prefilled")
    _next(page, "The cooperative")
    main.get_by_text(_t("Cooperative to be created")).click()
    _settle(page)
    _next(page, "The place")
    _type(page, _t("Search a commune by its name, in French or in Arabic"), "Tinghir")
    main.get_by_role("radiogroup").get_by_text(re.compile("^Tinghir")).first.click()
    _settle(page)
    _next(page, "Money, jobs and needs")
    investment = main.get_by_label(_t("Investment needed (MAD)"), exact=True)
    expect(investment).to_have_value(str(int(saffron.investment_mad)), timeout=30_000)
    expect(main.get_by_label(_t("Direct jobs"), exact=True)).to_have_value(str(saffron.jobs_direct))
    _type(page, _t("Investment needed (MAD)"), "455000")
    _shot(page, 4, "money-adjusted")
    _next(page, "Review and submit")
    expect(main).to_contain_text("455000", timeout=30_000)
    _shot(page, 5, "review")
    main.get_by_role("button", name=_t("Submit")).click()
    main.get_by_text(re.compile(r"SUB-\d{4}-\d+")).first.wait_for(timeout=30_000)
    _shot(page, 6, "submitted")
    reference = re.search(r"SUB-\d{4}-\d+", main.inner_text()).group(0)

    with settings.override(database_url=url):
        holder = accounts.authenticate("holder.taliouine", PASSWORD)
        [mine] = [p for p in submissions.my_projects(holder) if p["reference"] == reference]
        assert submissions.project_model_code(int(mine["id"])) == SAFFRON
