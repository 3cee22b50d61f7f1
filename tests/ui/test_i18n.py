"""Every message the interface uses has a French and an Arabic text."""

from __future__ import annotations

import ast

from coopbank.settings import REPO_ROOT
from coopbank.territory import INDICATORS, PROJECT_INDICATORS
from coopbank.ui import i18n
from coopbank.ui.maps import HEAT_LABELS
from planning import priority
from reports import workbook

SOURCES = [REPO_ROOT / "app.py", *(REPO_ROOT / "pages").glob("*.py"), *(REPO_ROOT / "coopbank" / "ui").glob("*.py"),
           *(REPO_ROOT / "planning").glob("*.py"), *(REPO_ROOT / "reports").glob("*.py")]


def _messages_in_code() -> set[str]:
    """String literals passed to ``t(...)`` or ``translate(...)`` anywhere in the interface."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("t", "translate") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def _messages_in_data() -> set[str]:
    """Messages kept in tables of code or data files rather than passed literally to ``t()``."""
    found = {"region", "province", "commune"}
    found |= set(HEAT_LABELS.values())
    found |= {header for table in (workbook.PROJECTS, workbook.COMMUNES, workbook.SECTORS, workbook.METHOD,
                                   workbook.SOURCES, workbook.SUMMARY) for _, header, _ in table}
    found |= {*workbook.CHECKS.values(), *workbook.LEVEL_LABELS.values(), *workbook.SHEETS}
    found |= {preset.label for preset in priority.PRESETS.values()}
    found |= {text for factor in priority.INDICATORS.values() for text in (factor.label, factor.unit)}
    for indicator in [*INDICATORS.values(), *PROJECT_INDICATORS.values()]:
        found |= {indicator.label, indicator.unit, *(indicator.categories or ())}
    return found


def test_code_uses_messages_that_the_test_can_see():
    assert {"National map", "Indicator", "Province borders"} <= _messages_in_code()


def test_every_message_is_translated_in_both_languages():
    wanted = _messages_in_code() | _messages_in_data()
    for lang in i18n.LANGUAGES:
        missing = sorted(wanted - set(i18n.catalogue(lang)))
        assert not missing, f"locale/{lang}/*.po lack {missing}"


def test_numbers_follow_the_language():
    assert i18n.number(1234567, "fr") == "1\u202f234\u202f567"
    assert i18n.number(1234.5, "ar", decimals=1) == "1.234,5"
    assert i18n.number(None, "fr") == "–"
    assert i18n.percent(0.256, "fr") .startswith("25,6")
    assert i18n.is_rtl("ar") and not i18n.is_rtl("fr")
    assert i18n.place_name("Ifrane", "إفران", "ar") == "إفران (Ifrane)"


def test_dates_follow_the_language_in_moroccan_time():
    import datetime as dt

    noon_utc = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)  # outside Ramadan, when Morocco is on UTC+0
    assert "13:00" in i18n.moment(noon_utc, "fr")  # Africa/Casablanca is UTC+1
    assert i18n.moment(noon_utc, "fr") != i18n.moment(noon_utc, "ar")
    assert i18n.moment(None, "ar") == "–"
