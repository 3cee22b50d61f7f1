"""Translated names of the project bank's codes (zones, target groups, standings, geocoding methods)."""

from __future__ import annotations

from coopbank.ui.i18n import translate


def zones(lang: str) -> dict[str, str]:
    """Explorer zones (:data:`coopbank.projects.ZONES`) → their name."""
    return {"rural": translate("Rural communes", lang), "urban": translate("Urban communes", lang),
            "mountain": translate("Mountain communes", lang)}


def target_groups(lang: str) -> dict[str, str]:
    """Target groups stored on a project → their name."""
    return {"women": translate("Women", lang), "youth": translate("Youth", lang),
            "disabled": translate("People with disabilities", lang), "migrants": translate("Migrants", lang),
            "rural": translate("Rural population", lang)}


def standings(lang: str) -> dict[str, str]:
    """The project holder's standing (``cooperative_status``) → its name."""
    return {"existing": translate("Existing cooperative", lang),
            "to_create": translate("Cooperative to be created", lang),
            "union": translate("Union of cooperatives", lang)}


def geocode_methods(lang: str) -> dict[str, str]:
    """How a project was placed (``geocode_method``) → a sentence."""
    return {"commune_code": translate("from the commune code", lang),
            "commune_name": translate("from the commune name", lang),
            "point": translate("from its coordinates", lang),
            "snapped_point": translate("from its coordinates, moved into the nearest commune", lang),
            "province_only": translate("province only: the commune is not known", lang),
            "manual": translate("commune chosen by an official", lang)}


def demo_marker(is_demo: bool, lang: str) -> str:
    """The marker of a generated (demo) project in tables; empty for a real one."""
    return translate("DEMO", lang) if is_demo else ""
