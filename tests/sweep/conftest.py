"""Shared helpers for the sweep tests: tiny experiments (2-day seasons) and result readers.

Seasons are cut to a couple of days so a run takes a fraction of a second. The model is
still being calibrated, so no test looks at KPI values: they check structure, that every
run is there exactly once, and that executors and resumed sweeps agree.
"""

from __future__ import annotations

import collections
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

try:
    import sim  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(REPO_ROOT))

KPIS = ["reachability_pct", "cost_total_eur", "trust_gemeente_in_executor", "disputes"]
COMPARED = ["run_id", "point", "replication", "seed", *KPIS, "scenario_hash", "weather_digest"]


def grid_yaml(replications: int = 2, days: int = 2, extra_set: str = "") -> str:
    """A 2 x 2 grid (sourcing x steering bundle) on the default scenario."""
    text = textwrap.dedent(f"""\
        title: test grid
        scenario: gladheid_gedwongen_winkelnering
        set:
          weather.days: {days}
          citizens.agents: 500
        design: grid
        replications: {replications}
        seed: 11
        kpis: [{", ".join(KPIS)}]
        factors:
          - name: regime
            key: contract.sourcing
            values: [forced, market]
          - name: steering
            levels:
              control:
                municipality.steering_style: output_control
                roles.regisseur.bot: controller
              relational:
                municipality.steering_style: relational
                roles.regisseur.bot: relational
        """)
    return text.replace("citizens.agents: 500\n", f"citizens.agents: 500\n{extra_set}")


def write(tmp_path: Path, text: str, name: str = "exp.yaml") -> Path:
    """Write an experiment file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def result_ids(out: Path) -> collections.Counter:
    """How often each run id occurs over all part files (must be once)."""
    import pyarrow.parquet as pq

    from sim.sweep.store import part_files

    counts: collections.Counter = collections.Counter()
    for part in part_files(out):
        counts.update(pq.read_table(part, columns=["run_id"]).column("run_id").to_pylist())
    return counts


def design_ids(out: Path) -> set[str]:
    """The distinct run ids the design plans."""
    import pyarrow.parquet as pq

    return set(pq.read_table(out / "design.parquet", columns=["run_id"])
               .column("run_id").to_pylist())


def assert_exactly_once(out: Path) -> None:
    """Every planned run has exactly one result row, and there is nothing else."""
    counts = result_ids(out)
    twice = {rid: n for rid, n in counts.items() if n != 1}
    assert not twice, f"runs written more than once: {twice}"
    assert set(counts) == design_ids(out)


@pytest.fixture(scope="module")
def dask_cluster():
    """A 2-worker dask LocalCluster on 127.0.0.1 (one thread per worker process)."""
    distributed = pytest.importorskip("distributed")
    import logging

    # A killed worker makes the nanny and scheduler log warnings; they are expected.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()
