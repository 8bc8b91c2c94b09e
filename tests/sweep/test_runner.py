"""Running sweeps: local pool vs dask, killed workers, a killed driver, Ctrl-C, --resume.

Every check is about bookkeeping, never about KPI values: the same rows from both
executors, every planned run exactly once, nothing lost when something dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.sweep.experiment import load_experiment
from sim.sweep.runner import run_sweep
from sim.sweep.store import part_files, read_runs
from tests.sweep.conftest import (
    COMPARED,
    KPIS,
    REPO_ROOT,
    assert_exactly_once,
    grid_yaml,
    result_ids,
    write,
)


def _rows(out: Path) -> pd.DataFrame:
    return read_runs(out)[COMPARED + ["regime", "steering"]].sort_values("run_id") \
        .reset_index(drop=True)


def test_dask_cluster_gives_the_same_rows_as_the_local_pool(tmp_path: Path,
                                                            dask_cluster) -> None:  # noqa: ANN001
    plan = load_experiment(write(tmp_path, grid_yaml(replications=2)))
    local = run_sweep(plan, tmp_path / "local", workers=2, flush_every=3, flush_seconds=3600)
    dask = run_sweep(plan, tmp_path / "dask", scheduler=dask_cluster.scheduler_address,
                     flush_every=3)
    assert (local.finished, dask.finished, local.failed, dask.failed) == (8, 8, 0, 0)
    assert_exactly_once(tmp_path / "local")
    assert_exactly_once(tmp_path / "dask")
    pd.testing.assert_frame_equal(_rows(tmp_path / "local"), _rows(tmp_path / "dask"))
    rows = read_runs(tmp_path / "dask")
    assert list(rows.columns[:6]) == ["run_id", "point", "replication", "seed", "regime",
                                      "steering"]
    assert set(KPIS) <= set(rows.columns)
    assert {"run_time_s", "run_cpu_s", "worker", "scenario_hash",
            "weather_digest"} <= set(rows.columns)
    assert set(rows["seed"]) == set(plan.seeds())
    assert len(part_files(tmp_path / "local")) == 3  # 8 rows, a part per 3 rows


def test_dask_worker_killed_mid_sweep_leaves_every_run_once(tmp_path: Path,
                                                            dask_cluster) -> None:  # noqa: ANN001
    plan = load_experiment(write(tmp_path, grid_yaml(replications=4)))
    killed: list[int] = []

    def kill_a_worker(row: dict) -> None:
        if not killed:
            pid = int(row["worker"].rsplit(":", 1)[1])
            os.kill(pid, signal.SIGKILL)  # its next run is lost; the nanny restarts it
            killed.append(pid)

    report = run_sweep(plan, tmp_path / "out", scheduler=dask_cluster.scheduler_address,
                       flush_every=4, on_row=kill_a_worker)
    assert killed
    assert report.failed == 0 and report.finished == 16
    assert_exactly_once(tmp_path / "out")


def test_local_worker_killed_mid_sweep_leaves_every_run_once(tmp_path: Path) -> None:
    plan = load_experiment(write(tmp_path, grid_yaml(replications=3)))
    killed: list[int] = []

    def kill_a_worker(row: dict) -> None:
        if len(killed) < 1:
            pid = int(row["worker"].rsplit(":", 1)[1])
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    report = run_sweep(plan, tmp_path / "out", workers=2, flush_every=2, on_row=kill_a_worker)
    assert killed
    assert report.failed == 0 and report.finished == 12
    assert_exactly_once(tmp_path / "out")


def test_a_local_pool_broken_before_the_next_submit_hands_back_a_lost_run() -> None:
    # The race behind a killed worker: the pool breaks between two submits. The next
    # submit must not raise; its run comes back as lost, to be retried on a fresh pool.
    from concurrent.futures.process import BrokenProcessPool

    from sim.sweep.pools import LocalPool

    pool = LocalPool(1)
    try:
        dying = pool.executor.submit(os._exit, 1)  # the worker process dies
        with pytest.raises(BrokenProcessPool):
            dying.result(timeout=60)
        lost = pool.submit({"run_id": "never-started"})
        with pytest.raises(BrokenProcessPool):
            lost.result(timeout=0)
        pool.restart()
        assert pool.executor.submit(abs, -3).result(timeout=60) == 3
    finally:
        pool.shutdown(abandon=True)


def test_resume_adds_replications_and_refuses_a_foreign_directory(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    first = run_sweep(load_experiment(write(tmp_path, grid_yaml(replications=1))), out,
                      workers=2)
    assert first.finished == 4
    before = set(result_ids(out))
    # Without --resume an existing results directory is refused (exit 2, nothing run).
    path = write(tmp_path, grid_yaml(replications=2), "more.yaml")
    assert main(["sweep", str(path), "--out", str(out), "--quiet"]) == EXIT_BAD_INPUT
    assert "--resume" in capsys.readouterr().err
    # Another base scenario (or seasons, or KPI choice) cannot share the directory.
    other = write(tmp_path, grid_yaml(replications=2, extra_set="  weather.climate: mild\n"),
                  "other.yaml")
    assert main(["sweep", str(other), "--out", str(out), "--resume", "--quiet"]) \
        == EXIT_BAD_INPUT
    assert "fingerprint" in capsys.readouterr().err
    # More replications: the finished runs are kept, only the new ones run.
    assert main(["sweep", str(path), "--out", str(out), "--resume", "--workers", "2",
                 "--quiet"]) == 0
    assert_exactly_once(out)
    assert before < set(result_ids(out)) and len(result_ids(out)) == 8
    # Resuming a complete sweep does nothing.
    report = run_sweep(load_experiment(path), out, resume=True, workers=2)
    assert (report.finished, report.skipped, report.remaining) == (0, 8, 0)


def _start_driver(exp: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "sweep", str(exp), "--out", str(out), "--workers",
         "2", "--flush-every", "2", *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def _wait_for_parts(out: Path, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not part_files(out):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no part file appeared"
        time.sleep(0.05)


def test_driver_killed_with_sigkill_then_resumed_leaves_every_run_once(tmp_path: Path) -> None:
    exp = write(tmp_path, grid_yaml(replications=10))  # 40 runs
    out = tmp_path / "out"
    proc = _start_driver(exp, out)
    try:
        _wait_for_parts(out, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    done_before = result_ids(out)
    assert 0 < len(done_before) < 40
    assert all(n == 1 for n in done_before.values())
    assert main(["sweep", str(exp), "--out", str(out), "--resume", "--workers", "2",
                 "--quiet"]) == 0
    assert_exactly_once(out)
    assert len(result_ids(out)) == 40
    # The orphaned workers of the killed driver noticed and left by themselves.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("workers of the killed driver were still alive after 10 s")


def test_ctrl_c_stops_cleanly_with_finished_runs_saved(tmp_path: Path) -> None:
    exp = write(tmp_path, grid_yaml(replications=10))
    out = tmp_path / "out"
    proc = _start_driver(exp, out)
    try:
        _wait_for_parts(out, proc)
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "--resume" in err
    saved = result_ids(out)
    assert 0 < len(saved) < 40 and all(n == 1 for n in saved.values())
    assert main(["sweep", str(exp), "--out", str(out), "--resume", "--workers", "2",
                 "--quiet"]) == 0
    assert_exactly_once(out)
