"""Bot archetypes per role, in one registry (no automatic discovery)."""

from __future__ import annotations

import numpy as np

from sim.bots.base import Bot, HumanSeat
from sim.bots.executor import Bureaucratic, Cooperative, Opportunistic
from sim.bots.regisseur import Absent, Controller, Relational
from sim.bots.wethouder import HandsOff, IncidentDriven, Procedural
from sim.scenario.schema import Scenario

BOTS: dict[str, dict[str, type[Bot]]] = {
    "regisseur": {b.name: b for b in (Controller, Relational, Absent)},
    "executor": {b.name: b for b in (Cooperative, Opportunistic, Bureaucratic)},
    "wethouder": {b.name: b for b in (HandsOff, IncidentDriven, Procedural)},
}


def make_bot(role: str, name: str, rng: np.random.Generator, scenario: Scenario) -> Bot:
    """A bot of the named archetype for a role."""
    try:
        cls = BOTS[role][name]
    except KeyError:
        choices = sorted(BOTS[role])
        raise ValueError(f"no {role} bot named {name!r}; choose from {choices}") from None
    return cls(rng, scenario)


__all__ = ["BOTS", "Bot", "HumanSeat", "make_bot"]
