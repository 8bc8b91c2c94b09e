"""Disputes and meetings: agendas, the chance an item is resolved, and escalation.

Seed 003: "Basisstrategie ... het zo systematisch mogelijk voorkomen van conflicten,
althans het voorkomen van het innemen van posities". An unresolved dispute hardens
(its `hardness` grows each meeting) and moves up a level; hard positions resolve less.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

LEVELS: tuple[str, ...] = ("operational", "management", "escalation")

# Logistic resolution model (assumptions; see docs/ODD.md, Meetings submodel).
RESOLVE_BIAS = -0.2
RESOLVE_TRUST = 4.0  # per unit of the gemeente's trust in the executor above 0.5
RESOLVE_RELATIONAL = 0.9  # relational or outcome-oriented steering
RESOLVE_RULE = 1.0  # a pre-agreed decision rule covers the item
RESOLVE_BENCHMARK = 1.2  # price items with an external benchmark
RESOLVE_HARDNESS = 0.8  # per meeting a position has been held
RESOLVE_COMMITTEE = 1.0  # escalation with an agreed committee (wethouder at the table)


@dataclass
class Dispute:
    """An open disagreement between gemeente and executor."""

    id: int
    hour: int
    kind: str  # price | performance | meerwerk | penalty | reporting
    amount_eur: float
    level: int = 0
    hardness: int = 0
    resolved: bool = False
    rule_covered: bool = False
    inflated: bool = False  # the disputed invoice really was above fair value


@dataclass
class AgendaItem:
    """One agenda item: a dispute or a point for discussion."""

    id: int
    kind: str
    text: str
    dispute_id: int | None = None
    amount_eur: float = 0.0


@dataclass
class Meeting:
    """A meeting at a level with the agenda the model built."""

    id: int
    hour: int
    level: str
    agenda: list[AgendaItem] = field(default_factory=list)
    held: bool = False


def resolve_probability(trust: float, relational: bool, rule: bool, benchmark_price: bool,
                        hardness: int, committee: bool) -> float:
    """Chance the room resolves an item [0..1].

    Built only from what the regisseur can read from the room (its own trust, the style,
    agreed references, how hard positions are), not from the executor's private state.
    """
    z = (RESOLVE_BIAS + RESOLVE_TRUST * (trust - 0.5) + RESOLVE_RELATIONAL * relational
         + RESOLVE_RULE * rule + RESOLVE_BENCHMARK * benchmark_price
         - RESOLVE_HARDNESS * hardness + RESOLVE_COMMITTEE * committee)
    return 1.0 / (1.0 + math.exp(-z))
