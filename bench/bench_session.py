#!/usr/bin/env python
"""Cost of the session log: one season with and without ``--log`` (a script; exits 0).

    .venv/bin/python bench/bench_session.py            # default season, 7 runs each
    .venv/bin/python bench/bench_session.py --quick    # 3 runs each
    .venv/bin/python bench/bench_session.py --days 40 --scenario gladheid_market

Same scenario and seed for both; runs alternate (plain, logged, plain, ...) after one
warm-up of each, so drift on a busy machine hits both alike. Reported: median and min
of the CPU time (``time.process_time``: what the process itself spent, steady on a shared
machine) and of the wall time, for ``sim.seasons.run_seasons`` and
``sim.session.run_logged`` (model building included, imports excluded); the overhead in
percent (target < 10%); the CPU time spent inside the logging code itself (hooks on the
session log's entry points: creating the log, each event, each daily checkpoint with its
``state_hash``, the end), which stays meaningful when other processes load the machine;
the CPU time of one state hash of each version on the season's last state (version 2 is
what format-3 logs hold, version 1 what formats 1 and 2 held); and the log's size. Timing
hooks wrap functions in this process only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
try:
    import sim  # noqa: F401
except ModuleNotFoundError:  # source tree, package not installed
    sys.path.insert(0, str(REPO_ROOT))

import sim.session as session  # noqa: E402
import sim.session.writer as writer  # noqa: E402
from sim.scenario.loader import load_scenario, resolve_scenario  # noqa: E402
from sim.seasons import run_seasons  # noqa: E402
from sim.session.statehash import state_hash  # noqa: E402

TARGET_PCT = 10.0
HASH_REPEATS = 200


class Timer:
    """Wraps a module attribute with a perf_counter accumulator."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name = owner, name
        self.original = getattr(owner, name)
        self.total = 0.0
        self.calls = 0

        def timed(*args, **kwargs):
            t = time.process_time()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.total += time.process_time() - t
                self.calls += 1

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.total, self.calls = 0.0, 0

    def remove(self) -> None:
        setattr(self.owner, self.name, self.original)


def hash_cost(model: object) -> dict[int, float]:
    """CPU seconds of one state hash of each version on `model` (median of batches)."""
    cost = {}
    for version in (1, 2):
        batches = []
        for _ in range(5):
            t = time.process_time()
            for _ in range(HASH_REPEATS // 5):
                state_hash(model, version)
            batches.append((time.process_time() - t) / (HASH_REPEATS // 5))
        cost[version] = statistics.median(batches)
    return cost


def measure(scenario: object, seed: int, runs: int) -> dict:
    """Plain and logged seasons alternately (after one warm-up of each), then logged runs
    with hooks on the logging code. Returns the CPU and wall times (lists of (cpu, wall)),
    the CPU time inside the logging code per hooked run, the hooks and the log's size."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        counter = iter(range(10_000))

        def logged() -> tuple[float, float]:
            target = tmpdir / f"s{next(counter)}.jsonl"
            t, c = time.perf_counter(), time.process_time()
            session.run_logged(scenario, seed, target)
            return time.process_time() - c, time.perf_counter() - t

        def plain() -> tuple[float, float]:
            t, c = time.perf_counter(), time.process_time()
            run_seasons(scenario, seed)
            return time.process_time() - c, time.perf_counter() - t

        plain(), logged()  # warm-up (imports, caches)
        t_plain, t_logged = [], []
        for _ in range(runs):
            t_plain.append(plain())
            t_logged.append(logged())

        # Where the extra time goes: CPU time inside the logging code, in logged runs
        # with hooks (steadier on a busy machine than a difference of two totals).
        hashing = Timer(writer, "state_hash")
        writing = Timer(session.SessionLog, "_emit_line")
        fsyncing = Timer(writer, "fsync")
        entry_points = [Timer(session.SessionLog, name)
                        for name in ("create", "after_step", "_on_event", "close")]
        direct = []
        for i in range(max(3, runs // 2)):
            for hook in (hashing, writing, fsyncing, *entry_points):
                hook.reset()
            target = tmpdir / f"profiled{i}.jsonl"
            session.run_logged(scenario, seed, target)
            direct.append(sum(h.total for h in entry_points))
        for hook in (hashing, writing, fsyncing, *entry_points):
            hook.remove()
        from sim.families import make_model

        last = make_model(scenario, seed=seed)
        last.run_season()
        versions = hash_cost(last)
        size = target.stat().st_size
        lines = sum(1 for _ in target.open("rb"))
    plain_cpu = statistics.median(t[0] for t in t_plain)
    logged_cpu = statistics.median(t[0] for t in t_logged)
    return {"plain": t_plain, "logged": t_logged, "direct": direct,
            "overhead_pct": 100.0 * (logged_cpu / plain_cpu - 1.0),
            "direct_pct": 100.0 * statistics.median(direct) / plain_cpu,
            "hashing": hashing, "writing": writing, "fsyncing": fsyncing,
            "size": size, "lines": lines, "hash_versions": versions}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--days", type=int, default=None, help="season length (default: scenario)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs each")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    overrides = [f"weather.days={args.days}"] if args.days else []
    path = resolve_scenario(args.scenario)
    scenario = load_scenario(path, overrides)
    m = measure(scenario, args.seed, runs)
    t_plain, t_logged, direct = m["plain"], m["logged"], m["direct"]
    hashing, writing, fsyncing = m["hashing"], m["writing"], m["fsyncing"]

    days = scenario.weather.days
    print(f"session log overhead: {path.stem}, {days} days, seed {args.seed}, "
          f"{runs} runs each ({os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"load {os.getloadavg()[0]:.1f})" if hasattr(os, "getloadavg") else "")
    for i, what in ((0, "CPU "), (1, "wall")):
        p = [t[i] for t in t_plain]
        q = [t[i] for t in t_logged]
        med_p, med_l, min_p, min_l = (statistics.median(p), statistics.median(q), min(p),
                                      min(q))
        over_med, over_min = 100.0 * (med_l / med_p - 1.0), 100.0 * (min_l / min_p - 1.0)
        print(f"  {what}  without log median {med_p * 1e3:7.1f} ms  min {min_p * 1e3:7.1f} ms"
              f" | with log median {med_l * 1e3:7.1f} ms  min {min_l * 1e3:7.1f} ms"
              f" | overhead median {over_med:+5.1f} %  min {over_min:+5.1f} %")
    overhead, direct_pct = m["overhead_pct"], m["direct_pct"]
    print(f"  CPU in the logging code (hooks, median of {len(direct)} runs): "
          f"{statistics.median(direct) * 1e3:.1f} ms = {direct_pct:.1f} % of a plain season; "
          f"of which state_hash {hashing.calls} x {1e3 * hashing.total / max(hashing.calls, 1):.2f}"
          f" ms, writing {writing.calls} lines {writing.total * 1e3:.1f} ms incl. "
          f"{fsyncing.calls} fsyncs (last run)")
    versions = m["hash_versions"]
    print(f"  state hash on the season's last state (CPU, median): version 2 (format 3) "
          f"{versions[2] * 1e3:.3f} ms, version 1 (formats 1-2) {versions[1] * 1e3:.3f} ms")
    print(f"  log: {m['lines']} lines, {m['size'] / 1024:.1f} KiB")
    print(f"  target < {TARGET_PCT:.0f}%: difference of medians "
          f"{'OK' if overhead < TARGET_PCT else 'MISSED'} ({overhead:+.1f} %), logging code "
          f"{'OK' if direct_pct < TARGET_PCT else 'MISSED'} ({direct_pct:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
