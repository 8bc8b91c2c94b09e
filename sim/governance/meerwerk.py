"""Meerwerk: work outside the plan, asked for, approved or covered by a beslisregel.

The executor asks (`request_meerwerk`), the regisseur decides (`decide_meerwerk`) unless
a beslisregel covers the request; the regisseur orders extra rounds itself
(`request_extra_round`); the executor buys salt (`buy_salt`). Approved work is authorised
here and billed through `invoices.bill`. Every ad-hoc request becomes an invoice line
(Hesselink et al.: "Tegenover elke vraag ... staat een factuur").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance.contract import MeerwerkRequest, markup
from sim.governance.invoices import bill
from sim.governance.meetings import open_dispute
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

SPOT_MARKET_LEAD_H = 48  # salt found on the spot market in a shortage arrives later [h]
EXTRA_ROUND_HOURS = 2.5  # truck-hours per route of an ad-hoc round [h]
PLOUGH_APPROVAL_H = 72  # an approved plough request authorises ploughing this long [h]
# The beslisregel that covers each kind of meerwerk: a dispute over a rejected request of
# that kind has an agreed reference, which helps the meeting resolve it.
MEERWERK_RULES = {"plough": "plough_authorised", "secondary_routes": "secondary_routes_on_request",
                  "emergency_salt": "salt_emergency_purchase"}


def authorise(gov: Governance, kind: str, amount: float) -> None:
    """Approved meerwerk: the executor may act; the work is billed."""
    ex = gov.model.executor
    if kind == "plough":
        gov.plough_approved_until = gov.model.hour + PLOUGH_APPROVAL_H
        ex.conduct.apply()
    elif kind == "emergency_salt":
        # Without a pre-arranged delivery guarantee the executor must find salt on a dry
        # spot market (the 2010 zoutloket): it comes, but days later.
        qty = amount / ex.depot.spot_price_eur_per_t  # the approved amount, at today's price
        cost = ex.depot.spot_order(gov.model.hour, qty, SPOT_MARKET_LEAD_H)
        bill(gov, "meerwerk: emergency salt", cost, cost * (1 + ex.conduct.markup()),
             meerwerk=True)
    elif kind in ("secondary_routes", "extra_round"):
        queue_round(gov, 2 if kind == "secondary_routes" else 1, False, "markup", -1,
                    gov.model.hour)


def order_extra_round(gov: Governance, priority: int, rush: bool) -> None:
    """The gemeente orders an ad-hoc round outside the plan; the executor answers it
    (`sim.governance.orders`); `rush`: ordered by the wethouder."""
    from sim.governance.orders import place_order

    place_order(gov, priority, rush)


def queue_round(gov: Governance, priority: int, rush: bool, billing: str, order_id: int,
                not_before: int) -> None:
    """Queue an extra round until trucks are free and `not_before` [hour] has come; it is
    billed `billing` (markup: as meerwerk with markup, fair: at the rate, free: not)."""
    gov.round_queue.append((priority, rush, billing, order_id, not_before))
    dispatch_queued_round(gov)


def dispatch_queued_round(gov: Governance) -> None:
    """Hand the first queued extra round to the executor when its trucks are free."""
    if not gov.round_queue:  # checked every hour: no imports on the way out
        return
    from sim.agents.executor import CallOut
    from sim.governance.orders import job_fair_eur, order_done

    ex = gov.model.executor
    if ex.pending_call is not None:
        return
    priority, rush, billing, order_id, not_before = gov.round_queue[0]
    if ex.fleet.busy_with(priority) or gov.model.hour < not_before:
        return
    gov.round_queue.pop(0)
    gov.counts["extra_rounds"] += 1
    ex.pending_call = CallOut("adhoc", priority, ex.cfg.dose_curative_g_m2, False,
                              "ad-hoc request")
    fair = job_fair_eur(gov, priority, rush)
    if billing != "free":
        claimed = fair * (1 + ex.conduct.markup()) if billing == "markup" else fair
        bill(gov, "meerwerk: extra round", fair, claimed, meerwerk=True)
    order_done(gov, order_id)


def rule_approves(gov: Governance, req: MeerwerkRequest) -> bool:
    """Whether a beslisregel approves this meerwerk request without the regisseur.

    `secondary_routes_on_request`: treating the secondary routes is authorised when
    their snow is at least the rule's threshold [cm] and the request fits in what is
    left of the rule's amount for the season.
    """
    rule = gov.rules.get("secondary_routes_on_request")
    if req.kind != "secondary_routes" or rule is None:
        return False
    if (gov.model.executor.secondary_snow_cm() < rule.threshold
            or gov.rule_spent_eur[rule.rule] + req.amount_eur > rule.max_amount_eur):
        return False
    spend_under_rule(gov, rule.rule, req.amount_eur, request_id=req.id)
    return True


def spend_under_rule(gov: Governance, rule: str, amount: float, **detail: int) -> None:
    """Book what the executor does on a beslisregel; at its amount the rule lapses."""
    gov.rule_spent_eur[rule] += amount
    gov.emit({"kind": "rule_applied", "rule": rule, "amount_eur": round(amount, 2),
              "spent_eur": round(gov.rule_spent_eur[rule], 2), **detail})
    if rule == "plough_authorised":
        gov.model.executor.conduct.apply()


def rule_not_applied(gov: Governance, rule: str, reason: str) -> None:
    """A beslisregel that should act but cannot: logged, with why, for debrief and game."""
    gov.emit({"kind": "rule_not_applied", "rule": rule, "reason": reason})


def rule_salt_t(gov: Governance, amount_eur: float) -> float:
    """Salt [t] an amount buys at today's spot price (up to 300 EUR/t in a shortage, not
    the contract's shortage price), so a purchase never costs more than its amount."""
    return amount_eur / gov.model.executor.depot.spot_price_eur_per_t


