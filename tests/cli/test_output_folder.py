"""`regie run` never loses its results: without --out they go to a new folder under runs/
named after the scenario, seed(s) and time, and one line on stderr says where."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sim.cli import main
from sim.cli_run import run_folder_name

DEFAULT = "gladheid_gedwongen_winkelnering"


def run_folders() -> list[Path]:
    return sorted(Path("runs").iterdir()) if Path("runs").exists() else []


def test_run_without_out_writes_a_new_folder_under_runs(capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "3", "--seed", "4", "--quiet"]) == 0
    (folder,) = run_folders()
    assert folder.name.startswith(f"{DEFAULT}_seed4_")
    assert json.loads((folder / "summary.json").read_text())["seed"] == 4
    assert (folder / "daily.csv").read_text().count("\n") == 1 + 3  # header + 3 days


def test_quiet_run_says_where_in_one_line_and_prints_nothing_else(
        capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "3", "--seeds", "1-2", "--quiet"]) == 0
    captured = capsys.readouterr()
    (folder,) = run_folders()
    assert captured.out == ""
    assert captured.err.splitlines() == [captured.err.strip()]
    assert f"runs/{folder.name}/" in captured.err
    assert folder.name.startswith(f"{DEFAULT}_seeds1-2_")
    assert {p.name for p in folder.iterdir()} == {"summary.json", "seed_1", "seed_2"}


def test_a_second_run_in_the_same_second_gets_its_own_folder() -> None:
    for _ in range(2):
        assert main(["run", "--days", "2", "--seed", "1", "--quiet"]) == 0
    folders = run_folders()
    assert len(folders) == 2
    assert all((f / "summary.json").exists() for f in folders)


def test_with_out_nothing_goes_to_runs(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--days", "2", "--out", "mine", "--quiet"]) == 0
    assert not Path("runs").exists()
    assert (Path("mine") / "summary.json").exists()
    assert "results: mine/" in capsys.readouterr().err


def test_refused_run_writes_no_folder() -> None:
    assert main(["run", "--days", "2", "--set", "executor.trucks=0", "--quiet"]) == 2
    assert not Path("runs").exists()


def test_folder_name_holds_scenario_seed_and_utc_time() -> None:
    when = dt.datetime(2026, 12, 6, 1, 2, 3, tzinfo=dt.UTC)
    assert run_folder_name("s", [7], when) == "s_seed7_20261206T010203Z"
    assert run_folder_name("s", [1, 2, 3], when) == "s_seeds1-3_20261206T010203Z"
    assert run_folder_name("s", [1, 5], when) == "s_seeds1_5_20261206T010203Z"


def test_the_readme_first_command_runs_the_default_season(
        capsys: pytest.CaptureFixture) -> None:
    """`.venv/bin/regie run`, as the README's first command ends, with no option at all."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/regie run\n" in readme
    assert main(["run"]) == 0
    (folder,) = run_folders()
    assert (folder / "daily.csv").read_text().count("\n") == 1 + 151
    captured = capsys.readouterr()
    assert "Reachability of the priority network (%)" in captured.out
    assert f"runs/{folder.name}/" in captured.err
