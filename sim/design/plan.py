"""The gladheidbestrijdingsplan as the design phase negotiates it: the executor's 'hoe'
(docs/ODD.md 7.23). Each choice has a cost, priced as ODD 7.22 derives the default
prices (cost plus the normal margin), and a consequence the winter feels: the route
priorities shape the plan's routes, the trucks, dose and salt the executor's means.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from sim.agents.plan import GladheidPlan, draft_plan
from sim.design.config import PlanConfig
from sim.governance.contract import BASE_MARGIN
from sim.governance.invoices import STANDARD_SEASON_DAYS
from sim.scenario.schema import ContractConfig, ExecutorConfig

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.world.town import Town

# Capital and storage of a tonne of salt held through the season [EUR/t per season].
# Assumption: 4 % interest on the contract price of 65 EUR/t (2.6) plus covered storage
# (loods or tent, about 7); salt is bought in summer and held (DF: stock sizes).
HOLDING_EUR_PER_T = 10.0
# The items of a plan in the order the bots take them up (and the screen lists them).
PLAN_ITEMS: tuple[str, ...] = (
    "cycle_priority",
    "secondary_priority",
    "dose_preventive_g_m2",
    "trucks",
    "initial_stock_t",
    "reserve_t",
)


class PlanTerms(BaseModel):
    """One version of the plan: route priorities, preventive dose, crews, salt."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)
    cycle_priority: Literal[1, 2] = Field(
        description="Cycle routes in priority 1 (every preventive round) or 2 (snow only)."
    )
    secondary_priority: Literal[1, 2] = Field(
        description="Secondary roads in priority 1 (every round) or 2 (snow only)."
    )
    dose_preventive_g_m2: float = Field(ge=4.0, le=20.0, description="Preventive dose [g/m2].")
    trucks: int = Field(ge=1, le=20, description="Trucks with crews on standby [trucks].")
    initial_stock_t: float = Field(
        ge=0.0, le=10_000.0, description="Working stock in the depot at season start [t]."
    )
    reserve_t: float = Field(
        ge=0.0,
        le=5_000.0,
        description="Strategic reserve held apart, stored on top of the depot [t].",
    )


def reference_plan(cfg: ExecutorConfig, levels: PlanConfig | None = None) -> PlanTerms:
    """The plan the scenario's executor section describes (the prices of 7.22 pay it)."""
    levels = levels or PlanConfig()
    return PlanTerms(
        cycle_priority=levels.cycle_priority,
        secondary_priority=levels.secondary_priority,
        dose_preventive_g_m2=float(cfg.dose_preventive_g_m2),
        trucks=cfg.trucks,
        initial_stock_t=float(cfg.salt.initial_stock_t),
        reserve_t=0.0,
    )


def changes(a: PlanTerms | None, b: PlanTerms | None) -> list[str]:
    """The items on which two plans differ (all when one is missing)."""
    if a is None or b is None:
        return list(PLAN_ITEMS)
    return [k for k in PLAN_ITEMS if getattr(a, k) != getattr(b, k)]


def executor_config(cfg: ExecutorConfig, ref: PlanTerms, plan: PlanTerms) -> ExecutorConfig:
    """The executor's means under this plan (validated as a scenario's executor section).

    Standby scales with the trucks on standby (the readiness cost of 7.22 shared over the
    fleet, drivers in proportion) and carries the holding cost of salt held above the
    reference stock; the reserve is stored on top (capacity) and kept apart from the
    working stock by ordering as if it were not there (reorder level raised by it)."""
    standby = cfg.standby_cost_eur_per_day + standby_extra(cfg, ref, plan)
    salt = cfg.salt
    held = plan.initial_stock_t + plan.reserve_t
    data = cfg.model_dump()
    data.update(
        trucks=plan.trucks,
        drivers=max(1, round(cfg.drivers * plan.trucks / ref.trucks)),
        dose_preventive_g_m2=plan.dose_preventive_g_m2,
        standby_cost_eur_per_day=round(max(0.0, standby), 2),
    )
    data["salt"].update(
        initial_stock_t=held,
        capacity_t=max(salt.capacity_t, held),
        reorder_level_t=salt.reorder_level_t + plan.reserve_t - ref.reserve_t,
    )
    return ExecutorConfig.model_validate(data)


