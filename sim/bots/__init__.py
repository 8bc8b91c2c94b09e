"""Every bot, in one registry (no automatic discovery), with a view per kind.

A bot is named by (kind, role, name). Two kinds:
- *archetypes* (`BOTS`): three per role, drawing chance from the model's generator; the
  scenario may seat them (`roles.<role>.bot`) and the debrief's ghost runs try each.
- *scripted players* (`SCRIPTED`, `sim.bots.scripted`): deterministic stand-ins for a
  person in a human seat, played through `model.submit` (`sim.bots.play`).
Names are unique within a kind and a role, so a scripted "relational" regisseur and the
"relational" archetype are different bots.
"""

from __future__ import annotations

import numpy as np

from sim.actions import ROLES
from sim.bots.base import Bot, HumanSeat
from sim.bots.executor import Bureaucratic, Cooperative, Opportunistic
from sim.bots.regisseur import Absent, Controller, Relational
from sim.bots.scripted import PLAYERS, ScriptedPlayer
from sim.bots.wethouder import HandsOff, IncidentDriven, Procedural
from sim.scenario.schema import Scenario

KINDS = ("archetype", "scripted")

# The one registry: every bot class, archetypes first.
REGISTRY: tuple[type[Bot], ...] = (
    Controller, Relational, Absent,
    Cooperative, Opportunistic, Bureaucratic,
    HandsOff, IncidentDriven, Procedural,
    *PLAYERS,
)


def _view(kind: str) -> dict[str, dict[str, type[Bot]]]:
    """role -> name -> class, for the bots of one kind (registry order)."""
    return {role: {b.name: b for b in REGISTRY if b.kind == kind and b.role == role}
            for role in ROLES}


BOTS: dict[str, dict[str, type[Bot]]] = _view("archetype")  # seatable; the ghost runs
SCRIPTED: dict[str, dict[str, type[Bot]]] = _view("scripted")  # players for human seats


def make_bot(role: str, name: str, rng: np.random.Generator, scenario: Scenario) -> Bot:
    """A bot of the named archetype for a role."""
    try:
        cls = BOTS[role][name]
    except KeyError:
        choices = sorted(BOTS[role])
        raise ValueError(f"no {role} bot named {name!r}; choose from {choices}") from None
    return cls(rng, scenario)


def make_player(role: str, name: str, scenario: Scenario | None = None) -> ScriptedPlayer:
    """A scripted player for a human seat (the scenario may follow when it is recorded)."""
    try:
        cls = SCRIPTED[role][name]
    except KeyError:
        choices = sorted(SCRIPTED[role])
        raise ValueError(f"no scripted {role} player named {name!r}; "
                         f"choose from {choices}") from None
    return cls(None, scenario)


__all__ = ["BOTS", "KINDS", "REGISTRY", "SCRIPTED", "Bot", "HumanSeat", "ScriptedPlayer",
           "make_bot", "make_player"]
