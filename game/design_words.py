"""The design phase's terms in words and the values a person picks from: shared by the
game's design screen (game.scene_design), the host's phones and its projector. No pygame."""

from __future__ import annotations

from sim.design.terms import ITEMS

UNITS = {
    "route_norm_h": "design.hours",
    "salt_rule_t": "design.tonnes",
    "plough_rule_cm": "design.cm",
    "transition_months": "design.months",
}
# Round values a table talks in, besides both sides' own [the item's unit].
ROUND = {
    "route_norm_h": (1.0, 2.0, 3.0, 4.0, 6.0),
    "salt_rule_t": (20.0, 40.0, 60.0, 100.0),
    "plough_rule_cm": (3.0, 5.0, 10.0),
    "transition_months": (0, 3, 6, 12),
}
PRICE_STEP = 0.01  # a price choice every 1 % of the starting price [-]
PRICE_MARGIN = 5  # price steps offered beyond both sides' prices [count]


def term_text(tr, item: str, value: object, start_fee: float) -> str:
    """One term in words (the price as the season's fee)."""
    if value is None:
        return tr("design.none")
    if isinstance(value, bool):
        return tr("value.yes" if value else "value.no")
    if item == "price_factor":
        return tr.money(value * start_fee)
    if item == "agreements":
        return tr(f"value.{value}")
    return tr(UNITS[item], n=tr.number(value))


def choices(item: str, own: dict, other: dict | None) -> list:
    """The values a side may put on the table for one item: round values, its own and
    the other side's (a rule may be left out: None)."""
    mine = own[item]
    theirs = other[item] if other is not None else mine
    if item == "agreements":
        return ["output", "outcome", "both"]
    if isinstance(mine, bool):
        return [True, False]
    if item == "price_factor":
        lo, hi = min(mine, theirs), max(mine, theirs)
        steps = range(-PRICE_MARGIN, round((hi - lo) / PRICE_STEP) + PRICE_MARGIN + 1)
        grid = {round(lo + k * PRICE_STEP, 2) for k in steps} | {mine, theirs}
        return sorted(v for v in grid if 0.5 <= v <= 2.0)
    values = sorted({*ROUND[item], *(v for v in (mine, theirs) if v is not None)})
    return [None, *values] if item in ("salt_rule_t", "plough_rule_cm") else values


def rows(tr, gemeente: dict | None, executor: dict | None, start_fee: float) -> list[dict]:
    """Every item with both sides' standing offer in words and whether it is still open."""
    out = []
    for item in ITEMS:
        open_ = gemeente is None or executor is None or gemeente[item] != executor[item]
        out.append(
            {
                "item": item,
                "label": tr(f"words.design_item.{item}"),
                "gemeente": term_text(tr, item, gemeente[item], start_fee) if gemeente else "—",
                "executor": term_text(tr, item, executor[item], start_fee) if executor else "—",
                "open": open_,
            }
        )
    return out


# --- the gladheidbestrijdingsplan (sim.design.plan_step) -----------------------------------
PLAN_UNITS = {
    "dose_preventive_g_m2": "design.dose",
    "trucks": "design.trucks",
    "initial_stock_t": "design.tonnes",
    "reserve_t": "design.tonnes",
}
PLAN_ROUND = {
    "dose_preventive_g_m2": (5.0, 6.0, 7.0, 8.0, 10.0, 15.0),
    "initial_stock_t": (100.0, 200.0, 300.0, 400.0, 600.0),
    "reserve_t": (0.0, 50.0, 100.0, 200.0),
}


def plan_text(tr, item: str, value: object, short: bool = False) -> str:
    """One term of the plan in words (a route priority as what it means, or `short`)."""
    if value is None:
        return "—"
    if item in ("cycle_priority", "secondary_priority"):
        return tr("design.prio", n=value) if short else tr(f"design.priority_{value}")
    return tr(PLAN_UNITS[item], n=tr.number(value))


def plan_choices(item: str, own: dict, other: dict | None) -> list:
    """The values a side may put in the plan for one item: round values, its own and
    the other version's."""
    mine = own[item]
    theirs = other[item] if other is not None else mine
    if item in ("cycle_priority", "secondary_priority"):
        return [1, 2]
    if item == "trucks":
        return list(range(max(1, min(mine, theirs) - 2), min(20, max(mine, theirs) + 3)))
    return sorted({*PLAN_ROUND[item], mine, theirs})
