"""Invoices, reports and their checks: the monthly report and invoice, billing, the
regisseur's review, inspections and penalties.

Forced and market regimes invoice monthly (see `contract`): a share of the fixed fee,
each round at its unit price (with markup on the discretionary ones), meerwerk and salt
lines, and what the executor recoups of money it feels denied.

Penalties are kortingen as Dutch service contracts write them: an amount per route that
missed the norm, deducted from the latest invoice, capped per invoice and per season as a
share of the invoice and of the fee (`penalty_cap`), so the gemeente never earns from it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance.contract import Invoice, InvoiceLine, fair_action_price
from sim.governance.meetings import open_dispute
from sim.governance.trust import OUTCOME_EXPECTED_REACHABILITY_PCT, OUTPUT_EXPECTED_SHARE, feel
from sim.governance.work import posture_point

if TYPE_CHECKING:
    from sim.governance.regie import Governance

HOURS_INSPECTION = 8.0  # regie hours of an inspection [h]
HOURS_INVOICE_REVIEW = 2.0  # regie hours of an invoice review [h]
STANDARD_SEASON_DAYS = 151  # 1 November to 1 April: the period the fixed fee covers
INFLATED_ABOVE_FAIR = 1.03  # a claim above this share of fair value is inflated [-]


def bill(gov: Governance, what: str, fair: float, claimed: float,
         meerwerk: bool = False) -> None:
    """Add a line to the next invoice (in-house: absorbed, nothing billed)."""
    if gov.contract.sourcing == "in_house":
        return
    gov.ledger.unbilled_lines.append(InvoiceLine(what, fair, claimed))
    if meerwerk:
        gov.ledger.meerwerk_eur += claimed


def monthly_report(gov: Governance) -> None:
    """The executor's report on last month's output (true record attached)."""
    model = gov.model
    actions = [a for a in model.executor.fleet.actions[gov.month_first_action:]
               if a.priority == 1 and a.kind != "grit"]
    gov.month_first_action = len(model.executor.fleet.actions)
    due = sum(len(a.routes) for a in actions)
    ok = sum(a.routes_within_norm(gov.contract.route_norm_h) for a in actions)
    true = ok / due if due else 1.0
    report = {"id": len(gov.reports), "hour": model.hour, "routes_due": due,
              "true_output": true, "true_misses": due - ok, "reported_output": None,
              "reachability_pct": model.kpi.last_day_reachability,
              "month_reachability_pct": model.kpi.take_period_reachability()}
    gov.reports.append(report)
    options = [{"type": "submit_report", "report_id": report["id"], "honesty": h}
               for h in ("honest", "flattering")]
    gov.raise_point("monthly_report", report["id"], options,
                    {"routes_due": due, "routes_within_norm": ok})
    posture_point(gov)


def monthly_invoice(gov: Governance) -> None:
    """Bill last month: fee share, rounds at the unit price, meerwerk and salt lines."""
    if gov.contract.sourcing == "in_house":
        return
    model = gov.model
    conduct = model.executor.conduct
    m = conduct.markup()
    since, gov.last_invoice_hour = gov.last_invoice_hour, model.hour + 1
    days = (model.hour + 1 - since) / 24.0  # this invoice covers hours since..hour
    fee = gov.contract.fixed_fee_eur_per_season * days / STANDARD_SEASON_DAYS
    lines = [InvoiceLine("fee", fee, fee)]
    # Rounds alarmed in this period; ad-hoc rounds and targeted jobs are billed as
    # meerwerk already.
    actions = [a for a in model.executor.fleet.actions if since <= a.alarm_hour <= model.hour
               and a.kind not in ("adhoc", "targeted")]
    for a in actions:
        price = fair_action_price(gov.contract, a.priority)
        claimed = price if a.kind == "preventive" else price * (1 + m)
        lines.append(InvoiceLine(f"{a.kind} round", price, claimed))
    recoup = conduct.recoup()
    if recoup is not None:
        lines.append(InvoiceLine("nagekomen kosten", 0.0, recoup))
    lines += gov.ledger.unbilled_lines
    gov.ledger.unbilled_lines = []
    inv = Invoice(id=len(gov.invoices), hour=model.hour, lines=lines)
    gov.invoices.append(inv)
    options = [{"type": "review_invoice", "invoice_id": inv.id, "decision": "approve"}]
    # What the regisseur thinks the month should cost. With an external benchmark that is
    # the market price; without one it is the old in-house budget minus the promised
    # savings (Hesselink et al.: "onrealistische verwachtingen"), and a rough guess.
    if gov.contract.price_benchmark:
        estimate = inv.fair_eur * float(gov.rng.lognormal(0.0, 0.03))
    else:
        expected = 1.0 - gov.muni.expected_savings_pct / 100.0
        estimate = inv.fair_eur * expected * float(gov.rng.lognormal(0.0, 0.10))
    gap = round(inv.claimed_eur - estimate, 2)
    options.append({"type": "review_invoice", "invoice_id": inv.id, "decision": "dispute",
                    "disputed_eur": max(gap, 0.01)})
    gov.raise_point("invoice", inv.id, options,
                    {"claimed_eur": round(inv.claimed_eur, 2),
                     "estimated_fair_eur": round(estimate, 2),
                     "lines": [[ln.what, round(ln.claimed_eur, 2)] for ln in lines]})


def _check_review_invoice(gov: Governance, role: str, a: BaseModel) -> str:
    inv = gov.invoices[a.invoice_id]
    if a.decision == "dispute" and not 0 < a.disputed_eur <= inv.claimed_eur + 0.01:
        return "disputed amount must be above 0 and at most the invoice total"
    return ""


def _review_invoice(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "review_invoice", a.invoice_id)
    inv = gov.invoices[a.invoice_id]
    gov.week_hours += HOURS_INVOICE_REVIEW
    inflated = inv.claimed_eur > inv.fair_eur * INFLATED_ABOVE_FAIR
    if a.decision == "approve":
        inv.status, inv.paid_eur = "approved", inv.claimed_eur
        feel(gov.rel, gov.model.hour, "invoice approved")
    else:
        disputed = min(a.disputed_eur, inv.claimed_eur)
        inv.status, inv.paid_eur = "disputed", inv.claimed_eur - disputed
        open_dispute(gov, "price", disputed).inflated = inflated
        gov.counts["price_disputes"] += 1
        feel(gov.rel, gov.model.hour, "invoice disputed",
             "inflated" if inflated else "fair")
    gov.ledger.paid_to_executor_eur += inv.paid_eur


def _submit_report(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "submit_report", a.report_id)
    report = gov.reports[a.report_id]
    true = report["true_output"]
    report["reported_output"] = true if a.honesty == "honest" else min(1.0, true + 0.15)
    report["honesty"] = a.honesty
    if a.honesty == "flattering" and report["reported_output"] > true:
        gov.flattered_unseen = True
    misses = report["reported_misses"] = (
        report["true_misses"] if a.honesty == "honest" else report["true_misses"] // 3)
    gov.unpenalised_misses += misses
    if gov.muni.steering_style == "outcome":
        # Steering on outcome: the month is judged by the street the gemeente sees
        # itself (the priority network's passable share), not by the account of output.
        feel(gov.rel, gov.model.hour, "month on the street", scale=(
            report["month_reachability_pct"] - OUTCOME_EXPECTED_REACHABILITY_PCT))
    else:
        feel(gov.rel, gov.model.hour, "monthly report",
             scale=report["reported_output"] - OUTPUT_EXPECTED_SHARE)


def _check_inspect(gov: Governance, role: str, a: BaseModel) -> str:
    return "" if gov.hours_left() >= HOURS_INSPECTION else "not enough regie hours this week"


def _inspect(gov: Governance, role: str, a: BaseModel) -> None:
    gov.week_hours += HOURS_INSPECTION
    gov.counts["inspections"] += 1
    if gov.flattered_unseen:
        gov.flattered_unseen = False
        gov.counts["misreports_discovered"] += 1
        open_dispute(gov, "reporting", 0.0)
        feel(gov.rel, gov.model.hour, "misreporting discovered")
    else:
        feel(gov.rel, gov.model.hour, "inspection: as reported")


def penalty_cap(gov: Governance) -> float:
    """The most the regisseur may deduct now [EUR]: the penalty per route for the misses
    not yet penalised, within what is left of the caps on the latest invoice (a share of
    it) and on the season (a share of the fixed fee) and of what the gemeente has paid or
    owes, in whole cents. 0 in-house or before any invoice."""
    c = gov.contract
    if c.sourcing == "in_house" or not gov.invoices:
        return 0.0
    inv = gov.invoices[-1]
    month_left = c.penalty_cap_month_pct / 100.0 * inv.claimed_eur - inv.penalised_eur
    season_left = (c.penalty_cap_season_pct / 100.0 * c.fixed_fee_eur_per_season
                   - gov.ledger.penalties_eur)
    # Never more than the gemeente has paid or owes: its cost cannot turn negative.
    owed_left = gov.model.gemeente.owed_to_executor_eur() - gov.ledger.penalties_eur
    cap = min(c.penalty_eur * gov.unpenalised_misses, month_left, season_left, owed_left)
    return max(0.0, math.floor(100.0 * cap) / 100.0)  # in whole cents


def _check_impose_penalty(gov: Governance, role: str, a: BaseModel) -> str:
    if gov.contract.sourcing == "in_house":
        return "no penalties on the own department"
    if gov.contract.penalty_eur * gov.unpenalised_misses <= 0:
        return "no missed norm to penalise"
    cap = penalty_cap(gov)
    if cap <= 0:
        return "the penalty cap of this invoice or season is used up"
    return "" if a.amount_eur <= cap else f"exceeds the contractual penalty ({cap:.0f} EUR)"


def _impose_penalty(gov: Governance, role: str, a: BaseModel) -> None:
    gov.unpenalised_misses = 0
    gov.invoices[-1].penalised_eur += a.amount_eur
    gov.ledger.penalties_eur += a.amount_eur
    gov.counts["penalties"] += 1
    if gov.rel.trust_e_in_g < 0.4:  # an executor that distrusts the gemeente contests half
        open_dispute(gov, "penalty", a.amount_eur * 0.5)
    feel(gov.rel, gov.model.hour, "penalty")


HANDLERS = {
    "review_invoice": (_check_review_invoice, _review_invoice),
    "submit_report": (None, _submit_report),
    "inspect": (_check_inspect, _inspect),
    "impose_penalty": (_check_impose_penalty, _impose_penalty),
}
