"""Small parts of the family registry (sim.families) that belong to no one family."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from sim.scenario.schema import Scenario


class GladheidFile(Scenario):
    """A gladheid scenario file that names its family; the key is left out of the
    scenario's dump, so its hash equals that of the same file without the key."""

    family: Literal["gladheid"] = Field("gladheid", exclude=True)


def weather_digest(model: Any) -> str:
    """The gladheid model's winter fingerprint."""
    return model.weather.digest()


def no_digest(model: Any) -> str:
    """A family without an exogenous series to fingerprint."""
    return ""
