"""The procesregie family's parts for the game shell (game.families.GameParts)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.families import GameParts
from sim.procesregie.actions import REGISSEUR

if TYPE_CHECKING:
    from game.i18n import Translator


def seats(data: dict) -> dict[str, str | None]:
    """The regisseur (a person by default) and every party with the file's bot."""
    parties = data.get("parties") if isinstance(data.get("parties"), list) else []
    out: dict[str, str | None] = {REGISSEUR: None}
    for party in parties:
        if isinstance(party, dict) and isinstance(party.get("key"), str):
            out[party["key"]] = party.get("bot", "constructief")
    return out


def bots(seat: str) -> tuple[str, ...]:
    from sim.procesregie.bots import BOTS

    return tuple(BOTS["regisseur" if seat == REGISSEUR else "party"])


def seat_label(tr: Translator, seat: str) -> str:
    return tr("proces.regisseur") if seat == REGISSEUR else tr(f"words.proces_party.{seat}")


def bot_label(tr: Translator, bot: str) -> str:
    return tr("proces.bot", name=tr(f"words.proces_bot.{bot}"))


class PlainLog:
    """The session's record while the family writes no session log (sim.families): the
    clock runs without one, and nothing is kept after the window closes."""

    path = None
    header: dict = {"controllers": {}}

    def __init__(self) -> None:
        self.ended = False

    def driver(self, model: object) -> object:
        from sim.driver import Driver

        return Driver(model)

    def trainer(self, act: str, **fields: object) -> None:
        """Trainer acts are not kept without a log."""

    def close(self, model: object) -> None:
        self.ended = True

    def abandon(self) -> None:
        self.ended = True


def create(
    path: Path, chosen: dict, seed: int | None, options: object, lang: str
) -> tuple[object, object]:
    """A new bestuursproces with the chosen seats, and its log (when the family has one)."""
    from game.logbook import Logbook, default_session_dir, new_log_path
    from sim.families import family_of, make_model
    from sim.scenario.loader import load_scenario, scenario_base_dir

    scenario = load_scenario(path)
    seed = scenario.seed if seed is None else seed
    if not family_of(scenario).session_log:
        model = make_model(scenario, seed=seed)
        for seat, spec in chosen.items():
            human = spec.get("type") == "human"
            try:
                model.set_controller(
                    seat, None if human else spec.get("bot"), spec.get("name") if human else None
                )
            except ValueError:  # a seat of another family (the command line's defaults)
                continue
        return model, PlainLog()
    log_path = options.log or new_log_path(options.session_dir or default_session_dir())
    return Logbook.create(
        log_path, scenario, seed, chosen, path.stem, lang, scenario_base_dir(path)
    )


PARTS = GameParts(
    seats=seats,
    bots=bots,
    seat_label=seat_label,
    bot_label=bot_label,
    named=lambda seat: seat == REGISSEUR,
    create="game.procesregie.parts:create",
    state="game.procesregie.state:ProcesState",
    play="game.procesregie.scene_play:ProcesPlayScene",
    end="game.procesregie.scene_end:ProcesEndScene",
    trainer="game.procesregie.scene_trainer:ProcesTrainerScene",
    help_text="proces.help_network",
)
