"""``regie run``: run a scenario with bots in every seat, keep the results, show the table.

No result is lost: without ``--out`` the files go to a new folder under ``runs/`` named
after the scenario, the seed(s) and the time (UTC), and one line on stderr says where,
even with ``--quiet``. The time stamp is read here, in the CLI, never in the model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sim.inputfile import InputFileError, Problem, check_options

RUNS_DIR = Path("runs")
"""Where results go without ``--out`` (relative to the working directory)."""


def add_run_parser(sub: argparse._SubParsersAction) -> None:
    """The ``run`` sub-command and its options, each with a help text."""
    p = sub.add_parser(
        "run", help="run a scenario with bots in every seat",
        description="Run a scenario with bots in every seat and print its KPIs. Results "
                    "(summary.json, daily.csv) go to --out DIR, or else to a new folder "
                    "runs/SCENARIO_seedN_TIME/; one line on stderr says where.",
        epilog="Scenario keys for --set, with unit, default and range: regie keys [PREFIX] "
               "(e.g. regie keys weather). Shipped scenarios: regie scenarios. The same "
               "from Python: sim.simulate (docs/python-api.md).")
    p.add_argument("scenario", nargs="?", default=None,
                   help="scenario file or shipped name (default: gladheid_gedwongen_winkelnering)")
    seeds = p.add_mutually_exclusive_group()
    seeds.add_argument("--seed", type=int, default=None, metavar="N",
                       help="random seed of the run (default: the scenario's seed)")
    seeds.add_argument("--seeds", default=None, metavar="A-B",
                       help="several seeds: a range A-B (inclusive) or a list A,B,C; "
                            "adds the mean and 95%% interval")
    p.add_argument("--set", dest="overrides", action="append", default=[],
                   metavar="KEY=VALUE",
                   help="override a scenario key, validated like the file (repeatable; "
                        "list the keys with: regie keys)")
    p.add_argument("--days", type=int, default=None, metavar="N",
                   help="season length in days, 1-400 (same as --set weather.days=N)")
    p.add_argument("--seasons", type=int, default=1, metavar="N",
                   help="consecutive winters (default 1)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="directory for summary.json and daily.csv (default: a new folder "
                        "under runs/)")
    p.add_argument("--log", default=None, metavar="FILE",
                   help="also write a session log (JSONL) for replay and debrief")
    p.add_argument("--lang", choices=("en", "nl"), default="en",
                   help="language of the KPI table (default en)")
    p.add_argument("--json", action="store_true",
                   help="print the summary as JSON on stdout instead of the table")
    p.add_argument("--quiet", action="store_true",
                   help="print no table, notes or progress; only the line saying where the "
                        "results are")
    p.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    """Run each seed, write the results, then print the table or the JSON summary."""
    from sim.scenario.loader import load_scenario, resolve_scenario, scenario_notes

    check_run_args(args)
    overrides = list(args.overrides)
    if args.days is not None:
        overrides.append(f"weather.days={args.days}")
    path = resolve_scenario(args.scenario)
    scenario = load_scenario(path, overrides)
    check_options(family_options(args, scenario))
    if not args.quiet:
        for note in scenario_notes(scenario):
            print(f"{path.name}: note: {note}", file=sys.stderr)
    seeds = parse_seeds(args.seeds) if args.seeds else [
        args.seed if args.seed is not None else scenario.seed]
    out = Path(args.out) if args.out else RUNS_DIR / run_folder_name(path.stem, seeds, _now())
    results = _run_seeds(args, scenario, path, seeds)

    from sim.run import aggregate

    agg = aggregate(results) if len(results) > 1 else None
    out = _fresh(out) if args.out is None else out
    summary = write_results(out, path, seeds, results, agg)
    print(f"results: {out}{'/' if not str(out).endswith('/') else ''} "
          f"({', '.join(_written(len(results)))})", file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2))
    elif not args.quiet:
        from sim.cli_table import print_table

        print_table(path.stem, results, agg, args.lang)
    return 0


def _run_seeds(args: argparse.Namespace, scenario: object, path: Path,
               seeds: list[int]) -> list:
    """One result per seed (seasons chained with --seasons; a log per seed with --log)."""
    from sim.scenario.loader import scenario_base_dir

    if len(seeds) > 1 or args.seasons > 1:
        from sim.mesa_compat import forget_finished_models

        forget_finished_models()  # many models in one process
    results = []
    show = not args.quiet and not args.json and sys.stderr.isatty()
    for seed in seeds:
        with ProgressBar(show, f"{path.stem} seed {seed}") as tick:
            if args.log:
                from sim.session import run_logged

                log = args.log
                if len(seeds) > 1 and "{seed}" not in log:  # one log per seed
                    log_path = Path(log)
                    log = str(log_path.with_name(f"{log_path.stem}_seed{{seed}}{log_path.suffix}"))
                created = _now().isoformat(timespec="seconds")
                result = run_logged(scenario, seed, log, base_dir=scenario_base_dir(path),
                                    seasons=args.seasons, progress=tick, created=created,
                                    scenario_name=path.stem)
            else:
                from sim.seasons import run_seasons

                result = run_seasons(scenario, seed, args.seasons,
                                     base_dir=scenario_base_dir(path), progress=tick)
        results.append(result)
    return results


def check_run_args(args: argparse.Namespace) -> None:
    """Refuse bad or conflicting options (exit 2, naming the option), before any work."""
    checks = [
        (args.seed is not None and args.seed < 0, "--seed", f"must be >= 0, got {args.seed}"),
        (args.days is not None and not 1 <= args.days <= 400, "--days",
         f"must be between 1 and 400, got {args.days}"),
        (args.seasons < 1, "--seasons", f"must be >= 1, got {args.seasons}"),
        (args.out is not None and Path(args.out).exists() and not Path(args.out).is_dir(),
         "--out", f"{args.out} is a file; give a folder (it is made if missing)"),
    ]
    check_options(checks + conflicts(args))


def family_options(args: argparse.Namespace, scenario: object) -> list[tuple[bool, str, str]]:
    """Options the scenario's family (sim.families) does not support yet."""
    from sim.families import family_of

    family = family_of(scenario)
    seam = family.part("session")
    people = [r for r in seam.roles(scenario) if seam.default_bot(scenario, r) is None]
    return [(args.log is not None and not family.session_log, "--log",
             f"session logs are not written for the {family.name} family yet"),
            (args.seasons > 1 and not family.seasons, "--seasons",
             f"the {family.name} family runs one process; give --seasons 1"),
            (bool(people), "--set", f"regie run plays bots only, but the scenario seats a "
             f"person (bot: null) in {', '.join(people)}; give each a bot, e.g. --set "
             "regisseur.bot=open")]


