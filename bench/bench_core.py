#!/usr/bin/env python
"""Core performance benchmarks of Regiekamer (a script, not a test; always exits 0).

    .venv/bin/python bench/bench_core.py            # full: 5 timed runs per figure
    .venv/bin/python bench/bench_core.py --quick    # fewer repeats, ~4x faster

Figures (see bench/README.md for what each one means):

  (a) one default season via ``sim.run.run_scenario``, in-process: CPU time
      (``time.process_time``, steady on a shared machine) and wall time, with and without
      model construction, import excluded; median and min of N runs after one warm-up
      (target: median CPU time < 0.3 s).
  (b) citizen throughput: trip-steps/s = agents x hours / time spent in
      ``CitizenPopulation.step``, at 5,000 and 100,000 agents.
      (a) and (b) run twice: as installed, with the compiled kernels (sim/compiled.py;
      built by `pip install` where a C compiler is), and with numpy only (an install
      without a compiler, or REGIE_PURE_PYTHON=1: the same values bit for bit). The
      targets judge the first.
  (c) the classic Mesa Boltzmann wealth model (1,000 agents, 100 steps) in the same process:
      agent-steps/s, and the ratio citizen trip-steps/s / Mesa agent-steps/s (target >= 100
      at 5,000 agents).
  (d) peak RSS (``ru_maxrss``) of a default season in a fresh subprocess (target < 300 MB).
  (e) ``regie run --quiet --out DIR`` for one default season in a fresh process: wall time
      (median of N; target < 1 s), split into interpreter start-up and exit, imports, and
      the rest (loading the scenario, the season, writing the results). Where this
      environment keeps no bytecode (PYTHONDONTWRITEBYTECODE), also with Python's compiled
      modules kept, as on a normal machine and after `pip install .` (the README's first
      command compiles them at install): the target judges that figure, the other beside it.
  (f) one sweep worker: ``sim.sweep.worker.run_one`` on default-season tasks back to back
      in one process, as a worker of ``regie sweep`` runs them: runs per minute.
  (g) the session log's cost: a default season with and without ``--log``, as
      ``bench/bench_session.py`` measures it (target: CPU overhead < 10 %).

The report ends with one line per target, PASS or FAIL, with the Mesa Boltzmann reference
beside each: the time Mesa takes for as many agent-steps as a season's citizens make.

Timing hooks are installed by wrapping methods here, in the bench process only; nothing
in ``sim/`` is changed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
try:
    import sim  # noqa: F401
except ModuleNotFoundError:  # source tree, package not installed
    sys.path.insert(0, str(REPO_ROOT))

import mesa  # noqa: E402

import sim  # noqa: E402
from sim import compiled  # noqa: E402
from sim.agents.citizens import CitizenPopulation  # noqa: E402
from sim.model import RegieModel  # noqa: E402
from sim.run import run_scenario  # noqa: E402
from sim.scenario.loader import load_scenario, resolve_scenario  # noqa: E402
from sim.scenario.schema import Scenario  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_session  # noqa: E402

RATIO_TARGET = 100.0  # at RATIO_TARGET_AGENTS
RATIO_TARGET_AGENTS = 5_000
SEASON_TARGET_S = 0.3  # CPU time, median, construction included
MEMORY_TARGET_MB = 300.0
FRESH_RUN_TARGET_S = 1.0
SESSION_LOG_TARGET_PCT = 10.0  # CPU overhead of --log, difference of medians
CITIZEN_SIZES = (5_000, 100_000)
BOLTZMANN_AGENTS = 1_000
BOLTZMANN_STEPS = 100


# --- timing hooks (bench process only) ------------------------------------------------
class Hooks:
    """Wraps RegieModel.__init__ (wall time) and CitizenPopulation.step (CPU time, as the
    Mesa reference is timed: steadier than wall time on a shared machine) and
    count_incidents (whether the hour drew trips)."""

    def __init__(self) -> None:
        self.reset()
        self._orig_init = RegieModel.__init__
        self._orig_step = CitizenPopulation.step
        self._orig_count = CitizenPopulation.count_incidents

    def reset(self) -> None:
        self.construct_s = 0.0
        self.citizen_s = 0.0
        self.citizen_calls = 0
        self.wet_s = 0.0  # time in citizen steps that drew trips on slippery roads
        self.wet_calls = 0
        self._drew = False

    def install(self) -> None:
        hooks = self
        orig_init, orig_step, orig_count = self._orig_init, self._orig_step, self._orig_count

        def init(model, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            t = time.perf_counter()
            orig_init(model, *args, **kwargs)
            hooks.construct_s += time.perf_counter() - t

        def step(pop):  # noqa: ANN001
            hooks._drew = False
            t = time.process_time()
            orig_step(pop)
            dt = time.process_time() - t
            hooks.citizen_s += dt
            hooks.citizen_calls += 1
            if hooks._drew:
                hooks.wet_s += dt
                hooks.wet_calls += 1

        def count_incidents(pop, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            hooks._drew = True
            return orig_count(pop, *args, **kwargs)

        RegieModel.__init__ = init
        CitizenPopulation.step = step
        CitizenPopulation.count_incidents = count_incidents

    def uninstall(self) -> None:
        RegieModel.__init__ = self._orig_init
        CitizenPopulation.step = self._orig_step
        CitizenPopulation.count_incidents = self._orig_count


def with_agents(scenario: Scenario, agents: int) -> Scenario:
    """The scenario with citizens.agents overridden (validated, like `--set citizens.agents=N`)."""
    data = scenario.model_dump()
    data["citizens"]["agents"] = agents
    return Scenario.model_validate(data)


# --- (a) default season wall time -----------------------------------------------------
def bench_season(scenario: Scenario, seed: int, repeats: int, hooks: Hooks) -> dict[str, float]:
    run_scenario(scenario, seed)  # warm-up (caches, lazy imports such as scipy.stats)
    total, construct, cpu = [], [], []
    for _ in range(repeats):
        hooks.reset()
        t, c = time.perf_counter(), time.process_time()
        run_scenario(scenario, seed)
        total.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        construct.append(hooks.construct_s)
    stepping = [a - b for a, b in zip(total, construct, strict=True)]
    return {
        "total_med": statistics.median(total),
        "total_min": min(total),
        "step_med": statistics.median(stepping),
        "step_min": min(stepping),
        "construct_med": statistics.median(construct),
        "construct_min": min(construct),
        "cpu_med": statistics.median(cpu),
        "cpu_min": min(cpu),
    }


def bench_parts(scenario: Scenario, seed: int, repeats: int) -> dict[str, float]:
    """CPU time of a season's hourly parts (road physics, citizens, the KPIs' hour, the
    executor's hour, the bots' turn) in runs of their own, each part's method wrapped here;
    the wrappers' own cost (two clock reads a call) is included, so the parts add up to a
    little more than in (a)'s runs."""
    from sim.agents.executor import Uitvoeringsorganisatie
    from sim.governance.regie import Governance
    from sim.kpi import KpiTracker
    from sim.world.roads import RoadState

    parts = {
        "roads": (RoadState, "step"),
        "citizens": (CitizenPopulation, "step"),
        "kpi": (KpiTracker, "record_hour"),
        "executor": (Uitvoeringsorganisatie, "step"),
        "bots": (Governance, "answer_bots"),
    }
    spent = dict.fromkeys(parts, 0.0)
    originals = {name: getattr(cls, method) for name, (cls, method) in parts.items()}

    def wrapped(name: str, orig: Callable) -> Callable:
        def call(*args):  # noqa: ANN002, ANN202
            t = time.process_time()
            orig(*args)
            spent[name] += time.process_time() - t

        return call

    for name, (cls, method) in parts.items():
        setattr(cls, method, wrapped(name, originals[name]))
    runs: dict[str, list[float]] = {name: [] for name in (*parts, "season")}
    try:
        for _ in range(repeats):
            spent.update(dict.fromkeys(parts, 0.0))
            c = time.process_time()
            run_scenario(scenario, seed)
            runs["season"].append(time.process_time() - c)
            for name in parts:
                runs[name].append(spent[name])
    finally:
        for name, (cls, method) in parts.items():
            setattr(cls, method, originals[name])
    return {name: statistics.median(values) for name, values in runs.items()}


