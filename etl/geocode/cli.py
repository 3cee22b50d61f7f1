"""Geocode a CSV file into another: the functions behind ``python -m etl geocode-names | geocode-points``.

Files are UTF-8 (a byte-order mark is accepted on input); every input column
is kept as it was read, as text, and the geocoder's columns are added after
them (replacing input columns of the same name).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from coopbank.errors import DataMissing, InvalidInput
from etl.geocode import names, points
from etl.geocode._columns import with_columns

LOGGER = logging.getLogger(__name__)


def geocode_names_file(in_csv: Path, out_csv: Path) -> dict[str, int]:
    """Match the ``name`` column of ``in_csv`` (hints: ``province``, ``region``) to communes into ``out_csv``.

    Returns the number of rows per status (matched, ambiguous, unmatched).
    """
    return _geocode_file(in_csv, out_csv, names.geocode_names, names.STATUSES)


def geocode_points_file(in_csv: Path, out_csv: Path) -> dict[str, int]:
    """Place the ``lat``, ``lon`` columns of ``in_csv`` (degrees, EPSG:4326) in communes into ``out_csv``.

    Returns the number of rows per status (matched, ambiguous, unmatched, rejected).
    """
    return _geocode_file(in_csv, out_csv, lambda frame: with_columns(frame, points.geocode_points(frame)),
                         points.STATUSES)


def _geocode_file(
    in_csv: Path, out_csv: Path, geocode: Callable[[pd.DataFrame], pd.DataFrame], statuses: Sequence[str]
) -> dict[str, int]:
    frame = _read(in_csv)
    try:
        result = geocode(frame)
    except InvalidInput as exc:
        raise InvalidInput(f"{in_csv}: {exc.message}") from exc
    result.to_csv(out_csv, index=False, encoding="utf-8")
    counts = result["status"].value_counts()
    summary = {status: int(counts.get(status, 0)) for status in statuses}
    LOGGER.info("%s → %s: %s", in_csv, out_csv, summary)
    return summary


def _read(in_csv: Path) -> pd.DataFrame:
    """Every cell of a UTF-8 CSV file as text, empty cells as ''."""
    try:
        return pd.read_csv(in_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise DataMissing(f"No such file: {in_csv}") from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{in_csv} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV.") from exc
    except pd.errors.EmptyDataError as exc:
        raise InvalidInput(f"{in_csv} is empty: it needs a header row.") from exc
    except pd.errors.ParserError as exc:
        raise InvalidInput(f"{in_csv} is not a readable CSV file: {exc}") from exc
