"""Regiekamer simulation core: the model, its scenarios, bots and command line.

Nothing in this package imports pygame, prints, reads the clock or touches global
random state: every random draw comes from the model's seeded numpy Generator.

Importing it stays light (a command imports only what it uses): `__version__` is read
from the installed metadata when first asked for, and ``import mesa`` loads only the
Mesa classes the model uses (see `sim.mesa_compat.install_light_mesa`).
"""

from sim.mesa_compat import install_light_mesa

install_light_mesa()


def __getattr__(name: str) -> str:
    """`__version__`, read once from the installed package's metadata."""
    if name != "__version__":
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("regiekamer")
    except PackageNotFoundError:  # running from a source tree without install
        value = "0.0.0+src"
    globals()["__version__"] = value
    return value