def plough_needed(gov: Governance) -> None:
    """Snow, but ploughing is not authorised: the executor's bot asks (meerwerk)."""
    if gov.is_human("executor") or any(
            r.status == "open" and r.kind == "plough" for r in gov.requests):
        return
    hours = len(gov.model.plan.by_priority(1)) * EXTRA_ROUND_HOURS
    gov.submit("executor", {"type": "request_meerwerk", "kind": "plough",
                            "amount_eur": hours * gov.contract.meerwerk_rate_eur_per_h})


def apply_decision_rules(gov: Governance) -> None:
    """Pre-agreed rules let the executor act on the unforeseen without asking."""
    ex = gov.model.executor
    rule = gov.rules.get("salt_emergency_purchase")
    stock = ex.depot.stock_t
    if rule is not None and stock < rule.threshold and gov.model.hour % 24 == 7:
        if ex.depot.market.dry:
            rule_not_applied(gov, rule.rule, "market_dry")
            return
        qty = min(rule_salt_t(gov, rule.max_amount_eur), ex.depot.cfg.capacity_t - stock)
        if qty > 1.0:
            gov.submit("executor", {"type": "buy_salt", "quantity_t": round(qty, 3),
                                    "note": "beslisregel: salt below threshold"}, by="rule")


# --- handlers ---------------------------------------------------------------------------
def _check_request_meerwerk(gov: Governance, role: str, a: BaseModel) -> str:
    if any(r.status == "open" and r.kind == a.kind for r in gov.requests):
        return f"a {a.kind} request is already waiting"
    return ""


def _request_meerwerk(gov: Governance, role: str, a: BaseModel) -> None:
    ask_approval(gov, MeerwerkRequest(id=len(gov.requests), hour=gov.model.hour,
                                      kind=a.kind, amount_eur=a.amount_eur), a.note)


def ask_approval(gov: Governance, req: MeerwerkRequest, note: str = "") -> None:
    """A written meerwerk request: approved in-house or by a beslisregel, else the
    regisseur decides."""
    gov.requests.append(req)
    if gov.contract.sourcing == "in_house":
        req.status = "approved"
        authorise(gov, req.kind, req.amount_eur)
        return
    if rule_approves(gov, req):
        req.status = "approved"
        authorise(gov, req.kind, req.amount_eur)
        feel(gov.rel, gov.model.hour, "meerwerk approved")
        return
    options = [{"type": "decide_meerwerk", "request_id": req.id, "decision": d}
               for d in ("approve", "reject")]
    gov.raise_point("meerwerk_request", req.id, options,
                    {"kind": req.kind, "amount_eur": req.amount_eur, "note": note})


def _decide_meerwerk(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "decide_meerwerk", a.request_id)
    req = gov.requests[a.request_id]
    req.status = "approved" if a.decision == "approve" else "rejected"
    if a.decision == "approve":
        authorise(gov, req.kind, req.amount_eur)
        feel(gov.rel, gov.model.hour, "meerwerk approved")
    else:
        open_dispute(gov, "meerwerk", req.amount_eur,
                     rule_covered=MEERWERK_RULES.get(req.kind) in gov.rules)
        feel(gov.rel, gov.model.hour, "meerwerk rejected")


def _check_request_extra_round(gov: Governance, role: str, a: BaseModel) -> str:
    if gov.model.executor.fleet.busy_with(a.priority):
        return "the fleet is out on this priority"
    if gov.round_queue or gov.model.executor.pending_call is not None:
        return "an extra round is already on its way"
    return ""


def _request_extra_round(gov: Governance, role: str, a: BaseModel) -> None:
    order_extra_round(gov, a.priority, rush=False)


def _check_buy_salt(gov: Governance, role: str, a: BaseModel) -> str:
    depot = gov.model.executor.depot
    room = depot.cfg.capacity_t - depot.stock_t - depot.on_spot_t
    return "" if a.quantity_t <= room else f"depot has room for {room:.0f} t only"


def _buy_salt(gov: Governance, role: str, a: BaseModel) -> None:
    depot = gov.model.executor.depot
    rule = gov.rules.get("salt_emergency_purchase")
    if rule is not None and depot.market.dry:  # the guarantee fails: nothing to deliver
        rule_not_applied(gov, rule.rule, "market_dry")
        rule = None
    if rule is not None:  # a pre-arranged delivery guarantee: the salt comes at once
        cost = depot.emergency_purchase(min(a.quantity_t, rule_salt_t(gov, rule.max_amount_eur)))
        if gov.contract.sourcing != "in_house":
            bill(gov, "emergency salt", cost, cost * (1 + markup(gov.contract, 0.0, 0.0)))
    else:  # on its own account, from a dry spot market
        depot.spot_order(gov.model.hour, a.quantity_t, SPOT_MARKET_LEAD_H)


HANDLERS = {
    "request_meerwerk": (_check_request_meerwerk, _request_meerwerk),
    "decide_meerwerk": (None, _decide_meerwerk),
    "request_extra_round": (_check_request_extra_round, _request_extra_round),
    "buy_salt": (_check_buy_salt, _buy_salt),
}
