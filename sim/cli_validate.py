"""``regie validate``: check scenario files and report ``FILE:LINE: key: message`` lines.

Kept apart from ``sim/cli.py`` so it can run (``python -m sim.cli_validate FILE...``)
and be tested on its own. The only module in ``sim`` besides the CLI that prints.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from sim.inputfile import InputFileError, Problem
from sim.scenario.loader import list_scenarios, load_scenario, resolve_scenario, scenario_notes

__all__ = ["main", "validate_command"]


def validate_command(paths: list[str]) -> int:
    """Validate each scenario file; ``FILE: ok`` on stdout, problems on stderr.

    With no paths, the shipped scenarios are checked. Returns 0 if all are valid,
    else 2. Never raises for bad input: a surprise becomes an ``internal error`` line.
    """
    if not paths:
        paths = [str(p) for p in list_scenarios()]
        if not paths:
            print("no scenario files to validate", file=sys.stderr)
            return 2
    status = 0
    for name in paths:
        try:
            scenario = load_scenario(resolve_scenario(name))
        except InputFileError as exc:
            status = 2
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        except Exception as exc:  # last line of defence: no traceback for any input
            status = 2
            message = f"internal error while reading this file ({type(exc).__name__}: {exc})"
            print(Problem(name, 0, "", message), file=sys.stderr)
        else:
            print(f"{name}: ok")
            for note in scenario_notes(scenario):
                print(f"{name}: note: {note}")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m sim.cli_validate FILE...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print("usage: python -m sim.cli_validate [SCENARIO ...]")
        return 0
    return validate_command(args)


if __name__ == "__main__":
    sys.exit(main())
