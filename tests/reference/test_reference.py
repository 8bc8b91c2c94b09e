"""A refactor changes no figure: every reference case gives the KPIs and state hash it gave
before (`tests/reference/figures.json`, recorded with `python -m tests.reference.figures
--write` before the architecture work began)."""

from __future__ import annotations

import json

import pytest

from sim import compiled
from tests.reference.figures import REFERENCE, cases, figure

RECORDED = json.loads(REFERENCE.read_text())


def test_every_case_has_recorded_figures() -> None:
    assert sorted(cases()) == sorted(RECORDED)


@pytest.mark.parametrize("case", sorted(RECORDED))
def test_case_gives_its_recorded_figures(case: str) -> None:
    assert figure(case) == RECORDED[case]


@pytest.mark.parametrize("case", sorted(RECORDED))
def test_case_gives_its_recorded_figures_with_numpy_only(case: str) -> None:
    """The same without the compiled kernels (an install without a C compiler): the numpy
    code is the reference the kernels must equal bit for bit (sim/compiled.py)."""
    with compiled.pure_python():
        assert figure(case) == RECORDED[case]
