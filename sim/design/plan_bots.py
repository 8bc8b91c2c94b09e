"""How the bots draft, review and answer the gladheidbestrijdingsplan, by archetype.

An executor drafts from the reference plan (the scenario's executor, the plan the
prices of 7.22 pay) what serves its interests; a regisseur asks, as named changes, what
its wishes hold and the draft falls short of (once: after a refusal it adopts the
draft); the executor accepts asked changes or refuses those against its interests.
Assumptions from the archetypes' descriptions (docs/ODD.md 7.21, 7.23).
"""

from __future__ import annotations

from sim.design.plan import PlanTerms

# What an executor's draft changes in the reference plan: trucks added (negative: fewer),
# preventive dose [g/m2], share of the reference stock at the start, reserve [t]. A
# cooperative executor adds a strategic reserve (the lesson of 2010: Katwijk topped up
# from one, DF stock sizes); an opportunist drafts lean (a truck fewer, 6 g/m2, three
# quarters of the stock: less capital and standby); a bureaucrat drafts by the book.
DRAFTS: dict[str, dict[str, float]] = {
    "cooperative": {"reserve_t": 100.0},
    "opportunistic": {"trucks": -1, "dose_preventive_g_m2": 6.0, "stock_share": 0.75},
    "bureaucratic": {},
}
# What a regisseur wants at least (priority: 1 is more; numbers: at least this). None:
# the reference plan's value. The controller wants CROW's dose, the full fleet and the
# cycle routes first; the relational one also a strategic reserve; the absent one
# adopts whatever is drafted.
WISHES: dict[str, dict[str, float | None]] = {
    "controller": {"cycle_priority": 1, "dose_preventive_g_m2": None, "trucks": None},
    "relational": {"cycle_priority": 1, "trucks": None, "reserve_t": 100.0},
    "absent": {},
}
# Which asked changes an executor refuses: those that raise the fixed fee (capital and
# standby tied up: the opportunist), or a preventive dose below the reference (the
# bureaucrat keeps CROW's practice).
REFUSES: dict[str, str] = {"opportunistic": "fee_up", "bureaucratic": "dose_down"}


def draft(archetype: str, ref: PlanTerms) -> PlanTerms:
    """The executor bot's draft."""
    spec = DRAFTS.get(archetype, {})
    return ref.model_copy(
        update={
            "trucks": max(1, ref.trucks + int(spec.get("trucks", 0))),
            "dose_preventive_g_m2": float(
                spec.get("dose_preventive_g_m2", ref.dose_preventive_g_m2)
            ),
            "initial_stock_t": round(ref.initial_stock_t * spec.get("stock_share", 1.0), 1),
            "reserve_t": float(spec.get("reserve_t", ref.reserve_t)),
        }
    )


def asked(archetype: str, ref: PlanTerms, plan: PlanTerms) -> PlanTerms:
    """The plan as the regisseur bot wants it: the draft raised to its wishes."""
    update: dict[str, float] = {}
    for item, wish in WISHES.get(archetype, {}).items():
        want = getattr(ref, item) if wish is None else wish
        have = getattr(plan, item)
        if item.endswith("priority"):
            if have > want:
                update[item] = int(want)
        elif have < want:
            update[item] = type(have)(want)
    return plan.model_copy(update=update)


def accepts(
    archetype: str, draft_price: dict, asked_price: dict, drafted: PlanTerms, wanted: PlanTerms
) -> bool:
    """Whether the executor bot takes the asked changes (at their price)."""
    rule = REFUSES.get(archetype)
    if rule == "fee_up":
        return asked_price["fee_eur"] <= draft_price["fee_eur"]
    if rule == "dose_down":
        return wanted.dose_preventive_g_m2 >= drafted.dose_preventive_g_m2
    return True