def conflicts(args: argparse.Namespace) -> list[tuple[bool, str, str]]:
    """Options that set the same thing twice: an error, never a silent override.

    ``--days`` against ``--set weather.days`` (or ``--set weather={...}``), ``--seed`` or
    ``--seeds`` against ``--set seed``, and one key given twice with different values.
    """
    from sim.inputfile.overrides import parse_override

    parsed: dict[str, tuple[str, object]] = {}
    found: list[tuple[bool, str, str]] = []
    for text in args.overrides:
        try:
            key, value = parse_override(text)
        except InputFileError:
            continue  # reported, with every other problem, when the scenario is loaded
        if key in parsed and parsed[key][1] != value:
            found.append((True, "--set", f"{key} is set twice: {parsed[key][0]} and {text}"))
        parsed.setdefault(key, (text, value))
    for option, given, key in (("--days", args.days, "weather.days"),
                               ("--seed", args.seed, "seed"), ("--seeds", args.seeds, "seed")):
        if given is None:
            continue
        for set_key, (text, _) in parsed.items():
            if set_key == key or key.startswith(set_key + "."):
                found.append((True, option, f"conflicts with --set {text}: give only one"))
    return found


def parse_seeds(text: str) -> list[int]:
    """'A-B' → [A..B]; 'A,B,C' → list; bad text → InputFileError."""
    m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        if hi >= lo and hi - lo < 100_000:
            return list(range(lo, hi + 1))
        why = "B must not be below A" if hi < lo else "at most 100,000 seeds"
        raise InputFileError([Problem("--seeds", 0, "", f"{why}, got {text!r}")])
    elif re.fullmatch(r"\s*\d+(\s*,\s*\d+)*\s*", text):
        return [int(x) for x in text.split(",")]
    raise InputFileError([Problem("--seeds", 0, "", f"expected A-B or A,B,C, got {text!r}")])


def run_folder_name(scenario: str, seeds: Sequence[int], when: dt.datetime) -> str:
    """``SCENARIO_seed7_20261206T010203Z``; several seeds read ``seeds1-5``."""
    if len(seeds) == 1:
        label = f"seed{seeds[0]}"
    elif list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        label = f"seeds{seeds[0]}-{seeds[-1]}"
    else:
        label = f"seeds{'_'.join(str(s) for s in seeds[:5])}" + ("_etc" if len(seeds) > 5 else "")
    return f"{scenario}_{label}_{when.strftime('%Y%m%dT%H%M%SZ')}"


def write_results(out: Path, scenario_path: Path, seeds: list[int], results: list,
                  agg: dict | None) -> dict:
    """summary.json and daily.csv (per seed in seed_N/ with several seeds); returns the
    summary that was written at the top."""
    if agg is None:
        _write_one(out, results[0])
        return results[0].summary_dict()
    for result in results:
        _write_one(out / f"seed_{result.seed}", result)
    summary = {"scenario": str(scenario_path), "seeds": seeds, "aggregate": agg,
               "runs": [r.summary_dict() for r in results]}
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _write_one(directory: Path, result: object) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "summary.json").write_text(json.dumps(result.summary_dict(), indent=2))
    result.write_daily_csv(directory / "daily.csv")  # what daily.to_csv writes, sans pandas


def _written(n_runs: int) -> list[str]:
    return ["summary.json", "daily.csv"] if n_runs == 1 else [
        "summary.json", f"seed_N/ for {n_runs} seeds"]


def _fresh(path: Path) -> Path:
    """A folder that does not exist yet: ``path``, else ``path-2``, ``path-3``, ..."""
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate, n = path, 1
    while True:
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            n += 1
            candidate = path.with_name(f"{path.name}-{n}")


def _now() -> dt.datetime:
    """The wall clock (UTC): only the CLI reads it, for folder names and log headers."""
    return dt.datetime.now(dt.UTC)


class ProgressBar:
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
