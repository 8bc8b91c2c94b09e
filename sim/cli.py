"""The `regie` command: validate, run, and the session, sweep, game and debrief commands.

With sim/cli_run.py, sim/cli_keys.py, sim/cli_table.py and sim/cli_validate.py, the only
place in sim/ that prints. Bad user input ends with exit code 2 and one line per problem
(`FILE:LINE: key: message`, or `--option key: message` for the command line), never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from sim.cli_run import add_run_parser
from sim.inputfile import InputFileError

EXIT_BAD_INPUT = 2

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    """Register a sub-command handler."""

    def wrap(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn

    return wrap


class _Version(argparse.Action):
    """`regie --version`: the versions a bug report needs and which compiled kernels this
    installation has (worked out only when asked: it imports numpy and Mesa)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import platform

        import mesa
        import numpy

        import sim
        from sim import compiled

        print(  # on stdout, as argparse's own version action prints
            f"regie {sim.__version__} (Python {platform.python_version()}, "
            f"numpy {numpy.__version__}, mesa {mesa.__version__})\n{compiled.describe()}"
        )
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    parser = argparse.ArgumentParser(prog="regie", description="Regiekamer: regie simulation")
    parser.add_argument(
        "--version",
        action=_Version,
        help="the versions of regie, Python, numpy and Mesa, and whether the "
        "compiled kernels were built (without them: the same results, "
        "slower)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check scenario files")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="scenario file or shipped name (regie scenarios lists them)",
    )

    add_run_parser(sub)
    p = sub.add_parser("scenarios", help="list the shipped scenarios")
    p = sub.add_parser(
        "keys",
        help="list the scenario keys --set accepts, with unit, default and range",
        description="Every key a scenario file or --set may give, with its unit, default "
        "and allowed range or values (read from the schema).",
    )
    p.add_argument(
        "prefix",
        nargs="?",
        default="",
        metavar="PREFIX",
        help="only keys starting with this, e.g. weather or executor.salt",
    )
    p.add_argument(
        "--family",
        default="gladheid",
        metavar="NAME",
        help="the family of scenarios whose keys to list: gladheid (default) or procesregie",
    )
    for module in PLUGINS:
        importlib.import_module(module).register(sub)
    return parser


# Modules that add sub-commands: each has `register(subparsers)`, adding parsers with
# `set_defaults(handler=fn)` where fn(args) -> exit code. Imports there must stay light.
PLUGINS: tuple[str, ...] = (
    "sim.session_cli",
    "sim.sweep.cli",
    "game.cli",
    "debrief.cli",
    "host.cli",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `regie` console script."""
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None) or COMMANDS[args.command]
    try:
        return handler(args)
    except InputFileError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:  # a folder or file we were told to write cannot be made
        where = err.filename if err.filename is not None else args.command
        print(f"{where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except ModuleNotFoundError as err:
        extra = EXTRAS.get((err.name or "").partition(".")[0])
        if extra is None:
            raise
        print(missing_extra(args.command, extra, err.name), file=sys.stderr)
        return EXIT_BAD_INPUT


# Top-level modules of the optional installs (pyproject's extras) -> the extra to install.
EXTRAS: dict[str, str] = {
    "pygame": "game",
    "pygame_gui": "game",
    "aiohttp": "game",
    "segno": "game",
    "dask": "research",
    "distributed": "research",
    "SALib": "research",
}


def missing_extra(command: str, extra: str, module: str | None) -> str:
    """The one line a command prints when an optional part is not installed."""
    return (
        f"regie {command}: this needs the {extra!r} extra ({module} is not installed); "
        f'install it with: pip install ".[{extra}]"'
    )


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    from sim.cli_validate import validate_command

    return validate_command(list(args.files))


@command("scenarios")
def _scenarios(args: argparse.Namespace) -> int:
    from sim.scenario.loader import list_scenarios, load_scenario

    for path in list_scenarios():
        sc = load_scenario(path)
        print(f"{path.stem:40s} {sc.meta.title_nl} / {sc.meta.title_en}")
    return 0


@command("keys")
def _keys(args: argparse.Namespace) -> int:
    from sim.cli_keys import format_keys, scenario_keys

    keys = scenario_keys(args.prefix, args.family)
    if not keys:
        print(
            f"regie keys: no scenario key starts with {args.prefix!r}; `regie keys` lists them all",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    for line in format_keys(keys):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
