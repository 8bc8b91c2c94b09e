"""Short, eventful seasons for the bot contract tests, each played once per test process.

Every shipped scenario is cut to DAYS days (past day 30: the monthly report and invoice
are answered too) with a failing salt supplier, media storms, a council motion, a
snowstorm and a broken truck added. Archetypes play in bot seats, in three line-ups per
scenario that between them seat every archetype of every role (a Latin square over the
scenarios); a scripted player plays alone in its human seat, the other seats keeping the
scenario's bots, as the session recorder plays it (`sim.bots.play.play_season`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from sim.actions import ROLES
from sim.bots import BOTS, Bot, make_player
from sim.bots.play import play_season
from sim.kpi import summary
from sim.model import RegieModel
from sim.scenario.loader import list_scenarios, load_scenario, scenario_base_dir
from sim.scenario.schema import Scenario
from sim.session import state_hash

SCENARIOS: list[Path] = list_scenarios("gladheid")
SCENARIO_IDS = [p.stem for p in SCENARIOS]
DAYS = 32
SEED = 11
EVENTFUL = [
    {"name": "salt_supplier_fails", "day": 1, "hour": 9, "severity": 1.0},
    {"name": "media_storm", "day": 2, "hour": 9, "severity": 1.0},
    {"name": "council_motion", "day": 3, "hour": 9, "severity": 0.5},
    {"name": "snowstorm", "day": 4, "hour": 9, "severity": 0.8},
    {"name": "truck_breakdown", "day": 12, "hour": 6, "severity": 0.5},
    {"name": "media_storm", "day": 20, "hour": 9, "severity": 1.0},
]
NAMES = {role: sorted(BOTS[role]) for role in ROLES}
Lineup = tuple[str, str, str]  # archetype per role, in ROLES order


def lineups(index: int) -> list[Lineup]:
    """Three line-ups that seat every archetype once; shifted per scenario."""
    return [(NAMES["regisseur"][k], NAMES["executor"][(k + index) % 3],
             NAMES["wethouder"][(k + 2 * index) % 3]) for k in range(3)]


def lineup_of(path: Path, bot: type[Bot]) -> Lineup:
    """The line-up of a scenario that seats an archetype."""
    return next(lu for lu in lineups(SCENARIOS.index(path)) if lu[ROLES.index(bot.role)]
                == bot.name)


def scenario(path: Path, lineup: Lineup | None = None) -> Scenario:
    """The shipped scenario cut to DAYS days, with the eventful injects and a bot line-up."""
    data = load_scenario(path, [f"weather.days={DAYS}"]).model_dump(mode="json")
    data["injects"] = data["injects"] + EVENTFUL
    if lineup is not None:
        data["roles"] = {role: {"bot": bot} for role, bot in zip(ROLES, lineup, strict=True)}
    return Scenario.model_validate(data)


@dataclass
class Run:
    """What a contract test needs from one season."""

    summary: dict[str, float]
    events: list[dict]
    state_hash: str
    finished: bool
    observations: list[dict] = field(default_factory=list)
    legal: list[tuple[str, list[dict]]] = field(default_factory=list)

    @classmethod
    def of(cls, model: RegieModel, **extra: object) -> Run:
        return cls(summary(model), model.governance.events, state_hash(model),
                   model.finished, **extra)


def run(path: Path, lineup: Lineup | None, seed: int, watch: bool) -> Run:
    """One season with bots; `watch` samples every role's observation and legal actions
    daily at noon and whenever a decision point is raised (mid-step)."""
    model = RegieModel(scenario(path, lineup), seed=seed, base_dir=scenario_base_dir(path))
    observations: list[dict] = []
    legal: list[tuple[str, list[dict]]] = []

    def look(_event: dict | None = None) -> None:
        for role in ROLES:
            observations.append(model.observe(role))
            legal.append((role, model.legal_actions(role)))

    if watch:
        model.add_listener(lambda e: look() if e["kind"] == "decision_point" else None)
    while not model.finished:
        model.step()
        if watch and model.hour % 24 == 12:
            look()
    return Run.of(model, observations=observations, legal=legal)


@functools.cache
def watched(path: Path, lineup: Lineup | None, seed: int = SEED) -> Run:
    """Cached: the smoke, legality and observation tests share one run per line-up."""
    return run(path, lineup, seed, watch=True)


@functools.cache
def unwatched(path: Path, lineup: Lineup | None, seed: int = SEED) -> Run:
    """Cached: the same line-up, nobody looking (the archetypes of a line-up share it)."""
    return run(path, lineup, seed, watch=False)


def play(path: Path, bot: type[Bot], seed: int = SEED) -> Run:
    """One season with a scripted player in its human seat (played as the session
    recorder plays it, without writing the log)."""
    model = RegieModel(scenario(path), seed=seed, base_dir=scenario_base_dir(path))
    return Run.of(play_season(model, {bot.role: make_player(bot.role, bot.name)}))


@functools.cache
def played(path: Path, bot: type[Bot]) -> Run:
    """Cached: the smoke and legality tests share one session per scripted player."""
    return play(path, bot)
