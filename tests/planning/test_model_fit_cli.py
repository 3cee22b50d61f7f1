"""``python -m planning models-fit``: CSV, JSON in Arabic, and an unknown model."""

from __future__ import annotations

import csv
import io
import json

from planning import model_fit
from tests.planning.cli import run_planning
from tests.planning.test_model_fit import ARGAN, HONEY


def test_csv_lists_the_top_communes(sample_db, capsys, monkeypatch):
    monkeypatch.setattr(model_fit, "_catalogue", lambda: [ARGAN, HONEY])
    code, out, err = run_planning(capsys, "models-fit", "--model", "hand_argan", "--top", "5", "--format", "csv")
    assert code == 0 and not err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5 and rows[0]["rank"] == "1"
    assert {r["province_code"] for r in rows} <= {"09.001", "09.541"}
    assert {"score", "contrib_sector_base", "contrib_priority", "contrib_saturation", "reasons"} <= set(rows[0])


def test_json_in_arabic(sample_db, capsys, monkeypatch):
    monkeypatch.setattr(model_fit, "_catalogue", lambda: [ARGAN, HONEY])
    code, out, _ = run_planning(capsys, "models-fit", "--model", "hand_honey", "--top", "3", "--format", "json",
                                "--lang", "ar")
    document = json.loads(out)
    assert code == 0 and document["model"] == "hand_honey" and len(document["rows"]) == 3
    assert document["method_version"] == model_fit.VERSION
    assert "جماعة قروية" in document["rows"][0]["reasons"]


def test_an_unknown_model_is_one_line_on_stderr_and_exit_2(sample_db, capsys, monkeypatch):
    monkeypatch.setattr(model_fit, "_catalogue", lambda: [ARGAN, HONEY])
    code, out, err = run_planning(capsys, "models-fit", "--model", "nope")
    assert code == 2 and not out
    assert err.count("\n") == 1 and "Unknown project model 'nope'" in err
