"""ProcesModel: a bestuursproces that a procesregisseur leads step by step by wyberen.

One step is one week. The Driver (sim.driver) moves it like the gladheid model: its
`hour` is the week counter, `hours` the weeks before the process is abandoned. Randomness:
the model's Generator spawns one child stream per part ("options", "politics").
"""

from __future__ import annotations

from dataclasses import dataclass

import mesa
import numpy as np

from sim.procesregie import actions, process
from sim.procesregie.bots import make_party_bot, make_regisseur_bot
from sim.procesregie.kpi import KPI_NAMES, summary
from sim.procesregie.parties import Party
from sim.procesregie.schema import ProcesScenario
from sim.procesregie.trust import effect

STREAMS = ("options", "politics")


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
        self.decision_pending = False
        self.events: list[dict] = []
        self.refused: list[tuple[str, dict, str]] = []
        self.bots = {p.key: make_party_bot(p.spec.bot) for p in self.parties if p.spec.bot}
        if scenario.regisseur.bot is not None:
            self.bots[actions.REGISSEUR] = make_regisseur_bot(scenario.regisseur.bot)
        if scenario.process.content_conditions_upfront:
            self.set_conditions(True)
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
        return self.decision_pending

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
        for seat, bot in self.bots.items():
            for action in bot.decide(self.observe(seat)):
                ok, reason = self.submit(seat, action)
                if not ok:  # a bot's slip: kept for the contract tests, never fatal
                    self.refused.append((seat, action, reason))

    def follow_the_news(self) -> None:
        """The issue of the day: now and then an issue raises the council's bar for a while."""
        pol = self.scenario.politics
        if self.streams["politics"].random() < pol.issue_chance_per_week:
            self.issue_until = self.week + pol.issue_weeks

    def go_support(self) -> float:
        pol = self.scenario.politics
        return pol.go_support + (pol.issue_raise if self.week < self.issue_until else 0.0)

    def end_round(self) -> None:
        """Run the phase's round, then move on (or wait for the regisseur's decision)."""
        self.week_in_round = 0
        self.rounds_in_phase += 1
        self.rules.talked_this_round = False
        if self.phase == "divergeren":
            process.diverge(self)
            self.decision_pending = actions.REGISSEUR not in self.bots
        elif self.phase == "convergeren":
            process.converge(self)
            self.enter("consolideren")
        else:
            process.consolidate(self)
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
        public["outside_option"] = me.spec.outside_option
        return public

    def legal_actions(self, seat: str) -> list[dict]:
        return actions.legal(self, seat)

    def submit(self, seat: str, action: dict) -> tuple[bool, str]:
        """Validate, check and apply an action; a refusal changes nothing."""
        act = actions.parse(action)
        reason = act if isinstance(act, str) else actions.check(self, seat, act)
        if reason:
            return False, reason
        actions.apply(self, seat, act)
        self.note("action", seat=seat, action=act.model_dump())
        return True, ""

    # ------------------------------------------------------------------- helpers
    def note(self, kind: str, **fields: object) -> None:
        self.events.append({"kind": kind, "week": self.week, **fields})

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
