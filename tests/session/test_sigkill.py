"""A bot session killed with SIGKILL at several moments resumes to the identical log.

Each victim is a process running `regie run --log` (sim.cli.main); it is killed once its
log holds a chosen number of daily checkpoints (so mid-day, with bot events still in its
buffer: sometimes mid-line). `regie resume` must then produce, byte for byte, the log of
an uninterrupted run: same events, same checkpoint hashes, same end KPIs and final state
hash.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from sim.cli import main
from sim.scenario.loader import resolve_scenario
from sim.session import read_log, run_logged
from tests.session.conftest import BASE_DIR, WINTER, scenario

REPO_ROOT = Path(__file__).resolve().parents[2]
DAYS = 10
SEEDS = (11, 12)
CHECKPOINT = b'"kind":"checkpoint"'

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


# The victims are forked from one interpreter that has imported everything once (an
# interpreter start with numpy, scipy and Mesa costs seconds of CPU), each running exactly
# what `regie run --log` runs: sim.cli.main([...]).
ZYGOTE = """
import json, os, sys
from sim.cli import main
from sim.scenario.loader import resolve_scenario
jobs = json.loads(sys.argv[1])
pids = []
for argv in jobs:
    pid = os.fork()
    if pid == 0:
        try:
            code = main(argv)
        finally:
            os._exit(99)
        os._exit(code)
    pids.append(pid)
print(json.dumps(pids), flush=True)
for pid in pids:
    os.waitpid(pid, 0)
"""


def _start(jobs: list[tuple[int, Path]], cwd: Path) -> tuple[subprocess.Popen, list[int]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("PYTHONHASHSEED", None)
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"  # no threads across fork
    sets = [a for w in WINTER for a in ("--set", w)]
    argvs = [["run", "--days", str(DAYS), "--seed", str(seed), *sets, "--log", str(log),
              "--quiet"] for seed, log in jobs]
    zygote = subprocess.Popen([sys.executable, "-c", ZYGOTE, json.dumps(argvs)], cwd=cwd,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    pids = json.loads(zygote.stdout.readline())
    return zygote, pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", "rb") as fh:  # a zombie is done, not alive
        return fh.read().split(b")")[-1].split()[0] != b"Z"


def _kill_when(victims: list[tuple[int, Path, int]], timeout: float = 90) -> int:
    """SIGKILL each process once its log has at least `k` checkpoints (k=0: the header).

    Returns how many were killed while still running.
    """
    pending = list(victims)
    sizes: dict[Path, int] = {}
    killed = 0
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for item in list(pending):
            pid, log, k = item
            try:
                size = log.stat().st_size
            except FileNotFoundError:
                size = 0
            if not _alive(pid):
                pending.remove(item)
                continue
            if size == sizes.get(log) or size == 0:
                continue
            sizes[log] = size
            data = log.read_bytes()
            if b"\n" in data and data.count(CHECKPOINT) >= k:
                os.kill(pid, signal.SIGKILL)
                killed += 1
                pending.remove(item)
        time.sleep(0.002)
    assert not pending, "a victim did not reach its kill moment in time"
    return killed


def _timeless(log: bytes) -> bytes:
    """The log with the header's wall-clock `created` stamp left out: all else must match."""
    header, rest = log.split(b"\n", 1)
    fields = json.loads(header)
    fields.pop("created", None)
    return json.dumps(fields).encode() + b"\n" + rest


def test_sigkill_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    jobs, moments = [], []
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        for k in (0, int(rng.integers(1, DAYS // 2)), int(rng.integers(DAYS // 2, DAYS - 1))):
            jobs.append((seed, tmp_path / f"seed{seed}_k{k}.jsonl"))
            moments.append(k)
    zygote, pids = _start(jobs, tmp_path)
    try:
        killed = _kill_when([(pid, log, k) for pid, (_, log), k in zip(pids, jobs, moments,
                                                                          strict=True)])
    finally:
        zygote.wait(timeout=60)
    assert zygote.returncode == 0, zygote.stderr.read()
    assert killed >= len(jobs) - 1  # at most one may have finished before its moment

    references = {}
    for seed in SEEDS:
        ref = tmp_path / f"reference_{seed}.jsonl"
        run_logged(scenario(DAYS), seed, ref, base_dir=BASE_DIR,
                   scenario_name=resolve_scenario(None).stem)  # as `regie run` names it
        references[seed] = ref.read_bytes()

    incomplete = 0
    for (seed, log), k in zip(jobs, moments, strict=True):
        incomplete += not read_log(log).complete
        assert main(["resume", str(log), "--quiet"]) == 0, f"seed {seed}, k {k}"
        after = log.read_bytes()
        assert _timeless(after) == _timeless(references[seed]), \
            f"seed {seed} killed after {k} checkpoints"
        end = json.loads(after.splitlines()[-1])
        ref_end = json.loads(references[seed].splitlines()[-1])
        assert end["kind"] == "end" and end["kpis"] == ref_end["kpis"]
        assert end["hash"] == ref_end["hash"]
    assert incomplete >= len(jobs) - 1
    assert main(["replay", str(jobs[-1][1]), "--verify", "--quiet"]) == 0
