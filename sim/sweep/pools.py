"""Where sweep runs execute: a local process pool or a dask.distributed cluster, behind
one small interface (capacity, describe, submit, restart, shutdown)."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import time
from typing import Any

from sim.inputfile import InputFileError, Problem
from sim.sweep.worker import init_local_worker, package_version, run_one


class LocalPool:
    """Worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=_mp_context(),
                                      initializer=init_local_worker, initargs=(os.getpid(),))

    @property
    def capacity(self) -> int:
        """Runs that can execute at the same time."""
        return self.workers

    def describe(self) -> str:
        """For the progress line."""
        return f"{self.workers} local worker{'s' if self.workers != 1 else ''}"

    def submit(self, task: dict[str, Any]) -> cf.Future:
        """Start one run.

        A pool that broke since the last look (a worker died) refuses new work: the task
        then gets a future that failed with BrokenProcessPool, so the loop retries it on
        the rebuilt pool like the runs that were lost with the worker.
        """
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(run_one, task)
        except BrokenProcessPool as exc:
            lost: cf.Future = cf.Future()
            lost.set_exception(exc)
            return lost

    def restart(self) -> None:
        """Replace a broken pool (a worker process died) by a fresh one."""
        self._kill()
        self.executor = self._new()

    def shutdown(self, abandon: bool) -> None:
        """Stop the workers; ``abandon`` kills runs still going."""
        if abandon:
            self._kill()
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _kill(self) -> None:
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def _mp_context():  # noqa: ANN202
    """A fork server that has imported the model once, so workers start in milliseconds.

    Workers are forked from a clean server process, never from the driver (which runs
    threads), so nothing is inherited by accident. Where there is no fork server
    (Windows), workers are spawned and import the model themselves.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sim.sweep.preload"])
    return context


class DaskPool:
    """A dask.distributed cluster reached through its scheduler address."""

    name = "dask"

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise InputFileError([Problem("--scheduler", 0, "", "dask.distributed is not"
                                          " installed; install the 'research' extra with:"
                                          ' pip install ".[research]"')]
                                 ) from None
        try:
            self.client = Client(address, timeout="15s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputFileError([Problem("--scheduler", 0, "", f"cannot reach the dask"
                                          f" scheduler at {address}: {exc}")]) from None
        self.address = address
        self.executor = self.client.get_executor(pure=False)
        self._capacity = 0
        self._checked = 0.0
        self._check_versions()

    def _check_versions(self) -> None:
        mine = package_version()
        theirs = self.client.run(package_version)
        wrong = {w: v for w, v in theirs.items() if v != mine}
        if wrong:
            self.client.close()
            listed = ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items())[:5])
            raise InputFileError([Problem("--scheduler", 0, "", f"workers run another"
                                          f" regiekamer version than this driver ({mine}):"
                                          f" {listed}")])

    @property
    def capacity(self) -> int:
        """Worker threads in the cluster (looked up at most every 5 s; workers may join)."""
        now = time.monotonic()
        if now - self._checked > 5.0:
            self._checked = now
            with contextlib.suppress(Exception):  # keep the last known figure
                self._capacity = sum(self.client.nthreads().values())
        return max(1, self._capacity)

    def describe(self) -> str:
        """For the progress line."""
        return f"dask {self.address} ({self.capacity} threads)"

    def submit(self, task: dict[str, Any]) -> cf.Future:
        """Start one run."""
        return self.executor.submit(run_one, task)

    def restart(self) -> None:
        """Nothing to do: the scheduler reschedules runs of lost workers itself."""

    def shutdown(self, abandon: bool) -> None:
        """Cancel what is left and disconnect (the cluster keeps running)."""
        self.executor.shutdown(wait=False)
        self.client.close()


def cpus() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
