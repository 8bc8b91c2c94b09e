"""Scripted players: bots that sit in a *human* seat, for sessions without people.

A scripted player acts through `model.submit`, as a person at the game would, so the
session it plays reads like a classroom log (`sim.bots.play.record_session`). Each shows
one plain way of playing a role (a micromanaging regisseur, an executor that flatters its
reports, a wethouder who phones the executor, ...). Unlike the archetypes they draw no
chance (a counter where they vary): the rubric tests, the benchmarks and the screenshots
compare them on the same winter. They are not seatable as a scenario's bot, and ghost runs
do not use them (`sim.bots.BOTS` holds the archetypes, `sim.bots.SCRIPTED` these).
"""

from __future__ import annotations

import numpy as np

from sim.bots.base import Bot
from sim.bots.executor import emergency_salt
from sim.bots.regisseur import INSTRUCTIONS
from sim.scenario.schema import Scenario


class ScriptedPlayer(Bot):
    """A scripted player: answers every point it sees and acts at its active hours."""

    kind = "scripted"
    active_hours: frozenset[int] = frozenset({8, 9, 10, 11, 14, 15})

    def __init__(self, rng: np.random.Generator | None = None,
                 scenario: Scenario | None = None) -> None:
        # rng unused: scripted play draws no chance. The scenario is what the player knows
        # of the contract; when None, the recorder fills it in.
        super().__init__(rng, scenario)
        self.n = 0  # a counter instead of chance

    def decide(self, obs: dict) -> list[dict]:
        """Answers to the open points; free actions only at the player's active hours."""
        out = [a for p in obs["decisions"] if (a := self.answer(p, obs)) is not None]
        if obs["hour"] % 24 in self.active_hours:
            out += self.initiative(obs)
        return out


# ------------------------------------------------------------------- regisseur -------
class _Regisseur(ScriptedPlayer):
    role = "regisseur"
    tolerance = 0.05  # dispute invoices above the own estimate by more than this share
    approve_extra = True
    meeting = "compromise"  # outcome for every agenda item
    tone = "factual"

    def answer(self, point: dict, obs: dict) -> dict | None:
        ctx, kind, ref = point["context"], point["kind"], point["ref"]
        if kind == "invoice":
            est = ctx["estimated_fair_eur"] / self.expectation(obs)
            if ctx["claimed_eur"] > est * (1 + self.tolerance):
                return {"type": "review_invoice", "invoice_id": ref, "decision": "dispute",
                        "disputed_eur": round(ctx["claimed_eur"] - est, 2)}
            return {"type": "review_invoice", "invoice_id": ref, "decision": "approve"}
        if kind == "meerwerk_request":
            ok = self.approve_extra or ctx["kind"] in ("plough", "emergency_salt")
            return {"type": "decide_meerwerk", "request_id": ref,
                    "decision": "approve" if ok else "reject"}
        if kind == "meeting":
            if obs["hour"] < point["hour"] + 1:  # the chair waits an hour for the positions
                return None
            return {"type": "record_meeting", "meeting_id": ref,
                    "outcomes": [self.item(i) for i in ctx["agenda"]]}
        if kind == "council_question":
            return {"type": "answer_council", "question_id": ref, "tone": self.tone}
        return dict(point["options"][0])

    def expectation(self, obs: dict) -> float:
        """How the player reads the own estimate (1 = takes it at face value)."""
        return 1.0

    def item(self, item: dict) -> dict:
        """The player's fixed stance on one agenda item."""
        out = {"item_id": item["item_id"], "outcome": self.meeting}
        if self.meeting == "compromise":
            out["amount_eur"] = round(0.5 * item["amount_eur"], 2)
        if self.meeting == "agree":
            out["amount_eur"] = round(item["amount_eur"], 2)
        if self.meeting == "reject" and item["hardness"] >= 1:
            out["outcome"] = "escalate"
        return out


class Micromanager(_Regisseur):
    """Sits in the executor's chair: daily operational instructions and extra rounds."""

    name = "micromanager"
    description_nl = "Micromanager: dagelijkse werkinstructies en extra rondes, wijst meerwerk af."
    description_en = "Micromanager: daily work instructions and extra rounds, rejects meerwerk."
    tolerance = 0.03
    approve_extra = False
    meeting = "reject"

    def initiative(self, obs: dict) -> list[dict]:
        hod = obs["hour"] % 24
        out = []
        if hod == 10 and obs["private"]["regie_hours_left"] >= 1:
            self.n += 1
            out.append({"type": "micromanage", "instruction": INSTRUCTIONS[self.n % 4]})
        if hod == 8 and obs["day"] % 3 == 0:
            out.append({"type": "request_extra_round", "priority": 2})
        return out


