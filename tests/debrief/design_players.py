"""Scripted regisseurs for the design phase (tests only): both play the winter as the
relational script does; in the design phase one asks for every term for the unforeseen
(designs gedoebestendig), the other for none. Each holds to its ask until the executor's
offer has its terms, then accepts; with no table time left it accepts or walks away."""

from __future__ import annotations

from sim.bots.scripted import ScriptedRelational

# Every term for the unforeseen (sim.design.terms), and a price the executor takes.
GEDOEBESTENDIG = {
    "salt_rule_t": 60.0,
    "plough_rule_cm": 3.0,
    "escalation_committee": True,
    "price_benchmark": True,
    "transition_months": 6,
    "price_factor": 1.08,
}
NAIVE = {
    "salt_rule_t": None,
    "plough_rule_cm": None,
    "escalation_committee": False,
    "price_benchmark": False,
    "transition_months": 0,
    "price_factor": 1.08,
}


class _Designer(ScriptedRelational):
    """Plays its design turns through `model.submit` as they come (the executor's bot
    answers inside each submission, so the next turn is open at once); `model` is set by
    the recorder's `on_model` hook."""

    wish: dict = {}
    model = None

    def decide(self, obs: dict) -> list[dict]:
        for _ in range(100):  # bounded: the table's clock ends the phase long before
            points = [
                p
                for p in self.model.observe(self.role)["decisions"]
                if p["kind"].startswith("design_")
            ]
            if not points:
                break
            p = points[0]  # the contract's terms by the wish; the plan as the executor drafts
            move = self.design_move(p) if p["kind"] == "design_regisseur" else p["options"][0]
            if not self.model.submit(self.role, dict(move)).ok:
                break
        return [
            a for a in super().decide(self.model.observe(self.role)) if a["type"] != "design_move"
        ]

    def design_move(self, point: dict) -> dict:
        """Hold to the ask until the executor's offer has its terms, then accept."""
        ctx = point["context"]
        other = ctx["other"]
        ask = {**ctx["start"], **self.wish}
        moves = {o["move"] for o in point["options"]}
        base = {"type": "design_move", "design_id": point["ref"]}
        if "accept" in moves and all(other[k] == v for k, v in ask.items() if k != "price_factor"):
            return {**base, "move": "accept"}
        if "offer" in moves:
            return {**base, "move": "offer", "terms": ask}
        return {**base, "move": "accept" if "accept" in moves else "walk"}


class Gedoebestendig(_Designer):
    """Asks for every term for the unforeseen."""

    name = "gedoebestendig"
    wish = GEDOEBESTENDIG


class Naive(_Designer):
    """Asks for no term for the unforeseen."""

    name = "naive"
    wish = NAIVE


DESIGN_PLAYERS = {"gedoebestendig": Gedoebestendig, "naive": Naive}
