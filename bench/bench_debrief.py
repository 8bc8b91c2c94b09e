#!/usr/bin/env python
"""Debrief benchmark: a full-season session's report with ghost runs, on 2 cores.

    .venv/bin/python bench/bench_debrief.py                 # regisseur played, 5 seeds
    .venv/bin/python bench/bench_debrief.py --roles regisseur,executor,wethouder
    .venv/bin/python bench/bench_debrief.py --repeat 3      # median of 3 reports

A script, not a test: it prints figures and a PASS/FAIL line and always exits 0.

1. A full default season (`gladheid_gedwongen_winkelnering`, 151 days) is played with
   scripted players in the human seats (`--roles`) and written as a session log (not timed
   against the target).
2. The process is pinned to 2 CPUs (when it may use more) and `build_report` runs with
   2 workers: the session re-run, 3 bot archetypes x 5 seeds per human role as ghost runs,
   the rubric, the charts and the HTML. Target: under 30 s wall time (imports excluded).
3. The same through the command line, in a fresh interpreter: `regie debrief LOG --out`
   (imports included), for reference.

On a shared machine the wall time says more about the neighbours than about the report,
so the figures include CPU time (this process and its workers) and an estimate for 2 idle
cores: the main process's CPU time plus half the workers' (an upper bound, since the main
process draws the charts while the workers run). The load average and the share of a core
this process gets in a busy loop are printed alongside.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
try:
    import debrief  # noqa: F401
except ModuleNotFoundError:  # source tree, package not installed
    sys.path.insert(0, str(REPO_ROOT))

from debrief.report import build_report, default_seeds  # noqa: E402
from sim.bots import SCRIPTED  # noqa: E402
from sim.bots.play import record_session  # noqa: E402
from sim.scenario.loader import load_scenario, resolve_scenario  # noqa: E402

TARGET_S = 30.0
PLAYERS = {"regisseur": "relational", "executor": "honest", "wethouder": "procedural"}


def cpu_s() -> tuple[float, float]:
    """CPU seconds of this process and of its (finished) worker processes."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def share_of_a_core() -> float:
    """CPU time / wall time of a short busy loop: how much of one core this process gets."""
    c0, t0 = time.process_time(), time.perf_counter()
    x = 0
    for i in range(3_000_000):
        x += i
    return (time.process_time() - c0) / max(time.perf_counter() - t0, 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--roles", default="regisseur", help="human seats, comma separated")
    ap.add_argument("--seeds", type=int, default=5, help="ghost seeds per archetype")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-cli", action="store_true", help="skip the fresh-interpreter run")
    args = ap.parse_args()
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) > 2:
        os.sched_setaffinity(0, cpus[:2])
    work = Path(tempfile.mkdtemp(prefix="bench-debrief-"))
    sc = load_scenario(resolve_scenario("gladheid_gedwongen_winkelnering"))
    log = work / "season.jsonl"
    print(f"recording a {sc.weather.days}-day session, players in: {', '.join(roles)} ...",
          file=sys.stderr)
    t0 = time.perf_counter()
    record_session(log, sc, args.seed, {r: SCRIPTED[r][PLAYERS[r]]() for r in roles},
                   trainer=[(24 * 40 + 9, {"act": "bookmark", "tag": "bench"}),
                            (24 * 60, {"inject": "snowstorm", "severity": 0.6})])
    t_record = time.perf_counter() - t0
    seeds = default_seeds(args.seed, args.seeds)
    walls, mains, kids = [], [], []
    share = share_of_a_core()
    for n in range(args.repeat):
        print(f"report {n + 1}/{args.repeat} ...", file=sys.stderr)
        (m0, k0), t0 = cpu_s(), time.perf_counter()
        out = build_report(log, work / f"report{n}.html", lang="nl", seeds=seeds, workers=2)
        walls.append(time.perf_counter() - t0)
        m1, k1 = cpu_s()
        mains.append(m1 - m0)
        kids.append(k1 - k0)
    text = out.read_text(encoding="utf-8")
    ghosts = 3 * len(roles) * len(seeds)
    cli_wall = None
    if not args.no_cli:
        print("regie debrief in a fresh interpreter ...", file=sys.stderr)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                          env.get("PYTHONPATH")]))
        t0 = time.perf_counter()
        subprocess.run(["taskset", "-c", ",".join(map(str, sorted(os.sched_getaffinity(0)))),
                        sys.executable, "-m", "sim.cli", "debrief", str(log), "--out",
                        str(work / "cli.html"), "--workers", "2", "--seeds",
                        ",".join(map(str, seeds)), "--quiet"], check=True, env=env)
        cli_wall = time.perf_counter() - t0
    wall = statistics.median(walls)
    main_cpu, kid_cpu = statistics.median(mains), statistics.median(kids)
    estimate = main_cpu + kid_cpu / 2
    print("Regiekamer debrief benchmark")
    print(f"  machine: {os.cpu_count()} CPUs, pinned to {len(os.sched_getaffinity(0))}; "
          f"load average {os.getloadavg()[0]:.1f}; this process got {100 * share:.0f} % "
          "of a core in a busy loop")
    print(f"  session: {sc.weather.days} days, seed {args.seed}, human seats "
          f"{', '.join(roles)}; recorded in {t_record:.1f} s")
    print(f"  ghost runs: {ghosts} (3 archetypes x {len(seeds)} seeds x {len(roles)} roles; "
          f"seeds {', '.join(map(str, seeds))}); report {len(text) / 1e6:.2f} MB")
    print(f"  build_report, 2 workers: wall {wall:.1f} s (runs: "
          f"{', '.join(f'{w:.1f}' for w in walls)}); CPU: main process {main_cpu:.1f} s, "
          f"workers {kid_cpu:.1f} s")
    print(f"  on 2 idle cores (main CPU + workers' CPU / 2, an upper bound): {estimate:.1f} s")
    if cli_wall is not None:
        print(f"  regie debrief (fresh interpreter, imports included): wall {cli_wall:.1f} s")
    verdict = "PASS" if wall < TARGET_S else "FAIL"
    print(f"{verdict}: report with {ghosts} ghost runs in {wall:.1f} s wall "
          f"(target < {TARGET_S:.0f} s)")
    verdict = "PASS" if estimate < TARGET_S else "FAIL"
    print(f"{verdict}: the same on 2 idle cores, from CPU time: {estimate:.1f} s "
          f"(target < {TARGET_S:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
