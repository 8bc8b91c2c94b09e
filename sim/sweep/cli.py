"""``regie sweep``: run an experiment file, or analyse a results directory.

    regie sweep EXPERIMENT [--workers N | --scheduler ADDRESS] [--out DIR] [--resume]
    regie sweep analyze DIR [--out DIR]

Module-level imports stay light: the runner, dask, SALib and matplotlib are imported
inside the handlers. Exit codes: 0 done, 1 some runs failed (see failures.jsonl),
2 bad input (``FILE:LINE: key: message``), 130 stopped with Ctrl-C (finished runs saved).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sim.inputfile import InputFileError, Problem, check_options

EXIT_FAILED_RUNS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

USAGE = """\
regie sweep EXPERIMENT [--workers N | --scheduler ADDRESS] [--out DIR] [--resume]
                   [--flush-every N] [--dry-run] [--quiet]
       regie sweep analyze DIR [--out DIR] [--quiet]"""

DESCRIPTION = """\
Run the runs of an experiment file (base scenario, factors, design, replications) on
local processes or a dask.distributed cluster, streaming one row per run to Parquet
files in DIR/runs/; or, with 'analyze', write summary tables and plots of a results
directory. See docs/research-guide.md."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sweep`` sub-command to the ``regie`` parser."""
    p = subparsers.add_parser(
        "sweep", help="run an experiment (scenario sweep) or analyse its results",
        usage=USAGE, description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", metavar="EXPERIMENT | analyze",
                   help="experiment file (YAML), or the word 'analyze'")
    p.add_argument("directory", nargs="?", metavar="DIR",
                   help="with analyze: the results directory")
    run = p.add_argument_group("running an experiment")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None, metavar="N",
                       help="local worker processes (default: the CPUs available)")
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="dask scheduler, e.g. tcp://10.0.0.5:8786 (runs on its workers)")
    run.add_argument("--resume", action="store_true",
                     help="continue the sweep in --out: finished runs are skipped")
    run.add_argument("--flush-every", type=int, default=100, metavar="N",
                     help="rows per Parquet part file (also written every 30 s)")
    run.add_argument("--dry-run", action="store_true",
                     help="validate and show the design; run nothing")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="results directory (default: sweeps/<experiment name>);"
                   " with analyze: where tables and plots go (default: DIR/analysis)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(handler=sweep_command)


def sweep_command(args: argparse.Namespace) -> int:
    """Dispatch ``regie sweep``: analyze mode or run mode."""
    if args.target == "analyze":
        return _analyze(args)
    if args.directory is not None:
        raise InputFileError([Problem(args.directory, 0, "", "unexpected argument; did you"
                                      " mean 'regie sweep analyze DIR'?")])
    return _run(args)


# --------------------------------------------------------------------------- run


def _run(args: argparse.Namespace) -> int:
    from sim.sweep.experiment import load_experiment

    check_options([
        (args.workers is not None and not 1 <= args.workers <= 1024, "--workers",
         f"must be 1..1024, got {args.workers}"),
        (args.flush_every < 1, "--flush-every", f"must be >= 1, got {args.flush_every}"),
    ])
    plan = load_experiment(args.target)
    out = Path(args.out) if args.out else Path("sweeps") / plan.path.stem
    if args.dry_run:
        _show_plan(plan, out)
        return 0
    from sim.sweep.runner import run_sweep

    sink = _sink(args.quiet)
    try:
        report = run_sweep(plan, out, workers=args.workers, scheduler=args.scheduler,
                           resume=args.resume, flush_every=args.flush_every, progress=sink)
    except OSError as exc:  # the results directory cannot be written
        where = exc.filename or out
        raise InputFileError([Problem(str(where), 0, "", f"cannot write results:"
                                      f" {exc.strerror or exc}")]) from None
    if not args.quiet:
        _say(f"{report.out}: {report.finished} runs finished in {_duration(report.elapsed_s)}"
             f", {report.skipped} done before, {report.failed} failed,"
             f" {report.remaining} to do")
    if report.interrupted:
        _say(f"stopped; finished runs are saved. Continue with: regie sweep {args.target}"
             f" --out {report.out} --resume")
        return EXIT_INTERRUPTED
    if report.failed:
        _say(f"{report.failed} runs failed: see {report.out / 'failures.jsonl'};"
             " --resume retries them")
        return EXIT_FAILED_RUNS
    return 0


