#!/usr/bin/env python
"""Sweep benchmarks (a script, not a test; prints figures and always exits 0).

    .venv/bin/python bench/bench_sweep.py            # full: default 151-day seasons
    .venv/bin/python bench/bench_sweep.py --quick    # 40-day seasons, fewer runs

Figures:

  (a) throughput of ``regie sweep`` (``sim.sweep.runner.run_sweep``) with 1 and 2 local
      worker processes on the same grid: runs/min over the whole call (pool start-up,
      Parquet writing included) and speed-up (target >= 1.8x on 2 cores);
  (b) the same grid through ``mesa.batch_run`` (number_processes=1, in this process) on a
      thin Mesa wrapper of the same model: runs/min, and a check that both give the same
      KPIs for the same seeds (target: our 1-worker throughput at least equal). The three
      measurements of (a) and (b) alternate over two rounds (one with --quick) and their
      means are compared, so a drift in the machine's speed hits all of them alike;
  (c) peak memory when the run count grows tenfold (1-day seasons): ``ru_maxrss`` of a
      fresh driver process for ``run_sweep`` (workers are separate processes) and for
      ``batch_run``, plus the driver's peak Python heap (tracemalloc) per extra run;
      ``batch_run_fixed`` is batch_run with Mesa 3.3.1's model leak (mesa#3179) patched
      the way the sweep workers patch it, to separate that leak from the results list.

Timings on a small shared VM vary by +-25 % or more. The load average and the CPU the
workers actually obtained (sum of the runs' CPU time / wall time) are printed: a speed-up
measured while other work holds the cores says nothing about the sweep.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
try:
    import sim  # noqa: F401
except ModuleNotFoundError:  # source tree, package not installed
    sys.path.insert(0, str(REPO_ROOT))

KPIS = ["reachability_pct", "cost_total_eur", "trust_gemeente_in_executor", "disputes"]
SPEEDUP_TARGET = 1.8


def experiment_text(days: int, replications: int, agents: int = 5000) -> str:
    """A 2 x 2 grid (sourcing x steering) x replications on the default scenario."""
    return textwrap.dedent(f"""\
        title: bench grid
        scenario: gladheid_gedwongen_winkelnering
        set: {{weather.days: {days}, citizens.agents: {agents}}}
        design: grid
        replications: {replications}
        seed: 5
        kpis: [{", ".join(KPIS)}]
        factors:
          - name: regime
            key: contract.sourcing
            values: [forced, market]
          - name: steering
            levels:
              control: {{municipality.steering_style: output_control,
                         roles.regisseur.bot: controller}}
              relational: {{municipality.steering_style: relational,
                            roles.regisseur.bot: relational}}
        """)


# --- the thin Mesa wrapper for batch_run -------------------------------------------------
STEERING = {"control": {"municipality.steering_style": "output_control",
                        "roles.regisseur.bot": "controller"},
            "relational": {"municipality.steering_style": "relational",
                           "roles.regisseur.bot": "relational"}}


def make_batch_model(base_data: dict):  # noqa: ANN201
    """A mesa.Model class with keyword parameters that runs one RegieModel, a day per step.

    ``batch_run`` reads ``datacollector.model_vars[...][steps - 1]``, so the wrapper
    collects once per step (not at construction) and fills the KPIs on the last step.
    """
    import copy

    import mesa

    from sim.inputfile import apply_overrides
    from sim.kpi import summary
    from sim.model import RegieModel
    from sim.scenario.schema import Scenario

    class BatchRegie(mesa.Model):
        def __init__(self, regime: str = "forced", steering: str = "control",
                     seed: int = 0) -> None:
            super().__init__(rng=seed)
            data = copy.deepcopy(base_data)
            apply_overrides(data, {"contract.sourcing": regime, **STEERING[steering]})
            self.inner = RegieModel(Scenario.model_validate(data, strict=True), seed=seed)
            self.kpis: dict[str, float] = {}
            self.datacollector = mesa.DataCollector(
                model_reporters={k: (lambda m, k=k: m.kpis.get(k)) for k in KPIS})

        def step(self) -> None:
            for _ in range(24):
                self.inner.step()
            self.running = not self.inner.finished
            if not self.running:
                self.kpis = summary(self.inner)
            self.datacollector.collect(self)

    return BatchRegie


def batch_run_grid(plan, days: int) -> tuple[float, list[dict]]:  # noqa: ANN001
    """The plan's grid through mesa.batch_run in this process: (seconds, rows)."""
    from mesa.batchrunner import batch_run

    model = make_batch_model(plan.base_data)
    params = {"regime": ["forced", "market"], "steering": ["control", "relational"],
              "seed": plan.seeds()}
    t0 = time.perf_counter()
    rows = batch_run(model, params, number_processes=1, iterations=1,
                     data_collection_period=-1, max_steps=days + 5, display_progress=False)
    return time.perf_counter() - t0, rows


