"""The session log's seam: what it asks a family's model, through ``sim.families``.

The log, resume, replay and export do not know which family runs. They ask the family of
the scenario (``Family.session``, a :class:`SessionSeam`) for its seats, bots and state
hash, and use the model's front door for the rest: ``add_listener(fn)`` (every event,
with its ``tick``, reaches the log), ``submit(seat, action)`` (logged ``by: human``),
``set_controller(seat, bot, name)``, ``inject(name, severity, source)``, and the Driver's
view (``hour``, ``season``, ``finished``, ``waiting_for_humans()``, ``next_season()``).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, Protocol


class SessionSeam(Protocol):
    """A family's answers to the session log's questions (one object per family)."""

    checkpoint_ticks: int
    """Ticks between two checkpoints (gladheid: 24 hours, a day; procesregie: a week)."""

    def roles(self, scenario: Any) -> tuple[str, ...]:
        """The seats of a scenario, in a fixed order (the header lists every one)."""

    def default_bot(self, scenario: Any, role: str) -> str | None:
        """The archetype the scenario seats in a role (None: a person)."""

    def bot_names(self, scenario: Any, role: str) -> Collection[str]:
        """The archetypes that may hold a role."""

    def controller(self, model: Any, role: str) -> object:
        """Who holds a seat now: a bot, None (a person at the UI) or a scripted person."""

    def is_human(self, model: Any, role: str) -> bool:
        """Whether a person (at the UI or scripted) holds the seat."""

    def events(self, model: Any) -> list[dict]:
        """The events the model has made so far (a fresh model has none for the log)."""

    def remove_listener(self, model: Any, listener: Any) -> None:
        """Stop passing events to `listener` (the log of a finished season)."""

    def waiting_roles(self, model: Any) -> list[str]:
        """Seats held by people that the model waits for."""

    def state_hash(self, model: Any) -> str:
        """sha256 (hex) of everything that carries the model's state from tick to tick."""


def seam_of(scenario_or_model: object) -> SessionSeam:
    """The seam of a scenario's (or a model's) family."""
    from sim.families import family_of

    return family_of(scenario_or_model).part("session")


def bot_name(model: Any, role: str) -> str | None:
    """The archetype's name in a bot seat (None: a person holds it)."""
    seam = seam_of(model)
    return None if seam.is_human(model, role) else seam.controller(model, role).name


def state_hash(model: Any, format_version: int | None = None) -> str:
    """The state hash of any family's model (its seam computes it), as a session log of
    `format_version` holds it (None: the format this package writes). A family whose
    hash changed between formats says so with ``state_hash_of_format(model, version)``."""
    seam = seam_of(model)
    versioned = getattr(seam, "state_hash_of_format", None)
    if format_version is None or versioned is None:
        return seam.state_hash(model)
    return versioned(model, format_version)


def summary(model: Any) -> dict[str, float]:
    """The KPIs of any family's model so far."""
    from sim.families import family_of

    return family_of(model).part("summary")(model)


def town_sha256(scenario: Any, base_dir: Path | None) -> str | None:
    """sha256 of a scenario's town file (None: no town file, or it cannot be read)."""
    import hashlib

    town = getattr(scenario, "town", None)
    if town is None or getattr(town, "file", None) is None:
        return None
    path = Path(town.file)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # building the town reports the problem
