"""Experiment files: validation with FILE:LINE errors (exit 2), designs, seeds and run ids."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.sweep.experiment import load_experiment
from sim.sweep.run_ids import run_id_of
from tests.sweep.conftest import REPO_ROOT, grid_yaml, write

GOOD_HEAD = """\
scenario: gladheid_gedwongen_winkelnering
set:
  weather.days: 2
"""

# (id, file text, line the first problem must point at, text the message must contain)
BAD_FILES = [
    ("yaml-syntax", GOOD_HEAD + "factors:\n  - key: contract.sourcing\n   values: [forced]\n",
     6, "invalid YAML"),
    ("unknown-key", GOOD_HEAD + "replicatoins: 3\nfactors:\n  - key: contract.sourcing\n"
     "    values: [forced]\n", 4, "unknown key 'replicatoins' (did you mean 'replications'?)"),
    ("unknown-factor-key", GOOD_HEAD + "factors:\n  - key: executor.opportunisme\n"
     "    values: [0.1, 0.2]\n", 5, "unknown key 'opportunisme' (did you mean 'opportunism'?)"),
    ("bad-factor-value", GOOD_HEAD + "factors:\n  - key: contract.sourcing\n    values:\n"
     "      - forced\n      - marked\n", 8, "Input should be 'forced', 'market' or 'in_house'"),
    ("factor-value-out-of-bounds", GOOD_HEAD + "factors:\n  - key: executor.opportunism\n"
     "    values: [0.2, 1.5]\n", 6, "less than or equal to 1"),
    ("bad-level-value", GOOD_HEAD + "factors:\n  - name: style\n    levels:\n      a:\n"
     "        roles.regisseur.bot: boss\n", 8, "'controller', 'relational' or 'absent'"),
    ("sobol-not-power-of-two", GOOD_HEAD + "design: sobol\nsamples: 100\nfactors:\n"
     "  - key: executor.opportunism\n    range: {low: 0.1, high: 0.5}\n", 5, "power of two"),
    ("empty-factors", GOOD_HEAD + "factors: []\n", 4, "at least one factor"),
    ("negative-replications", GOOD_HEAD + "replications: -3\nfactors:\n"
     "  - key: contract.sourcing\n    values: [forced]\n", 4, "greater than or equal to 1"),
    ("bad-set-value", "set:\n  weather.climate: arctic\nfactors:\n  - key: contract.sourcing\n"
     "    values: [forced]\n", 2, "'mild', 'average' or 'severe'"),
    ("distribution-in-grid", GOOD_HEAD + "factors:\n  - key: executor.opportunism\n"
     "    distribution: {type: uniform, low: 0.1, high: 0.5}\n", 6, "need design lhs or sobol"),
    ("unknown-kpi", GOOD_HEAD + "kpis: [reachability, cost_total_eur]\nfactors:\n"
     "  - key: contract.sourcing\n    values: [forced]\n", 4, "did you mean 'reachability_pct'"),
    ("key-set-twice", GOOD_HEAD + "factors:\n  - key: weather.days\n    values: [2, 3]\n",
     5, "also set under set:"),
    ("bad-combination", "factors:\n  - key: executor.salt.capacity_t\n    values: [300, 600]\n",
     3, "initial_stock_t exceeds capacity_t"),
    ("seed-as-factor", GOOD_HEAD + "factors:\n  - key: seed\n    values: [1, 2]\n",
     5, "cannot be a factor"),
    ("missing-scenario", "scenario: no_such_scenario\nfactors:\n  - key: contract.sourcing\n"
     "    values: [forced]\n", 1, "no such scenario"),
]


@pytest.mark.parametrize(("text", "line", "needle"), [c[1:] for c in BAD_FILES],
                         ids=[c[0] for c in BAD_FILES])
def test_bad_experiment_file_exits_2_with_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture, text: str, line: int, needle: str) -> None:
    path = write(tmp_path, text)
    assert main(["sweep", str(path), "--dry-run"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert re.match(rf"^{re.escape(str(path))}:{line}: ", first), err
    assert needle in err
    assert not (tmp_path / "sweeps").exists()


def test_bad_experiment_file_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_HEAD + "replications: -1\nfactors: []\n")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run([sys.executable, "-m", "sim.cli", "sweep", str(path)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == EXIT_BAD_INPUT
    assert "Traceback" not in proc.stderr
    assert f"{path}:4: replications:" in proc.stderr
    assert f"{path}:5: factors:" in proc.stderr


@pytest.mark.parametrize("argv", [
    ["sweep", "analyze"],
    ["sweep", "exp.yaml", "extra"],
    ["sweep", "analyze", "somewhere", "--workers", "2"],
    ["sweep", "exp.yaml", "--workers", "0"],
])
def test_command_line_misuse_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture,
                                     argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, grid_yaml())
    assert main(argv) == EXIT_BAD_INPUT
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "experiments").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_shipped_experiments_are_valid(path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["sweep", str(path), "--dry-run"]) == 0
    assert "runs" in capsys.readouterr().out


def test_seeds_are_spawned_from_one_master_seed_sequence(tmp_path: Path) -> None:
    plan = load_experiment(write(tmp_path, grid_yaml(replications=5)))
    children = np.random.SeedSequence(11).spawn(5)
    assert plan.seeds() == [int(c.generate_state(1)[0]) for c in children]
    # More replications later keep the earlier seeds (so --resume reuses finished runs).
    more = load_experiment(write(tmp_path, grid_yaml(replications=8), "more.yaml"))
    assert more.seeds()[:5] == plan.seeds()
    rows = list(plan.tasks())
    assert len(rows) == plan.n_runs == 4 * 5
    assert {t["seed"] for t in rows if t["replication"] == 3} == {plan.seeds()[3]}


def test_run_ids_are_stable_across_processes(tmp_path: Path) -> None:
    path = write(tmp_path, grid_yaml())
    here = [t["run_id"] for t in load_experiment(path).tasks()]
    assert len(set(here)) == len(here) == 8
    code = (f"from sim.sweep.experiment import load_experiment\n"
            f"print(' '.join(t['run_id'] for t in load_experiment({str(path)!r}).tasks()))")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=120, check=True).stdout.split()
    assert other == here
    assert run_id_of({"a.b": 0.1, "c": "x"}, 5) == run_id_of({"c": "x", "a.b": 0.1}, 5)
    assert run_id_of({"a.b": 0.1}, 5) != run_id_of({"a.b": 0.1}, 6)


def test_sobol_design_size_and_duplicate_points_run_once(tmp_path: Path) -> None:
    text = GOOD_HEAD + textwrap.dedent("""\
        design: sobol
        samples: 16
        replications: 2
        factors:
          - key: executor.opportunism
            range: {low: 0.1, high: 0.5}
          - key: politics.council_complaint_threshold
            range: {low: 20, high: 23}
          - key: contract.sourcing
            values: [forced, market]
        """)
    plan = load_experiment(write(tmp_path, text))
    assert plan.n_points == 16 * (3 + 2)
    design = list(plan.design_rows())
    assert len(design) == plan.n_runs == 2 * 80
    thresholds = {row["council_complaint_threshold"] for row in design}
    assert thresholds <= {20, 21, 22, 23} and all(isinstance(t, int) for t in thresholds)
    tasks = list(plan.tasks())
    assert len({t["run_id"] for t in tasks}) == len(tasks) == len({r["run_id"] for r in design})


def test_grid_range_gives_evenly_spaced_values(tmp_path: Path) -> None:
    text = GOOD_HEAD + textwrap.dedent("""\
        factors:
          - key: executor.trucks
            range: {low: 3, high: 7, num: 3}
          - key: executor.opportunism
            range: {low: 0.0, high: 0.5, num: 6}
        """)
    plan = load_experiment(write(tmp_path, text))
    trucks, opportunism = plan.factors
    assert [lv.column for lv in trucks.levels] == [3, 5, 7] and trucks.dtype == "int"
    assert len(opportunism.levels) == 6 and opportunism.unit == "-"
    assert plan.n_runs == 18


def test_scenario_path_is_relative_to_the_experiment_file(tmp_path: Path) -> None:
    (tmp_path / "scen").mkdir()
    source = REPO_ROOT / "scenarios" / "gladheid_market.yaml"
    (tmp_path / "scen" / "mine.yaml").write_text(source.read_text(encoding="utf-8"))
    (tmp_path / "exp").mkdir()
    path = write(tmp_path / "exp", "scenario: ../scen/mine\nfactors:\n"
                 "  - key: contract.agreements\n    values: [output, outcome]\n")
    plan = load_experiment(path)
    assert plan.base_path.resolve() == (tmp_path / "scen" / "mine.yaml").resolve()
    assert plan.base_data["contract"]["sourcing"] == "market"
