"""CSV exports neutralise cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from coopbank.exports import neutralise, to_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"), ("+212 600", "'+212 600"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
        ("Safran d'Ifrane", "Safran d'Ifrane"), ("a=b", "a=b"), ("", ""), ("زعفران", "زعفران"),
        (-5, -5), (12.5, 12.5), (None, None), (True, True),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_text_keeps_numbers_and_reads_as_utf8():
    frame = pd.DataFrame({"title": ['=HYPERLINK("http://evil.example")', "زيت أركان"], "amount": [-10.0, 5.0],
                          "=header": ["x", "@y"]})
    data = to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Arabic only with the byte-order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["title", "amount", "'=header"], ['\'=HYPERLINK("http://evil.example")', "-10.0", "x"],
                    ["زيت أركان", "5.0", "'@y"]]
    assert frame.loc[0, "title"].startswith("=")  # the caller's frame is left as it was