# --- (b) citizen throughput -----------------------------------------------------------
def bench_citizens(
    scenario: Scenario, agents: int, seed: int, repeats: int, hooks: Hooks
) -> dict[str, float]:
    sc = with_agents(scenario, agents)
    rates, wet_rates, runs = [], [], []
    for _ in range(repeats):
        hooks.reset()
        t = time.process_time()
        run_scenario(sc, seed)
        runs.append(time.process_time() - t)
        rates.append(agents * hooks.citizen_calls / hooks.citizen_s)
        if hooks.wet_calls:
            wet_rates.append(agents * hooks.wet_calls / hooks.wet_s)
    return {
        "agents": agents,
        "hours": hooks.citizen_calls,
        "wet_hours": hooks.wet_calls,
        "rate_med": statistics.median(rates),
        "rate_max": max(rates),
        "wet_rate_med": statistics.median(wet_rates) if wet_rates else float("nan"),
        "run_med": statistics.median(runs),
    }


# --- (c) Mesa Boltzmann wealth reference ----------------------------------------------
class MoneyAgent(mesa.Agent):
    """Classic tutorial agent: gives one unit of wealth to a random other agent."""

    def __init__(self, model: mesa.Model) -> None:
        super().__init__(model)
        self.wealth = 1

    def exchange(self) -> None:
        if self.wealth > 0:
            others = self.model.agent_list
            other = self.random.choice(others)
            while other is self:
                other = self.random.choice(others)
            other.wealth += 1
            self.wealth -= 1


