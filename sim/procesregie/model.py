"""ProcesModel: a bestuursproces that a procesregisseur leads step by step by wyberen.

One step is one week. The Driver (sim.driver) moves it like the gladheid model: its
`hour` is the week counter, `hours` the weeks before the process is abandoned. Randomness:
the model's Generator spawns one child stream per part ("options", "politics"). Every
event (actions, rounds, go/no-go, trust effects) gets its `tick` and reaches the
listeners (the session log, sim.session) as it happens.
"""

from __future__ import annotations

from dataclasses import dataclass

import mesa
import numpy as np

from sim.procesregie import actions, process
from sim.procesregie.bots import make_seat_bot
from sim.procesregie.kpi import KPI_NAMES, summary, trust_mean
from sim.procesregie.parties import Party
from sim.procesregie.schema import ProcesScenario
from sim.procesregie.trust import effect

STREAMS = ("options", "politics")
INJECTS = ("issue_of_the_day",)
"""What a trainer can put into a process: an issue of the day now (severity 0.5 raises the
council's bar by `politics.issue_raise`, 1.0 by twice that)."""


@dataclass
class Rules:
    """What the regisseur's instruments have set."""

    conditions: bool = False
    agreed: bool = False
    agenda: int | None = None
    talked_this_round: bool = False


