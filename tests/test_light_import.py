"""Start-up stays light: a command imports only what it uses (each check in a fresh process).

The heavy libraries (pandas and pyarrow, scipy, Mesa's grids and batch runner, networkx:
a generated town is a plain street graph) are most of a fresh `regie run`'s start-up; a
run needs none of them (scipy only for the interval over several seeds).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY_FOR_A_RUN = ("pandas", "pyarrow", "scipy", "mesa.space", "mesa.experimental",
                   "mesa.batchrunner", "mesa.discrete_space", "networkx")


def loaded_after(code: str) -> set[str]:
    """Names in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_command_line_loads_no_numerical_library() -> None:
    loaded = loaded_after("import sim.cli")
    assert not loaded & {"numpy", "pandas", "pyarrow", "scipy", "networkx", "mesa.model",
                         "rich"}


def test_a_season_and_its_results_need_no_heavy_library() -> None:
    loaded = loaded_after(
        "import tempfile, pathlib\n"
        "from sim.run import run_scenario\n"
        "from sim.scenario.loader import load_scenario, resolve_scenario\n"
        "result = run_scenario(load_scenario(resolve_scenario(None), ['weather.days=2']), 1)\n"
        "result.summary_dict()\n"
        "result.write_daily_csv(pathlib.Path(tempfile.mkdtemp()) / 'daily.csv')\n")
    assert "mesa.model" in loaded
    assert not loaded & set(HEAVY_FOR_A_RUN)
    assert "sim.bots.scripted" not in loaded  # players for human seats: not in a bot run


def test_regie_run_of_one_seed_imports_no_scipy(tmp_path) -> None:
    """The command as typed, results written: routes, forecasts and the citizens' sums
    run on numpy alone."""
    loaded = loaded_after("from sim.cli import main\n"
                          f"main(['run', '--quiet', '--days', '2', '--out', {str(tmp_path)!r}])")
    assert (tmp_path / "summary.json").exists()
    assert "sim.agents.citizens" in loaded
    assert not loaded & set(HEAVY_FOR_A_RUN)
