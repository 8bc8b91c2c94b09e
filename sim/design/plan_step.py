"""The plan step of the design phase: after the gemeente's ask (the 'wat') the executor
drafts its gladheidbestrijdingsplan (the 'hoe'); the regisseur adopts it or asks named
changes; the executor accepts them, at their price, or refuses, and the regisseur
decides again. The draft is handed over in writing, ready before the table meets; an ask
takes a move's table time on the phase's clock; adopting, accepting and refusing are
answers. The adopted plan prices the starting
offer (cost plus margin, sim.design.plan) before the sides negotiate the rest, and the
winter runs against it (`apply`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.design import plan_bots
from sim.design.plan import (
    PlanTerms,
    changes,
    executor_config,
    levels_of,
    price_of,
    priced,
    reference_plan,
    use_plan,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sim.design.phase import DesignPhase

# Decision point kind -> (role, the moves it may make).
POINTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "design_plan_draft": ("executor", ("draft",)),
    "design_plan_review": ("regisseur", ("adopt", "ask")),
    "design_plan_answer": ("executor", ("accept", "refuse")),
}


class PlanStep:
    """The plan's draft, the changes asked, and the plan adopted."""

    def __init__(self, phase: DesignPhase) -> None:
        self.phase = phase
        model = phase.model
        self.base = model.scenario.executor
        self.reference = reference_plan(self.base, model.scenario.plan)
        self.draft: PlanTerms | None = None
        self.asked: PlanTerms | None = None
        self.adopted: PlanTerms | None = None
        self.refused = 0

    def price(self, plan: PlanTerms | None) -> dict[str, float] | None:
        """What the plan adds to the reference plan's fee and unit price [EUR]."""
        if plan is None:
            return None
        return price_of(self.phase.model.town, self.base, self.reference, plan)

    def view(self) -> dict:
        """What both sides see of the plan (in every design point's context)."""

        def dump(plan: PlanTerms | None) -> dict | None:
            return plan.model_dump() if plan is not None else None

        return {
            "reference": self.reference.model_dump(),
            "draft": dump(self.draft),
            "asked": dump(self.asked),
            "adopted": dump(self.adopted),
            "changes": changes(self.draft, self.asked) if self.asked is not None else [],
            "price": {"draft": self.price(self.draft), "asked": self.price(self.asked)},
            "refused": self.refused,
        }

    # --- the points ----------------------------------------------------------------------
    def begin(self) -> None:
        """The executor drafts (its template: the reference plan)."""
        self._raise("design_plan_draft", [{"move": "draft", "plan": self.reference.model_dump()}])

    def _raise(self, kind: str, moves: list[dict]) -> None:
        phase = self.phase
        options = [{"type": "plan_move", "design_id": phase.moves, **m} for m in moves]
        phase._raise(kind, POINTS[kind][0], options)

    def _review(self) -> None:
        moves = [{"move": "adopt"}]
        if self.phase.minutes_left + 1e-9 >= self.phase.minutes_per_move:
            moves.append({"move": "ask", "plan": self.draft.model_dump()})
        self._raise("design_plan_review", moves)

    # --- checks and moves (the action API's handlers) ------------------------------------
    def check(self, role: str, action: BaseModel) -> str:
        """Why this plan move may not be made now ('' if it may)."""
        point = self.phase.point
        if point is None or point.kind not in POINTS:
            return "the plan is not on the table now"
        if action.move not in POINTS[point.kind][1]:
            return f"now the plan asks one of: {', '.join(POINTS[point.kind][1])}"
        if action.move not in ("draft", "ask"):
            return ""
        if action.plan is None:
            return f"{'a draft' if action.move == 'draft' else 'an ask'} needs the plan"
        if action.move == "ask":
            if not changes(self.draft, action.plan):
                return "this asks no change: adopt the draft instead"
            if self.phase.minutes_left + 1e-9 < self.phase.minutes_per_move:
                return "no table time is left to ask changes: adopt the draft"
        capacity = self.base.salt.capacity_t
        if action.plan.initial_stock_t > capacity:
            return f"the depot holds {capacity:.0f} t: put the rest in the reserve"
        try:
            executor_config(self.base, self.reference, action.plan)
        except ValueError as err:
            return f"this plan makes no valid executor: {err}"
        return ""

    def move(self, role: str, action: BaseModel) -> None:
        """A draft or an ask (they take table time) or an answer; then the next point."""
        phase = self.phase
        phase.moves += 1
        if action.move == "ask":
            phase.used += min(phase.minutes_per_move, phase.minutes_left)
        if action.move == "draft":
            self.draft = action.plan
            self._review()
        elif action.move == "ask":
            self.asked = action.plan
            self._raise("design_plan_answer", [{"move": "accept"}, {"move": "refuse"}])
        elif action.move == "refuse":
            self.refused += 1
            self._review()
        else:
            self.finish(self.draft if action.move == "adopt" else self.asked)

    def finish(self, plan: PlanTerms) -> None:
        """The plan is adopted: it prices the starting offer; the executor's offer next."""
        self.adopted = plan
        self.phase.start = priced(self.phase.start, self.price(plan))
        self.phase.after_plan()

    # --- bots ----------------------------------------------------------------------------
    def bot_move(self, kind: str, archetype: str) -> dict:
        """The bot's plan move at this point, by archetype (sim.design.plan_bots)."""
        if kind == "design_plan_draft":
            plan = plan_bots.draft(archetype, self.reference)
            return {"move": "draft", "plan": plan.model_dump()}
        if kind == "design_plan_review":
            want = plan_bots.asked(archetype, self.reference, self.draft)
            time = self.phase.minutes_left + 1e-9 >= self.phase.minutes_per_move
            if self.refused or not changes(self.draft, want) or not time:
                return {"move": "adopt"}
            return {"move": "ask", "plan": want.model_dump()}
        yes = plan_bots.accepts(
            archetype, self.price(self.draft), self.price(self.asked), self.draft, self.asked
        )
        return {"move": "accept" if yes else "refuse"}

    # --- the winter -----------------------------------------------------------------------
    def record(self) -> dict | None:
        """The adopted plan for the `contract_agreed` event (None: no plan adopted)."""
        if self.adopted is None:
            return None
        return {
            "plan": self.adopted.model_dump(),
            "draft": self.draft.model_dump(),
            "changes": changes(self.draft, self.adopted),
            "refused": self.refused,
            "price": self.price(self.adopted),
        }

    def apply(self) -> None:
        """The winter runs against the adopted plan (nothing to do for the reference)."""
        if self.adopted is None or not changes(self.adopted, self.reference):
            return
        cfg = executor_config(self.base, self.reference, self.adopted)
        use_plan(self.phase.model, cfg, levels_of(self.adopted))
