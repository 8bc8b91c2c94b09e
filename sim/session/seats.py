"""Who holds each seat: the header's seats, and putting seats on a model."""

from __future__ import annotations

from typing import Any

from sim.session.format import ControllerSpec, Header
from sim.session.seam import seam_of

Seats = dict[str, tuple[object, str | None]]
"""Seat -> (a bot archetype's name, or a person's seat: None at the UI; the person's name)."""


def controllers_from(scenario: Any,
                     given: dict[str, ControllerSpec | dict | str | None] | None
                     ) -> dict[str, ControllerSpec]:
    """Seats at the start: the scenario's bots, overridden per seat by `given`.

    A value may be a :class:`ControllerSpec`, a dict (``{"type": "human", "name": "Anna"}``
    or ``{"type": "bot", "bot": "relational"}``), a bot archetype name, or None (a person).
    The seats are those of the scenario's family (sim.session.seam).
    """
    seam = seam_of(scenario)
    roles = seam.roles(scenario)
    given = dict(given or {})
    unknown = sorted(set(given) - set(roles))
    if unknown:
        raise ValueError(f"unknown role(s) {unknown}; roles are {list(roles)}")
    out = {}
    for role in roles:
        spec = given.get(role, seam.default_bot(scenario, role))
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


def apply_seats(model: Any, seats: Seats) -> None:
    """Put `seats` on a model; a seat already held as wanted is left alone."""
    seam = seam_of(model)
    for role in seam.roles(model.scenario):
        want, name = seats[role]
        now = seam.controller(model, role)
        if isinstance(want, str):
            if seam.is_human(model, role) or now.name != want:
                model.set_controller(role, want, None)
        elif now is not want:
            model.set_controller(role, want, name)
