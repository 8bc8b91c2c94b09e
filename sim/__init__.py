"""Regiekamer simulation core: the model, its scenarios, bots and command line.

Nothing in this package imports pygame, prints, reads the clock or touches global
random state: every random draw comes from the model's seeded numpy Generator.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("regiekamer")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
