"""The submission wizard in a real browser, in Arabic and in French: sign in, each step, submit, then moderation.

Screenshots of every step go to ``test-artifacts/wizard-<lang>-<n>-<step>.png``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from coopbank import accounts, moderation, settings, submissions
from tests.browser.helpers import ARTIFACTS, open_page, serve
from tests.coopbank.test_submissions import TINGHIR, make_user
from tests.project_samples import HOSTILE_HTML, sample_bank

PASSWORD = "Tinghir-Safran-2026!"
TITLES = {"ar": "زعفران تنغير", "fr": "Safran de Tinghir"}


@pytest.fixture(scope="module")
def wizard_bank(loaded_url: str) -> Iterator[tuple[str, str]]:
    """The dashboard on a copy of the sample bank, with a holder account made through coopbank.accounts."""
    with sample_bank(loaded_url) as url, settings.override(database_url=url):
        admin = make_user(url, "admin")
        accounts.create_user("holder.tinghir", PASSWORD, role="holder", display_name="Fatima Ait Ali", actor=admin)
        accounts.create_user("official.dra", PASSWORD, role="official", display_name="Karim Officiel",
                             region_code="08", actor=admin)
        with serve(url, log_name="streamlit-wizard.log") as base:
            yield base, url


def _settle(page) -> None:
    """Wait until the app has finished its current run (Streamlit's "running" indicator is gone)."""
    page.wait_for_timeout(400)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=30_000)


def _shot(page, lang: str, number: int, name: str) -> None:
    _settle(page)
    page.screenshot(path=str(ARTIFACTS / f"wizard-{lang}-{number}-{name}.png"), full_page=True)


def _t(message: str, lang: str) -> str:
    from coopbank.ui.i18n import translate

    return translate(message, lang)


def _next(page, lang: str, heading: str) -> None:
    page.locator("[data-testid=stMain]").get_by_role("button", name=_t("Next", lang)).click()
    _settle(page)
    expect(page.get_by_text(re.compile(re.escape(_t(heading, lang))))).not_to_have_count(0, timeout=30_000)


def _choose(page, label: str, option: str) -> None:
    main = page.locator("[data-testid=stMain]")
    main.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    _settle(page)


def _type(page, label: str, value: str) -> None:
    field = page.locator("[data-testid=stMain]").get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")
    _settle(page)


