"""Every bot, in one registry (no automatic discovery), with a view per kind.

A bot is named by (kind, role, name). Two kinds:
- *archetypes* (`BOTS`): three per role, drawing chance from the model's generator; the
  scenario may seat them (`roles.<role>.bot`) and the debrief's ghost runs try each.
- *scripted players* (`SCRIPTED`, `sim.bots.scripted`): deterministic stand-ins for a
  person in a human seat, played through `model.submit` (`sim.bots.play`).
Names are unique within a kind and a role, so a scripted "relational" regisseur and the
"relational" archetype are different bots. The scripted players load when first asked for
(`REGISTRY`, `SCRIPTED`, `make_player`): a bot run does not need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.actions import ROLES
from sim.bots.base import Bot, HumanSeat
from sim.bots.executor import Bureaucratic, Cooperative, Opportunistic
from sim.bots.regisseur import Absent, Controller, Relational
from sim.bots.wethouder import HandsOff, IncidentDriven, Procedural
from sim.scenario.schema import Scenario

if TYPE_CHECKING:
    from sim.bots.scripted import ScriptedPlayer

KINDS = ("archetype", "scripted")

ARCHETYPES: tuple[type[Bot], ...] = (
    Controller, Relational, Absent,
    Cooperative, Opportunistic, Bureaucratic,
    HandsOff, IncidentDriven, Procedural,
)


def _view(kind: str, bots: tuple[type[Bot], ...]) -> dict[str, dict[str, type[Bot]]]:
    """role -> name -> class, for the bots of one kind (registry order)."""
    return {role: {b.name: b for b in bots if b.kind == kind and b.role == role}
            for role in ROLES}


BOTS: dict[str, dict[str, type[Bot]]] = _view("archetype", ARCHETYPES)  # seatable; ghost runs


def __getattr__(name: str) -> object:
    """The one registry (`REGISTRY`: every bot class, archetypes first), the scripted
    players for human seats (`SCRIPTED`) and their class, loaded on first use."""
    if name not in ("REGISTRY", "SCRIPTED", "ScriptedPlayer"):
        raise AttributeError(f"module 'sim.bots' has no attribute {name!r}")
    from sim.bots.scripted import PLAYERS, ScriptedPlayer

    registry = (*ARCHETYPES, *PLAYERS)
    globals().update(REGISTRY=registry, SCRIPTED=_view("scripted", registry),
                     ScriptedPlayer=ScriptedPlayer)
    return globals()[name]


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
    scripted = globals().get("SCRIPTED") or __getattr__("SCRIPTED")
    try:
        cls = scripted[role][name]
    except KeyError:
        choices = sorted(scripted[role])
        raise ValueError(f"no scripted {role} player named {name!r}; "
                         f"choose from {choices}") from None
    return cls(None, scenario)


__all__ = ["BOTS", "KINDS", "REGISTRY", "SCRIPTED", "Bot", "HumanSeat", "ScriptedPlayer",
           "make_bot", "make_player"]
