"""docs/python-api.md works as written: its Python blocks run in order, in one namespace,
from the checkout's top folder; every public name of the API is shown there."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

import sim

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "python-api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(text: str) -> list[str]:
    """The code of every ```python block, in order."""
    return BLOCK.findall(text)


def test_the_block_reader_finds_python_blocks_only() -> None:
    text = "x\n```python\na = 1\n```\n```sh\nregie run\n```\n```python\nb = 2\n```\n"
    assert python_blocks(text) == ["a = 1\n", "b = 2\n"]


def test_every_python_block_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("sys.path", list(__import__("sys").path))  # the doc adds examples/
    have_ema = importlib.util.find_spec("ema_workbench") is not None
    namespace: dict[str, object] = {"__name__": "python_api_doc"}
    ran = 0
    for n, code in enumerate(python_blocks(DOC.read_text(encoding="utf-8")), 1):
        if "ema_workbench import" in code and not have_ema:
            continue  # needs the ema extra; regie_outcomes itself is run without it
        exec(compile(code, f"{DOC.name} block {n}", "exec"), namespace)  # noqa: S102
        ran += 1
    assert ran >= 10
    assert "weather.days=-5: must be >= 1" in capsys.readouterr().out


def test_every_public_name_is_documented_with_an_example() -> None:
    code = "".join(python_blocks(DOC.read_text(encoding="utf-8")))
    shown = {name for name in sim.__all__ if re.search(rf"\bsim\.{name}\b", code)}
    types_in_prose = {"RunResult", "Scenario", "KpiInfo", "__version__"}
    assert set(sim.__all__) - types_in_prose <= shown
