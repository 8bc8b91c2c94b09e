"""The shape every seat shares: `decide(observation) -> list of action dicts`.

Bots are small named classes (Axelrod style); a human seat is the same shape with an
injectable input function, so tests and ghost runs need no person.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sim.scenario.schema import Scenario


class Bot:
    """Base class: a named bot for one role (an archetype unless a subclass says otherwise)."""

    kind: str = "archetype"  # "archetype": seatable, ghost runs; "scripted": sim.bots.scripted
    role: str = ""
    name: str = ""
    description_nl: str = ""
    description_en: str = ""
    active_hours: frozenset[int] = frozenset({8, 9, 10, 11, 14, 15})  # when routines run

    def __init__(self, rng: np.random.Generator, scenario: Scenario) -> None:
        self.rng = rng
        self.scenario = scenario

    def decide(self, obs: dict) -> list[dict]:
        """Answer open decision points and take free actions, given what the role knows."""
        actions: list[dict] = []
        for point in obs["decisions"]:
            if obs["hour"] >= self.answer_hour(point):
                answer = self.answer(point, obs)
                if answer is not None:
                    actions.append(answer)
        actions.extend(self.initiative(obs))
        return actions

    def answer_hour(self, point: dict) -> int:
        """When this archetype answers: at once by default."""
        return point["hour"]

    def answer(self, point: dict, obs: dict) -> dict | None:
        """The answer to one decision point (the first option by default)."""
        return dict(point["options"][0])

    def initiative(self, obs: dict) -> list[dict]:
        """Free actions on the bot's own initiative."""
        return []


class HumanSeat(Bot):
    """A person in the seat: decisions come from an input function (the UI, or a test)."""

    kind = "human"
    name = "human"

    def __init__(self, role: str, input_fn: Callable[[dict], list[dict]]) -> None:
        self.role = role
        self.input_fn = input_fn

    def decide(self, obs: dict) -> list[dict]:
        """Whatever the person chose."""
        return list(self.input_fn(obs))
