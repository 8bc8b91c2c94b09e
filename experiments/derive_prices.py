"""Derive the default fixed fee and unit price from the executor's cost (docs/ODD.md §7.22).

Runs the default scenario (cooperative executor, average winter) over several seeds at
the prices it has, and reads the executor's books (sim/agents/ledger.py) and the fleet's
true record of every round:

    fee        = (standby per day x season days + development) x (1 + margin)
    unit price = (crews + trucks + salt used - meerwerk revenue)
                 / full-round equivalents billed x (1 + margin)

(a second-priority round is billed at SECONDARY_ROUND_SHARE of the unit price). It then
runs the same seeds at the derived prices and prints the executor's realised margin, which
should lie within +-5 % (break-even). Re-run it whenever route times, salt or winters move.

    python experiments/derive_prices.py [--seeds 20] [--margin 0.06]
"""

from __future__ import annotations

import argparse
import statistics

from sim.agents.ledger import profit_and_loss, revenues
from sim.driver import Driver
from sim.governance.contract import BASE_MARGIN, SECONDARY_ROUND_SHARE
from sim.model import RegieModel
from sim.scenario.schema import Scenario

BILLED_AT_UNIT_PRICE = ("preventive", "curative", "snow", "grit")


def season(scenario: Scenario, seed: int) -> RegieModel:
    """One default season, run to its end."""
    model = RegieModel(scenario, seed=seed)
    Driver(model).run()
    return model


def round_cost(model: RegieModel) -> tuple[float, float]:
    """(what the rounds billed at the unit price cost [EUR], full-round equivalents billed).

    The season's crews, trucks and salt used, less what meerwerk brought in (the ad-hoc
    rounds and targeted jobs it pays for); the rest is carried by the rounds.
    """
    ex = model.executor
    costs = ex.ledger.costs(ex.depot, 0.0)
    variable = costs["crews"] + costs["trucks"] + costs["salt"]
    rounds = sum(1.0 if a.priority == 1 else SECONDARY_ROUND_SHARE
                 for a in ex.fleet.actions if a.kind in BILLED_AT_UNIT_PRICE)
    return variable - revenues(model.governance)["meerwerk"], rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--margin", type=float, default=BASE_MARGIN,
                        help="margin on cost [-] (default: the contract's normal margin)")
    args = parser.parse_args()
    base = {"weather": {"climate": "average"}}
    scenario = Scenario.model_validate(base)
    ex, days = scenario.executor, scenario.weather.days
    print(f"Default scenario, cooperative executor, average winter, {args.seeds} seeds")
    print(f"standby   {ex.standby_cost_eur_per_day:9.0f} EUR/day x {days} days"
          f" = {ex.standby_cost_eur_per_day * days:9.0f} EUR/season")
    print(f"crew      {ex.crew_cost_eur_per_h:9.0f} EUR/h,  truck {ex.truck_cost_eur_per_h:.0f}"
          f" EUR/h,  salt {ex.salt.price_eur_per_t:.0f} EUR/t")
    models = [season(scenario, seed) for seed in range(args.seeds)]
    first = models[0]
    fleet, plan = first.executor.fleet, first.plan
    delay = 0.5 * (ex.alarm_to_depart_min_h + ex.alarm_to_depart_max_h)
    p1 = plan.by_priority(1)
    route_h = [delay + fleet.route_hours(r, plough=False) for r in p1]
    salt_round = plan.round_salt_t(1, ex.dose_preventive_g_m2)
    nominal = (sum(route_h) * (ex.crew_cost_eur_per_h + ex.truck_cost_eur_per_h)
               + salt_round * ex.salt.price_eur_per_t)
    print(f"a preventive priority-1 round: {len(p1)} routes of {min(route_h):.2f}-"
          f"{max(route_h):.2f} h from the alarm, {salt_round:.1f} t of salt:"
          f" {nominal:8.0f} EUR")
    development = statistics.mean(m.governance.ledger.development_eur for m in models)
    costs = [round_cost(m) for m in models]
    per_round = sum(c for c, _ in costs) / max(sum(r for _, r in costs), 1e-9)
    rounds = statistics.mean(r for _, r in costs)
    print(f"measured: {rounds:.1f} full-round equivalents billed, {per_round:.0f} EUR each;"
          f" development {development:.0f} EUR")
    fixed = ex.standby_cost_eur_per_day * days + development
    fee = round(fixed * (1 + args.margin), -3)
    unit = round(per_round * (1 + args.margin) / 50.0) * 50.0
    print(f"derived:  fixed fee {fee:9.0f} EUR/season, unit price {unit:7.0f} EUR/round"
          f" (margin {100 * args.margin:.0f} % on cost)")
    now = scenario.contract
    print(f"shipped:  fixed fee {now.fixed_fee_eur_per_season:9.0f} EUR/season, unit price"
          f" {now.unit_price_eur_per_action:7.0f} EUR/round")
    priced = Scenario.model_validate({**base, "contract": {
        "fixed_fee_eur_per_season": fee, "unit_price_eur_per_action": unit}})
    margins = [profit_and_loss(season(priced, s).governance)["margin_pct"]
               for s in range(args.seeds)]
    print(f"at the derived prices the executor's margin is {statistics.mean(margins):+.1f} %"
          f" (sd {statistics.stdev(margins):.1f}, {min(margins):+.1f} to {max(margins):+.1f})")


if __name__ == "__main__":
    main()
