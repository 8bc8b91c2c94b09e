"""The worker function: one row per task, and no memory kept between runs."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from sim.model import RegieModel
from sim.sweep.experiment import load_experiment
from sim.sweep.worker import run_one
from tests.sweep.conftest import KPIS, grid_yaml, write


def test_run_one_returns_a_row_and_lets_finished_models_go(tmp_path: Path,
                                                           monkeypatch) -> None:  # noqa: ANN001
    tasks = list(load_experiment(write(tmp_path, grid_yaml(days=1))).tasks())[:3]
    models: list[weakref.ref] = []
    original = RegieModel.__init__

    def tracked(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        original(self, *args, **kwargs)
        models.append(weakref.ref(self))

    monkeypatch.setattr(RegieModel, "__init__", tracked)
    rows = [run_one(task) for task in tasks]
    gc.collect()
    assert len(models) == 3
    assert all(ref() is None for ref in models), "a finished model is still referenced"
    for task, row in zip(tasks, rows, strict=True):
        assert row["run_id"] == task["run_id"] and row["seed"] == task["seed"]
        assert set(KPIS) <= set(row) and row["regime"] == task["columns"]["regime"]
        assert all(isinstance(row[k], float) for k in KPIS)
    # A pure function of (scenario, seed): the same task gives the same KPIs again.
    again = run_one(tasks[0])
    assert {k: again[k] for k in KPIS} == {k: rows[0][k] for k in KPIS}
