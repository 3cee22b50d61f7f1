"""Read a project import file (CSV or XLSX) into rows of text, refusing what cannot be read.

Every cell comes back as a stripped string (or ``None`` when empty), exactly
as typed: a cell that looks like a formula (``=SUM(A1)``) stays text, and
so do SQL- or HTML-looking strings. Type checks happen later, per field.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl

from coopbank.errors import InvalidInput

ARABIC = re.compile(r"[\u0600-\u06FF]")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclasses.dataclass(frozen=True)
class RawFile:
    """The header and rows of a file; ``rows`` pairs each row's line number with its cells."""

    file_format: str
    encoding: str | None
    header: list[str]
    rows: list[tuple[int, dict[str, str | None]]]


def read_project_file(path: Path, *, max_bytes: int) -> RawFile:
    """Read ``path`` (.csv or .xlsx, at most ``max_bytes``); raise :class:`InvalidInput` otherwise."""
    if not path.is_file():
        raise InvalidInput(f"{path.name}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidInput(
            f"{path.name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one import: "
            "split it into several files"
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path.read_bytes(), path.name)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise InvalidInput(f"{path.name}: only .csv and .xlsx files can be imported")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1256 (Arabic) or Latin-1.

    Returns the text and the encoding used. A legacy file is decoded only when
    the guess is unambiguous; otherwise it is refused with what to do.
    """
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM):].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InvalidInput(f"{name} looks like a binary or UTF-16 file: save it as CSV UTF-8")
    arabic = data.decode("cp1256", errors="replace")
    if ARABIC.search(arabic) and "\ufffd" not in arabic:
        return arabic, "cp1256"
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is neither UTF-8 nor Windows-1256 nor Latin-1 text: save it as CSV UTF-8"
        ) from exc
    if re.search(r"[àâäçéèêëîïôöùûüÿœÀÂÇÉÈÊËÎÏÔÖÙÛÜ]", latin):
        return latin, "cp1252"
    raise InvalidInput(f"{name}: the text encoding cannot be recognised: save it as CSV UTF-8")


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = text.strip()
    return text or None


def _rows(header: list[str], records: list[list[object]], first_line: int) -> list[tuple[int, dict[str, str | None]]]:
    rows = []
    for offset, record in enumerate(records):
        cells = [_clean(v) for v in record]
        if not any(cells):
            continue  # a blank line is not a row
        padded = cells + [None] * (len(header) - len(cells))
        rows.append((first_line + offset, dict(zip(header, padded[: len(header)], strict=True))))
    return rows


def _header(raw: list[object], name: str) -> list[str]:
    header = [(_clean(h) or "").lower() for h in raw]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise InvalidInput(f"{name}: the first line must hold the column names")
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise InvalidInput(f"{name}: columns appear twice: {duplicated}")
    return header


def _read_csv(data: bytes, name: str) -> RawFile:
    text, encoding = decode(data, name)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    if not records:
        raise InvalidInput(f"{name} is empty")
    header = _header(records[0], name)
    return RawFile("csv", encoding, header, _rows(header, records[1:], first_line=2))


def _read_xlsx(path: Path) -> RawFile:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises several types for damaged files
        raise InvalidInput(f"{path.name} cannot be opened as an Excel workbook: {exc}") from exc
    try:
        sheet = book["projects"] if "projects" in book.sheetnames else book.worksheets[0]
        records = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not records:
        raise InvalidInput(f"{path.name}: the sheet is empty")
    header = _header(records[0], path.name)
    return RawFile("xlsx", None, header, _rows(header, records[1:], first_line=2))
