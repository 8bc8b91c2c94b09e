"""RegieModel: wires town, winter, roads, executor, gemeente, politics and citizens.

One step is one hour. The phase order is written out in `step`. Randomness: the model's
Generator (Mesa `rng=`) spawns one child stream per part, in a fixed order, so the winter
and the town stay the same when governance settings change (common random numbers).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import mesa
import numpy as np

from sim.agents.citizens import CitizenPopulation
from sim.agents.executor import Uitvoeringsorganisatie
from sim.agents.gemeente import Gemeente
from sim.agents.plan import draft_plan
from sim.agents.politics import Wethouder
from sim.carry import Carry, apply_carry, carry_state
from sim.design.phase import start_design
from sim.governance.api import ActionResult
from sim.governance.injects import INJECTS
from sim.governance.regie import Governance
from sim.kpi import DailySeries, KpiTracker, daily_reporters
from sim.observation import observe
from sim.scenario.schema import Scenario
from sim.world.roads import RoadState
from sim.world.town import build_town
from sim.world.traffic import traffic_factor
from sim.world.weather import Weather, weather_rng

STREAMS = ("weather", "town", "citizens", "executor", "governance", "trust")
# The town and its residents stay the same in every winter of a multi-season run.
PERMANENT_STREAMS = ("town", "citizens")


class RegieModel(mesa.Model):
    """The gladheidbestrijding model for one season (or several, see `next_season`)."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        base_dir: Path | None = None,
        season: int = 0,
        carry: Carry | None = None,
    ) -> None:
        seed = scenario.seed if seed is None else seed
        # Season 0 is seeded by the seed itself; later winters by (seed, season).
        super().__init__(rng=np.random.default_rng(seed if season == 0 else [seed, season]))
        self.seed = seed
        self.season = season
        self.base_dir = base_dir
        self.scenario = scenario
        streams = dict(zip(STREAMS, self.rng.spawn(len(STREAMS)), strict=True))
        if season > 0:
            first = np.random.default_rng(seed).spawn(len(STREAMS))
            streams.update({name: first[STREAMS.index(name)] for name in PERMANENT_STREAMS})
        self.streams = streams
        self.weather = Weather.generate(
            scenario.weather, weather_rng(scenario.weather, streams["weather"])
        )
        self.replaced_weather: list[Weather] = []  # winters an inject replaced (see inject)
        self.town = build_town(scenario.town, streams["town"], base_dir)
        self.roads = RoadState(self.town, scenario.roads)
        self.plan = draft_plan(self.town, scenario.executor.trucks, scenario.plan)
        self.hour = 0
        self.satisfaction_days: list[float] = []
        self.executor = Uitvoeringsorganisatie(self, scenario.executor, self.plan)
        self.gemeente = Gemeente(self, scenario.municipality, scenario.contract)
        self.wethouder = Wethouder(self, scenario.politics)
        self.citizens = CitizenPopulation(
            self,
            scenario.citizens,
            self.town,
            scenario.town.population,
            self.plan.treated_mask(self.town.n_segments),
        )
        self.season_day0 = carry["days_elapsed"] if carry else 0
        self.governance = Governance(self)
        self.executor.conduct.apply()
        if carry:
            apply_carry(self, carry)
        self.kpi = KpiTracker(self)
        self.design = start_design(self)  # None: the scenario's contract is the contract
        self._injects = sorted(
            ((i.day * 24 + i.hour, n, i.name, i.severity) for n, i in enumerate(scenario.injects))
        )
        self.datacollector = DailySeries(model_reporters=daily_reporters())
        self._weather_lists_of: Weather | None = None  # see `_hourly_weather`
        self._weather_lists: tuple[list, ...] = ()

    # --- calendar ---------------------------------------------------------------------
    @property
    def pending_injects(self) -> list[tuple[int, int, str, float]]:
        """Scheduled injects still to come: (hour, order, name, severity), soonest first."""
        return self._injects

    @property
    def hours(self) -> int:
        """Length of the season [h]."""
        return self.weather.hours

    @property
    def day(self) -> int:
        """Season day of the current hour (0-based)."""
        return self.hour // 24

    @property
    def date(self) -> dt.date:
        """Calendar date of the current hour."""
        return self.weather.start_date + dt.timedelta(days=self.day)

    @property
    def is_weekend(self) -> bool:
        """Saturday or Sunday (fewer, later trips)."""
        return self.date.weekday() >= 5

    @property
    def finished(self) -> bool:
        """Whether the season is over."""
        return self.hour >= self.weather.hours  # asked several times an hour

    # --- one hour ---------------------------------------------------------------------
    def _wrapped_step(self, *args: object, **kwargs: object) -> None:
        """Mesa's wrapper around `step` (it counts `steps`), without the debug line Mesa
        formats every step whether or not anybody logs it (mesa 3.3)."""
        self.steps += 1
        self._user_step(*args, **kwargs)

    def step(self) -> None:
        """One hour, in this order: scheduled injects; the executor's work; road physics;
        citizens; the wethouder; the gemeente; the regie (a queued extra round, scheduled
        decision points, beslisregels, the bots' turn, at 23h the close of its day); the
        KPIs; at 23h the day's bookkeeping; in the last hour the season's invoice.

        While a person must answer a decision point, the clock does not move; a design
        phase (sim.design) is played out before the first hour.
        """
        if self.finished or self.waiting_for_humans():
            self.running = not self.finished
            return
        h = self.hour
        self.scheduled_injects()
        self.executor.step()
        temp, dew, precip, kind = self._hourly_weather()
        self.roads.step(temp[h], dew[h], precip[h], kind[h], traffic_factor(h % 24))
        self.citizens.step()
        self.wethouder.step()
        self.gemeente.step()
        gov = self.governance
        gov.dispatch_queued_round()
        gov.raise_scheduled_points()
        gov.apply_decision_rules()
        gov.answer_bots()
        if h % 24 == 23:
            gov.close_day()
        self.kpi.record_hour(self)
        if h % 24 == 23:
            self.close_day()
        if h + 1 >= self.hours:
            gov.end_of_season()
        self.hour += 1
        if self.finished:
            self.running = False

    def _hourly_weather(self) -> tuple[list, ...]:
        """The winter's hourly surface temperature, dewpoint, precipitation and its kind as
        Python lists (the same values as the arrays' items; cheaper to read an hour from),
        made again when an inject puts in another winter."""
        weather = self.weather
        if self._weather_lists_of is not weather:
            self._weather_lists_of = weather
            self._weather_lists = (
                weather.surface_temp_c.tolist(),
                weather.dewpoint_c.tolist(),
                weather.precip_mm_h.tolist(),
                weather.precip_kind.tolist(),
            )
        return self._weather_lists

    def close_day(self) -> None:
        """Daily bookkeeping and the daily row of the time series."""
        self.kpi.close_day(self)
        self.satisfaction_days.append(self.citizens.mean_satisfaction)
        self.datacollector.collect(self)

    def run_season(self) -> None:
        """Run until the season ends."""
        while not self.finished:
            self.step()

    def governance_summary(self) -> dict[str, float]:
        """Governance KPIs (contract, trust, politics) for the season summary."""
        return self.gemeente.governance_kpis()

    # --- the front door: observe, legal actions, submit ------------------------------------
    def observe(self, role: str) -> dict:
        """What this role may know now."""
        return observe(self, role)

    def legal_actions(self, role: str) -> list[dict]:
        """Action templates this role may submit now."""
        self.design_catch_up()
        return self.governance.legal_actions(role)

    def submit(self, role: str, action: object) -> ActionResult:
        """Submit an action for a role from outside the model; a rejection changes nothing.

        The model's own bots and rules act inside it; anything that arrives here (a person
        at the game, a script in a person's place) is input, logged as `human` so that a
        resume or replay submits it again, whoever holds the seat.
        """
        self.design_catch_up()
        result = self.governance.submit(role, action, by="human")
        self.design_catch_up()
        return result

    def design_catch_up(self) -> bool:
        """In a design phase, bots whose turn it is move until a person must (sim.design);
        True while the phase is still open (a person's move is awaited)."""
        if self.design is None or not self.design.open:
            return False
        self.design.catch_up()
        return self.design.open

    def add_listener(self, listener) -> None:
        """Receive every governance event (the session log listens here)."""
        self.governance.listeners.append(listener)

    def waiting_for_humans(self) -> bool:
        """Whether a decision point of a human-played role is open (or the design phase
        waits for a person's move)."""
        if self.design is not None and self.design_catch_up():
            return True
        board = self.governance.board
        # Asked twice an hour (driver and step): most hours no point is open at all.
        return board.any_open() and any(
            self.governance.awaits_ui(p.role) for p in board.open_points()
        )

    def set_controller(self, role: str, bot: object, name: str | None = None) -> None:
        """Trainer act: a role goes to a person (bot None, optional player name) or a bot.

        In a logged session (or a design phase under way) the design's bots first finish
        their turns, so a replay meets the seat change where the session did."""
        if self.governance.listeners or (self.design is not None and self.design.point is not None):
            self.design_catch_up()
        self.governance.set_controller(role, bot, name)

    # --- injects ----------------------------------------------------------------------------
    def inject(self, name: str, severity: float = 0.5, source: str = "trainer") -> None:
        """Put a named event from the library into the season now."""
        if name not in INJECTS:
            raise ValueError(f"unknown inject {name!r}; choose from {sorted(INJECTS)}")
        if not 0.0 <= severity <= 1.0:
            raise ValueError("severity must be between 0 and 1")
        self.governance.emit(
            {"kind": "inject", "name": name, "severity": severity, "source": source}
        )
        weather = self.weather
        INJECTS[name](self, severity)
        if self.weather is not weather:
            # The executor keys its forecast caches on id(weather). CPython reuses the id of
            # a freed object, so after two weather injects in one hour a new winter could
            # pass for an old one, depending on memory layout (a replay would differ).
            # Replaced winters are kept, so an id stays unique for the whole run.
            self.replaced_weather.append(weather)

    def scheduled_injects(self) -> None:
        """Injects the scenario scheduled for this hour."""
        while self._injects and self._injects[0][0] <= self.hour:
            _, _, name, severity = self._injects.pop(0)
            self.inject(name, severity, source="scenario")

    # --- seasons ----------------------------------------------------------------------------
    def next_season(self) -> RegieModel:
        """The following winter, with the relationship carried over (see `sim.carry`)."""
        return RegieModel(
            self.scenario,
            seed=self.seed,
            base_dir=self.base_dir,
            season=self.season + 1,
            carry=carry_state(self),
        )
