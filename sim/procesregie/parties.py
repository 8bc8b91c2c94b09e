"""A party in the bestuursproces: its utility of an option, what it proposes, when it consents.

Utility is one minus the priority-weighted distance to its core values (an additive value
model); a party consents within its mandate and when the option beats its outside option,
trust tipping the balance (Klijn, Edelenbos & Steijn 2010: trust raises perceived outcomes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.procesregie.schema import PartySpec

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel

PROPOSALS_PER_ROUND = {
    "initieren": 2.0,
    "participeren": 1.0,
    "faciliteren": 0.5,
    "niet_meedoen": 0.0,
}
"""Options a party puts on the table per round of divergeren, by role (assumption: the
workshop text's "groot belang, grote inzet" from initiëren down to niet meedoen)."""
TRUST_WEIGHT = 0.3
"""Utility points one unit of trust above 0.5 adds to a party's judgement (assumption)."""
AGENDA_OPENNESS = 0.5
"""Factor on a party's attachment to its own value on the framed agenda dimension
(Klijn, Steijn & Edelenbos 2010: exploring content as a strategy; size assumed)."""
PROPOSAL_NOISE = 0.06
"""Spread of a proposal around the value it starts from [0-1 scale] (assumption)."""


class Party(mesa.Agent):
    """One party; `index` is its row in the model's trust matrix."""

    def __init__(self, model: ProcesModel, spec: PartySpec, index: int) -> None:
        super().__init__(model)
        self.spec = spec
        self.key = spec.key
        self.index = index
        self.core = np.array(spec.core_values, dtype=float)
        self.priorities = np.array(spec.priorities, dtype=float)
        self.first_priority = int(np.argmax(self.priorities))
        self.role = spec.role
        self.invited = spec.invited
        self.consented = False
        self.declared: dict[int, bool] = {}
        """A person's word on shortlisted options this consolidation (index -> consent)."""
        self.leave_reason = ""

    @property
    def at_table(self) -> bool:
        """Invited and taking part (any role but niet meedoen)."""
        return self.invited and self.role != "niet_meedoen"

    def utility(self, option: np.ndarray) -> float:
        """1 - priority-weighted distance to the core values, in [0, 1]."""
        return float(1.0 - self.priorities @ np.abs(option - self.core))

    def trust_in_others(self) -> float:
        """Mean trust this party puts in the other parties."""
        row = self.model.trust[self.index]
        return float((row.sum() - row[self.index]) / (len(row) - 1))

    def judges_acceptable(self, option: np.ndarray) -> bool:
        """Would support the option: its utility, lifted by trust, beats walking away."""
        lift = TRUST_WEIGHT * (self.trust_in_others() - 0.5)
        return self.utility(option) + lift >= self.spec.outside_option

    def within_mandate(self, option: np.ndarray) -> bool:
        """Its achterban allows it to consent (distance on its first priority)."""
        d = self.first_priority
        return abs(option[d] - self.core[d]) <= self.spec.mandate

    def consents(self, option: np.ndarray) -> bool:
        """Consolideren: consent only within the mandate and when acceptable."""
        return self.within_mandate(option) and self.judges_acceptable(option)

    def says_consent(self, option: np.ndarray, index: int) -> bool:
        """The word a person in the seat gave on shortlisted option `index` (consent only
        within the mandate, checked when given), else the party's own judgement."""
        declared = self.declared.get(index)
        return self.consents(option) if declared is None else declared

    def propose(
        self, rng: np.random.Generator, others: list[Party], agenda: int | None = None
    ) -> list[np.ndarray]:
        """Divergeren: options from its core values on what it cares about, borrowing the
        other engaged parties' values elsewhere (variety of parties gives variety of options).
        On the dimension the regisseur put first on the agenda a party is half as attached
        to its own value (the table talks it through)."""
        expected = PROPOSALS_PER_ROUND[self.role]
        count = int(expected) + int(rng.random() < expected - int(expected))
        options = []
        for _ in range(count):
            option = self.core.copy()
            keep = self.priorities / self.priorities.max()
            if agenda is not None:
                keep[agenda] *= AGENDA_OPENNESS
            for d in range(len(option)):
                if others and rng.random() >= keep[d]:
                    option[d] = others[int(rng.integers(len(others)))].core[d]
            option += rng.normal(0.0, PROPOSAL_NOISE, len(option))
            options.append(np.clip(option, 0.0, 1.0))
        return options
