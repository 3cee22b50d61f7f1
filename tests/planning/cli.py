"""Run ``python -m planning``'s parser in-process, so CLI tests see stdout, stderr and the exit code."""

from __future__ import annotations

import pytest

from planning.__main__ import build_parser


def run_planning(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of ``python -m planning *argv``."""
    args = build_parser().parse_args(list(argv))
    code = args.run(args)
    out, err = capsys.readouterr()
    return code, out, err
