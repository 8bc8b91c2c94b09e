"""Regisseur archetypes: controller, relational, absent (plus the micromanagement dial)."""

from __future__ import annotations

from sim.bots.base import Bot
from sim.governance.negotiation import zeuthen_move
from sim.governance.regimes import GEMEENTE

INSTRUCTIONS = ("route_order", "timing", "dose", "crew")


class _Regisseur(Bot):
    role = "regisseur"
    # The hours its own moves can happen (micromanagement at 10, the routine's); open
    # decision points are answered in any hour. Each archetype lists its own.
    active_hours = frozenset({8, 9, 10, 11})
    dispute_tolerance = 0.05  # dispute invoices above the own estimate by more than this
    approve_extra = True
    concession = 0.25  # share of the gap it concedes at a meeting when Zeuthen says so [-]
    escalate_hardened = True  # takes an item it holds up a level once it has hardened

    def answer(self, point: dict, obs: dict) -> dict | None:
        ctx, kind = point["context"], point["kind"]
        if kind == "invoice":
            excess = ctx["claimed_eur"] - ctx["estimated_fair_eur"] * (1 + self.dispute_tolerance)
            if excess > 0:
                return {"type": "review_invoice", "invoice_id": point["ref"],
                        "decision": "dispute",
                        "disputed_eur": round(ctx["claimed_eur"] - ctx["estimated_fair_eur"], 2)}
            return {"type": "review_invoice", "invoice_id": point["ref"], "decision": "approve"}
        if kind == "meerwerk_request":
            safety = ctx["kind"] in ("plough", "emergency_salt")
            ok = safety or self.approve_extra
            return {"type": "decide_meerwerk", "request_id": point["ref"],
                    "decision": "approve" if ok else "reject"}
        if kind == "meeting":
            trust = obs["private"]["trust_in_executor"]
            return {"type": "record_meeting", "meeting_id": point["ref"],
                    "outcomes": [self.item_outcome(item, trust) for item in ctx["agenda"]]}
        if kind == "council_question":
            return {"type": "answer_council", "question_id": point["ref"], "tone": "factual"}
        return dict(point["options"][0])

    def answer_hour(self, point: dict) -> int:
        """A meeting is chaired an hour after it opens, once the executor has tabled."""
        return point["hour"] + (1 if point["kind"] == "meeting" else 0)

    def item_outcome(self, item: dict, trust: float) -> dict:
        """The gemeente's move on an item by the Zeuthen rule, with the archetype's
        concession share (relational steering acts here: it concedes more)."""
        move, amount = zeuthen_move(GEMEENTE, item, self.concession, trust,
                                    self.escalate_hardened)
        return {"item_id": item["item_id"], "move": move, "amount_eur": amount}

    def initiative(self, obs: dict) -> list[dict]:
        acts = self.routine(obs)
        dial = self.scenario.municipality.micromanagement
        if (obs["hour"] % 24 == 10 and obs["executor_actions_24h"] > 0
                and self.rng.random() < 0.7 * dial):
            acts.append({"type": "micromanage",
                         "instruction": INSTRUCTIONS[int(self.rng.integers(len(INSTRUCTIONS)))]})
        return acts

    def routine(self, obs: dict) -> list[dict]:
        return []


class Controller(_Regisseur):
    """Output control: checks every invoice, inspects monthly, penalises missed norms."""

    name = "controller"
    description_nl = "Stuurt op output en contract: controleert facturen, inspecteert, beboet."
    description_en = "Steers on output and contract: checks invoices, inspects, penalises."
    dispute_tolerance = 0.03
    approve_extra = False
    concession = 0.15
    active_hours = frozenset({9, 10, 11})

    def answer_hour(self, point: dict) -> int:
        """Meerwerk gets a formal review: answered near the deadline."""
        if point["kind"] == "meerwerk_request":
            return point["deadline_hour"] - 1
        return super().answer_hour(point)

    def routine(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        acts = []
        if hod == 9 and day % 30 == 10:
            acts.append({"type": "inspect"})
        if hod == 11 and day % 30 == 2 and obs["private"]["penalty_cap_eur"] > 0:
            acts.append({"type": "impose_penalty",
                         "amount_eur": obs["private"]["penalty_cap_eur"]})
        return acts


class Relational(_Regisseur):
    """Relational steering: direct contact, quick approvals, disputes only when large."""

    name = "relational"
    description_nl = "Stuurt op de relatie en op outcome: direct contact, snel akkoord."
    description_en = "Steers on the relationship and outcome: direct contact, quick approval."
    dispute_tolerance = 0.12
    concession = 0.4
    escalate_hardened = False
    active_hours = frozenset({8, 9, 10})

    def routine(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        acts = []
        if hod == 10 and day % 7 in (0, 3):
            acts.append({"type": "direct_contact"})
        if hod == 9 and day % 90 == 40:
            acts.append({"type": "inspect"})
        if (hod == 8 and obs["public"]["pavement_snow_cm"] > 1.0
                and obs["private"]["days_since_campaign"] > 30):
            acts.append({"type": "launch_campaign"})
        return acts


class Absent(_Regisseur):
    """An absent regisseur: signs everything, late, and never looks."""

    name = "absent"
    description_nl = "Afwezig: tekent alles, laat, en kijkt niet."
    description_en = "Absent: signs everything, late, and never looks."
    dispute_tolerance = 10.0
    active_hours = frozenset({10})

    def answer_hour(self, point: dict) -> int:
        return point["deadline_hour"]

    def item_outcome(self, item: dict, trust: float) -> dict:
        return {"item_id": item["item_id"], "move": "hold"}

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] == "council_question":
            return {"type": "answer_council", "question_id": point["ref"], "tone": "defensive"}
        return super().answer(point, obs)
