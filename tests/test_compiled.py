"""The compiled kernels (sim/compiled.py): built where a C compiler is, switched off on
request, and never a cause of a different result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim import compiled
from sim.cli import main
from sim.kpi import summary
from sim.model import RegieModel
from sim.scenario.loader import list_scenarios, load_scenario
from sim.session.statehash import state_hash


@pytest.mark.skipif(
    shutil.which("cc") is None and shutil.which("gcc") is None,
    reason="no C compiler: the install builds no kernels",
)
def test_every_kernel_is_built_where_a_compiler_is():
    assert compiled.built() == {name: True for name in compiled.KERNELS}


def test_the_list_of_kernels_names_every_cython_source():
    sim_dir = Path(compiled.__file__).parent
    sources = {
        "sim." + p.relative_to(sim_dir).with_suffix("").as_posix().replace("/", ".")
        for p in sim_dir.glob("**/_*_c.pyx")
    }
    assert set(compiled.KERNELS) == sources


def test_pure_python_switches_every_kernel_off():
    with compiled.pure_python():
        assert all(compiled.kernel(name) is None for name in compiled.KERNELS)


@pytest.mark.parametrize("path", list_scenarios("gladheid"), ids=lambda p: p.stem)
def test_a_season_is_the_same_bit_for_bit_with_and_without_the_kernels(path: Path) -> None:
    scenario = load_scenario(path)
    with_kernels = RegieModel(scenario, seed=3, base_dir=path.parent)
    with_kernels.run_season()
    with compiled.pure_python():
        without = RegieModel(scenario, seed=3, base_dir=path.parent)
        without.run_season()
    assert state_hash(with_kernels) == state_hash(without)
    assert summary(with_kernels) == summary(without)


def test_regie_version_names_the_kernels_built(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("regie ") and "numpy" in first and "mesa" in first
    assert second == compiled.describe()


def test_the_description_says_when_no_kernel_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "built", lambda: dict.fromkeys(compiled.KERNELS, False))
    assert compiled.describe().startswith("compiled kernels: none built")


def test_the_description_says_when_the_kernels_are_switched_off() -> None:
    with compiled.pure_python():
        described = compiled.describe()
    assert "switched off" in described or "none built" in described
