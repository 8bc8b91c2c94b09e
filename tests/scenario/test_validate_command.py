"""``validate``: a table of hostile inputs, each one clean FILE:LINE line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from sim.cli_validate import main, validate_command

REPO_ROOT = Path(__file__).resolve().parents[2]


class Bad(NamedTuple):
    """One hostile input and what validate must say about it."""

    content: bytes | None  # None: the path is made by the test (directory, missing)
    line: int
    key: str
    fragment: str


def laughs() -> bytes:
    """Billion laughs: nine levels of nine aliases (9**9 strings if expanded)."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


BAD: dict[str, Bad] = {
    "invalid_yaml": Bad(b"seed: 1\nexecutor:\n  trucks: 3\n   drivers: 4\n", 4, "", "invalid YAML"),
    "wrong_type": Bad(b"executor:\n  trucks: seven\n", 2, "executor.trucks", "valid integer"),
    "bool_for_number": Bad(b"seed: 1\nexecutor:\n  trucks: yes\n", 3, "executor.trucks", "true"),
    "unknown_key": Bad(
        b"executor:\n  trucks: 3\n  truks: 3\n", 3, "executor.truks", "unknown key 'truks'"
    ),
    "negative": Bad(
        b"executor:\n  salt:\n    initial_stock_t: -5\n",
        3,
        "executor.salt.initial_stock_t",
        "greater than or equal to 0",
    ),
    "nan": Bad(b"citizens:\n  mode_share_car: .nan\n", 2, "citizens.mode_share_car", "NaN"),
    "trust_lost_beyond_all": Bad(
        b"seed: 1\nrelationship:\n  learning_rate: 0.3\n  negativity_ratio: 4\n", 2,
        "relationship", "must not exceed 1"),
    "inf": Bad(
        b"seed: 1\nexecutor:\n  dose_snow_g_m2: .inf\n", 3, "executor.dose_snow_g_m2", "inf"
    ),
    "missing_required": Bad(b"injects:\n  - day: 3\n", 2, "injects.0.name", "missing"),
    "bad_date": Bad(b"weather:\n  start_date: 2025-13-45\n", 2, "weather.start_date", "date"),
    "non_utf8": Bad(b"seed: 1\nmeta:\n  title_nl: caf\xe9\n", 3, "", "not UTF-8"),
    "control_char": Bad(b"seed: 1\nmeta:\n  title_nl: a\x07b\n", 3, "", "invalid character"),
    "empty_file": Bad(b"", 1, "", "file is empty"),
    "comment_only": Bad(b"# nothing\n", 1, "", "file is empty"),
    "list_at_top": Bad(b"- seed: 1\n- seed: 2\n", 1, "", "got a list"),
    "scalar_at_top": Bad(b"\n\njust text\n", 3, "", "got 'just text'"),
    "two_documents": Bad(b"seed: 1\n---\nseed: 2\n", 2, "", "more than one YAML document"),
    "duplicate_key": Bad(
        b"seed: 1\nmeta:\n  title_nl: a\n  title_nl: b\n", 4, "meta.title_nl", "duplicate key"
    ),
    "alias_bomb": Bad(laughs(), 5, "e.0", "too many aliases/nodes"),
    "recursive_alias": Bad(
        b"seed: 1\nmeta: &m\n  title_nl: x\n  sub: *m\n", 4, "meta.sub", "recursive alias"
    ),
    "undefined_alias": Bad(b"seed: *nope\n", 1, "", "undefined alias"),
    "deep_nesting": Bad(b"seed: " + b"[" * 3000 + b"]" * 3000 + b"\n", 1, "", "nesting deeper"),
    "huge_file": Bad(b"seed: 1\n" + b"#" * 1_000_001 + b"\n", 0, "", "larger than"),
    "python_tag": Bad(
        b"seed: 1\nmeta: !!python/object/apply:os.system ['echo pwned']\n",
        2,
        "meta",
        "!!python/object/apply:os.system is not allowed",
    ),
    "custom_tag": Bad(b"seed: !vault 3\n", 1, "seed", "!vault is not allowed"),
    "non_string_key": Bad(b"executor:\n  1: 3\n", 2, "executor", "not a string"),
    "binary_garbage": Bad(bytes(range(256)) * 8, 2, "", "not UTF-8"),
    "mode_shares_not_summing_to_1": Bad(
        b"citizens:\n  mode_share_car: 0.5\n  mode_share_bike: 0.4\n  mode_share_walk: 0.3\n",
        1,
        "citizens",
        "mode shares must sum to 1",
    ),
    "stock_over_capacity": Bad(
        b"executor:\n  salt:\n    initial_stock_t: 900\n    capacity_t: 800\n",
        2,
        "executor.salt",
        "exceeds capacity_t",
    ),
    "directory": Bad(None, 0, "", "is a directory"),
    "missing_file": Bad(None, 0, "", "no such scenario file"),
}

