"""Who holds each seat: the header's seats, and putting seats on a model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ROLES
from sim.session.format import ControllerSpec, Header

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.scenario.schema import Scenario

Seats = dict[str, tuple[object, str | None]]
"""Role -> (a bot archetype's name, or a person's seat: None at the UI; the person's name)."""


def controllers_from(scenario: Scenario,
                 given: dict[str, ControllerSpec | dict | str | None] | None
                 ) -> dict[str, ControllerSpec]:
    """Seats at the start: the scenario's bots, overridden per role by `given`.

    A value may be a :class:`ControllerSpec`, a dict (``{"type": "human", "name": "Anna"}``
    or ``{"type": "bot", "bot": "relational"}``), a bot archetype name, or None (a person).
    """
    given = dict(given or {})
    unknown = sorted(set(given) - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s) {unknown}; roles are {list(ROLES)}")
    out = {}
    for role in ROLES:
        spec = given.get(role, getattr(scenario.roles, role).bot)
        if spec is None:
            spec = ControllerSpec(type="human")
        elif isinstance(spec, str):
            spec = ControllerSpec(type="bot", bot=spec)
        elif isinstance(spec, dict):
            spec = ControllerSpec.model_validate(spec)
        out[role] = spec
    return out


def header_seats(header: Header) -> Seats:
    """The seats a session starts with, as its header gives them."""
    return {r: (s.bot, s.name) for r, s in header.controllers.items()}


def apply_seats(model: RegieModel, seats: Seats) -> None:
    """Put `seats` on a model; a seat already held as wanted is left alone."""
    gov = model.governance
    for role in ROLES:
        want, name = seats[role]
        now = gov.controllers[role]
        if isinstance(want, str):
            if gov.is_human(role) or now.name != want:
                model.set_controller(role, want, None)
        elif now is not want:
            model.set_controller(role, want, name)
