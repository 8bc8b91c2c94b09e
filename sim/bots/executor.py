"""Executor archetypes: cooperative, opportunistic, bureaucratic. Each decides as a
business from what the executor observes: its posture each month (markup, effort), its
answer to each ad-hoc order, and its moves at meetings (the Zeuthen rule, with the
archetype's concession share)."""

from __future__ import annotations

from sim.bots.base import Bot
from sim.governance.contract import markup
from sim.governance.negotiation import zeuthen_move
from sim.governance.regimes import EXECUTOR

FAVOUR_PRESSURE = 0.5  # below this pressure a willing executor does favours [-] (assumption)
FAVOUR_TRUST = 0.4  # ... for a gemeente it trusts at least this much [-] (assumption)


def emergency_salt(obs: dict, low: bool) -> list[dict]:
    """At 08:00, when salt runs `low` and no beslisregel or open request covers it: ask
    for half the depot or six rounds of salt, whichever is less, at the shortage price."""
    priv = obs["private"]
    if (obs["hour"] % 24 != 8 or not low or priv["emergency_salt_rule"]
            or priv["open_requests"].get("emergency_salt")):
        return []
    qty = min(0.5 * priv["salt_capacity_t"], 6 * priv["round_salt_t"])
    return [{"type": "request_meerwerk", "kind": "emergency_salt",
             "amount_eur": round(qty * priv["shortage_price_eur_per_t"], 2)}]


class _Executor(Bot):
    role = "executor"
    # The hours its own moves can happen (emergency salt at 08:00, the routine's); open
    # decision points are answered in any hour. Each archetype lists its own.
    active_hours = frozenset({8, 9, 14, 15})
    flatter = False
    concession = 0.25  # share of the gap it concedes at a meeting when Zeuthen says so [-]
    strain = 0.8  # from this pressure even a willing executor cuts effort and favours [-]

    @property
    def opportunism(self) -> float:
        """Propensity to put own margin first [0..1] (the trait: a prior of its conduct)."""
        return self.scenario.executor.opportunism

    def posture(self, view: dict) -> tuple[float, str, str]:
        """The monthly posture: (markup on discretionary lines [%], effort level, small
        jobs tussendoor or invoiced). The
        markup grows with opportunism and pressure and falls with trust in the gemeente
        (reciprocity: an executor that feels distrusted shifts the cost of inflexibility
        onto the gemeente, Hesselink et al.); the chance of losing the contract at the
        tender disciplines it (`regimes.tender_discipline`, 1 outside the market)."""
        reciprocity = 1.6 - 1.2 * view["trust_in_gemeente"]
        m = markup(self.scenario.contract, self.opportunism * reciprocity, view["pressure"],
                   view["tender_discipline"])
        return round(100.0 * m, 3), self.effort_level(view), self.small_jobs(view)

    def effort_level(self, view: dict) -> str:
        """Full effort, lean when the pressure strains the business."""
        return "lean" if view["pressure"] >= self.strain else "full"

    def small_jobs(self, view: dict) -> str:
        """Small jobs on the street are a favour while the business can afford it."""
        ok = view["pressure"] < FAVOUR_PRESSURE and view["trust_in_gemeente"] >= FAVOUR_TRUST
        return "tussendoor" if ok else "invoice"

    def order_response(self, ctx: dict, obs: dict) -> str:
        """An ad-hoc order: a favour tussendoor while the business can afford it, at the
        contract rate under pressure, invoiced with markup under strain."""
        pressure = obs["private"]["pressure"]
        if pressure < FAVOUR_PRESSURE and obs["private"]["trust_in_gemeente"] >= FAVOUR_TRUST:
            return "tussendoor"
        return "accept" if pressure < self.strain else "invoice"

    def answer(self, point: dict, obs: dict) -> dict | None:
        kind, ctx, ref = point["kind"], point["context"], point["ref"]
        if kind == "monthly_report":
            due = max(ctx["routes_due"], 1)
            flatter = self.flatter and ctx["routes_within_norm"] / due < 0.98
            return {"type": "submit_report", "report_id": ref,
                    "honesty": "flattering" if flatter else "honest"}
        if kind == "posture":
            markup_pct, effort, small_jobs = self.posture(ctx)
            return {"type": "set_posture", "posture_id": ref, "markup_pct": markup_pct,
                    "effort": effort, "small_jobs": small_jobs}
        if kind == "order":
            return {"type": "respond_order", "order_id": ref,
                    "response": self.order_response(ctx, obs)}
        if kind == "meeting_position":
            trust = obs["private"]["trust_in_gemeente"]
            moves = []
            for item in ctx["agenda"]:
                move, amount = zeuthen_move(EXECUTOR, item, self.concession, trust)
                moves.append({"item_id": item["item_id"], "move": move, "amount_eur": amount})
            return {"type": "table_positions", "meeting_id": ref, "moves": moves}
        return dict(point["options"][0])  # briefing: follow the plan

    def initiative(self, obs: dict) -> list[dict]:
        acts = self.routine(obs)
        if obs["hour"] % 24 != 8:  # emergency salt is asked for at 08:00 only
            return acts
        priv = obs["private"]
        low = (priv["salt_stock_t"] + priv["salt_on_spot_t"]
               < self.salt_alarm_rounds * priv["round_salt_t"])
        return acts + emergency_salt(obs, low)

    salt_alarm_rounds = 2.0  # ask for emergency salt when less than this many rounds are left

    def routine(self, obs: dict) -> list[dict]:
        return []


