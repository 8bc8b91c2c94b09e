"""`regie run`, `validate`, `scenarios` and `sweep` on the procesregie family."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.procesregie.kpi import KPI_NAMES

NAME = "procesregie_aardgasvrije_wijk"


def test_run_writes_the_family_kpis_per_seed(tmp_path: Path) -> None:
    assert main(["run", NAME, "--seeds", "1-2", "--out", str(tmp_path), "--quiet"]) == 0
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert set(KPI_NAMES) <= set(summary["aggregate"])


def test_run_prints_the_kpis_by_their_catalogue_names(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    assert main(["run", NAME, "--seed", "3", "--out", str(tmp_path), "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "Draagvlak" in out and "support_pct" not in out


@pytest.mark.parametrize("option", [["--seasons", "2"], ["--days", "5"]])
def test_options_the_family_lacks_are_refused_without_a_traceback(
    option: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", NAME, *option, "--quiet"]) == EXIT_BAD_INPUT
    assert "Traceback" not in capsys.readouterr().err


def test_validate_and_scenarios_know_the_file(capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", NAME]) == 0
    assert main(["scenarios"]) == 0
    assert "Aardgasvrije wijk" in capsys.readouterr().out


def test_a_sweep_runs_on_the_family_unchanged(tmp_path: Path) -> None:
    experiment = tmp_path / "exp.yaml"
    experiment.write_text(
        "schema_version: 1\ntitle: t\nscenario: " + NAME + "\ndesign: grid\nreplications: 2\n"
        "seed: 1\nkpis: [support_pct, joint_value]\nfactors:\n"
        "  - key: process.content_conditions_upfront\n    values: [false, true]\n",
        "utf-8",
    )
    out = tmp_path / "out"
    assert main(["sweep", str(experiment), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    import pandas as pd

    runs = pd.concat(pd.read_parquet(p) for p in sorted((out / "runs").glob("*.parquet")))
    assert len(runs) == 4
    assert runs["support_pct"].between(0, 100).all()


def test_keys_lists_the_family_s_scenario_keys(capsys: pytest.CaptureFixture) -> None:
    assert main(["keys", "--family", "procesregie"]) == 0
    keys = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line[:1] != " "]
    assert {"process.content_conditions_upfront", "process.divergence_min_rounds"} <= set(keys)
    assert "parties.N.mandate" in keys and "weather.days" not in keys
    assert main(["keys", "--family", "nope"]) == EXIT_BAD_INPUT


def test_run_refuses_a_scenario_that_seats_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ["run", NAME, "--set", "parties.1.bot=null", "--out", str(tmp_path / "o")]
    assert main(args) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "woningcorporatie" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
