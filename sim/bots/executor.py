"""Executor archetypes: cooperative, opportunistic, bureaucratic."""

from __future__ import annotations

from sim.bots.base import Bot


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
    active_hours = frozenset({8, 9, 14, 15})
    flatter = False

    @property
    def opportunism(self) -> float:
        """Propensity to put own margin first [0..1]."""
        return self.scenario.executor.opportunism

    def effort(self, agreements: str) -> tuple[float, float, bool]:
        """(share of the planned dose spread, degrees later the preventive alarm goes,
        whether cycle routes and footpaths are quietly left out)."""
        return 1.0, 0.0, False

    def answer(self, point: dict, obs: dict) -> dict | None:
        if point["kind"] == "monthly_report":
            ctx = point["context"]
            due = max(ctx["routes_due"], 1)
            flatter = self.flatter and ctx["routes_within_norm"] / due < 0.98
            return {"type": "submit_report", "report_id": point["ref"],
                    "honesty": "flattering" if flatter else "honest"}
        return dict(point["options"][0])  # briefing: follow the plan

    def initiative(self, obs: dict) -> list[dict]:
        acts = self.routine(obs)
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

    @property
    def opportunism(self) -> float:
        return max(0.6, self.scenario.executor.opportunism)

    def effort(self, agreements: str) -> tuple[float, float, bool]:
        """Output-only agreements count priority-1 routes finished within
        `contract.route_norm_h` of the alarm, not dose, timing or the paths: cut those.
        Outcome agreements measure the street, so the cuts stay small."""
        o = self.opportunism
        if agreements == "output":
            return 1.0 - 0.45 * o, 1.5 * o, True
        return 1.0 - 0.1 * o, 0.2 * o, False


class Bureaucratic(_Executor):
    """By the book: nothing outside the plan without written approval; slow but honest."""

    name = "bureaucratic"
    description_nl = "Bureaucratisch: niets buiten het plan zonder schriftelijk akkoord."
    description_en = "Bureaucratic: nothing outside the plan without written approval."
    salt_alarm_rounds = 1.0

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
