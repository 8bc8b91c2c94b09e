"""The stylized facts as claims: two configurations, a KPI and the side of zero on which
the paired difference B - A must lie. The tests assert them one by one; `python -m
tests.facts.facts` prints every claim's measured interval (for docs/ODD.md section 9)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Literal

from tests.facts.paired import Paired, paired

SHORT_SEASONS = {"days": 45, "start_date": "2025-12-15"}  # three winters of the cold core
FULL_SEASON = {"days": 151, "start_date": "2025-11-01"}  # monthly invoices need the whole winter

SMALL_STOCK = {
    "initial_stock_t": 40,
    "supplier_capacity_t_per_week": 10,
    "reorder_level_t": 30,
    "order_quantity_t": 60,
}
SEVERE_SHORTAGE = {
    "weather": {"climate": "severe"},
    "executor": {"salt": SMALL_STOCK},
    "injects": [{"name": "salt_supplier_fails", "day": 10, "severity": 1.0}],
}
RULES = [
    {"rule": "salt_emergency_purchase", "threshold": 30, "max_amount_eur": 10_000},
    {"rule": "plough_authorised", "threshold": 2},
    {"rule": "sand_fallback"},
]
WITH_RULES = {**SEVERE_SHORTAGE, "contract": {"decision_rules": RULES}}
CONTROLLER = {
    "weather": FULL_SEASON,
    "municipality": {"steering_style": "output_control"},
    "roles": {"regisseur": {"bot": "controller"}},
}
RELATIONAL = {
    "weather": FULL_SEASON,
    "municipality": {"steering_style": "relational"},
    "roles": {"regisseur": {"bot": "relational"}},
}
BYPASSING = {"roles": {"wethouder": {"bot": "incident_driven"}}}
COMMITTEE = {**BYPASSING, "contract": {"escalation_committee": True}}
NO_ROUTE = {**BYPASSING, "contract": {"escalation_committee": False}}
FORCED = {"contract": {"sourcing": "forced"}}
MARKET = {"contract": {"sourcing": "market"}}
IN_HOUSE = {"contract": {"sourcing": "in_house"}}
COOPERATIVE = {"roles": {"executor": {"bot": "cooperative"}}, "contract": {"agreements": "output"}}
OPPORTUNIST = {
    "roles": {"executor": {"bot": "opportunistic"}},
    "contract": {"agreements": "output"},
}
NO_TRANSITION = {"contract": {"transition_months": 0}, "weather": SHORT_SEASONS}
TRANSITION = {"contract": {"transition_months": 12}, "weather": SHORT_SEASONS}
NO_BENCHMARK = {"contract": {"sourcing": "forced", "price_benchmark": False}}
BENCHMARK = {"contract": {"sourcing": "forced", "price_benchmark": True}}
HANDS_OFF = {"municipality": {"micromanagement": 0.0}}
MICROMANAGING = {"municipality": {"micromanagement": 0.8}}

Expect = Literal["higher", "lower", "not_lower", "not_higher"]


@dataclass(frozen=True)
class Claim:
    """B - A of `kpi` lies above zero ("higher"), below it ("lower"), or no further below
    (above) zero than `tolerance` times A's mean ("not_lower", "not_higher")."""

    fact: str
    a: dict = field(repr=False)
    b: dict = field(repr=False)
    kpi: str
    expect: Expect
    tolerance: float = 0.0
    seasons: int = 1

    def measure(self) -> Paired:
        """The paired difference over the 20 seeds (cached runs)."""
        return paired(self.a, self.b, self.kpi, seasons=self.seasons)

    def holds(self, r: Paired) -> bool:
        """Whether the interval lies where the claim says."""
        margin = self.tolerance * abs(r.mean_a)
        return {
            "higher": r.low > 0,
            "lower": r.high < 0,
            "not_lower": r.low > -margin,
            "not_higher": r.high < margin,
        }[self.expect]


CLAIMS: dict[str, Claim] = {
    "fact1_cost": Claim("1", IN_HOUSE, FORCED, "cost_total_eur", "higher"),
    "fact2_shortage": Claim("2", WITH_RULES, SEVERE_SHORTAGE, "salt_shortage_days", "higher"),
    "fact2_reachability": Claim("2", WITH_RULES, SEVERE_SHORTAGE, "reachability_pct", "lower"),
    "fact2_attention": Claim("2", WITH_RULES, SEVERE_SHORTAGE, "attention_peak", "higher"),
    "fact3_trust_g": Claim("3", CONTROLLER, RELATIONAL, "trust_gemeente_in_executor", "higher"),
    "fact3_trust_e": Claim("3", CONTROLLER, RELATIONAL, "trust_executor_in_gemeente", "higher"),
    "fact3_escalations": Claim("3", CONTROLLER, RELATIONAL, "escalations", "lower"),
    "fact3_cost": Claim("3", CONTROLLER, RELATIONAL, "cost_total_eur", "not_higher", 0.03),
    "fact4_output": Claim("4", COOPERATIVE, OPPORTUNIST, "output_score", "not_lower", 0.01),
    "fact4_outcome": Claim("4", COOPERATIVE, OPPORTUNIST, "outcome_score", "lower"),
    "fact5_cost": Claim("5", COMMITTEE, NO_ROUTE, "cost_total_eur", "higher"),
    "fact5_trust_g": Claim("5", COMMITTEE, NO_ROUTE, "trust_gemeente_in_executor", "lower"),
    "fact5_trust_e": Claim("5", COMMITTEE, NO_ROUTE, "trust_executor_in_gemeente", "lower"),
    "fact6_maturity": Claim(
        "6", NO_TRANSITION, TRANSITION, "executor_maturity", "higher", seasons=3
    ),
    "fact6_trust_g": Claim(
        "6", NO_TRANSITION, TRANSITION, "trust_gemeente_in_executor", "higher", seasons=3
    ),
    "fact6_trust_e": Claim(
        "6", NO_TRANSITION, TRANSITION, "trust_executor_in_gemeente", "higher", seasons=3
    ),
    "fact7_price_disputes": Claim("7", NO_BENCHMARK, BENCHMARK, "price_disputes", "lower"),
    "fact8_efficiency": Claim("8", HANDS_OFF, MICROMANAGING, "executor_efficiency_pct", "lower"),
    "fact8_trust_e": Claim("8", HANDS_OFF, MICROMANAGING, "trust_executor_in_gemeente", "lower"),
    # Fact 9 (issue 13): forced shopping against the market regime; A market, B forced.
    "fact9_disputes": Claim("9", MARKET, FORCED, "disputes", "higher"),
    "fact9_markup": Claim("9", MARKET, FORCED, "markup_mean_pct", "higher"),
    "fact9_trust_g": Claim("9", MARKET, FORCED, "trust_gemeente_in_executor", "lower"),
    "fact9_trust_e": Claim("9", MARKET, FORCED, "trust_executor_in_gemeente", "lower"),
}


def main(names: list[str]) -> None:
    """Print each named claim (all when none) with its interval, whether it holds, and the
    seconds its not yet cached runs took."""
    for name in names or list(CLAIMS):
        claim = CLAIMS[name]
        start = time.perf_counter()
        try:
            r = claim.measure()
        except KeyError as err:  # a KPI the model does not compute (yet)
            print(f"{name:22s} no KPI {err}", flush=True)
            continue
        verdict = "holds" if claim.holds(r) else "FAILS"
        print(f"{name:22s} {verdict:5s} {r}  ({time.perf_counter() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