def sweep_grid(plan, workers: int, out: Path) -> tuple[float, float]:  # noqa: ANN001
    """run_sweep with ``workers`` local processes: (seconds for the call, seconds from
    the first to the last finished run)."""
    from sim.sweep.runner import run_sweep

    stamps: list[float] = []
    t0 = time.perf_counter()
    report = run_sweep(plan, out, workers=workers, on_row=lambda _: stamps.append(
        time.perf_counter()))
    wall = time.perf_counter() - t0
    assert report.failed == 0 and report.finished == plan.n_runs, report
    return wall, stamps[-1] - stamps[0]


# --- memory in fresh processes ----------------------------------------------------------
MEMORY_CHILD = r"""
import json, resource, sys, time
mode, exp, out, days = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, sys.argv[5])
from sim.sweep.experiment import load_experiment
plan = load_experiment(exp)
import tracemalloc
if mode == "sweep":
    from sim.sweep.runner import run_sweep
    tracemalloc.start()
    run_sweep(plan, out, workers=1)
    heap = tracemalloc.get_traced_memory()[1]
else:
    sys.path.insert(0, sys.argv[6])
    from bench_sweep import batch_run_grid
    if mode == "batch_run_fixed":  # Mesa 3.3.1 keeps every model alive (mesa#3179)
        from sim.mesa_compat import forget_finished_models
        forget_finished_models()
    tracemalloc.start()
    _, rows = batch_run_grid(plan, days)
    heap = tracemalloc.get_traced_memory()[1]
    assert len(rows) == plan.n_runs
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"runs": plan.n_runs, "maxrss_mb": self_kb / 1024, "heap_peak_mb": heap / 2**20}))
"""


