"""Regiekamer simulation core: the model, its scenarios, bots and command line.

Nothing in this package imports pygame, prints, reads the clock or touches global
random state: every random draw comes from the model's seeded numpy Generator.

The Python API (docs/python-api.md) is importable from here: ``from sim import simulate``.
Importing the package stays light (a command imports only what it uses): the API's names
load `sim.api` when first used, `__version__` is read from the installed metadata when
first asked for, and ``import mesa`` loads only the Mesa classes the model uses (see
`sim.mesa_compat.install_light_mesa`).
"""

from sim.mesa_compat import install_light_mesa

install_light_mesa()

__all__ = [
    "KpiInfo",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "__version__",
    "daily_frame",
    "keys",
    "kpi_frame",
    "kpi_info",
    "load",
    "simulate",
    "simulate_seeds",
    "scenarios",
    "summarise",
]
"""The stable public names (tests/test_api.py pins them); all but `__version__` live in
`sim.api`. None may be the name of a module in sim/ (importing `sim.run` sets `sim.run`)."""


def __getattr__(name: str) -> object:
    """The API's names (from `sim.api`) and `__version__`, each loaded on first use."""
    if name == "__version__":
        value: object = _version()
    elif name in __all__:
        from sim import api

        value = getattr(api, name)
    else:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _version() -> str:
    """The installed package's version (``0.0.0+src`` from a source tree without install)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("regiekamer")
    except PackageNotFoundError:
        return "0.0.0+src"
