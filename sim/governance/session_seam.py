"""The gladheid model's side of the session log's seam (sim.session.seam.SessionSeam)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from sim.actions import ROLES

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.scenario.schema import Scenario


class GladheidSeam:
    """Seats are the three roles; events and listeners live in the governance layer."""

    checkpoint_ticks = 24  # a checkpoint closes every simulated day [hours]

    def roles(self, scenario: Scenario) -> tuple[str, ...]:
        return ROLES

    def default_bot(self, scenario: Scenario, role: str) -> str | None:
        return getattr(scenario.roles, role).bot

    def bot_names(self, scenario: Scenario, role: str) -> Collection[str]:
        from sim.bots import BOTS

        return BOTS.get(role, {})

    def controller(self, model: RegieModel, role: str) -> object:
        return model.governance.controllers[role]

    def is_human(self, model: RegieModel, role: str) -> bool:
        return model.governance.is_human(role)

    def events(self, model: RegieModel) -> list[dict]:
        return model.governance.events

    def remove_listener(self, model: RegieModel, listener: object) -> None:
        listeners = model.governance.listeners
        if listener in listeners:
            listeners.remove(listener)

    def waiting_roles(self, model: RegieModel) -> list[str]:
        gov = model.governance
        return sorted({p.role for p in gov.board.open_points() if gov.is_human(p.role)})

    def state_hash(self, model: RegieModel) -> str:
        from sim.session.statehash import state_hash

        return state_hash(model)

    def state_hash_of_format(self, model: RegieModel, format_version: int) -> str:
        """The hash a log of this format holds (formats 1 and 2: hash version 1)."""
        from sim.session.format import STATE_HASH_VERSION
        from sim.session.statehash import state_hash

        return state_hash(model, STATE_HASH_VERSION[format_version])


SEAM = GladheidSeam()