def standby_extra(cfg: ExecutorConfig, ref: PlanTerms, plan: PlanTerms) -> float:
    """What the plan adds to the executor's standby cost [EUR/day]: trucks on standby and
    salt held above the reference, over the season the fee covers."""
    per_truck = cfg.standby_cost_eur_per_day / ref.trucks
    extra_t = plan.initial_stock_t + plan.reserve_t - ref.initial_stock_t - ref.reserve_t
    return (plan.trucks - ref.trucks) * per_truck + (
        extra_t * HOLDING_EUR_PER_T / STANDARD_SEASON_DAYS
    )


def levels_of(plan: PlanTerms) -> PlanConfig:
    """The route priorities of a plan (the scenario's `plan` section)."""
    return PlanConfig(
        cycle_priority=plan.cycle_priority, secondary_priority=plan.secondary_priority
    )


def round_cost_eur(cfg: ExecutorConfig, routes: GladheidPlan) -> float:
    """The executor's cost of one preventive priority-1 round of these routes at this
    dose: loading and driving every route, crew and truck, and the salt (7.22)."""
    hours = sum(
        cfg.loading_h + r.hours(cfg.empty_speed_kmh, cfg.gritting_speed_kmh)
        for r in routes.by_priority(1)
    )
    salt_t = routes.round_salt_t(1, cfg.dose_preventive_g_m2)
    return hours * (cfg.crew_cost_eur_per_h + cfg.truck_cost_eur_per_h) + (
        salt_t * cfg.salt.price_eur_per_t
    )


def price_of(town: Town, base: ExecutorConfig, ref: PlanTerms, plan: PlanTerms) -> dict[str, float]:
    """What this plan adds to the reference plan's prices, cost plus margin (7.22): the
    fixed fee carries standby (trucks) and holding (salt) over the season the fee covers,
    the unit price the cost of a round (route priorities, dose, trucks)."""
    cfg = executor_config(base, ref, plan)
    fee = standby_extra(base, ref, plan) * STANDARD_SEASON_DAYS
    new = round_cost_eur(cfg, draft_plan(town, plan.trucks, levels_of(plan)))
    old = round_cost_eur(base, draft_plan(town, ref.trucks, levels_of(ref)))
    return {
        "fee_eur": round(fee * (1.0 + BASE_MARGIN), 2),
        "unit_eur": round((new - old) * (1.0 + BASE_MARGIN), 2),
    }


def priced(start: ContractConfig, price: dict[str, float]) -> ContractConfig:
    """The starting contract with the plan's prices added (never below zero)."""
    return start.model_copy(
        update={
            "fixed_fee_eur_per_season": round(
                max(0.0, start.fixed_fee_eur_per_season + price["fee_eur"]), 2
            ),
            "unit_price_eur_per_action": round(
                max(0.0, start.unit_price_eur_per_action + price["unit_eur"]), 2
            ),
        }
    )


def use_plan(model: RegieModel, cfg: ExecutorConfig, levels: PlanConfig) -> None:
    """The winter runs against this plan from now on: its routes, and an executor with
    these means (built anew at hour 0, before it has done anything), also in the
    scenario the next winter starts from."""
    model.plan = draft_plan(model.town, cfg.trucks, levels)
    from sim.agents.executor import Uitvoeringsorganisatie

    old = model.executor
    model.executor = Uitvoeringsorganisatie(model, cfg, model.plan)
    old.remove()
    model.scenario = model.scenario.model_copy(update={"executor": cfg, "plan": levels})
    for seat in model.governance.controllers.values():
        if seat is not None and hasattr(seat, "scenario"):
            seat.scenario = model.scenario
    model.executor.conduct.apply()
