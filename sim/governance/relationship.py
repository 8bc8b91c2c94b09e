"""Trust both ways as beliefs, contact between the sides, and the executor's maturity.

Each side holds a belief about two aspects of the other: reliability (does what it says,
ability and integrity) and benevolence (acts in the other's interest); Mayer, Davis &
Schoorman, "An integrative model of organizational trust". Each aspect is a Beta
reputation (Josang & Ismail, "The Beta reputation system"): a first impression worth
`1/(2 x learning_rate) - 1` observations, plus evidence, positive for a good observation
and `negativity_ratio` times its size for a bad one (Slovic's asymmetry: trust is lost
faster than it is built). Old evidence is discounted daily (Josang & Ismail's forgetting),
so a belief drifts back to the first impression. Trust, the number every reader uses, is
the belief's mean: `reliability_weight` x E[reliability] + the rest x E[benevolence].

Contact (0..1) rises with each direct contact or meeting and fades daily: it raises the
share of the other's deeds a side sees and clears misunderstandings faster (Balliet,
"Communication and cooperation in social dilemmas"; Kollock, "'An eye for an eye leaves
everyone blind'": noise in what one sees). It adds no trust of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sim.scenario.schema import RelationshipConfig

GEMEENTE, EXECUTOR = "gemeente", "executor"  # whose belief: about the other side
SIDES = (GEMEENTE, EXECUTOR)
RELIABILITY, BENEVOLENCE = "reliability", "benevolence"
ASPECTS = (RELIABILITY, BENEVOLENCE)
REVERSION = "reversion"  # the reason of the daily discounting of old evidence (`drift`)
CLEARED = "misunderstanding cleared"  # a misread observation set right
BASELINE = 0.5  # neutral trust [-]
# Told of each change of one side's trust: (whose, reason, before, after).
TrustWatcher = Callable[[str, str, float, float], None]


def prior_strength(cfg: RelationshipConfig) -> float:
    """How many observations the first impression of one aspect is worth: the first fully
    good observation then moves trust `learning_rate` of the way to 1 [observations]."""
    return 1.0 / (2.0 * cfg.learning_rate) - 1.0


@dataclass
class Belief:
    """A Beta belief about one aspect: the first impression and the evidence since."""

    prior_good: float
    prior_bad: float
    good: float = 0.0
    bad: float = 0.0

    @classmethod
    def first_impression(cls, mean: float, strength: float) -> Belief:
        """A belief with this mean worth `strength` observations."""
        return cls(mean * strength, (1.0 - mean) * strength)

    @property
    def mean(self) -> float:
        """The expected value of the aspect [0..1]."""
        good = self.prior_good + self.good
        return good / (good + self.prior_bad + self.bad)


@dataclass
class Misunderstanding:
    """A misread observation that stays in a belief until the sides set it right."""

    side: str
    aspect: str
    read: float  # evidence the misreading added: + good, - bad (discounted with the rest)
    true: float  # evidence the right reading adds when it is cleared


@dataclass
class Relationship:
    """The relationship between gemeente and executor as both sides believe it is."""

    maturity: float = 0.4
    history: list[tuple[int, str, float, float]] = field(default_factory=list)
    cfg: RelationshipConfig = field(default_factory=RelationshipConfig, repr=False)
    watcher: TrustWatcher | None = field(default=None, repr=False, compare=False)
    rng: np.random.Generator = field(
        default_factory=lambda: np.random.default_rng(0), repr=False, compare=False
    )
    contact: float = 0.0  # how much the sides see of each other now [0..1]
    beliefs: dict[str, dict[str, Belief]] = field(default_factory=dict)
    pending: list[Misunderstanding] = field(default_factory=list)
    trust: dict[str, float] = field(default_factory=dict)  # each side's trust, cached
    imposed: dict[str, float] = field(default_factory=dict)  # set from outside (set_trust)

    @classmethod
    def start(
        cls, cfg: RelationshipConfig, maturity: float, rng: np.random.Generator | None = None
    ) -> Relationship:
        """The relationship at the start of a run, as the scenario sets it."""
        rel = cls(maturity=maturity, cfg=cfg)
        if rng is not None:
            rel.rng = rng
        rel.meet_newcomer(maturity)
        return rel

    # --- the numbers every reader uses ----------------------------------------------------
    @property
    def trust_g_in_e(self) -> float:
        """The gemeente's trust in the executor: its belief's mean [0..1]."""
        return self.trust[GEMEENTE]

    @trust_g_in_e.setter
    def trust_g_in_e(self, value: float) -> None:
        self.set_trust(GEMEENTE, value)

    @property
    def trust_e_in_g(self) -> float:
        """The executor's trust in the gemeente: its belief's mean [0..1]."""
        return self.trust[EXECUTOR]

    @trust_e_in_g.setter
    def trust_e_in_g(self, value: float) -> None:
        self.set_trust(EXECUTOR, value)

    @property
    def mean_trust(self) -> float:
        """Average of both directions [0..1]."""
        return 0.5 * (self.trust[GEMEENTE] + self.trust[EXECUTOR])

    @property
    def prior_trust_g_in_e(self) -> float:
        """The gemeente's first impression of an executor it has no history with [0..1]."""
        return self.cfg.trust_gemeente_in_executor

    def set_trust(self, side: str, value: float) -> None:
        """Impose `side`'s trust from outside the evidence (a carried-over value, a test, a
        trainer's hand): kept as an offset on the belief's mean, so later observations
        move it as they move the belief."""
        self.imposed[side] = value - self._belief_mean(side)
        self.trust[side] = value

    def _belief_mean(self, side: str) -> float:
        aspects = self.beliefs[side]
        w = self.cfg.reliability_weight
        return w * aspects[RELIABILITY].mean + (1.0 - w) * aspects[BENEVOLENCE].mean

    def _refresh(self, side: str) -> float:
        value = self._belief_mean(side) + self.imposed[side]
        self.trust[side] = min(1.0, max(0.0, value))
        return self.trust[side]

    # --- observations ---------------------------------------------------------------------
    def _add(self, side: str, aspect: str, evidence: float) -> None:
        belief = self.beliefs[side][aspect]
        if evidence > 0:
            belief.good += evidence
        else:
            belief.bad -= evidence

    def _take_back(self, side: str, aspect: str, evidence: float) -> None:
        """Remove evidence taken in earlier (a misreading set right)."""
        belief = self.beliefs[side][aspect]
        if evidence > 0:
            belief.good = max(0.0, belief.good - evidence)
        else:
            belief.bad = max(0.0, belief.bad + evidence)

    def evidence(self, signal: float) -> float:
        """The evidence an observation of `signal` in [-1, 1] adds: + good, - bad."""
        x = max(-1.0, min(1.0, signal))
        return x if x > 0 else x * self.cfg.negativity_ratio

    def sees(self, share: float) -> bool:
        """Whether a side sees a deed it sees `share` of without contact; contact shows it
        the rest in proportion (no draw for what is on paper, share 1)."""
        if share >= 1.0:
            return True
        return bool(self.rng.random() < share + (1.0 - share) * self.contact)

    def misreads(self, chance: float) -> bool:
        """Whether an ambiguous deed is misread: `chance` without contact, none at full."""
        p = chance * (1.0 - self.contact)
        return p > 0.0 and bool(self.rng.random() < p)

    def observe(
        self, side: str, aspect: str, signal: float, true_signal: float | None = None
    ) -> None:
        """`side` takes in an observation of `aspect` of the other; when `true_signal` is
        given the observation was misread and waits to be cleared."""
        self._add(side, aspect, self.evidence(signal))
        if true_signal is not None:
            self.pending.append(
                Misunderstanding(side, aspect, self.evidence(signal), self.evidence(true_signal))
            )

    def record(
        self, hour: int, what: str, gemeente: float, executor: float, before: dict[str, float]
    ) -> None:
        """Remember an experience (the signals each side took in) and tell the watcher."""
        self.history.append((hour, what, gemeente, executor))
        for side, signal in ((GEMEENTE, gemeente), (EXECUTOR, executor)):
            if signal:
                after = self._refresh(side)
                if self.watcher is not None:
                    self.watcher(side, what, before[side], after)

    def experience(
        self,
        hour: int,
        what: str,
        gemeente: float = 0.0,
        executor: float = 0.0,
        aspects: tuple[str, str] = (RELIABILITY, RELIABILITY),
    ) -> None:
        """Both sides take in a plain observation (seen, read right) and remember why."""
        before = dict(self.trust)
        for side, signal, aspect in (
            (GEMEENTE, gemeente, aspects[0]),
            (EXECUTOR, executor, aspects[1]),
        ):
            if signal:
                self.observe(side, aspect, signal)
        self.record(hour, what, gemeente, executor, before)

    # --- contact, forgetting and setting things right ---------------------------------------
    def meet(self) -> None:
        """A direct contact or a meeting: the sides see more of each other."""
        self.contact += self.cfg.contact_gain * (1.0 - self.contact)

    def drift(self, hour: int = 0) -> None:
        """Once a day: old evidence is discounted ('reversion'), contact fades, and each
        misunderstanding may be cleared (sooner with contact)."""
        keep = 1.0 - self.cfg.reversion_per_day
        before = dict(self.trust)
        for side in SIDES:
            for belief in self.beliefs[side].values():
                belief.good *= keep
                belief.bad *= keep
            after = self._refresh(side)
            if self.watcher is not None:
                self.watcher(side, REVERSION, before[side], after)
        for m in self.pending:
            m.read *= keep
        self._clear_misunderstandings(hour)
        self.contact *= 1.0 - self.cfg.contact_decay_per_day

    def _clear_misunderstandings(self, hour: int) -> None:
        if not self.pending:
            return
        cfg = self.cfg
        chance = (
            cfg.clear_chance_per_day
            + (cfg.clear_chance_contact_per_day - cfg.clear_chance_per_day) * self.contact
        )
        still = []
        for m in self.pending:
            if self.rng.random() >= chance:
                still.append(m)
                continue
            before = self.trust[m.side]
            self._take_back(m.side, m.aspect, m.read)
            self._add(m.side, m.aspect, m.true)
            after = self._refresh(m.side)
            change = after - before  # the history keeps the change the clearing made
            self.history.append(
                (
                    hour,
                    CLEARED,
                    change if m.side == GEMEENTE else 0.0,
                    change if m.side == EXECUTOR else 0.0,
                )
            )
            if self.watcher is not None and change:
                self.watcher(m.side, CLEARED, before, after)
        self.pending = still

    # --- a new counterpart and maturity -------------------------------------------------------
    def meet_newcomer(self, maturity: float) -> None:
        """No shared history (a run's start, a new executor after a tender): each side's
        first impression, no contact yet, the newcomer's maturity."""
        strength = prior_strength(self.cfg)
        firsts = {
            GEMEENTE: self.cfg.trust_gemeente_in_executor,
            EXECUTOR: self.cfg.trust_executor_in_gemeente,
        }
        self.beliefs = {
            side: {a: Belief.first_impression(firsts[side], strength) for a in ASPECTS}
            for side in SIDES
        }
        self.trust = dict(firsts)
        self.imposed = dict.fromkeys(SIDES, 0.0)
        self.pending = []
        self.contact = 0.0
        self.maturity = maturity

    def grow_maturity(self, rate: float) -> None:
        """Development: maturity approaches 1 with diminishing returns."""
        self.maturity = min(1.0, self.maturity + rate * (1.0 - self.maturity))

    def hash_parts(self) -> list:
        """The relationship's state for the state hash."""
        return [
            self.trust[GEMEENTE],
            self.trust[EXECUTOR],
            self.maturity,
            self.contact,
            self.imposed[GEMEENTE],
            self.imposed[EXECUTOR],
            [[b.good, b.bad, b.prior_good] for s in SIDES for b in self.beliefs[s].values()],
            len(self.pending),
            len(self.history),
            self.history[-1:],
        ]
