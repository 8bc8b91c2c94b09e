"""The sweep driver: feeds runs to a local process pool or a dask.distributed cluster.

Both executors get the same tasks and call the same worker function
(:func:`sim.sweep.worker.run_one`) through a ``concurrent.futures`` interface, so the
only difference between ``--workers N`` and ``--scheduler ADDRESS`` is where the runs
happen. The driver keeps a bounded window of runs in flight, streams finished rows into
Parquet part files, and never holds more than one part in memory.

Failure handling:

* a run that raises is recorded in ``failures.jsonl`` and the sweep goes on
  (``--resume`` retries it);
* a local worker process that dies (killed, out of memory) breaks the pool; the pool
  is rebuilt and the runs that were in flight are submitted again (each at most
  ``MAX_CRASHES`` times); on dask the scheduler does this itself;
* Ctrl-C (SIGINT) once: queued runs are cancelled, running runs finish and are saved;
  twice: running runs are abandoned. Finished rows are always written.

This module reads the clock (run times, flush intervals) but never prints; the command
line (:mod:`sim.sweep.cli`) passes in a progress sink.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sim.inputfile import InputFileError, Problem
from sim.sweep import store
from sim.sweep.plan import SweepPlan
from sim.sweep.pools import DaskPool, LocalPool, cpus

__all__ = ["MAX_CRASHES", "ProgressSink", "SweepReport", "prepare", "run_sweep"]

MAX_CRASHES = 3
"""A run that was in flight when a local worker died this many times is given up."""


class ProgressSink(Protocol):
    """What the driver reports while it runs (the CLI draws it; tests may ignore it)."""

    def start(self, total: int, skipped: int, where: str) -> None:
        """The sweep begins: ``total`` runs to do, ``skipped`` already finished."""

    def advance(self, failed: bool = False) -> None:
        """One run finished (or failed)."""

    def note(self, message: str) -> None:
        """Something the user should know (stopping, worker lost, ...)."""

    def stop(self) -> None:
        """The sweep ended."""


class _Silent:
    def start(self, total: int, skipped: int, where: str) -> None:
        """Nothing to show."""

    def advance(self, failed: bool = False) -> None:
        """Nothing to show."""

    def note(self, message: str) -> None:
        """Nothing to show."""

    def stop(self) -> None:
        """Nothing to show."""


@dataclass
class SweepReport:
    """What a sweep session did."""

    out: Path
    planned: int  # distinct runs in the design
    skipped: int  # already finished before this session
    finished: int  # finished in this session
    failed: int
    interrupted: bool
    elapsed_s: float

    @property
    def remaining(self) -> int:
        """Runs of the design that have no result yet."""
        return self.planned - self.skipped - self.finished


# --------------------------------------------------------------------------- results dir


def prepare(plan: SweepPlan, out: Path, resume: bool) -> tuple[set[str], int, int]:
    """Check ``out``, write manifest and design; return (finished ids, planned, to do)."""
    manifest = store.read_manifest(out) if out.is_dir() else None
    parts = store.part_files(out) if out.is_dir() else []
    if out.exists() and not out.is_dir():
        raise InputFileError([Problem(str(out), 0, "", "is not a directory")])
    if not resume and (manifest is not None or parts):
        raise InputFileError([Problem(str(out), 0, "", "already holds a sweep; add --resume to"
                                      " continue it, or choose another --out")])
    if manifest is not None and manifest.get("fingerprint") != plan.fingerprint():
        raise InputFileError([Problem(
            str(out), 0, "",
            "holds runs of another base scenario, number of seasons or KPI choice"
            f" (fingerprint {manifest.get('fingerprint')}, this experiment"
            f" {plan.fingerprint()}); its runs cannot be reused: choose another --out")])
    out.mkdir(parents=True, exist_ok=True)
    store.remove_stale_tmp(out)
    done = store.finished_ids(out) if resume else set()

    # Grid points are all different; lhs/sobol points may coincide (one run for both).
    seen: set[str] | None = None if plan.experiment.design == "grid" else set()
    counts = {"planned": 0, "done": 0}

    def tally(rows):  # noqa: ANN001, ANN202 (a generator wrapper)
        for row in rows:
            rid = row["run_id"]
            if seen is None or rid not in seen:
                if seen is not None:
                    seen.add(rid)
                counts["planned"] += 1
                counts["done"] += rid in done
            yield row

    factor_types = {f.name: f.dtype for f in plan.factors}
    n_rows = store.write_design(out / store.DESIGN_FILE, tally(plan.design_rows()), factor_types)
    exp = plan.experiment
    from sim import __version__

    manifest_data = {
        "format": 1,
        "title": exp.title,
        "experiment": str(plan.path.absolute()),
        "experiment_sha256": _sha256(plan.text),
        "base_scenario": str(plan.base_path.absolute()),
        "base_scenario_hash": plan.base_hash,
        "fingerprint": plan.fingerprint(),
        "design": exp.design,
        "samples": exp.samples,
        "second_order": exp.second_order,
        "replications": exp.replications,
        "seed": exp.seed,
        "seasons": exp.seasons,
        "kpis": exp.kpis,
        "factors": [f.describe() for f in plan.factors],
        "points": plan.n_points,
        "design_rows": n_rows,
        "runs_planned": counts["planned"],
        "package_version": __version__,
        "created": (manifest or {}).get("created") or _now(),
        "updated": _now(),
    }
    store.write_atomic(out / store.MANIFEST_FILE,
                       json.dumps(manifest_data, indent=2, default=str).encode())
    store.write_atomic(out / "experiment.yaml", plan.text.encode("utf-8"))
    return done, counts["planned"], counts["planned"] - counts["done"]


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class _Interrupts:
    """Counts SIGINTs (Ctrl-C) while the sweep runs; restores the old handler after."""

    def __init__(self) -> None:
        self.count = 0
        self._old: Any = None

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


# --------------------------------------------------------------------------- the loop


def run_sweep(plan: SweepPlan, out: str | Path, *, workers: int | None = None,
              scheduler: str | None = None, resume: bool = False, flush_every: int = 100,
              flush_seconds: float = 30.0, progress: ProgressSink | None = None,
              on_row: Callable[[dict[str, Any]], None] | None = None) -> SweepReport:
    """Run every run of ``plan`` that has no result in ``out`` yet.

    ``workers`` local processes (default: the CPUs this process may use), or the dask
    cluster at ``scheduler``. ``on_row`` is called with each finished row after it is
    buffered (tests use it to kill workers mid-sweep).
    """
    out = Path(out)
    sink = progress or _Silent()
    started = time.monotonic()
    done, planned, todo = prepare(plan, out, resume)
    skipped = planned - todo
    writer = store.PartWriter(out, {f.name: f.dtype for f in plan.factors},
                              flush_every=flush_every, flush_seconds=flush_seconds)
    failures = _FailureLog(out / store.FAILURES_FILE)
    finished = failed = 0
    interrupted = False
    if todo == 0:
        sink.start(0, skipped, "nothing to do")
        sink.stop()
        return SweepReport(out, planned, skipped, 0, 0, False, time.monotonic() - started)

    with _Interrupts() as interrupts:
        pool: LocalPool | DaskPool = (
            DaskPool(scheduler) if scheduler else LocalPool(max(1, workers or cpus())))
        sink.start(todo, skipped, pool.describe())
        tasks = plan.tasks(skip=done)
        pending: dict[cf.Future, dict[str, Any]] = {}
        retry: list[dict[str, Any]] = []
        crashes: dict[str, int] = {}
        exhausted = False
        seen_interrupts = 0
        abandon = False
        try:
            while True:
                if interrupts.count != seen_interrupts:
                    seen_interrupts = interrupts.count
                    if seen_interrupts == 1:
                        queued = _cancel_queued(pending, pool)
                        running = len(pending)
                        sink.note(f"stopping: {queued} queued runs cancelled; waiting for"
                                  f" {running} running run{'s' if running != 1 else ''}"
                                  " (Ctrl-C again to abandon them)")
                    else:
                        abandon = True
                        sink.note(f"abandoning {len(pending)} running runs")
                        break
                stopping = seen_interrupts > 0
                # Keep the window full: retries first, then new tasks.
                window = 2 * pool.capacity
                while not stopping and len(pending) < window:
                    if retry:
                        task = retry.pop()
                    elif not exhausted:
                        task = next(tasks, None)
                        if task is None:
                            exhausted = True
                            continue
                    else:
                        break
                    pending[pool.submit(task)] = task
                if not pending:
                    break
                ready, _ = cf.wait(pending, timeout=0.25, return_when=cf.FIRST_COMPLETED)
                broken = False
                for future in ready:
                    task = pending.pop(future)
                    outcome = _outcome(future)
                    if outcome == "broken":
                        broken = True
                        retry.append(task)
                    elif outcome == "cancelled":
                        continue
                    elif isinstance(outcome, BaseException):
                        failures.add(task, outcome)
                        failed += 1
                        sink.advance(failed=True)
                    else:
                        writer.add(outcome)
                        finished += 1
                        sink.advance()
                        if on_row is not None:
                            on_row(outcome)
                if broken:
                    # Every run still in the broken pool is lost too: collect, then rebuild.
                    cf.wait(pending, timeout=30)
                    for future, task in list(pending.items()):
                        outcome = _outcome(future) if future.done() else "broken"
                        if isinstance(outcome, dict):
                            writer.add(outcome)
                            finished += 1
                            sink.advance()
                        elif outcome != "cancelled":
                            retry.append(task)
                    pending.clear()
                    given_up = []
                    for task in retry:
                        crashes[task["run_id"]] = crashes.get(task["run_id"], 0) + 1
                        if crashes[task["run_id"]] >= MAX_CRASHES:
                            given_up.append(task)
                    for task in given_up:
                        retry.remove(task)
                        failures.add(task, RuntimeError(
                            f"a worker process died while running this run"
                            f" ({MAX_CRASHES} times)"))
                        failed += 1
                        sink.advance(failed=True)
                    sink.note(f"a worker process died; restarting the pool and resubmitting"
                              f" {len(retry)} runs")
                    pool.restart()
                    if stopping:
                        retry.clear()  # not started again after Ctrl-C; --resume does them
                writer.maybe_flush()
        finally:
            interrupted = interrupts.count > 0
            for future in pending:
                future.cancel()
            try:
                writer.close()
            finally:
                failures.close()
                pool.shutdown(abandon=abandon or interrupted)
                sink.stop()
    return SweepReport(out, planned, skipped, finished, failed, interrupted,
                       time.monotonic() - started)


def _outcome(future: cf.Future) -> Any:
    """The row, an exception, 'broken' (local worker died) or 'cancelled'."""
    from concurrent.futures.process import BrokenProcessPool

    if future.cancelled():
        return "cancelled"
    try:
        return future.result()
    except cf.CancelledError:
        return "cancelled"
    except BrokenProcessPool:
        return "broken"
    except Exception as exc:  # noqa: BLE001 (a run's failure is data, not a crash)
        return exc


def _cancel_queued(pending: dict[cf.Future, dict[str, Any]], pool: Any) -> int:
    """Cancel runs that have not started; returns how many were cancelled."""
    cancelled = 0
    if isinstance(pool, DaskPool):
        # The cluster does not tell which futures run; keep the oldest `capacity` ones.
        keep = pool.capacity
        for future in list(pending)[keep:]:
            if future.cancel():
                pending.pop(future)
                cancelled += 1
        return cancelled
    for future in list(pending):
        if future.cancel():
            pending.pop(future)
            cancelled += 1
    return cancelled


class _FailureLog:
    """Appends one JSON line per failed run (flushed at once)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh = None

    def add(self, task: dict[str, Any], exc: BaseException) -> None:
        """Record a failed run with its error and traceback."""
        if self.fh is None:
            self.fh = self.path.open("a", encoding="utf-8")
        record = {
            "run_id": task["run_id"], "point": task["point"],
            "replication": task["replication"], "seed": task["seed"],
            "factors": task["columns"], "error": f"{type(exc).__name__}: {exc}",
            "traceback": "".join(traceback.format_exception(exc)), "time": _now(),
        }
        self.fh.write(json.dumps(record, default=str) + "\n")
        self.fh.flush()

    def close(self) -> None:
        """Close the file if it was opened."""
        if self.fh is not None:
            self.fh.close()