def _show_plan(plan, out: Path) -> None:  # noqa: ANN001
    """Print the design: factors with their keys, units and values; sizes; seeds."""
    exp = plan.experiment
    print(f"experiment   {plan.path}" + (f"  ({exp.title})" if exp.title else ""))
    print(f"base         {plan.base_path}  (hash {plan.base_hash[:12]})")
    if exp.set:
        print("set          " + ", ".join(f"{k}={v}" for k, v in exp.set.items()))
    print(f"design       {exp.design}" + (f", samples {exp.samples}" if exp.samples else "")
          + (", second order" if exp.second_order else ""))
    for f in plan.factors:
        unit = f" [{f.unit}]" if f.unit else ""
        if f.levels is not None:
            shown = ", ".join(str(lv.column) for lv in f.levels[:8])
            more = f", ... ({len(f.levels)})" if len(f.levels) > 8 else ""
            print(f"  {f.name:22s} {', '.join(f.keys)}{unit}: {shown}{more}")
        else:
            d = f.distribution.model_dump(exclude_none=True)
            kind = d.pop("type")
            params = ", ".join(f"{k}={v:g}" for k, v in d.items())
            print(f"  {f.name:22s} {f.keys[0]}{unit}: {kind}({params})"
                  + (" rounded to whole numbers" if f.as_int else ""))
    seeds = plan.seeds()
    shown = ", ".join(str(s) for s in seeds[:4]) + (", ..." if len(seeds) > 4 else "")
    print(f"points       {plan.n_points:,} x {exp.replications} replications"
          f" = {plan.n_runs:,} runs, {exp.seasons} season(s) each")
    print(f"seeds        SeedSequence({exp.seed}) per replication: {shown}")
    print(f"kpis         {exp.kpis if exp.kpis == 'all' else ', '.join(exp.kpis)}")
    print(f"results      {out}")


# --------------------------------------------------------------------------- analyze


def _analyze(args: argparse.Namespace) -> int:
    if args.directory is None:
        raise InputFileError([Problem("analyze", 0, "", "needs the results directory:"
                                      " regie sweep analyze DIR")])
    run_only = [name for name, given in (("--workers", args.workers is not None),
                                         ("--scheduler", args.scheduler is not None),
                                         ("--resume", args.resume),
                                         ("--dry-run", args.dry_run)) if given]
    if run_only:
        raise InputFileError([Problem(run_only[0], 0, "", "is for running an experiment,"
                                      " not for analyze")])
    from sim.sweep.analyze import analyze

    result = analyze(Path(args.directory), Path(args.out) if args.out else None)
    if not args.quiet:
        for note in result.notes:
            _say(note)
        print(f"{result.runs} runs ({result.missing} of the design missing),"
              f" {len(result.kpis)} KPIs, {len(result.factors)} factors")
        print(f"tables: {result.out / 'tables'}  ({len(result.tables)} files)")
        print(f"plots:  {result.out / 'plots'}  ({len(result.plots)} files)")
        print(f"read:   {result.out / 'summary.md'}")
    return 0


# --------------------------------------------------------------------------- progress


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else (f"{m}m{s:02d}s" if m else f"{s}s")


def _sink(quiet: bool):  # noqa: ANN202
    if quiet:
        return None
    return _RichSink() if sys.stderr.isatty() else _LineSink()


class _RichSink:
    """A progress bar with runs/min and ETA on the terminal (stderr)."""

    def start(self, total: int, skipped: int, where: str) -> None:
        """Show the bar."""
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.t0 = time.monotonic()
        self.failed = 0
        self.bar = Progress(TextColumn("[bold]sweep[/]"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("{task.fields[failed]}"),
                            console=self.console, transient=False)
        before = f", {skipped} done before" if skipped else ""
        self.console.print(f"{total} runs to do{before}; {where}")
        self.bar.start()
        self.task = self.bar.add_task("sweep", total=total, rate="", failed="")

    def advance(self, failed: bool = False) -> None:
        """One more run done."""
        self.failed += failed
        done = self.bar.tasks[0].completed + 1
        rate = 60.0 * done / max(time.monotonic() - self.t0, 1e-9)
        self.bar.update(self.task, advance=1, rate=f"{rate:,.1f} runs/min",
                        failed=f"[red]{self.failed} failed[/]" if self.failed else "")

    def note(self, message: str) -> None:
        """A line above the bar."""
        self.console.print(message)

    def stop(self) -> None:
        """Remove the live display."""
        if hasattr(self, "bar"):
            self.bar.stop()


class _LineSink:
    """Progress as a log line every 10 % or 60 s (batch jobs, CI, nohup)."""

    def start(self, total: int, skipped: int, where: str) -> None:
        """Log the start."""
        self.total, self.done, self.failed = total, 0, 0
        self.t0 = self.last = time.monotonic()
        self.next_pct = 10
        before = f", {skipped} done before" if skipped else ""
        _say(f"sweep: {total} runs to do{before}; {where}")

    def advance(self, failed: bool = False) -> None:
        """Count a run; log now and then."""
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        pct = 100 * self.done // max(self.total, 1)
        if pct >= self.next_pct or now - self.last >= 60:
            self.next_pct = pct // 10 * 10 + 10
            self.last = now
            elapsed = now - self.t0
            rate = self.done / max(elapsed, 1e-9)
            eta = (self.total - self.done) / rate if rate > 0 else float("nan")
            _say(f"sweep: {self.done}/{self.total} ({pct}%), {60 * rate:,.1f} runs/min,"
                 f" ETA {_duration(eta)}" + (f", {self.failed} failed" if self.failed else ""))

    def note(self, message: str) -> None:
        """Log a message."""
        _say(f"sweep: {message}")

    def stop(self) -> None:
        """Nothing to clean up."""
