"""Files the dashboard hands out (CSV), safe to open in a spreadsheet.

A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab or
carriage return) would run as one in Excel or LibreOffice (CSV injection);
it gets a leading apostrophe so it shows as the text it is.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` with a leading apostrophe when it is text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV with a byte-order mark (so Excel reads Arabic), formula-looking text neutralised."""
    safe = frame.rename(columns=lambda c: neutralise(str(c))).map(neutralise)
    return safe.to_csv(index=False).encode("utf-8-sig")
