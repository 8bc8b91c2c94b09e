"""Command-line problems name the option, without a line number; options that set the same
thing twice are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli import EXIT_BAD_INPUT, main
from sim.inputfile import Problem


def run_err(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str]:
    code = main(["run", "--days", "2", *args, "--quiet"])
    return code, capsys.readouterr().err


def test_days_and_set_weather_days_conflict(capsys: pytest.CaptureFixture) -> None:
    code, err = run_err(capsys, "--set", "weather.days=-5")
    assert code == EXIT_BAD_INPUT
    assert "--days: conflicts with --set weather.days=-5" in err


def test_days_conflicts_with_a_whole_weather_mapping(capsys: pytest.CaptureFixture) -> None:
    code, err = run_err(capsys, "--set", "weather={days: 4}")
    assert code == EXIT_BAD_INPUT
    assert err.startswith("--days: conflicts with --set weather={days: 4}")


def test_seed_and_set_seed_conflict(capsys: pytest.CaptureFixture) -> None:
    code, err = run_err(capsys, "--seed", "3", "--set", "seed=4")
    assert code == EXIT_BAD_INPUT
    assert err.startswith("--seed: conflicts with --set seed=4")


def test_one_key_set_twice_to_different_values_is_refused(capsys: pytest.CaptureFixture) -> None:
    code, err = run_err(capsys, "--set", "executor.trucks=2", "--set", "executor.trucks=3")
    assert code == EXIT_BAD_INPUT
    assert "executor.trucks is set twice" in err


def test_a_bad_set_value_names_the_key_without_a_line(capsys: pytest.CaptureFixture) -> None:
    code = main(["run", "--set", "weather.days=-5", "--quiet"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    assert err == "--set weather.days=-5: must be >= 1\n"


@pytest.mark.parametrize(("given", "message"), [
    ("weather.days=2.5", "--set weather.days=2.5: must be a whole number"),
    ("weather.climate=arctic", "--set weather.climate=arctic: must be 'mild', 'average' or "
                               "'severe'"),
    ("executor.opportunism=1.5", "--set executor.opportunism=1.5: must be <= 1"),
    ("contract.escalation_committee=3", "--set contract.escalation_committee=3: must be true "
                                        "or false"),
    ("weather={days: 0}", "--set weather={days: 0}: days: must be >= 1"),
    ("contract.sorcing=forced", "--set contract.sorcing=forced: unknown key 'sorcing' "
                                "(did you mean 'sourcing'?)"),
])
def test_set_problems_read_as_typed_in_plain_words(capsys: pytest.CaptureFixture, given: str,
                                                   message: str) -> None:
    assert main(["run", "--set", given, "--quiet"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == message + "\n"


def test_option_problems_read_option_key_message() -> None:
    assert str(Problem("--set", 0, "weather.days", "must be >= 1")) == (
        "--set weather.days: must be >= 1")
    assert str(Problem("--seasons", 0, "", "must be >= 1")) == "--seasons: must be >= 1"


def test_file_problems_keep_file_and_line() -> None:
    assert str(Problem("s.yaml", 3, "weather.days", "bad")) == "s.yaml:3: weather.days: bad"


def test_seeds_backwards_is_refused_with_the_reason(capsys: pytest.CaptureFixture) -> None:
    assert main(["run", "--seeds", "5-1", "--quiet"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "--seeds: B must not be below A, got '5-1'\n"


def test_out_naming_a_file_is_refused_before_the_run(capsys: pytest.CaptureFixture,
                                                     tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")
    assert main(["run", "--out", str(tmp_path / "taken"), "--quiet"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith(f"--out: {tmp_path / 'taken'} is a file")


def test_a_folder_that_cannot_be_made_is_named_without_a_traceback(
        capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    out = tmp_path / "file" / "sub"
    assert main(["run", "--days", "2", "--out", str(out), "--quiet"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == f"{out}: Not a directory\n"


def test_run_help_says_how_to_list_the_keys(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "regie keys [PREFIX]" in out
    assert "runs/" in out
