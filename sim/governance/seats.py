"""The seats: who plays each role (a person at the UI, a scripted person, or a bot), and
the bots' turn each hour."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.actions import ROLES
from sim.bots.base import HumanSeat
from sim.observation import observe_lazily
from sim.scenario.schema import Scenario

if TYPE_CHECKING:
    from sim.governance.regie import Governance


def seat_bots(rng: np.random.Generator, sc: Scenario) -> dict[str, object | None]:
    """Each role's seat at the start, as the scenario's `roles` section sets it."""
    from sim.bots import make_bot

    roles = sc.roles
    return {
        "regisseur": make_bot("regisseur", roles.regisseur.bot, rng, sc),
        "executor": make_bot("executor", roles.executor.bot, rng, sc),
        "wethouder": make_bot("wethouder", roles.wethouder.bot, rng, sc),
    }


def is_human(seat: object | None) -> bool:
    """Whether a person holds this seat (at the UI: None, or a scripted HumanSeat)."""
    return seat is None or isinstance(seat, HumanSeat)


def set_controller(gov: Governance, role: str, bot_name: str | HumanSeat | None,
                   name: str | None = None) -> None:
    """Hand a seat to a human (None) or a bot archetype (trainer act); the executor's
    conduct follows its new seat."""
    from sim.bots import make_bot

    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if bot_name is None or isinstance(bot_name, HumanSeat):
        gov.controllers[role] = bot_name  # a person: at the UI (None) or scripted
        bot_name = None
    else:
        gov.controllers[role] = make_bot(role, bot_name, gov.rng, gov.model.scenario)
    gov.emit({"kind": "controller", "role": role, "bot": bot_name, "name": name})
    gov.model.executor.conduct.apply()


def answer_bots(gov: Governance) -> None:
    """Bots answer their open decision points and take their free actions."""
    model = gov.model
    hod = model.hour % 24
    board = gov.board
    for role in ROLES:
        bot = gov.controllers[role]
        if bot is None or not (hod in bot.active_hours or board.has_open(role)):
            continue
        # An archetype reads its observation before it acts, and most hours only a few
        # entries of it: built as read (the same values). Others get the whole dict.
        obs = observe_lazily(model, role) if bot.kind == "archetype" else model.observe(role)
        for action in bot.decide(obs):
            gov.submit(role, action)
