"""The `regie` command: run, scenarios and validate, in-process and as a real subprocess.

Seasons are cut to a few days (--days) so the whole file runs in seconds.
"""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.kpi import CORE_KPIS
from sim.scenario.loader import list_scenarios

REPO_ROOT = Path(__file__).resolve().parents[2]
CORE_SCENARIOS = ("gladheid_gedwongen_winkelnering", "gladheid_in_house", "gladheid_market")
"""The three scenarios of the case; more may be shipped next to them."""
SHIPPED = tuple(sorted(p.stem for p in (REPO_ROOT / "scenarios").glob("*.yaml")))
GLADHEID = tuple(p.stem for p in list_scenarios("gladheid"))  # files with a season of days
SUMMARY_KEYS = {"kpis", "scenario_hash", "seed", "package_version"}
AGGREGATE_KEYS = {"mean", "ci95_low", "ci95_high", "n"}


def regie(*args: str) -> int:
    """Run `regie ARGS` in-process and return its exit code."""
    return main(list(args))


def regie_subprocess(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m sim.cli ARGS` in a fresh interpreter (own hash seed, own imports)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("PYTHONHASHSEED", None)
    return subprocess.run([sys.executable, "-m", "sim.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def read_daily(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


# --- regie run: outputs ---------------------------------------------------------------
def test_run_writes_summary_and_daily(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert regie("run", "--days", "10", "--seed", "3", "--out", str(out), "--quiet") == 0
    assert capsys.readouterr().out == ""  # --quiet prints nothing

    summary = json.loads((out / "summary.json").read_text())
    assert set(summary) >= SUMMARY_KEYS
    assert summary["seed"] == 3
    assert len(summary["scenario_hash"]) == 64
    missing = [k for k in CORE_KPIS if k not in summary["kpis"]]
    assert not missing, f"core KPIs missing from summary.json: {missing}"
    assert all(isinstance(v, (int, float)) for v in summary["kpis"].values())

    rows = read_daily(out / "daily.csv")
    assert len(rows) == 10
    assert [float(r["day"]) for r in rows] == list(range(10))


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert regie("run", "--days", "10", "--seed", "3", "--out", str(tmp_path / name),
                     "--quiet") == 0
    for file in ("summary.json", "daily.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file


def test_different_seeds_give_different_weather(tmp_path: Path) -> None:
    for seed in ("3", "4"):
        assert regie("run", "--days", "5", "--seed", seed, "--out", str(tmp_path / seed),
                     "--quiet") == 0
    a, b = (json.loads((tmp_path / s / "summary.json").read_text()) for s in ("3", "4"))
    assert a["scenario_hash"] == b["scenario_hash"]
    assert a["seed"] != b["seed"]
    daily3, daily4 = ((tmp_path / s / "daily.csv").read_bytes() for s in ("3", "4"))
    assert daily3 != daily4


def test_days_override_changes_the_scenario_hash(tmp_path: Path) -> None:
    for days in ("5", "6"):
        assert regie("run", "--days", days, "--seed", "1", "--out", str(tmp_path / days),
                     "--quiet") == 0
    h5, h6 = (json.loads((tmp_path / d / "summary.json").read_text())["scenario_hash"]
              for d in ("5", "6"))
    assert h5 != h6
    assert len(read_daily(tmp_path / "6" / "daily.csv")) == 6


def test_seed_range_writes_each_seed_and_an_aggregate(tmp_path: Path) -> None:
    out = tmp_path / "sweep"
    assert regie("run", "--days", "5", "--seeds", "1-3", "--out", str(out), "--quiet") == 0

    per_seed = {}
    for seed in (1, 2, 3):
        directory = out / f"seed_{seed}"
        assert len(read_daily(directory / "daily.csv")) == 5
        per_seed[seed] = json.loads((directory / "summary.json").read_text())
        assert per_seed[seed]["seed"] == seed
    assert not (out / "seed_4").exists()

    combined = json.loads((out / "summary.json").read_text())
    assert combined["seeds"] == [1, 2, 3]
    assert [r["seed"] for r in combined["runs"]] == [1, 2, 3]
    aggregate = combined["aggregate"]
    assert set(CORE_KPIS) <= set(aggregate)
    for kpi, stats in aggregate.items():
        assert set(stats) == AGGREGATE_KEYS, kpi
        assert stats["n"] == 3
        values = [per_seed[s]["kpis"][kpi] for s in (1, 2, 3)]
        assert stats["mean"] == pytest.approx(sum(values) / 3)
        assert stats["ci95_low"] <= stats["mean"] + 1e-9
        assert stats["ci95_high"] >= stats["mean"] - 1e-9
        if len(set(values)) == 1:
            assert stats["ci95_low"] == pytest.approx(stats["mean"])
        else:
            assert math.isfinite(stats["ci95_low"]) and stats["ci95_high"] > stats["ci95_low"]


def test_run_without_quiet_prints_a_kpi_table(capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "--days", "5", "--seed", "2") == 0
    out = capsys.readouterr().out
    assert "gladheid_gedwongen_winkelnering" in out
    assert "Reachability of the priority network (%)" in out and "seed 2" in out


@pytest.mark.parametrize("name", GLADHEID)
def test_each_shipped_scenario_runs_by_bare_name(name: str, tmp_path: Path) -> None:
    assert regie("run", name, "--days", "5", "--seed", "1", "--out", str(tmp_path),
                 "--quiet") == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert set(CORE_KPIS) <= set(summary["kpis"])
    assert len(read_daily(tmp_path / "daily.csv")) == 5


def test_shipped_scenario_by_path_and_with_yaml_suffix(tmp_path: Path) -> None:
    by_path = REPO_ROOT / "scenarios" / "gladheid_market.yaml"
    assert regie("run", str(by_path), "--days", "5", "--out", str(tmp_path / "p"), "--quiet") == 0
    assert regie("run", "gladheid_market.yaml", "--days", "5", "--out", str(tmp_path / "y"),
                 "--quiet") == 0
    assert ((tmp_path / "p" / "summary.json").read_bytes()
            == (tmp_path / "y" / "summary.json").read_bytes())


# --- regie run: bad input ends with exit 2 and FILE:LINE lines, no traceback -------------
def test_invalid_override_value_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "--days", "5", "--set", "executor.trucks=0", "--quiet") == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert any(line.startswith("--set executor.trucks=0: ") for line in err.splitlines()), err
    assert "Traceback" not in err


def test_malformed_override_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "--days", "5", "--set", "nonsense", "--quiet") == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("--set: expected KEY=VALUE"), err
    assert "Traceback" not in err


def test_unknown_override_key_exits_2(capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "--days", "5", "--set", "executor.truckz=3", "--quiet") == EXIT_BAD_INPUT
    assert "truckz" in capsys.readouterr().err


def test_unknown_scenario_exits_2_listing_the_shipped_ones(capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "no_such_scenario", "--days", "5", "--quiet") == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("no_such_scenario: no such scenario"), err
    for name in CORE_SCENARIOS:
        assert name in err


@pytest.mark.parametrize(("args", "expected"), [
    (("--seed", "-1"), "--seed: must be >= 0"),
    (("--seasons", "0"), "--seasons: must be >= 1"),
    (("--seeds", "3-1"), "--seeds: B must not be below A"),
    (("--seeds", "x"), "--seeds: expected A-B"),
    (("--days", "0"), "--days: must be between 1 and 400"),
    (("--days", "401"), "--days: must be between 1 and 400"),
])
def test_bad_run_options_exit_2(args: tuple[str, ...], expected: str,
                                capsys: pytest.CaptureFixture) -> None:
    assert regie("run", "--days", "5", *args, "--quiet") == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(expected), err
    assert "Traceback" not in err


def test_bad_override_writes_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert regie("run", "--set", "executor.trucks=0", "--out", str(out), "--quiet") == 2
    assert not out.exists()


# --- regie scenarios / validate ---------------------------------------------------------
def test_scenarios_lists_the_shipped_scenarios(capsys: pytest.CaptureFixture) -> None:
    assert regie("scenarios") == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines if line.strip()]
    assert names == list(SHIPPED)  # every file in scenarios/, sorted, one line each
    assert set(CORE_SCENARIOS) <= set(names)


def test_validate_accepts_all_shipped_scenarios(capsys: pytest.CaptureFixture) -> None:
    paths = [str(p) for p in list_scenarios()]
    assert [Path(p).stem for p in paths] == list(SHIPPED)
    assert regie("validate", *paths) == 0
    assert capsys.readouterr().out.count(": ok") == len(SHIPPED)


# --- as a real subprocess ---------------------------------------------------------------
def test_subprocess_run_matches_in_process_run(tmp_path: Path) -> None:
    """A fresh interpreter (other hash seed, other import order) writes the same bytes."""
    proc = regie_subprocess("run", "--days", "5", "--seed", "7", "--out", "sub", "--quiet",
                            cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert regie("run", "--days", "5", "--seed", "7", "--out", str(tmp_path / "inproc"),
                 "--quiet") == 0
    for file in ("summary.json", "daily.csv"):
        assert (tmp_path / "sub" / file).read_bytes() == (tmp_path / "inproc" / file).read_bytes()


def test_subprocess_bad_override_exits_2_without_traceback(tmp_path: Path) -> None:
    proc = regie_subprocess("run", "--days", "5", "--set", "executor.trucks=0", cwd=tmp_path)
    assert proc.returncode == EXIT_BAD_INPUT
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("--set ") for line in lines), proc.stderr
    assert any(line.startswith("--set executor.trucks=0: ") for line in lines)


def test_subprocess_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    proc = regie_subprocess("frobnicate", cwd=tmp_path)
    assert proc.returncode == 2
    assert "usage: regie" in proc.stderr and "Traceback" not in proc.stderr


# --- packaging ------------------------------------------------------------------------
def test_pyproject_lists_every_sim_package() -> None:
    """pyproject.toml lists packages explicitly (so scenarios/ ships as sim.scenario_files);
    a sub-package missing from that list would be missing from a non-editable install."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(d.relative_to(REPO_ROOT).parts)
               for d in [REPO_ROOT / "sim", *(REPO_ROOT / "sim").rglob("*")]
               if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.py"))}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    assert config["package-dir"]["sim.scenario_files"] == "scenarios"
    assert "sim.scenario_files" in listed
