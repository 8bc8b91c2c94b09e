"""The one worker function of every sweep: ``run_one(task) -> row``.

The local process pool and dask.distributed workers call exactly this function, so a
run gives the same row wherever it runs. A task is a small picklable dict made by
:meth:`sim.sweep.plan.SweepPlan.tasks`; the row holds the run id, design point,
replication, seed, factor values, the kept KPIs and some provenance. A run is a pure
function of (scenario, seed); only ``run_time_s``, ``run_cpu_s`` and ``worker`` differ
between runs of the same task.
"""

from __future__ import annotations

import copy
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

from sim.mesa_compat import forget_finished_models

__all__ = ["init_local_worker", "package_version", "run_one"]


def run_one(task: dict[str, Any]) -> dict[str, Any]:
    """Run one task (scenario overrides + seed + seasons) and return its result row."""
    from sim.families import family_of_data
    from sim.inputfile import InputFileError, apply_overrides
    from sim.seasons import run_seasons

    forget_finished_models()  # a worker makes thousands of models (sim.mesa_compat)
    data = copy.deepcopy(task["base"])
    problems = apply_overrides(data, task["overrides"])
    if problems:  # the driver validated every point; this is a version mismatch
        raise InputFileError(problems)
    scenario = family_of_data(data).part("scenario").model_validate(data, strict=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run_seasons(scenario, task["seed"], task["seasons"],
                         base_dir=Path(task["base_dir"]))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    kpis = result.kpis
    keep = task.get("kpis")
    if keep is not None:
        wanted = set(keep)
        kpis = {k: v for k, v in kpis.items()
                if k in wanted or (k.startswith("season_") and k.split("_", 2)[2] in wanted)}
    row: dict[str, Any] = {
        "run_id": task["run_id"],
        "point": task["point"],
        "replication": task["replication"],
        "seed": task["seed"],
        **task["columns"],
        **{k: float(v) for k, v in kpis.items()},
        "run_time_s": round(elapsed, 4),
        "run_cpu_s": round(cpu, 4),
        "scenario_hash": result.scenario_hash,
        "weather_digest": result.weather_digest,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    return row


def package_version() -> str:
    """The regiekamer version a worker runs (checked against the driver's on dask)."""
    from sim import __version__

    return __version__


def init_local_worker(parent_pid: int) -> None:
    """Initializer of local pool processes.

    Ctrl-C is the driver's business (it stops the sweep cleanly), so workers ignore
    SIGINT. A worker whose driver died (SIGKILL leaves no chance to clean up) exits by
    itself instead of lingering.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    first_parent = os.getppid()  # the driver, or the fork server it started

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != first_parent or not _alive(parent_pid):
                os._exit(3)

    threading.Thread(target=watch, name="regie-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else (pid reused)
        return False
    return True
