"""``python -m planning``: the priority ranking and investment scenarios from the command line.

Each subcommand lives next to its domain module (``priority_cli``, ``scenario_cli``)
and registers itself here; bad input ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import logging
import sys

from coopbank.errors import CoopBankError
from planning import model_fit_cli, priority_cli, scenario_cli


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="python -m planning", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    priority_cli.register(commands)
    scenario_cli.register(commands)
    model_fit_cli.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CoopBankError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