class BoltzmannModel(mesa.Model):
    """Boltzmann wealth model, no grid, no DataCollector (tech-notes §2, first row)."""

    def __init__(self, n: int, rng: int) -> None:
        super().__init__(rng=rng)
        MoneyAgent.create_agents(self, n)
        self.agent_list = list(self.agents)

    def step(self) -> None:
        self.agents.shuffle_do("exchange")


def gini(wealth: list[int]) -> float:
    x = sorted(wealth)
    n, total = len(x), sum(x)
    b = sum(xi * (n - i) for i, xi in enumerate(x)) / (n * total)
    return 1 + 1 / n - 2 * b


def bench_boltzmann(repeats: int) -> dict[str, float]:
    times = []
    g = float("nan")
    for rep in range(repeats + 1):  # first one is the warm-up
        model = BoltzmannModel(BOLTZMANN_AGENTS, rng=rep)
        t = time.process_time()
        for _ in range(BOLTZMANN_STEPS):
            model.step()
        dt = time.process_time() - t
        if rep:
            times.append(dt)
            g = gini([a.wealth for a in model.agents])
    med = statistics.median(times)
    return {
        "time_med": med,
        "time_min": min(times),
        "rate_med": BOLTZMANN_AGENTS * BOLTZMANN_STEPS / med,
        "rate_max": BOLTZMANN_AGENTS * BOLTZMANN_STEPS / min(times),
        "gini": g,
    }


# --- (d) peak memory in a fresh process -----------------------------------------------
CHILD = textwrap.dedent("""
    import resource, sys
    sys.path.append(sys.argv[1])
    from sim.run import run_scenario
    from sim.scenario.loader import load_scenario, resolve_scenario
    sc = load_scenario(resolve_scenario(None))
    after_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run_scenario(sc, int(sys.argv[2]))
    hwm = next((int(line.split()[1]) for line in open("/proc/self/status")
                if line.startswith("VmHWM:")), -1)
    print(after_import, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, hwm)
""")
# Linux carries the pre-exec high-water mark into ru_maxrss across execve, so a child
# spawned straight from this (already large) bench process would report at least the
# bench's own RSS. A small launcher process in between gives the child a clean figure.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def bench_memory(seed: int) -> dict[str, float]:
    child = [sys.executable, "-c", CHILD, str(REPO_ROOT), str(seed)]
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *child],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return {"import_mb": float("nan"), "peak_mb": float("nan"), "hwm_mb": float("nan")}
    after_import, peak, hwm = (int(v) for v in proc.stdout.split()[-3:])
    return {
        "import_mb": after_import / 1024,
        "peak_mb": peak / 1024,  # Linux: KiB
        "hwm_mb": hwm / 1024,
    }