class ScriptedRelational(_Regisseur):
    """Steers on the relationship: direct contact twice a week, quick approvals."""

    name = "relational"
    description_nl = "Relationeel (script): twee keer per week contact, snel akkoord."
    description_en = "Relational (script): contact twice a week, quick approval."
    tolerance = 0.12
    meeting = "compromise"

    def initiative(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        out = []
        if hod == 10 and day % 7 in (0, 3):
            out.append({"type": "direct_contact"})
        if hod == 9 and day % 45 == 20:
            out.append({"type": "inspect"})
        if (hod == 8 and obs["public"]["pavement_snow_cm"] > 1.0
                and not obs["private"]["campaign_running"]):
            out.append({"type": "launch_campaign"})
        return out


class ScriptedController(_Regisseur):
    """Output control to the letter: disputes, inspects, penalises, refuses all meerwerk
    ("not in the contract"), holds positions at meetings and blames the executor."""

    name = "controller"
    description_nl = ("Controleur (script): naar de letter van het contract, weigert alle "
                      "meerwerk, beboet, wijst naar de uitvoerder.")
    description_en = ("Controller (script): to the letter of the contract, refuses all "
                      "meerwerk, penalises, blames the executor.")
    tolerance = 0.03
    approve_extra = False
    meeting = "reject"
    tone = "blame_executor"

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] == "meerwerk_request":
            return {"type": "decide_meerwerk", "request_id": point["ref"], "decision": "reject"}
        return super().answer(point, obs)

    def initiative(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        out = []
        if hod == 9 and day % 30 == 10:
            out.append({"type": "inspect"})
        if hod == 11 and obs["private"]["penalty_cap_eur"] > 0:
            out.append({"type": "impose_penalty", "amount_eur": obs["private"]["penalty_cap_eur"]})
        return out


class ScriptedAbsent(_Regisseur):
    """Signs everything, holds every position, looks at nothing."""

    name = "absent"
    description_nl = "Afwezig (script): tekent alles direct, houdt overal vast, kijkt niet."
    description_en = "Absent (script): signs everything at once, holds every position."
    tolerance = 10.0
    meeting = "reject"
    tone = "defensive"


class OutcomeSteerer(_Regisseur):
    """Steers on the street: reads complaints and reachability, inspects, acts early."""

    name = "outcome"
    description_nl = "Stuurt op de straat: klachten en bereikbaarheid, grijpt vroeg in."
    description_en = "Steers on the street: complaints and reachability, acts early."
    tolerance = 0.08
    meeting = "compromise"

    def expectation(self, obs: dict) -> float:
        return 0.9  # knows the promised savings make the own estimate too low

    def initiative(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        pub, priv = obs["public"], obs["private"]
        out = []
        if hod == 9 and day % 30 == 5:
            out.append({"type": "inspect"})
        trouble = (pub["reachability_yesterday_pct"] < 97.0 or pub["complaints_today"] >= 3
                   or pub["injuries_today"] >= 2)
        if trouble and hod in (8, 14):
            out.append({"type": "direct_contact"})
            if priv["open_disputes"] > 0:
                out.append({"type": "call_meeting", "level": "operational"})
        if hod == 8 and pub["pavement_snow_cm"] > 1.0 and not priv["campaign_running"]:
            out.append({"type": "launch_campaign"})
        return out


class Businesslike(OutcomeSteerer):
    """Checks each invoice line against the contract prices and disputes only the excess."""

    name = "businesslike"
    description_nl = "Zakelijk: toetst elke factuurregel aan de contractprijs, betwist het teveel."
    description_en = "Businesslike: checks each invoice line against the contract price."

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] != "invoice" or self.scenario is None:
            return super().answer(point, obs)
        # Imported here: sim.governance imports sim.bots.
        from sim.governance.contract import SECONDARY_ROUND_SHARE

        unit = self.scenario.contract.unit_price_eur_per_action
        prices = (unit, unit * SECONDARY_ROUND_SHARE)
        ctx = point["context"]
        excess = 0.0
        for what, claimed in ctx["lines"]:
            if what.endswith(" round"):
                fair = min(prices, key=lambda p: abs(claimed - p) if claimed >= p else 1e18)
                if claimed > fair * 1.001:
                    excess += claimed - fair
            elif what == "nagekomen kosten":
                excess += claimed
        if excess > 0.02 * ctx["claimed_eur"]:
            return {"type": "review_invoice", "invoice_id": point["ref"], "decision": "dispute",
                    "disputed_eur": round(excess, 2)}
        return {"type": "review_invoice", "invoice_id": point["ref"], "decision": "approve"}


# -------------------------------------------------------------------- executor -------
class _Executor(ScriptedPlayer):
    role = "executor"
    honesty = "honest"
    stance = (6.0, "full", "invoice")  # markup [%], effort, small jobs, every month
    order = "accept"  # the answer to every order for an extra round

    def answer(self, point: dict, obs: dict) -> dict | None:
        kind, ref = point["kind"], point["ref"]
        if kind == "monthly_report":
            return {"type": "submit_report", "report_id": ref, "honesty": self.honesty}
        if kind == "forecast_briefing":
            return {"type": "plan_night", "briefing_id": ref,
                    "mode": self.night(point["context"])}
        if kind == "posture":
            return {"type": "set_posture", "posture_id": ref, "markup_pct": self.stance[0],
                    "effort": self.stance[1], "small_jobs": self.stance[2]}
        if kind == "order":
            return {"type": "respond_order", "order_id": ref, "response": self.order}
        if kind == "meeting_position":
            return {"type": "table_positions", "meeting_id": ref,
                    "moves": [self.move(i) for i in point["context"]["agenda"]]}
        return dict(point["options"][0])

    def move(self, item: dict) -> dict:
        """The player's move on a disputed item: it holds its line."""
        return {"item_id": item["item_id"], "move": "hold"}

    def night(self, ctx: dict) -> str:
        """How the night of a forecast briefing is planned."""
        return "follow_plan"


class HonestExecutor(_Executor):
    """Reports honestly, talks to the gemeente weekly, asks for salt in time, invests."""

    name = "honest"
    description_nl = "Eerlijk: rapporteert eerlijk, strooit preventief, vraagt op tijd zout."
    description_en = "Honest: reports honestly, salts preventively, asks for salt in time."
    order = "tussendoor"
    stance = (6.0, "full", "tussendoor")

    def move(self, item: dict) -> dict:
        """Takes an offer of at least half its claim; otherwise claims a quarter less."""
        if item["offer_eur"] >= 0.5 * item["claim_eur"]:
            return {"item_id": item["item_id"], "move": "accept"}
        return {"item_id": item["item_id"], "move": "offer",
                "amount_eur": round(max(item["offer_eur"], 0.75 * item["claim_eur"]), 2)}

    def night(self, ctx: dict) -> str:
        if ctx["min_surface_temp_c"] < 0.5 and ctx["max_precip_prob"] > 0.5:
            return "preventive_now"
        return "follow_plan"

    def initiative(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        priv = obs["private"]
        out = []
        if hod == 14 and day % 7 == 1:
            out.append({"type": "direct_contact"})
        if hod == 15 and day % 30 == 12:
            out.append({"type": "invest_development", "amount_eur": 10_000.0})
        return out + emergency_salt(obs, priv["salt_stock_t"] < 3 * priv["round_salt_t"])


class FlatteringExecutor(_Executor):
    """Flatters every report, stands down on marginal nights, keeps its distance."""

    name = "flattering"
    description_nl = "Flatteert elk rapport, laat twijfelnachten lopen, houdt afstand."
    description_en = "Flatters every report, stands down on marginal nights, keeps away."
    honesty = "flattering"
    stance = (20.0, "lean", "invoice")
    order = "invoice"

    def night(self, ctx: dict) -> str:
        return "stand_down" if ctx["min_surface_temp_c"] > -1.0 else "follow_plan"


# ------------------------------------------------------------------- wethouder -------
class ProceduralWethouder(ScriptedPlayer):
    """Acts through the committee or the regisseur."""

    role = "wethouder"
    name = "procedural"
    description_nl = "Procedureel (script): via de commissie of via de regisseur."
    description_en = "Procedural (script): through the committee or the regisseur."
    active_hours = frozenset()

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] != "incident":  # the design phase's conditions: the first offered
            return dict(point["options"][0])
        channels = [o["channel"] for o in point["options"]]
        channel = "committee" if "committee" in channels else "via_regisseur"
        return {"type": "intervene", "incident_id": point["ref"], "channel": channel,
                "place": point["context"]["place"]}


class MeddlingWethouder(ScriptedPlayer):
    """The waan van de dag: phones the executor on every incident and on the news."""

    role = "wethouder"
    name = "meddling"
    description_nl = "Waan van de dag: belt de uitvoerder bij elk incident en elk nieuwsbericht."
    description_en = "Meddling: phones the executor on every incident and every news story."
    active_hours = frozenset({9})

    def __init__(self, rng: np.random.Generator | None = None,
                 scenario: Scenario | None = None) -> None:
        super().__init__(rng, scenario)
        self.stories = 0  # media stories seen so far

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] != "incident":  # the design phase's conditions: the first offered
            return dict(point["options"][0])
        return {"type": "intervene", "incident_id": point["ref"], "channel": "call_executor",
                "place": point["context"]["place"]}

    def initiative(self, obs: dict) -> list[dict]:
        stories = obs["private"]["media_stories"]
        out = []
        if stories > self.stories or obs["public"]["injuries_today"] >= 3:
            out.append({"type": "call_executor", "place": obs["private"]["trouble_place"]})
        self.stories = stories
        return out


PLAYERS: tuple[type[ScriptedPlayer], ...] = (
    Micromanager, ScriptedRelational, ScriptedController, ScriptedAbsent, OutcomeSteerer,
    Businesslike, HonestExecutor, FlatteringExecutor, ProceduralWethouder, MeddlingWethouder)
