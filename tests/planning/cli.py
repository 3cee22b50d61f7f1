"""Run ``python -m planning`` in-process, so CLI tests see stdout, stderr and the exit code."""

from __future__ import annotations

import pytest

from planning.__main__ import main


def run_planning(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of ``python -m planning *argv``."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
