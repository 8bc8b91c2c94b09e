"""Scripted players and a session recorder: sessions without people, for tests and demos.

A scripted player sits in a *human* seat (`set_controller(role, None)`) and acts through
`model.submit`, exactly as a person at the game would; its session log therefore looks
like a classroom log. The policies are deliberately plain, each showing one way of
playing a role (a micromanaging regisseur, a relational one, an executor that flatters
its reports, a wethouder who phones the executor, ...). The rubric tests compare them
on the same winter; the benchmark and the screenshots use them as the learner.

    record_session("s.jsonl", scenario, seed, {"regisseur": SCRIPTED["regisseur"]["relational"]()})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

INSTRUCTIONS = ("route_order", "timing", "dose", "crew")


class Scripted:
    """A scripted player: `decide(obs)` returns action dicts for the role's seat."""

    role = ""
    name = ""
    active_hours: frozenset[int] = frozenset({8, 9, 10, 11, 14, 15})

    def __init__(self, scenario=None) -> None:
        self.n = 0  # a counter instead of chance: scripted play is deterministic
        self.scenario = scenario  # what the player knows of the contract (set on recording)

    def decide(self, obs: dict) -> list[dict]:
        out = [a for p in obs["decisions"] if (a := self.answer(p, obs)) is not None]
        if obs["hour"] % 24 in self.active_hours:
            out += self.initiative(obs)
        return out

    def answer(self, point: dict, obs: dict) -> dict | None:
        return dict(point["options"][0])

    def initiative(self, obs: dict) -> list[dict]:
        return []


# ------------------------------------------------------------------- regisseur -------
class _Regisseur(Scripted):
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
            return {"type": "record_meeting", "meeting_id": ref,
                    "outcomes": [self.item(i) for i in ctx["agenda"]]}
        if kind == "council_question":
            return {"type": "answer_council", "question_id": ref, "tone": self.tone}
        return dict(point["options"][0])

    def expectation(self, obs: dict) -> float:
        """How the player reads the own estimate (1 = takes it at face value)."""
        return 1.0

    def item(self, item: dict) -> dict:
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


class Relational(_Regisseur):
    """Steers on the relationship: direct contact twice a week, quick approvals."""

    name = "relational"
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


class Controller(_Regisseur):
    """Output control to the letter: disputes, inspects, penalises, refuses all meerwerk
    ("not in the contract"), holds positions at meetings and blames the executor."""

    name = "controller"
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
        if hod == 11 and obs["private"]["unpenalised_misses"] > 0:
            out.append({"type": "impose_penalty", "amount_eur": obs["private"]["penalty_cap_eur"]})
        return out


class Absent(_Regisseur):
    """Signs everything, holds every position, looks at nothing."""

    name = "absent"
    tolerance = 10.0
    meeting = "reject"
    tone = "defensive"


class OutcomeSteerer(_Regisseur):
    """Steers on the street: reads complaints and reachability, inspects, acts early."""

    name = "outcome"
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

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] != "invoice" or self.scenario is None:
            return super().answer(point, obs)
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
class _Executor(Scripted):
    role = "executor"
    honesty = "honest"

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] == "monthly_report":
            return {"type": "submit_report", "report_id": point["ref"], "honesty": self.honesty}
        if point["kind"] == "forecast_briefing":
            return {"type": "plan_night", "briefing_id": point["ref"],
                    "mode": self.night(point["context"])}
        return dict(point["options"][0])

    def night(self, ctx: dict) -> str:
        return "follow_plan"


class HonestExecutor(_Executor):
    """Reports honestly, talks to the gemeente weekly, asks for salt in time, invests."""

    name = "honest"

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
        low = priv["salt_stock_t"] < 3 * priv["round_salt_t"]
        if (hod == 8 and low and not priv["emergency_salt_rule"]
                and not priv["open_requests"].get("emergency_salt")):
            qty = min(0.5 * priv["salt_capacity_t"], 6 * priv["round_salt_t"])
            out.append({"type": "request_meerwerk", "kind": "emergency_salt",
                        "amount_eur": round(qty * priv["shortage_price_eur_per_t"], 2)})
        return out


class FlatteringExecutor(_Executor):
    """Flatters every report, stands down on marginal nights, keeps its distance."""

    name = "flattering"
    honesty = "flattering"

    def night(self, ctx: dict) -> str:
        return "stand_down" if ctx["min_surface_temp_c"] > -1.0 else "follow_plan"


