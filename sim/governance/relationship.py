"""Trust both ways, conflict, and the executor's maturity.

Trust is an asymmetric leaky integrator (after Slovic's asymmetry principle and the
Jonker-Treur family of experience-based trust models):
    T <- T + a_plus * max(0, x) * (1 - T) - a_minus * max(0, -x) * T
with x in [-1, 1] the surprise of an experience and a_minus / a_plus = 2.5 (trust is lost
two to three times faster than it is built; Pant & Yu 2025 use about 3:1), plus a slow
reversion to the baseline. Values are in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sim.scenario.schema import RelationshipConfig

# Defaults of the scenario's `relationship` section (sources in docs/ODD.md 7.15):
A_PLUS = RelationshipConfig().learning_rate  # 0.06 [-] (assumption, 0.05-0.15 range)
NEGATIVITY_RATIO = RelationshipConfig().negativity_ratio  # 2.5 [-] (Slovic; Pant & Yu 2025)
BASELINE = 0.5  # neutral trust that reversion drifts towards [-]
GEMEENTE, EXECUTOR = "gemeente", "executor"  # whose trust: in the other side
REVERSION = "reversion"  # the reason of the daily drift back to the baseline (`drift`)
# Told of each change of one side's trust: (whose, reason, before, after).
TrustWatcher = Callable[[str, str, float, float], None]


def update_trust(trust: float, surprise: float, a_plus: float = A_PLUS,
                 negativity_ratio: float = NEGATIVITY_RATIO) -> float:
    """One experience: good surprises raise trust, bad ones lower it `negativity_ratio`
    times as fast."""
    x = max(-1.0, min(1.0, surprise))
    a_minus = a_plus * negativity_ratio
    trust += a_plus * max(0.0, x) * (1.0 - trust) - a_minus * max(0.0, -x) * trust
    return min(1.0, max(0.0, trust))


@dataclass
class Relationship:
    """The relationship between gemeente and executor as both sides experience it."""

    trust_g_in_e: float = BASELINE  # gemeente's trust in the executor
    trust_e_in_g: float = BASELINE  # executor's trust in the gemeente
    maturity: float = 0.4
    history: list[tuple[int, str, float, float]] = field(default_factory=list)
    cfg: RelationshipConfig = field(default_factory=RelationshipConfig, repr=False)
    watcher: TrustWatcher | None = field(default=None, repr=False, compare=False)

    @classmethod
    def start(cls, cfg: RelationshipConfig, maturity: float) -> Relationship:
        """The relationship at the start of a run, as the scenario sets it."""
        return cls(trust_g_in_e=cfg.trust_gemeente_in_executor,
                   trust_e_in_g=cfg.trust_executor_in_gemeente, maturity=maturity, cfg=cfg)

    def experience(self, hour: int, what: str, gemeente: float = 0.0,
                   executor: float = 0.0) -> None:
        """Apply a surprise to either side's trust and remember why."""
        a_plus, ratio = self.cfg.learning_rate, self.cfg.negativity_ratio
        g_before, e_before = self.trust_g_in_e, self.trust_e_in_g
        if gemeente:
            self.trust_g_in_e = update_trust(g_before, gemeente, a_plus, ratio)
        if executor:
            self.trust_e_in_g = update_trust(e_before, executor, a_plus, ratio)
        self.history.append((hour, what, gemeente, executor))
        if self.watcher is not None:
            if gemeente:
                self.watcher(GEMEENTE, what, g_before, self.trust_g_in_e)
            if executor:
                self.watcher(EXECUTOR, what, e_before, self.trust_e_in_g)

    def drift(self) -> None:
        """Once a day, trust slowly returns towards the neutral baseline ('reversion')."""
        rate = self.cfg.reversion_per_day
        g_before, e_before = self.trust_g_in_e, self.trust_e_in_g
        self.trust_g_in_e += rate * (BASELINE - self.trust_g_in_e)
        self.trust_e_in_g += rate * (BASELINE - self.trust_e_in_g)
        if self.watcher is not None:
            self.watcher(GEMEENTE, REVERSION, g_before, self.trust_g_in_e)
            self.watcher(EXECUTOR, REVERSION, e_before, self.trust_e_in_g)

    @property
    def prior_trust_g_in_e(self) -> float:
        """The gemeente's first impression of an executor it has no history with [0..1]."""
        return self.cfg.trust_gemeente_in_executor

    def meet_newcomer(self, maturity: float) -> None:
        """A new executor after a tender: no shared history, the newcomer's maturity."""
        self.trust_g_in_e = self.cfg.trust_gemeente_in_executor
        self.trust_e_in_g = self.cfg.trust_executor_in_gemeente
        self.maturity = maturity

    def grow_maturity(self, rate: float) -> None:
        """Development: maturity approaches 1 with diminishing returns."""
        self.maturity = min(1.0, self.maturity + rate * (1.0 - self.maturity))

    @property
    def mean_trust(self) -> float:
        """Average of both directions [0..1]."""
        return 0.5 * (self.trust_g_in_e + self.trust_e_in_g)