def _sign_in(browser, base: str, lang: str, username: str):
    page = open_page(browser, f"{base}/?lang={lang}")  # a first run registers the pages (see app.py)
    page.goto(f"{base}/sign-in?lang={lang}")
    page.get_by_role("heading", level=1, name=_t("Sign in", lang)).wait_for(timeout=60_000)
    main = page.locator("[data-testid=stMain]")
    _settle(page)
    main.get_by_label(_t("Username", lang)).fill(username)
    main.get_by_label(_t("Password", lang)).fill(PASSWORD)
    main.get_by_role("button", name=_t("Sign in", lang)).click()
    main.get_by_text(_t("You are signed in", lang)).wait_for(timeout=30_000)
    return page, main


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_holder_submits_through_the_wizard(wizard_bank, browser, lang):
    base, url = wizard_bank
    page, main = _sign_in(browser, base, lang, "holder.tinghir")
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name=_t("Submit a project", lang),
                                                          exact=True).click()
    page.get_by_role("heading", level=1, name=_t("Submit a project", lang)).wait_for(timeout=30_000)
    _settle(page)
    if lang == "ar":
        assert page.locator("[data-testid=stMain]").evaluate("e => getComputedStyle(e).direction") == "rtl"

    # 1. the idea; "Next" with nothing typed lists each field's error in the user's language
    main.get_by_role("button", name=_t("Next", lang)).click()
    main.get_by_text(_t("This field is required", lang)).first.wait_for(timeout=30_000)
    _type(page, _t("Title in French", lang), "Safran de Tinghir")
    _type(page, _t("Title in Arabic", lang), "زعفران تنغير")
    _type(page, _t("Description", lang), f"Séchage et vente du safran {HOSTILE_HTML}")
    _choose(page, _t("Sector", lang), "الفلاحة" if lang == "ar" else "Agriculture")
    _choose(page, _t("Sub-sector", lang), "الزعفران" if lang == "ar" else "Safran")
    _choose(page, _t("Stage of the project", lang), "في طور البحث عن التمويل" if lang == "ar"
            else "En recherche de financement")
    _type(page, _t("Holder's age", lang), "27")
    _shot(page, lang, 1, "idea")
    _next(page, lang, "The cooperative")

    # 2. the cooperative
    main.get_by_text(_t("Cooperative to be created", lang)).click()
    _type(page, _t("Cooperative's name", lang), "تعاونية تودغى" if lang == "ar" else "Coopérative Todgha")
    _shot(page, lang, 2, "cooperative")
    _next(page, lang, "The place")

    # 3. the place: a commune found by its name in the user's language
    _type(page, _t("Search a commune by its name, in French or in Arabic", lang),
          "تنغير" if lang == "ar" else "Tinghir")
    main.get_by_role("radiogroup").get_by_text(re.compile("تنغير" if lang == "ar" else "^Tinghir")).first.click()
    _settle(page)
    chosen = main.get_by_text(_t("Chosen place", lang), exact=False).locator("xpath=ancestor::p[1]")
    expect(chosen).to_contain_text("تنغير" if lang == "ar" else "Tinghir", timeout=30_000)
    _shot(page, lang, 3, "place")
    _next(page, lang, "Money, jobs and needs")

    # 4. money, jobs, members, needs
    for label, value in (("Investment needed (MAD)", "350000"), ("Funding secured (MAD)", "50000"),
                         ("Direct jobs", "6"), ("of which women", "4"), ("of which youth", "3"), ("Members", "9"),
                         ("Training needs", "Séchage"), ("Partnership sought", "Distribution")):
        _type(page, _t(label, lang), value)
    _shot(page, lang, 4, "money")
    _next(page, lang, "Review and submit")

    # 5. review: everything shown as typed (the script tag is text), then submit
    expect(main).to_contain_text("350000", timeout=30_000)
    _settle(page)
    text = main.inner_text()
    assert TITLES[lang] in text and HOSTILE_HTML in text and "Distribution" in text
    _shot(page, lang, 5, "review")
    main.get_by_role("button", name=_t("Submit", lang)).click()
    main.get_by_text(re.compile(r"SUB-\d{4}-\d+")).first.wait_for(timeout=30_000)
    _shot(page, lang, 6, "submitted")
    reference = re.search(r"SUB-\d{4}-\d+", main.inner_text()).group(0)

    with settings.override(database_url=url):
        official = make_user(url, "official", region_code="08")
        [queued] = [q for q in moderation.queue(official) if q["reference"] == reference]
        assert queued["commune_code"] == TINGHIR and queued["holder_age"] == 27
        assert queued["description"].endswith(HOSTILE_HTML)
        holder = accounts.authenticate("holder.tinghir", PASSWORD)
        assert reference in [p["reference"] for p in submissions.my_projects(holder)]


def test_the_official_of_the_region_finds_both_submissions_in_the_queue(wizard_bank, browser):
    base, _ = wizard_bank
    page, main = _sign_in(browser, base, "ar", "official.dra")
    nav = page.locator("[data-testid=stSidebarNav]")
    more = nav.get_by_text("View 10 more")
    if more.count():
        more.click()
    nav.get_by_role("link", name=_t("Moderation", "ar"), exact=True).click()
    page.get_by_role("heading", level=1, name=_t("Moderation", "ar")).wait_for(timeout=30_000)
    _settle(page)
    expanders = main.locator("[data-testid=stExpander]")
    expect(expanders.filter(has_text=TITLES["ar"])).to_have_count(2, timeout=30_000)  # both journeys' projects
    assert HOSTILE_HTML in main.inner_text()  # shown as text, never run
    _shot(page, "ar", 7, "moderation-queue")
