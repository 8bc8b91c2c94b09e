"""The game's parts of a scenario family: seats, bots, and the screens of a session.

The shell (game.app, the start screen, the handover) asks `sim.families` for the family of
a scenario and then these parts for what differs: which seats there are, what the bots
are called, how a session starts, and which state and screens run it. Parts name their
classes as "module:attribute" and import them on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from game.i18n import Translator


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def read_yaml(path: Path) -> dict:
    """A scenario file as a mapping, for display only ({} when it does not read)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class GameParts:
    """What the shell needs of one family ("module:attribute" for the heavy parts)."""

    seats: Callable[[dict], dict[str, str | None]]
    """A scenario file's mapping -> seat -> its default bot (None: a person), in order."""
    bots: Callable[[str], tuple[str, ...]]
    """The bot archetypes that may sit in a seat."""
    seat_label: Callable[[Translator, str], str]
    bot_label: Callable[[Translator, str], str]
    named: Callable[[str], bool]
    """Whether the start screen asks a name for this seat."""
    create: str
    """create(path, seats, seed, options, lang) -> (model, logbook) for a new session."""
    state: str
    play: str
    end: str
    trainer: str = ""
    """The trainer panel's scene ("" when the family has none yet)."""
    inbox: str = ""
    """The play screen's message feed (built on the state), "" for none."""
    help_text: str = "help.map"
    """The help card's text about what the play screen shows."""
    resume_names: Callable[[object, dict[str, str]], dict[str, str]] = lambda model, names: names
    """The players' names of a resumed session, from the header's (seat changes applied)."""

    def part(self, which: str) -> Any:
        return _load(getattr(self, which))


def parts_for_path(path: Path) -> GameParts:
    """The game parts of a scenario file's family."""
    from sim.families import DEFAULT_FAMILY, FAMILIES, family_of_text

    try:
        family = family_of_text(Path(path).read_bytes()[:1_000_000])
    except OSError:  # starting the session reports why the file cannot be read
        family = FAMILIES[DEFAULT_FAMILY]
    return _load(family.game)


def parts_for_model(model: object) -> GameParts:
    """The game parts of a running model's family."""
    from sim.families import family_of

    return _load(family_of(model).game)


# --- the gladheid family -----------------------------------------------------------------------
ROLES = ("regisseur", "executor", "wethouder")


def _gladheid_seats(data: dict) -> dict[str, str | None]:
    from sim.bots import BOTS

    roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
    return {
        r: None if r == "regisseur" else ((roles.get(r) or {}).get("bot") or next(iter(BOTS[r])))
        for r in ROLES
    }


def _gladheid_bots(seat: str) -> tuple[str, ...]:
    from sim.bots import BOTS

    return tuple(BOTS[seat])


def _gladheid_create(
    path: Path, seats: dict, seed: int | None, options: object, lang: str
) -> tuple[object, object]:
    from game.logbook import Logbook, default_session_dir, new_log_path
    from sim.scenario.loader import load_scenario, scenario_base_dir

    scenario = load_scenario(path)
    seed = scenario.seed if seed is None else seed
    log_path = options.log or new_log_path(options.session_dir or default_session_dir())
    return Logbook.create(log_path, scenario, seed, seats, path.stem, lang, scenario_base_dir(path))


def _gladheid_names(model: object, names: dict[str, str]) -> dict[str, str]:
    """Seats a person took over during the session keep the name it was given."""
    from sim.observation import observe_feed

    names = dict(names)
    for event in observe_feed(model):
        if event.get("kind") == "controller" and event.get("bot") is None:
            names[event["role"]] = event.get("name") or names.get(event["role"], "")
    return names


GLADHEID = GameParts(
    seats=_gladheid_seats,
    bots=_gladheid_bots,
    seat_label=lambda tr, seat: tr(f"role.{seat}"),
    bot_label=lambda tr, bot: tr(f"bot.{bot}"),
    named=lambda seat: True,
    create="game.families:_gladheid_create",
    state="game.state:GameState",
    play="game.scene_play:PlayScene",
    end="game.scene_end:EndScene",
    trainer="game.scene_trainer:TrainerScene",
    inbox="game.inbox:InboxFeed",
    resume_names=_gladheid_names,
)