# --- (e) `regie run` in a fresh process ------------------------------------------------
# What the `regie` console script does, with the time spent in imports summed: every
# outermost call of importlib's `_find_and_load` (CPython looks it up on each import that
# is not yet in sys.modules, so this sees lazy imports inside functions too).
FRESH_RUN = textwrap.dedent("""
    import time
    t0 = time.perf_counter()
    import importlib._bootstrap as bootstrap, json, sys
    find_and_load, state = bootstrap._find_and_load, {"s": 0.0, "depth": 0}
    def timed(name, import_):
        state["depth"] += 1
        t = time.perf_counter()
        try:
            return find_and_load(name, import_)
        finally:
            state["depth"] -= 1
            if not state["depth"]:
                state["s"] += time.perf_counter() - t
    bootstrap._find_and_load = timed
    from sim.cli import main
    code = main(sys.argv[1:])
    total = time.perf_counter() - t0
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"scipy", "pandas", "networkx"})
    print(json.dumps({"code": code, "total": total, "imports": state["s"], "heavy": heavy}))
""")


def bench_fresh_run(repeats: int, bytecode: bool = False) -> dict[str, float]:
    """`regie run --quiet --out DIR` (default scenario and seed) in fresh processes, with
    the 1-minute load average at the start and the end. With `bytecode`, Python keeps its
    compiled modules (in a cache folder of its own) as it does on a normal machine and
    after `pip install .`; else as this environment runs it (see `sys.dont_write_bytecode`)."""
    import tempfile

    runs, loads = [], [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        if bytecode:  # the warm-up run writes the cache the timed runs read
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for rep in range(repeats + 1):  # the first one warms the OS file cache
            args = ["run", "--quiet", "--out", str(Path(tmp) / f"run{rep}")]
            t = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", FRESH_RUN, *args],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
                cwd=REPO_ROOT,
                env=env,
            )
            wall = time.perf_counter() - t
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return dict.fromkeys(("wall_med", "wall_min"), float("nan"))
            if rep:
                runs.append({"wall": wall, **json.loads(proc.stdout.splitlines()[-1])})
    loads.append(os.getloadavg()[0])
    runs.sort(key=lambda r: r["wall"])
    med = runs[len(runs) // 2]  # the median run, split into its parts
    return {
        "wall_med": med["wall"],
        "wall_min": runs[0]["wall"],
        "startup": med["wall"] - med["total"],
        "imports": med["imports"],
        "rest": med["total"] - med["imports"],
        "bytecode": "on" if bytecode or not sys.dont_write_bytecode else "off",
        "load": " -> ".join(f"{x:.1f}" for x in loads),
        "heavy": ", ".join(med["heavy"]) or "none",
    }


def bench_regie_command(repeats: int) -> dict[str, float]:
    """``regie run`` as a newcomer types it: the console script beside this Python, default
    scenario and seed, the table printed (to a pipe), the results in a new folder under
    runs/ of a temporary working directory. Wall time of fresh processes, median and min,
    with the 1-minute load average at the start and the end."""
    import tempfile

    script = Path(sys.executable).with_name("regie")
    nan = float("nan")
    if not script.exists():
        return {"wall_med": nan, "wall_min": nan, "load": "-"}
    walls, loads = [], [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(repeats + 1):  # the first one warms the OS file cache
            t = time.perf_counter()
            proc = subprocess.run(
                [str(script), "run"],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
                cwd=tmp,
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return {"wall_med": nan, "wall_min": nan, "load": "-"}
            if rep:
                walls.append(time.perf_counter() - t)
    loads.append(os.getloadavg()[0])
    return {
        "wall_med": statistics.median(walls),
        "wall_min": min(walls),
        "load": " -> ".join(f"{x:.1f}" for x in loads),
    }


# --- (f) one sweep worker -------------------------------------------------------------
def bench_worker(scenario: Scenario, path: Path, seed: int, repeats: int) -> dict[str, float]:
    """Default-season tasks through ``run_one`` in this process: runs per minute."""
    from sim.scenario.loader import scenario_base_dir
    from sim.sweep.worker import run_one

    base = scenario.model_dump()
    task = {
        "run_id": "bench",
        "point": 0,
        "replication": 0,
        "seed": seed,
        "columns": {},
        "overrides": {},
        "base": base,
        "base_dir": str(scenario_base_dir(path)),
        "seasons": 1,
        "kpis": None,
    }
    run_one(task)  # warm-up
    wall, cpu = [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        run_one(task)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {
        "wall_med": statistics.median(wall),
        "cpu_med": statistics.median(cpu),
        "per_min": 60.0 / statistics.median(wall),
        "per_min_cpu": 60.0 / statistics.median(cpu),
    }


# --- report ---------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def timed(label: str, fn: Callable[[], dict]) -> dict:
    print(f"  running {label} ...", file=sys.stderr, flush=True)
    return fn()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (2 instead of 5)")
    parser.add_argument("--seed", type=int, default=None, help="run seed (default: scenario's)")
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else 5
    citizen_repeats = 1 if args.quick else 3

    path = resolve_scenario(None)
    scenario = load_scenario(path)
    seed = scenario.seed if args.seed is None else args.seed
    hooks = Hooks()
    hooks.install()
    try:
        season = timed("(a) default season", lambda: bench_season(scenario, seed, repeats, hooks))
        citizens = [
            timed(
                f"(b) citizens, {n:,} agents",
                lambda n=n: bench_citizens(scenario, n, seed, citizen_repeats, hooks),
            )
            for n in CITIZEN_SIZES
        ]
        # The same without the compiled kernels (sim/compiled.py: an install without a C
        # compiler, or REGIE_PURE_PYTHON=1): numpy's code, the same values bit for bit.
        with compiled.pure_python():
            season_w = timed(
                "(a) default season, numpy only",
                lambda: bench_season(scenario, seed, repeats, hooks),
            )
            citizens_w = [
                timed(
                    f"(b) citizens, {n:,} agents, numpy only",
                    lambda n=n: {
                        **bench_citizens(scenario, n, seed, citizen_repeats, hooks),
                        "how": ", numpy only",
                    },
                )
                for n in CITIZEN_SIZES
            ]
    finally:
        hooks.uninstall()
    parts = timed("(a) the season's parts", lambda: bench_parts(scenario, seed, repeats))
    boltz = timed("(c) Mesa Boltzmann", lambda: bench_boltzmann(repeats))
    memory = timed("(d) peak memory (subprocess)", lambda: bench_memory(seed))
    fresh = timed("(e) regie run, fresh process", lambda: bench_fresh_run(repeats))
    cached = (
        timed(
            "(e) regie run, fresh process, bytecode kept",
            lambda: bench_fresh_run(repeats, bytecode=True),
        )
        if sys.dont_write_bytecode
        else fresh
    )
    typed = timed("(e) regie run as typed", lambda: bench_regie_command(repeats))
    worker = timed("(f) one sweep worker", lambda: bench_worker(scenario, path, seed, repeats))
    log = timed(
        "(g) session log", lambda: bench_session.measure(scenario, seed, 3 if args.quick else 5)
    )

    print(
        f"Regiekamer core benchmark  (sim {sim.__version__}, mesa {mesa.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU, "
        f"{'quick, ' if args.quick else ''}repeats={repeats}"
        + (f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "")
        + ")"
    )
    built = [name.rsplit(".", 1)[1] for name, ok in compiled.built().items() if ok]
    print(
        "compiled kernels: "
        + (", ".join(built) or "none built (numpy only)")
        + (
            "; switched off (REGIE_PURE_PYTHON)"
            if compiled.kernel(compiled.KERNELS[0]) is None and built
            else ""
        )
    )
    print(
        f"scenario {path.stem}, seed {seed}, {scenario.weather.days} days, "
        f"{scenario.citizens.agents:,} citizen agents"
    )
    print()
    w = 46
    print(f"{'(a) default season (run_scenario)':{w}} {'median':>12} {'min':>12}")
    print(
        f"{'    CPU time (process), incl. construction':{w}} {season['cpu_med']:>11.3f}s "
        f"{season['cpu_min']:>11.3f}s"
    )
    print(
        f"{'    wall time, incl. model construction':{w}} {season['total_med']:>11.3f}s "
        f"{season['total_min']:>11.3f}s"
    )
    print(
        f"{'    wall time, excl. model construction':{w}} {season['step_med']:>11.3f}s "
        f"{season['step_min']:>11.3f}s"
    )
    print(
        f"{'    model construction alone (wall)':{w}} {season['construct_med']:>11.3f}s "
        f"{season['construct_min']:>11.3f}s"
    )
    print(
        f"{'    CPU time, numpy only (no kernels)':{w}} {season_w['cpu_med']:>11.3f}s "
        f"{season_w['cpu_min']:>11.3f}s"
    )
    rest = parts["season"] - sum(v for k, v in parts.items() if k != "season")
    print(
        f"    CPU by part (runs of their own, median):   road physics {parts['roads']:.3f}s, "
        f"citizens {parts['citizens']:.3f}s, KPIs' hour {parts['kpi']:.3f}s, "
        f"executor {parts['executor']:.3f}s, bots {parts['bots']:.3f}s,\n"
        f"        the rest (construction, governance, driver, daily bookkeeping) {rest:.3f}s "
        f"(of {parts['season']:.3f}s)"
    )
    print()
    print(
        f"{'(b) citizens: trip-steps/s (agents x hours)':{w}} {'median':>12} {'best':>12}"
        f"   slippery hours only (median)"
    )
    for c in citizens + citizens_w:
        label = f"    {c['agents']:>7,} agents x {c['hours']} h{c.get('how', '')}"
        print(
            f"{label:{w}} {c['rate_med'] / 1e6:>10.2f} M {c['rate_max'] / 1e6:>10.2f} M"
            f"   {c['wet_rate_med'] / 1e6:.2f} M  ({c['wet_hours']} of {c['hours']} h drew trips;"
            f" season {c['run_med']:.2f}s)"
        )
    print()
    print(f"{'(c) Mesa Boltzmann, 1,000 agents x 100 steps':{w}} {'median':>12} {'min':>12}")
    print(f"{'    time':{w}} {boltz['time_med'] * 1e3:>10.1f}ms {boltz['time_min'] * 1e3:>10.1f}ms")
    print(
        f"{'    agent-steps/s':{w}} {boltz['rate_med'] / 1e6:>10.2f} M "
        f"{boltz['rate_max'] / 1e6:>10.2f} M   (Gini {boltz['gini']:.2f})"
    )
    ratios = {c["agents"]: c["rate_med"] / boltz["rate_med"] for c in citizens}
    ratios_w = {c["agents"]: c["rate_med"] / boltz["rate_med"] for c in citizens_w}
    for n, r in ratios.items():
        print(
            f"{f'    ratio citizens({n:,}) / Mesa':{w}} {r:>11.0f}x"
            f"   (numpy only {ratios_w[n]:.0f}x)"
        )
    print()
    print(
        f"{'(d) peak RSS, default season, fresh process':{w}} {memory['peak_mb']:>10.0f}MB"
        f"   (after imports + load: {memory['import_mb']:.0f} MB; "
        f"VmHWM {memory['hwm_mb']:.0f} MB)"
    )
    print()
    print(f"{'(e) regie run --quiet --out DIR, fresh process':{w}} {'median':>12} {'min':>12}")
    print(
        f"{'    wall time':{w}} {fresh['wall_med']:>11.3f}s {fresh['wall_min']:>11.3f}s"
        + (f"   (load {fresh['load']})" if "load" in fresh else "")
    )
    if fresh["wall_med"] == fresh["wall_med"]:
        for label, key in (
            ("interpreter start-up and exit", "startup"),
            ("imports", "imports"),
            ("scenario, season, results", "rest"),
        ):
            print(f"{'      ' + label:{w}} {fresh[key]:>11.3f}s")
        print(
            f"    (the median run's parts; bytecode cache {fresh['bytecode']}, "
            f"as in this environment; scipy, pandas, networkx loaded: {fresh['heavy']})"
        )
    if cached is not fresh:
        print(
            f"{'    with the bytecode kept (a normal machine)':{w}} {cached['wall_med']:>11.3f}s "
            f"{cached['wall_min']:>11.3f}s   (imports {cached['imports']:.3f}s; "
            f"load {cached['load']})"
        )
    print(
        f"{'    as typed: regie run (table, runs/ folder)':{w}} {typed['wall_med']:>11.3f}s "
        f"{typed['wall_min']:>11.3f}s   (load {typed['load']})"
    )
    print()
    print(f"{'(f) one sweep worker (run_one), default season':{w}} {'median':>12}")
    print(f"{'    wall time per run':{w}} {worker['wall_med']:>11.3f}s")
    print(f"{'    CPU time per run':{w}} {worker['cpu_med']:>11.3f}s")
    print(
        f"{'    runs per minute (wall; CPU)':{w}} {worker['per_min']:>11.0f}  "
        f"({worker['per_min_cpu']:.0f} by CPU time)"
    )
    print()
    print(f"{'(g) session log (--log), default season':{w}} {'median':>12}")
    print(f"{'    CPU overhead (difference of medians)':{w}} {log['overhead_pct']:>+10.1f} %")
    print(
        f"{'    CPU inside the logging code (hooks)':{w}} {log['direct_pct']:>+10.1f} %"
        f"   (state_hash {log['hashing'].calls} x "
        f"{1e3 * log['hashing'].total / max(log['hashing'].calls, 1):.2f} ms, last run)"
    )
    print()
    print_targets(
        scenario, season, season_w, ratios, ratios_w, boltz, fresh, cached, worker, memory, log
    )
    return 0


def print_targets(
    scenario: Scenario,
    season: dict,
    season_w: dict,
    ratios: dict,
    ratios_w: dict,
    boltz: dict,
    fresh: dict,
    cached: dict,
    worker: dict,
    memory: dict,
    log: dict,
) -> None:
    """One line per target, PASS or FAIL, with the Mesa Boltzmann reference beside it: how
    long Mesa takes for as many agent-steps as the citizens make in a season. The season
    and the citizens are judged as installed (with the compiled kernels where they are
    built); the figure with numpy only (no C compiler at install) stands beside."""
    steps = scenario.citizens.agents * scenario.weather.days * 24
    mesa_s = steps / boltz["rate_med"]
    print(
        f"Targets  (Mesa Boltzmann reference, same process: {boltz['rate_med'] / 1e6:.2f} M "
        f"agent-steps/s, so a season's {steps / 1e6:.1f} M citizen agent-steps take "
        f"{mesa_s:.1f} s in Mesa)"
    )
    cpu = season["cpu_med"]
    print(
        f"{verdict(cpu < SEASON_TARGET_S)}  season in-process < {SEASON_TARGET_S} s "
        f"(CPU, median): {cpu:.2f} s (wall {season['total_med']:.2f} s; numpy only "
        f"{season_w['cpu_med']:.2f} s CPU)"
        f"   | Mesa, same agent-steps: {mesa_s:.1f} s"
    )
    # Judged as a newcomer runs it: Python keeps compiled modules on a normal machine, and
    # `pip install .` (the README's first command) compiles them at install time.
    wall = cached["wall_med"]
    print(
        f"{verdict(wall < FRESH_RUN_TARGET_S)}  regie run, fresh process < "
        f"{FRESH_RUN_TARGET_S:.0f} s (wall, median, bytecode kept): {wall:.2f} s "
        f"(without: {fresh['wall_med']:.2f} s)"
        f"   | Mesa, same agent-steps: {mesa_s:.1f} s plus start-up"
    )
    r = ratios.get(RATIO_TARGET_AGENTS, float("nan"))
    print(
        f"{verdict(r >= RATIO_TARGET)}  citizens / Mesa per agent-step at "
        f"{RATIO_TARGET_AGENTS:,} agents >= {RATIO_TARGET:.0f}x: {r:.0f}x (numpy only "
        f"{ratios_w.get(RATIO_TARGET_AGENTS, float('nan')):.0f}x)"
        f"   | Mesa: {boltz['rate_med'] / 1e6:.2f} M agent-steps/s"
    )
    print(
        f"INFO  runs per minute, one sweep worker: {worker['per_min']:.0f}"
        f"   | Mesa, same agent-steps: {60.0 / mesa_s:.1f} per minute"
    )
    peak = memory["peak_mb"]
    print(
        f"{verdict(peak < MEMORY_TARGET_MB)}  peak memory of a default season < "
        f"{MEMORY_TARGET_MB:.0f} MB: {peak:.0f} MB"
    )
    over = log["overhead_pct"]
    print(
        f"{verdict(over < SESSION_LOG_TARGET_PCT)}  session log overhead < "
        f"{SESSION_LOG_TARGET_PCT:.0f} % (CPU, difference of medians): {over:+.1f} %"
        f" (inside the logging code {log['direct_pct']:.1f} %)"
    )


if __name__ == "__main__":
    sys.exit(main())
