"""How ``python -m planning`` prints a table: CSV (formula-looking cells neutralised) or JSON with metadata."""

from __future__ import annotations

import json
import sys
from typing import Any

import pandas as pd

from coopbank.exports import to_csv


def _plain(value: object) -> object:
    """numpy scalars as plain numbers for JSON."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_table(table: pd.DataFrame, fmt: str, metadata: dict[str, Any]) -> None:
    """Write ``table`` to stdout as ``fmt`` ('csv', or 'json': ``metadata`` with the rows, NaN as null)."""
    if fmt == "csv":
        sys.stdout.write(to_csv(table).decode("utf-8-sig"))
        return
    rows = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    json.dump({**metadata, "rows": rows}, sys.stdout, ensure_ascii=False, indent=2, default=_plain)
    sys.stdout.write("\n")
