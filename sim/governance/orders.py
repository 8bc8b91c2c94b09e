"""Ad-hoc orders from the gemeente and the executor's answer to each.

An extra round the regisseur (or the wethouder through the regisseur) orders is not
carried out by decree: the executor decides, as a business, whether it does the job at the
contract rate, "even tussendoor" (free, as a favour that costs it money), invoices it as
meerwerk with markup, does it later, first asks for a written meerwerk request, refuses it,
or escalates it into a dispute. Each answer is an action like any other (`respond_order`),
logged, and observed by the gemeente (`trust.feel`). In-house there is no one to answer:
the own department does the job (Hesselink et al.: work done "tussendoor" is invisible).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sim.governance.contract import MeerwerkRequest
from sim.governance.invoices import bill
from sim.governance.meerwerk import EXTRA_ROUND_HOURS, ask_approval, queue_round
from sim.governance.meetings import open_dispute
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

ORDER_DELAY_H = 12  # a delayed order waits this long before it is driven [h] (assumption)
RESPONSES: tuple[str, ...] = (
    "accept",
    "tussendoor",
    "invoice",
    "delay",
    "written_approval",
    "refuse",
    "escalate",
)
# How each answer bills the job: at the contract rate, free, or with the executor's markup.
BILLING = {"accept": "fair", "tussendoor": "free", "invoice": "markup", "delay": "markup"}


@dataclass
class Order:
    """An ad-hoc round the gemeente ordered, and what became of it."""

    id: int
    hour: int
    priority: int
    rush: bool
    amount_eur: float  # the job at the contract's meerwerk rate [EUR]
    response: str = ""  # one of RESPONSES once answered
    done: bool = False


def job_fair_eur(gov: Governance, priority: int, rush: bool) -> float:
    """An extra round at the contract's meerwerk rate [EUR] (x RUSH_FACTOR when rushed)."""
    from sim.governance.contract import RUSH_FACTOR

    hours = len(gov.model.plan.by_priority(priority)) * EXTRA_ROUND_HOURS
    return hours * gov.contract.meerwerk_rate_eur_per_h * (RUSH_FACTOR if rush else 1.0)


def place_order(gov: Governance, priority: int, rush: bool) -> None:
    """The gemeente orders an extra round: the executor answers at a decision point
    (in-house the department simply queues it)."""
    if gov.contract.sourcing == "in_house":
        queue_round(gov, priority, rush, "markup", -1, gov.model.hour)
        return
    order = Order(
        len(gov.orders), gov.model.hour, priority, rush, job_fair_eur(gov, priority, rush)
    )
    gov.orders.append(order)
    options = [{"type": "respond_order", "order_id": order.id, "response": r} for r in RESPONSES]
    gov.raise_point(
        "order",
        order.id,
        options,
        {
            "priority": priority,
            "rush": rush,
            "amount_eur": round(order.amount_eur, 2),
            "markup_pct": round(100.0 * gov.model.executor.conduct.markup(), 2),
        },
    )


def order_done(gov: Governance, order_id: int) -> None:
    """An ordered round goes out: the promise is kept (a favour when tussendoor)."""
    if order_id < 0:
        return
    order = gov.orders[order_id]
    order.done = True
    if order.response == "tussendoor":
        gov.counts["jobs_tussendoor"] += 1
        feel(gov.rel, gov.model.hour, "help given")
    else:
        feel(gov.rel, gov.model.hour, "promise kept")


def bill_small_job(gov: Governance, what: str, fair: float) -> None:
    """A small job a crew was sent on (a wethouder's call, a committee's order): done
    tussendoor, as a favour the gemeente sees, or invoiced as meerwerk with markup, as the
    executor's monthly posture says (`Conduct.small_jobs`)."""
    conduct = gov.model.executor.conduct
    if conduct.small_jobs == "tussendoor" and gov.contract.sourcing != "in_house":
        gov.counts["jobs_tussendoor"] += 1
        feel(gov.rel, gov.model.hour, "help given")
        return
    bill(gov, what, fair, fair * (1 + conduct.markup()), meerwerk=True)


def _check_respond_order(gov: Governance, role: str, a: BaseModel) -> str:
    if a.response == "written_approval" and any(
        r.status == "open" and r.kind == "extra_round" for r in gov.requests
    ):
        return "an extra_round request is already waiting"
    return ""


def _respond_order(gov: Governance, role: str, a: BaseModel) -> None:
    gov.answer(role, "respond_order", a.order_id)
    order = gov.orders[a.order_id]
    order.response = a.response
    hour = gov.model.hour
    if a.response in BILLING:
        later = ORDER_DELAY_H if a.response == "delay" else 0
        queue_round(gov, order.priority, order.rush, BILLING[a.response], order.id, hour + later)
        if a.response == "delay":
            feel(gov.rel, hour, "order delayed")
    elif a.response == "written_approval":
        gov.counts["written_approvals"] += 1
        ask_approval(
            gov,
            MeerwerkRequest(
                id=len(gov.requests), hour=hour, kind="extra_round", amount_eur=order.amount_eur
            ),
        )
        feel(gov.rel, hour, "written approval asked")
    else:  # refuse, escalate: the job is not done
        gov.counts["orders_refused"] += 1
        if a.response == "escalate":
            open_dispute(gov, "meerwerk", order.amount_eur)
        feel(gov.rel, hour, "order refused")


HANDLERS = {"respond_order": (_check_respond_order, _respond_order)}