# ------------------------------------------------------------------- wethouder -------
class ProceduralWethouder(Scripted):
    """Acts through the committee or the regisseur."""

    role = "wethouder"
    name = "procedural"
    active_hours = frozenset()

    def answer(self, point: dict, obs: dict) -> dict | None:
        channels = [o["channel"] for o in point["options"]]
        channel = "committee" if "committee" in channels else "via_regisseur"
        return {"type": "intervene", "incident_id": point["ref"], "channel": channel}


class MeddlingWethouder(Scripted):
    """The waan van de dag: phones the executor on every incident and on the news."""

    role = "wethouder"
    name = "meddling"
    active_hours = frozenset({9})

    def __init__(self, scenario=None) -> None:
        super().__init__(scenario)
        self.stories = 0

    def answer(self, point: dict, obs: dict) -> dict | None:
        return {"type": "intervene", "incident_id": point["ref"], "channel": "call_executor"}

    def initiative(self, obs: dict) -> list[dict]:
        stories = obs["private"]["media_stories"]
        out = []
        if stories > self.stories or obs["public"]["injuries_today"] >= 3:
            out.append({"type": "call_executor"})
        self.stories = stories
        return out


SCRIPTED: dict[str, dict[str, type[Scripted]]] = {
    "regisseur": {c.name: c for c in (Micromanager, Relational, Controller, Absent,
                                      OutcomeSteerer, Businesslike)},
    "executor": {c.name: c for c in (HonestExecutor, FlatteringExecutor)},
    "wethouder": {c.name: c for c in (ProceduralWethouder, MeddlingWethouder)},
}


# -------------------------------------------------------------------- recording ------
TrainerAct = tuple[int, dict]  # (tick, {"act": "bookmark", ...} or {"inject": name, ...})


def play_hour(model, players: dict[str, Scripted]) -> None:
    """Let the scripted players act at the current hour (answering until nobody waits)."""
    gov = model.governance
    hod = model.hour % 24
    for _ in range(6):
        acted = False
        for role, player in players.items():
            if not (gov.board.open_for(role) or hod in player.active_hours):
                continue
            for action in player.decide(model.observe(role)):
                model.submit(role, action)
                acted = True
            if not gov.board.open_for(role):
                continue
            for p in gov.board.open_for(role):  # a point the script left open: first option
                model.submit(role, dict(p.options[0]))
        if not model.waiting_for_humans() or not acted:
            break
        hod = -1  # further passes only answer points


def record_session(path: str | Path, scenario, seed: int, players: dict[str, Scripted], *,
                   names: dict[str, str] | None = None, trainer: Iterable[TrainerAct] = (),
                   scenario_name: str = "", created: str = "2026-01-12T09:00:00Z",
                   language: str = "nl", on_model: Callable | None = None) -> Path:
    """Play a session with scripted players in human seats and write its log
    (`sim.session.SessionLog`: the same file the game writes)."""
    from sim.session import SessionLog

    path = Path(path)
    names = names or {}
    for player in players.values():
        if player.scenario is None:
            player.scenario = scenario
    acts = sorted(trainer, key=lambda a: a[0])
    controllers = {r: {"type": "human", "name": names.get(r, p.name)} for r, p in players.items()}
    log = SessionLog.create(path, scenario, seed, controllers=controllers, created=created,
                            scenario_name=scenario_name, language=language)
    with log:
        model = log.new_model()
        if on_model is not None:
            on_model(model)
        _play(model, players, acts, log)
        log.close(model)
    return path


def _play(model, players, acts, log) -> None:
    i = 0
    while not model.finished:
        while i < len(acts) and acts[i][0] <= model.hour:
            act = acts[i][1]
            if "inject" in act:
                model.inject(act["inject"], act.get("severity", 0.5), "trainer")
            elif "seat" in act:
                model.set_controller(act["seat"], act.get("bot"), act.get("name"))
                if act.get("bot") is not None:
                    players.pop(act["seat"], None)
            else:
                log.log_trainer(act["act"], tag=act.get("tag", ""), note=act.get("note", ""),
                                private=act.get("private", False))
            i += 1
        play_hour(model, players)
        log.step(model)