class ProcesModel(mesa.Model):
    """The procesregie model for one bestuursproces."""

    def __init__(
        self,
        scenario: ProcesScenario,
        seed: int | None = None,
        base_dir: object = None,
        season: int = 0,
    ) -> None:
        seed = scenario.seed if seed is None else seed
        super().__init__(rng=np.random.default_rng(seed))
        self.seed, self.season, self.scenario = seed, season, scenario
        self.streams = dict(zip(STREAMS, self.rng.spawn(len(STREAMS)), strict=True))
        self.parties = [Party(self, spec, i) for i, spec in enumerate(scenario.parties)]
        n = len(self.parties)
        self.trust = np.full((n, n), scenario.process.initial_trust)
        np.fill_diagonal(self.trust, 1.0)
        self.rules = Rules()
        self.week = 0
        self.step_no, self.phase, self.rounds_in_phase, self.week_in_round = 0, PHASE0, 0, 0
        self.options: list[np.ndarray] = []
        self.shortlist: list[np.ndarray] = []
        self.agreement: np.ndarray | None = None
        self.final: np.ndarray | None = None
        self.options_explored = self.blocks = self.no_gos = 0
        self.lead_time: int | None = None
        self.issue_until = -1
        self.issue_raise = scenario.politics.issue_raise
        self.decision_pending = False
        self.events: list[dict] = []
        self.listeners: list = []
        self.refused: list[tuple[str, dict, str]] = []
        self.seats = (*self.keys_list(), actions.REGISSEUR)
        """Every seat in the order the bots act: the parties, then the regisseur."""
        bots = {p.key: p.spec.bot for p in self.parties}
        bots[actions.REGISSEUR] = scenario.regisseur.bot
        self.bots = {k: make_seat_bot(k, b) for k, b in bots.items() if b is not None}
        """The seats bots hold (a seat left out is a person's)."""
        if scenario.process.content_conditions_upfront:
            self.set_conditions(True)
        self.events.clear()  # the scenario's settings are the start, not events of the run
        # The weekly series of every KPI (run results write it as their series table).
        self.datacollector = mesa.DataCollector(
            model_reporters={k: (lambda m, k=k: summary(m)[k]) for k in KPI_NAMES}
        )

    # ----------------------------------------------------------- the Driver's view
    @property
    def hour(self) -> int:
        """The Driver's tick: weeks since the process opened."""
        return self.week

    @property
    def hours(self) -> int:
        return self.scenario.process.max_weeks

    @property
    def finished(self) -> bool:
        return self.lead_time is not None or self.week >= self.hours

    def waiting_for_humans(self) -> bool:
        """A person in the regisseur's seat must close or continue the phase."""
        return self.decision_pending and actions.REGISSEUR not in self.bots

    def next_season(self) -> ProcesModel:
        raise ValueError("a bestuursproces has one run; --seasons does not apply")

    # ------------------------------------------------------------------ one week
    def step(self) -> None:
        """One week: at a round's start the seats act; at its end the phase's round runs."""
        if self.finished or self.waiting_for_humans():
            return
        if self.week_in_round == 0:
            self.seats_act()
        self.follow_the_news()
        self.week += 1
        self.week_in_round += 1
        if self.week_in_round >= self.scenario.process.weeks_per_round:
            self.end_round()
        self.datacollector.collect(self)

    def seats_act(self) -> None:
        """Bots in the seats take their turn (people act between steps through submit)."""
        for seat in self.seats:
            bot = self.bots.get(seat)
            if bot is None:
                continue
            for action in bot.decide(self.observe(seat)):
                ok, reason = self.act(seat, action, "bot")
                if not ok:  # a bot's slip: kept for the contract tests, never fatal
                    self.refused.append((seat, action, reason))

    def follow_the_news(self) -> None:
        """The issue of the day: now and then an issue raises the council's bar for a while."""
        pol = self.scenario.politics
        if self.streams["politics"].random() < pol.issue_chance_per_week:
            self.issue_until = self.week + pol.issue_weeks
            self.issue_raise = pol.issue_raise
            self.note("issue", until=self.issue_until, raise_by=self.issue_raise)

    def go_support(self) -> float:
        pol = self.scenario.politics
        return pol.go_support + (self.issue_raise if self.week < self.issue_until else 0.0)

    def end_round(self) -> None:
        """Run the phase's round, then move on (or wait for the regisseur's decision)."""
        self.week_in_round = 0
        self.rounds_in_phase += 1
        self.rules.talked_this_round = False
        phase, explored = self.phase, self.options_explored
        if phase == "divergeren":
            process.diverge(self)
            self.decision_pending = actions.REGISSEUR not in self.bots
        elif phase == "convergeren":
            process.converge(self)
        else:
            process.consolidate(self)
        self.note(
            "round",
            phase=phase,
            step=self.step_no,
            round=self.rounds_in_phase,
            options=len(self.options),
            new_options=self.options_explored - explored,
            trust_mean=trust_mean(self),
        )
        if phase == "convergeren":
            self.enter("consolideren")
        elif phase == "consolideren":
            self.decide_go()

    def decide_go(self) -> None:
        """The go/no-go moment: the next step, the end, or back to divergeren."""
        if process.go_no_go(self):
            self.note("go", step=self.step_no)
            self.final = self.agreement
            self.step_no += 1
            if self.step_no >= self.scenario.process.steps:
                self.lead_time = self.week
                return
            self.options = [self.agreement.copy()]  # the next step builds on this one
        else:
            self.no_gos += 1
            self.note("no_go", step=self.step_no)
        self.enter("divergeren")

    def enter(self, phase: str) -> None:
        self.phase, self.rounds_in_phase = phase, 0

    def close_divergence(self) -> None:
        self.enter("convergeren")

    def set_conditions(self, on: bool) -> None:
        """Content conditions in advance: parties whose core value lies outside them take it
        as their core values overruled (less trust in the gemeente, one role step back)."""
        self.rules.conditions = on
        if not on:
            return
        gemeente = self.party("gemeente")
        for p in self.parties:
            if p is not gemeente and not process.admissible(self, p.core):
                effect(self, "core_value_overruled", p, gemeente)
                p.role = _STEP_BACK[p.role]

    # ---------------------------------------------------------------- front door
    def observe(self, seat: str) -> dict:
        """What a seat sees: the process, the roles, its own trust and shortlist utilities."""
        public = {
            "week": self.week,
            "step": self.step_no,
            "phase": self.phase,
            "rounds_in_phase": self.rounds_in_phase,
            "options": len(self.options),
            "roles": {p.key: p.role for p in self.parties},
            "invited": {p.key: p.invited for p in self.parties},
            "min_rounds": self.scenario.process.divergence_min_rounds,
            "rules_agreed": self.rules.agreed,
            "conditions": self.rules.conditions,
            "trust_mean": summary(self)["trust_mean"],
            "go_bar": self.go_support(),
            "issue": self.week < self.issue_until,
            "seat": seat,
        }
        if seat == actions.REGISSEUR:
            g = self.party("gemeente").index
            public["trust_in_gemeente"] = {
                p.key: float(self.trust[p.index, g]) for p in self.parties
            }
            return public
        me = self.party(seat)
        public["stake"] = me.spec.stake
        public["my_trust"] = me.trust_in_others()
        public["shortlist_utility"] = [me.utility(o) for o in self.shortlist]
        public["shortlist_within_mandate"] = [bool(me.within_mandate(o)) for o in self.shortlist]
        public["outside_option"] = me.spec.outside_option
        return public

    def legal_actions(self, seat: str) -> list[dict]:
        return actions.legal(self, seat)

    def submit(self, seat: str, action: dict) -> tuple[bool, str]:
        """An action from outside the model (a person, or a script in a person's place):
        logged `by: human`, so a resume or replay submits it again."""
        return self.act(seat, action, "human")

    def act(self, seat: str, action: dict, by: str) -> tuple[bool, str]:
        """Validate, check and apply an action; a refusal changes nothing but is logged."""
        act = actions.parse(action)
        reason = act if isinstance(act, str) else actions.check(self, seat, act)
        if reason:
            raw = action.model_dump(mode="json") if hasattr(action, "model_dump") else action
            self.note("rejected", role=seat, action=raw, reason=reason, by=by)
            return False, reason
        self.note("action", role=seat, action=act.model_dump(mode="json"), by=by)
        actions.apply(self, seat, act)  # its effects follow the action in the log
        return True, ""

    # ------------------------------------------------------- the trainer's acts
    def add_listener(self, listener) -> None:
        """Receive every event as it happens (the session log listens here)."""
        self.listeners.append(listener)

    def is_human(self, seat: str) -> bool:
        """Whether a person holds the seat."""
        return seat not in self.bots

    def set_controller(self, seat: str, bot: str | None, name: str | None = None) -> None:
        """Hand a seat to a person (bot None, optional name) or a bot archetype."""
        if seat not in self.seats:
            raise ValueError(f"unknown seat {seat!r}; seats are {list(self.seats)}")
        if bot is None:
            self.bots.pop(seat, None)
        else:
            self.bots[seat] = make_seat_bot(seat, bot)
            self.decision_pending = False  # a bot in the regisseur's seat decides itself
        self.note("controller", role=seat, bot=bot, name=name)

    def inject(self, name: str, severity: float = 0.5, source: str = "trainer") -> None:
        """An event now: the issue of the day raises the council's bar for a while."""
        if name not in INJECTS:
            raise ValueError(f"unknown inject {name!r}; choose from {list(INJECTS)}")
        if not 0.0 <= severity <= 1.0:
            raise ValueError("severity must be between 0 and 1")
        self.note("inject", name=name, severity=severity, source=source)
        pol = self.scenario.politics
        self.issue_until = self.week + pol.issue_weeks
        self.issue_raise = 2.0 * severity * pol.issue_raise

    # ------------------------------------------------------------------- helpers
    def note(self, kind: str, **fields: object) -> None:
        """Record an event at this week (its `tick`) and pass it to the listeners."""
        event = {"tick": self.week, "kind": kind, **fields}
        self.events.append(event)
        for listener in self.listeners:
            listener(event)

    def party(self, key: str) -> Party:
        found = [p for p in self.parties if p.key == key]
        if not found:
            raise KeyError(f"no party {key!r} in this scenario")
        return found[0]

    def keys_list(self) -> list[str]:
        return [p.key for p in self.parties]

    def table(self) -> list[Party]:
        return [p for p in self.parties if p.at_table]

    def run(self) -> dict[str, float]:
        """Run to the end with bots (a person's seat would wait) and return the KPIs."""
        while not self.finished and not self.waiting_for_humans():
            self.step()
        return summary(self)


PHASE0 = process.PHASES[0]
_STEP_BACK = {
    "initieren": "participeren",
    "participeren": "faciliteren",
    "faciliteren": "faciliteren",
    "niet_meedoen": "niet_meedoen",
}
