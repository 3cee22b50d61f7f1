"""``python -m planning priority`` through a parser built as ``planning/__main__.py`` builds it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from planning import priority
from tests.planning.cli import run_planning


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_planning(capsys, "priority", *argv)


def test_csv_prints_the_top_communes_with_their_factors(loaded_db, capsys):
    code, out, err = _run(capsys, "--level", "commune", "--preset", "rural_mountain", "--top", "20",
                          "--format", "csv")
    assert code == 0 and not err
    rows = list(csv.DictReader(io.StringIO(out)))
    truth = priority.commune_priority(preset="rural_mountain").head(20)
    assert [r["code"] for r in rows] == list(truth["code"])
    assert list(rows[0])[:4] == ["rank", "code", "name", "score"]
    assert {f"contrib_{k}" for k in priority.INDICATORS} <= set(rows[0])
    assert rows[0]["rank"] == "1" and rows[0]["name"] == truth["name_fr"].iloc[0]
    for row in rows:
        total = sum(float(row[f"contrib_{k}"]) for k in priority.INDICATORS)
        assert total == pytest.approx(float(row["score"]), abs=1e-3)


def test_json_at_region_level_in_arabic_with_an_override(loaded_db, capsys):
    code, out, _ = _run(capsys, "--level", "region", "--preset", "jobs_first", "--weight", "rural=2",
                        "--format", "json", "--lang", "ar")
    assert code == 0
    document = json.loads(out)
    assert document["weights"]["rural"] == 2 and document["weights"]["jobs"] == 3
    assert document["includes_demo"] is False
    rows = document["rows"]
    assert len(rows) == 12 and rows[0]["rank"] == 1
    truth = priority.rolled_up("region", document["weights"])
    assert rows[0]["code"] == truth["code"].iloc[0] and rows[0]["name"] == truth["name_ar"].iloc[0]


@pytest.mark.parametrize(("weight", "message"), [
    ("wealth=1", "Unknown priority indicator wealth"),
    ("jobs=-1", "zero or more: check jobs"),
    ("jobs", "KEY=VALUE"),
    ("jobs=lots", "KEY=VALUE"),
])
def test_a_bad_weight_exits_2_with_one_clear_line(capsys, weight, message):
    code, out, err = _run(capsys, "--weight", weight)
    assert code == 2 and not out
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_all_weights_zero_is_refused(capsys):
    zeros = [f"{k}=0" for k in priority.INDICATORS]
    code, _, err = _run(capsys, *[x for z in zeros for x in ("--weight", z)])
    assert code == 2 and "At least one weight" in err
