"""``python -m reports``: every non-PDF format written to a file; bad input is one stderr line and exit 2."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from coopbank import projects
from reports.__main__ import main


@pytest.mark.parametrize(("argv", "fmt"), [
    (["region", "08", "--lang", "ar"], "xlsx"),
    (["province", "08.587"], "csv"),
    (["national", "--layer", "projects"], "geojson"),
    (["region", "09", "--preset", "jobs_first"], "gpkg"),
])
def test_each_format_writes_a_file(sample_db, tmp_path, capsys, argv, fmt):
    out = tmp_path / f"report.{fmt}"
    code = main([*argv, "--format", fmt, "--out", str(out)])
    stdout, stderr = capsys.readouterr()
    assert code == 0 and not stderr
    assert out.stat().st_size > 0
    assert stdout.startswith(f"{out}\t{out.stat().st_size} bytes\tdata version {projects.data_version()}")
    assert "job model version" in stdout and "generated at" in stdout


def test_arabic_workbook_from_the_command_line(sample_db, tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    assert main(["region", "08", "--lang", "ar", "--format", "xlsx", "--out", str(out)]) == 0
    assert all(sheet.sheet_view.rightToLeft for sheet in load_workbook(out).worksheets)


@pytest.mark.parametrize(("argv", "message"), [
    (["region", "99", "--format", "csv"], "error: Unknown region code '99'"),
    (["province", "08.999", "--format", "xlsx"], "error: Unknown province code '08.999'"),
    (["region", "--format", "csv"], "error: A region report needs the region's code"),
    (["region", "08", "--format", "docx"], "error: Unknown format 'docx'"),
    (["region", "08", "--format", "csv", "--lang", "en"], "error: Unknown language 'en'"),
    (["region", "08", "--format", "csv", "--preset", "fastest"], "error: Unknown preset 'fastest'"),
    (["region", "08", "--format", "geojson", "--layer", "roads"], "error: Unknown layer 'roads'"),
])
def test_bad_input_is_one_line_and_exit_2(sample_db, tmp_path, capsys, argv, message):
    out = tmp_path / "never"
    assert main([*argv, "--out", str(out)]) == 2
    stdout, stderr = capsys.readouterr()
    assert not stdout and stderr.startswith(message) and stderr.count("\n") == 1
    assert not out.exists()


def test_unknown_level_is_refused_by_the_parser(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["country", "--format", "csv", "--out", str(tmp_path / "x")])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
