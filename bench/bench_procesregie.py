#!/usr/bin/env python
"""The procesregie family's process time beside the gladheid family's season (a script;
exits 0).

    .venv/bin/python bench/bench_procesregie.py            # 7 runs each
    .venv/bin/python bench/bench_procesregie.py --quick    # 3 runs each

Runs alternate (gladheid season, each procesregie scenario, ...) after one warm-up of
each, so drift on a busy machine hits all alike. Reported per scenario: median and min
of the CPU time (``time.process_time``) and the wall time of ``sim.run.run_scenario``
(model building included, imports excluded), its ticks (hours or weeks), CPU per tick,
and for procesregie the same run with a session log (``sim.session.run_logged``, a
checkpoint every week). Also the load average, since the machine is shared.
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

from sim.run import run_scenario  # noqa: E402
from sim.scenario.loader import list_scenarios, load_scenario, resolve_scenario  # noqa: E402
from sim.session import run_logged  # noqa: E402


def timed(call) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = call()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each instead of 7")
    parser.add_argument("--seed", type=int, default=1, help="run seed (default 1)")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    cases: dict[str, object] = {"gladheid default season": load_scenario(resolve_scenario(None))}
    for path in list_scenarios("procesregie"):
        cases[path.stem] = load_scenario(path)
    tmp = Path(tempfile.mkdtemp(prefix="bench_procesregie_"))
    counter = iter(range(10**6))

    def logged(scenario) -> object:
        return run_logged(scenario, args.seed, tmp / f"log{next(counter)}.jsonl")

    calls = {name: (lambda s=s: run_scenario(s, args.seed)) for name, s in cases.items()}
    for name, s in cases.items():
        if getattr(s, "family", "gladheid") == "procesregie":
            calls[f"{name} with --log"] = lambda s=s: logged(s)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
    ticks: dict[str, int] = {}
    load_before = os.getloadavg()
    for i in range(runs + 1):  # the first round warms up
        for name, call in calls.items():
            cpu, wall, result = timed(call)
            if i:
                times[name].append((cpu, wall))
            ticks[name] = len(next(iter(result.series.values()), []))
        print(f"round {i}/{runs} done", file=sys.stderr)
    load_after = os.getloadavg()
    print(
        f"{runs} runs each, seed {args.seed}; load average (1, 5, 15 min) before "
        f"{load_before[0]:.1f} {load_before[1]:.1f} {load_before[2]:.1f}, after "
        f"{load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'case':<52} {'CPU med':>8} {'CPU min':>8} {'wall med':>9} {'steps':>6} {'CPU/step':>10}"
    )
    for name, rows in times.items():
        cpu = [c for c, _ in rows]
        wall = [w for _, w in rows]
        per = statistics.median(cpu) / max(ticks[name], 1)
        print(
            f"{name:<52} {statistics.median(cpu):7.3f}s {min(cpu):7.3f}s "
            f"{statistics.median(wall):8.3f}s {ticks[name]:>6} {per * 1000:8.3f}ms"
        )
    print("steps: rows of the run's series (gladheid: days of 24 hourly ticks; procesregie: weeks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
