"""The `regie` command: validate, run, and the session, sweep, game and debrief commands.

This is the one module in sim/ that prints. Bad user input ends with exit code 2 and
one `FILE:LINE: key: message` line per problem, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sim.inputfile import InputFileError

EXIT_BAD_INPUT = 2

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    """Register a sub-command handler."""

    def wrap(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn

    return wrap


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    parser = argparse.ArgumentParser(prog="regie", description="Regiekamer: regie simulation")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check scenario files")
    p.add_argument("files", nargs="+")

    p = sub.add_parser("run", help="run a scenario with bots in every seat")
    p.add_argument("scenario", nargs="?", default=None,
                   help="scenario file or shipped name (default: gladheid_gedwongen_winkelnering)")
    seeds = p.add_mutually_exclusive_group()
    seeds.add_argument("--seed", type=int, default=None)
    seeds.add_argument("--seeds", default=None, help="range A-B (inclusive)")
    p.add_argument("--set", dest="overrides", action="append", default=[],
                   metavar="KEY=VALUE", help="override a scenario key (validated)")
    p.add_argument("--days", type=int, default=None, help="season length in days")
    p.add_argument("--seasons", type=int, default=1, help="consecutive winters")
    p.add_argument("--out", default=None, help="directory for summary.json and daily.csv")
    p.add_argument("--log", default=None, help="write a session log (JSONL)")
    p.add_argument("--quiet", action="store_true")

    p = sub.add_parser("scenarios", help="list the shipped scenarios")
    for module in PLUGINS:
        importlib.import_module(module).register(sub)
    return parser


# Modules that add sub-commands: each has `register(subparsers)`, adding parsers with
# `set_defaults(handler=fn)` where fn(args) -> exit code. Imports there must stay light.
PLUGINS: tuple[str, ...] = ("sim.session_cli", "sim.sweep.cli", "game.cli", "debrief.cli")


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
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


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


def parse_seeds(text: str) -> list[int]:
    """'A-B' → [A..B]; 'A,B,C' → list; bad text → InputFileError."""
    m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        if hi >= lo and hi - lo < 100_000:
            return list(range(lo, hi + 1))
    elif re.fullmatch(r"\s*\d+(\s*,\s*\d+)*\s*", text):
        return [int(x) for x in text.split(",")]
    from sim.inputfile import Problem

    raise InputFileError([Problem("--seeds", 0, "", f"expected A-B or A,B,C, got {text!r}")])


@command("run")
def _run(args: argparse.Namespace) -> int:
    from sim.scenario.loader import (
        load_scenario,
        resolve_scenario,
        scenario_base_dir,
        scenario_notes,
    )

    _check_run_args(args)
    overrides = list(args.overrides)
    if args.days is not None:
        overrides.append(f"weather.days={args.days}")
    path = resolve_scenario(args.scenario)
    scenario = load_scenario(path, overrides)
    if not args.quiet:
        for note in scenario_notes(scenario):
            print(f"{path.name}: note: {note}", file=sys.stderr)
    seeds = parse_seeds(args.seeds) if args.seeds else [
        args.seed if args.seed is not None else scenario.seed]
    from sim.run import aggregate

    if len(seeds) > 1 or args.seasons > 1:
        from sim.mesa_compat import forget_finished_models

        forget_finished_models()  # many models in one process
    out = Path(args.out) if args.out else None
    results = []
    show = not args.quiet and sys.stderr.isatty()
    for seed in seeds:
        with _progress(show, f"{path.stem} seed {seed}") as tick:
            if args.log:
                import datetime as dt

                from sim.session import run_logged

                log = args.log
                if len(seeds) > 1 and "{seed}" not in log:  # one log per seed
                    log_path = Path(log)
                    log = str(log_path.with_name(f"{log_path.stem}_seed{{seed}}{log_path.suffix}"))
                created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                result = run_logged(scenario, seed, log, base_dir=scenario_base_dir(path),
                                    seasons=args.seasons, progress=tick, created=created,
                                    scenario_name=path.stem)
            else:
                from sim.seasons import run_seasons

                result = run_seasons(scenario, seed, args.seasons,
                                     base_dir=scenario_base_dir(path), progress=tick)
        results.append(result)
        if out is not None:
            _write_result(out if len(seeds) == 1 else out / f"seed_{seed}", result)
    agg = aggregate(results) if len(results) > 1 else None
    if out is not None and agg is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "summary.json").write_text(json.dumps(
            {"scenario": str(path), "seeds": seeds, "aggregate": agg,
             "runs": [r.summary_dict() for r in results]}, indent=2))
    if not args.quiet:
        _print_table(path.stem, results, agg)
    return 0


def _check_run_args(args: argparse.Namespace) -> None:
    """Reject a negative --seed or --seasons < 1 as bad input (exit 2), not a traceback."""
    from sim.inputfile import check_options

    check_options([
        (args.seed is not None and args.seed < 0, "--seed", f"must be >= 0, got {args.seed}"),
        (args.days is not None and not 1 <= args.days <= 400, "--days",
         f"must be between 1 and 400, got {args.days}"),
        (args.seasons < 1, "--seasons", f"must be >= 1, got {args.seasons}"),
    ])


def _write_result(directory: Path, result: object) -> None:
    """summary.json and daily.csv for one run."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "summary.json").write_text(json.dumps(result.summary_dict(), indent=2))
    result.daily.to_csv(directory / "daily.csv", index=False)


class _progress:  # noqa: N801 (used like a function: `with _progress(...)`)
    """A rich progress bar on a terminal; silent otherwise."""

    def __init__(self, show: bool, label: str) -> None:
        self.show, self.label = show, label

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not self.show:
            return None
        from rich.progress import BarColumn, Progress, TimeRemainingColumn

        self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                            "{task.percentage:>3.0f}%", TimeRemainingColumn(), transient=True)
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=1)

        def tick(done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.show:
            self.bar.stop()


def _print_table(name: str, results: list, agg: dict | None) -> None:
    """Compact KPI table: one column per seed (up to 5) plus mean and 95% interval."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{name}: season KPIs", show_lines=False)
    table.add_column("KPI")
    shown = results[:5]
    for r in shown:
        table.add_column(f"seed {r.seed}", justify="right")
    if agg is not None:
        table.add_column(f"mean (n={len(results)})", justify="right")
        table.add_column("95% interval", justify="right")
    for kpi in results[0].kpis:
        row = [kpi] + [_fmt(r.kpis[kpi]) for r in shown]
        if agg is not None:
            a = agg[kpi]
            row += [_fmt(a["mean"]), f"{_fmt(a['ci95_low'])} .. {_fmt(a['ci95_high'])}"]
        table.add_row(*row)
    Console(width=max(100, 30 + 14 * (len(shown) + 2))).print(table)


def _fmt(value: float) -> str:
    if value != value:  # NaN
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 100 else f"{value:.1f}"


if __name__ == "__main__":
    sys.exit(main())