def memory_point(mode: str, replications: int, tmp: Path) -> dict:
    """Peak RSS of a fresh process doing the grid with ``replications`` (1-day seasons).

    Started through a small launcher process (as in bench_core.py): Linux carries the
    high-water mark across fork+exec, so a child forked from this (larger) bench process
    would report at least the bench's own RSS.
    """
    exp = tmp / f"mem_{mode}_{replications}.yaml"
    exp.write_text(experiment_text(days=1, replications=replications, agents=500))
    out = tmp / f"mem_{mode}_{replications}"
    cmd = [sys.executable, "-c", MEMORY_CHILD, mode, str(exp), str(out), "1", str(REPO_ROOT),
           str(Path(__file__).resolve().parent)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    launcher = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", launcher, *cmd], capture_output=True,
                          text=True, env=env, check=False, timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="40-day seasons, fewer runs")
    args = parser.parse_args()
    days, reps = (40, 4) if args.quick else (151, 8)  # 32 runs: pool start-up stays small
    rounds = 1 if args.quick else 2
    mem_small = 5 if args.quick else 10  # x 4 points; tenfold below

    import platform

    from sim.sweep.experiment import load_experiment
    from sim.sweep.store import read_runs

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    print(f"bench_sweep: {platform.node()} {os.cpu_count()} CPUs,"
          f" load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}"
          f" {os.getloadavg()[2]:.2f}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as tmp_name:
        tmp = Path(tmp_name)
        exp = tmp / "grid.yaml"
        exp.write_text(experiment_text(days, reps))
        plan = load_experiment(exp)
        n = plan.n_runs
        print(f"\n(a) regie sweep, {n} runs ({plan.n_points} points x {reps} seeds),"
              f" {days}-day seasons, 5,000 citizens")
        log("warming up the fork server (imports the model once per driver process)...")
        warm = tmp / "warm.yaml"
        warm.write_text(experiment_text(1, 1).replace("values: [forced, market]",
                                                      "values: [forced]"))
        t0 = time.perf_counter()
        sweep_grid(load_experiment(warm), 1, tmp / "warm")
        print(f"    first pool start incl. model import in the fork server:"
              f" {time.perf_counter() - t0:.1f} s (once per driver)")
        # The three measurements alternate (1 worker, batch_run, 2 workers; repeated), so a
        # drift in the machine's speed (a shared VM) hits all three alike; means are compared.
        walls: dict[str, list[float]] = {"1": [], "2": [], "batch": []}
        rows: list[dict] = []
        for rep in range(rounds):
            for what in ("1", "batch", "2"):
                load = os.getloadavg()[0]
                if what == "batch":
                    log(f"mesa.batch_run (round {rep + 1} of {rounds})...")
                    seconds, rows = batch_run_grid(plan, days)
                    walls["batch"].append(seconds)
                    print(f"    batch_run: {seconds:6.1f} s -> {60 * len(rows) / seconds:6.1f}"
                          f" runs/min, load {load:.1f}")
                    continue
                workers = int(what)
                log(f"run_sweep with {workers} worker(s) (round {rep + 1} of {rounds})...")
                out = tmp / f"w{workers}_{rep}"
                wall, span = sweep_grid(plan, workers, out)
                walls[what].append(wall)
                steady = 60 * (n - workers) / span if span > 0 else float("nan")
                cpu = read_runs(out)["run_cpu_s"].sum()
                print(f"    {workers} worker{'s' if workers > 1 else ' '}: {wall:6.1f} s ->"
                      f" {60 * n / wall:6.1f} runs/min (first to last run: {steady:6.1f}"
                      f" runs/min); CPU obtained {cpu / wall:.2f} cores, {cpu / n:.2f} CPU-s"
                      f" per run, load {load:.1f}")
        rates = {k: 60 * n * len(v) / sum(v) for k, v in walls.items()}
        speedup = rates["2"] / rates["1"]
        verdict = "PASS" if speedup >= SPEEDUP_TARGET else "FAIL"
        print(f"    mean over {rounds} rounds: 1 worker {rates['1']:.1f}, 2 workers"
              f" {rates['2']:.1f}, batch_run {rates['batch']:.1f} runs/min")
        print(f"    speed-up 2 vs 1 worker: {speedup:.2f}x  [{verdict}: target >="
              f" {SPEEDUP_TARGET}x on 2 cores]")

        print("\n(b) the same grid through mesa.batch_run (number_processes=1, in-process)")
        verdict = "PASS" if rates["1"] >= rates["batch"] * 0.95 else "FAIL"
        print(f"    regie sweep 1 worker / batch_run = {rates['1'] / rates['batch']:.2f}"
              f"  [{verdict}: target >= 1 (within 5 % noise)]")
        ours_key = {(r["regime"], r["steering"], int(r["seed"])): tuple(r[k] for k in KPIS)
                    for r in read_runs(tmp / "w1_0").to_dict("records")}
        theirs_key = {(r["regime"], r["steering"], int(r["seed"])): tuple(r[k] for k in KPIS)
                      for r in rows}
        same = ours_key == theirs_key
        print(f"    same KPIs for the same (factors, seed) in both: {'yes' if same else 'NO'}")

        big = 10 * mem_small
        print(f"\n(c) peak memory, 1-day seasons, 500 citizens: {4 * mem_small} runs vs"
              f" {4 * big} runs (fresh processes)")
        results = {}
        modes = ("sweep", "batch_run", "batch_run_fixed")
        for mode in modes:
            for r in (mem_small, big):
                log(f"memory: {mode} with {4 * r} runs...")
                results[mode, r] = m = memory_point(mode, r, tmp)
                print(f"    {mode:15s} {m['runs']:5d} runs: driver peak RSS"
                      f" {m['maxrss_mb']:6.1f} MB, peak Python heap (tracemalloc)"
                      f" {m['heap_peak_mb']:7.3f} MB")
        for mode in modes:
            small, large = results[mode, mem_small], results[mode, big]
            per_run_kb = 1024 * (large["heap_peak_mb"] - small["heap_peak_mb"]) / (
                large["runs"] - small["runs"])
            growth = large["maxrss_mb"] - small["maxrss_mb"]
            print(f"    {mode:15s} x10 runs: peak RSS {growth:+.1f} MB, peak heap"
                  f" {per_run_kb:+.2f} KB per extra run"
                  f" (-> {per_run_kb * 1e6 / 2**20:+,.1f} GB per million runs)")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a benchmark never fails the build; say what went wrong
        import traceback

        traceback.print_exc()
        print(f"bench_sweep: error: {exc}")
    sys.exit(0)
