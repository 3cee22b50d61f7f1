"""Checks shared by the geocoders on the tables they are given."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from coopbank.errors import InvalidInput


def require_columns(frame: pd.DataFrame, required: Sequence[str]) -> None:
    """Raise :class:`InvalidInput` naming the required columns ``frame`` lacks and those it has."""
    missing = [name for name in required if name not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns)) or "none"
        raise InvalidInput(
            f"Missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(columns found: {have}); the input needs {', '.join(required)}."
        )


def with_columns(frame: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the columns of ``added`` (same index) after its own, replacing any of the same name."""
    return frame.drop(columns=[c for c in added.columns if c in frame.columns]).join(added)