class Cooperative(_Executor):
    """Does the work as agreed, reports honestly, asks in time, invests in itself."""

    name = "cooperative"
    description_nl = "Coöperatief: levert wat is afgesproken, rapporteert eerlijk."
    description_en = "Cooperative: delivers as agreed, reports honestly."
    concession = 0.4
    active_hours = frozenset({8, 14, 15})

    @property
    def opportunism(self) -> float:
        return 0.3 * self.scenario.executor.opportunism

    def routine(self, obs: dict) -> list[dict]:
        day, hod = obs["day"], obs["hour"] % 24
        acts = []
        if hod == 14 and day % 7 == 2:
            acts.append({"type": "direct_contact"})
        if hod == 15 and day % 30 == 15:
            acts.append({"type": "invest_development", "amount_eur": 5_000.0})
        return acts


class Opportunistic(_Executor):
    """Margin first: marks up, cuts effort where it is not measured, flatters its reports."""

    name = "opportunistic"
    description_nl = "Opportunistisch: marge eerst, bezuinigt waar niet gemeten wordt."
    description_en = "Opportunistic: margin first, cuts where nothing is measured."
    flatter = True
    salt_alarm_rounds = 0.5  # asks late: emergency salt is expensive for itself too
    active_hours = frozenset({8})

    concession = 0.15

    @property
    def opportunism(self) -> float:
        return max(0.6, self.scenario.executor.opportunism)

    def effort_level(self, view: dict) -> str:
        """Output-only agreements count priority-1 routes finished within
        `contract.route_norm_h` of the alarm, not dose, timing or the paths: cut those.
        Outcome agreements measure the street, so the cuts stay small; with little
        pressure it cuts one level less."""
        level = "minimal" if view["agreements"] == "output" else "lean"
        if view["pressure"] < 0.2:
            level = "lean" if level == "minimal" else "full"
        return level

    def small_jobs(self, view: dict) -> str:
        return "invoice"

    def order_response(self, ctx: dict, obs: dict) -> str:
        """Every order is invoiced; under strain, when the gemeente cannot leave, it first
        wants the request in writing (hold-up)."""
        if obs["private"]["pressure"] >= self.strain and not obs["private"]["gemeente_can_exit"]:
            return "written_approval"
        return "invoice"


class Bureaucratic(_Executor):
    """By the book: nothing outside the plan without written approval; slow but honest."""

    name = "bureaucratic"
    description_nl = "Bureaucratisch: niets buiten het plan zonder schriftelijk akkoord."
    description_en = "Bureaucratic: nothing outside the plan without written approval."
    salt_alarm_rounds = 1.0
    concession = 0.2
    active_hours = frozenset({8, 9})

    def small_jobs(self, view: dict) -> str:
        return "invoice"

    def order_response(self, ctx: dict, obs: dict) -> str:
        """Nothing outside the plan without a written meerwerk request."""
        return "written_approval"

    @property
    def opportunism(self) -> float:
        return 0.5 * self.scenario.executor.opportunism

    def routine(self, obs: dict) -> list[dict]:
        priv = obs["private"]
        if (obs["hour"] % 24 == 9 and priv["secondary_snow_cm"] > 2.0
                and not priv["open_requests"].get("secondary_routes")):
            return [{"type": "request_meerwerk", "kind": "secondary_routes",
                     "amount_eur": 4_000.0}]
        return []