SUBPROCESS_CASES = ["invalid_yaml", "alias_bomb", "binary_garbage", "python_tag", "huge_file"]


def make_input(tmp_path: Path, name: str, bad: Bad) -> Path:
    """Write the hostile input for ``name`` and return the path to hand to validate."""
    path = tmp_path / f"{name}.yaml"
    if name == "directory":
        path.mkdir()
    elif bad.content is not None:
        path.write_bytes(bad.content)
    return path


def expected_prefix(path: Path, bad: Bad) -> str:
    where = f"{path}:{bad.line}: " if bad.line else f"{path}: "  # a whole file: no line
    return where + (f"{bad.key}: " if bad.key else "")


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_gives_one_clean_problem_line_and_exit_code_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = BAD[name]
    path = make_input(tmp_path, name, bad)
    assert validate_command([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(expected_prefix(path, bad)), lines[0]
    assert bad.fragment in lines[0]
    assert "Traceback" not in err
    if bad.content is not None:
        assert path.read_bytes() == bad.content  # validate never touches the file


def run_validate(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sim.cli_validate ARGS`` in a fresh interpreter, from the repository root."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "sim.cli_validate", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_input_in_a_real_process_leaks_no_traceback(name: str, tmp_path: Path) -> None:
    bad = BAD[name]
    path = make_input(tmp_path, name, bad)
    result = run_validate(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(expected_prefix(path, bad))
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == bad.content


def test_whole_table_in_one_process_reports_each_file_once(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("{}\n")
    paths = {name: make_input(tmp_path, name, bad) for name, bad in BAD.items()}
    before = {name: p.read_bytes() for name, p in paths.items() if BAD[name].content is not None}
    result = run_validate(str(good), *map(str, paths.values()))
    assert result.returncode == 2
    assert result.stdout == f"{good}: ok\n"
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD)
    for line, (name, bad) in zip(lines, BAD.items(), strict=True):
        assert line.startswith(expected_prefix(paths[name], bad)), line
    assert before == {name: paths[name].read_bytes() for name in before}


def test_valid_file_prints_ok_and_exits_0(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("seed: 3\nweather:\n  start_date: 2025-12-01\n")
    assert validate_command([str(path)]) == 0
    assert capsys.readouterr() == (f"{path}: ok\n", "")


def test_an_inject_after_the_season_is_valid_but_noted(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("weather:\n  days: 20\ninjects:\n  - {name: snowstorm, day: 5}\n"
                    "  - {name: media_storm, day: 25}\n")
    assert validate_command([str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}: ok",
        f"{path}: note: injects.1 (media_storm, day 25) falls after the season's last day"
        " (19: weather.days = 20) and will not happen"]
    assert err == ""


def test_one_bad_file_among_good_ones_gives_exit_code_2(tmp_path: Path, capsys) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("{}\n")
    bad.write_text("seed: -1\n")
    assert validate_command([str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{good}: ok\n"
    assert err.startswith(f"{bad}:1: seed: ")


def test_every_problem_of_a_file_gets_its_own_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("executor:\n  trucks: 0\n  drivers: 0\n")
    assert validate_command([str(path)]) == 2
    assert [line.split(": ")[0] for line in capsys.readouterr().err.splitlines()] == [
        f"{path}:2",
        f"{path}:3",
    ]


def test_without_arguments_the_shipped_scenarios_are_checked(capsys) -> None:
    status = validate_command([])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if status == 0:
        assert out.count(": ok\n") >= 1
    else:
        assert err


def test_main_passes_arguments_to_validate(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("{}\n")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"
