"""The compiled kernels (Cython modules built by ``pip install`` where a C compiler is
found), or None where they are not built or are switched off.

Every kernel computes the values of the numpy code beside it bit for bit, so a result
never depends on whether the kernels were built; they only make a season faster. The
numpy path stays the reference: ``REGIE_PURE_PYTHON=1`` in the environment, or
`pure_python()` in a test or a benchmark, switches the kernels off for models built
while it holds.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

KERNELS = (  # setup.py builds these
    "sim.agents._citizens_c",
    "sim.agents._exposure_c",
    "sim.agents._routing_c",
    "sim.world._roads_c",
    "sim.world.weather._weather_c",
)
_switched_off = os.environ.get("REGIE_PURE_PYTHON", "") not in ("", "0")


def kernel(name: str) -> ModuleType | None:
    """The compiled module `name` (one of KERNELS), or None if it is not built or the
    kernels are switched off."""
    if _switched_off:
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def built() -> dict[str, bool]:
    """Which kernels this installation has, switched on or not."""
    found = {}
    for name in KERNELS:
        try:
            importlib.import_module(name)
            found[name] = True
        except ImportError:
            found[name] = False
    return found


def describe() -> str:
    """One line for `regie --version`: which kernels this installation has, and whether
    they are switched off."""
    found = built()
    names = [
        name.rsplit(".", 1)[1].strip("_").removesuffix("_c") for name, ok in found.items() if ok
    ]
    if not names:
        return (
            "compiled kernels: none built (no C compiler at install): the same results "
            "with numpy, about twice as slow"
        )
    line = f"compiled kernels: {len(names)} of {len(found)} built ({', '.join(names)})"
    return line + ("; switched off by REGIE_PURE_PYTHON" if _switched_off else "")


@contextmanager
def pure_python() -> Iterator[None]:
    """Within this block, models are built without the compiled kernels (numpy only)."""
    global _switched_off
    before, _switched_off = _switched_off, True
    try:
        yield
    finally:
        _switched_off = before
