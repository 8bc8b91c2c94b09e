"""The sourcing regimes by mechanism: who can leave, what walking away is worth, the
tender and the newcomer who must learn the town.

* forced (gedwongen winkelnering): neither side can leave during the contract; the only
  alternative to agreeing is escalation, which costs each side its hours (an exit that
  needs both parties' consent, Manzini & Mariotti, "Joint outside options"). So each side
  can hold the other up by keeping to its line.
* market: at a season's end the gemeente can re-tender; it weighs what it pays above the
  benchmark and how little it trusts the incumbent against the switching cost and a
  newcomer's first season (a logit choice, McFadden). The executor can lose the contract
  and prices with that chance in mind; what it would earn elsewhere softens the loss.
* in-house: no invoices, nothing to bargain about in money; no exit.

Outside options are the disagreement points of the negotiation (sim/governance/negotiation,
Binmore, Rubinstein & Wolinsky's outside-option principle). Parameters: scenario section
`regime` (docs/ODD.md 7.20).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.agents.ledger import profit_and_loss
from sim.governance.contract import BASE_MARGIN
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

GEMEENTE, EXECUTOR = "regisseur", "executor"  # the sides, named by their seats
SEASON_DAYS = 151  # the season the fixed fee covers, 1 November to 1 April [days]


def can_exit(gov: Governance, side: str) -> bool:
    """Whether `side` can walk away from the relationship: only in the market regime (the
    gemeente by re-tendering, the executor by not bidding), at a season's end."""
    return gov.contract.sourcing == "market"


def escalation_cost(gov: Governance, side: str) -> float:
    """What an escalation costs `side` in its own hours [EUR]: the regisseur's at the regie
    rate, the executor's management at its meerwerk rate."""
    hours = gov.model.scenario.regime.escalation_hours
    if side == EXECUTOR:
        return hours * gov.contract.meerwerk_rate_eur_per_h
    return hours * gov.muni.regie_cost_eur_per_h


def outside_option(gov: Governance, side: str) -> float:
    """What `side` gets by walking away from a negotiation this season [EUR].

    forced: only escalation, at its cost. market: the gemeente's expected gain of a
    re-tender (or escalation when that is worth more); the executor's chance of losing
    the contract times the margin it would lose, less what its other clients pay. in-house:
    no invoices, nothing to walk away from (0).
    """
    sourcing = gov.contract.sourcing
    if sourcing == "in_house":
        return 0.0
    escalate = -escalation_cost(gov, side)
    if sourcing == "forced":
        return escalate
    if side == EXECUTOR:
        return escalate - switch_probability(gov) * margin_at_stake(gov)
    return max(escalate, retender_gain(gov))


# --- the market: what is at stake and the tender -------------------------------------------
def years_left(gov: Governance) -> int:
    """Seasons left in the contract period, this one included [seasons]."""
    period = gov.contract.period_years
    return period - gov.model.season % period


def season_fair_eur(gov: Governance) -> float:
    """The season's fair value of the contract so far, scaled to a whole season [EUR]
    (the fixed fee until the first invoice)."""
    fair = sum(inv.fair_eur for inv in gov.invoices)
    days = gov.model.hour / 24.0
    if fair <= 0 or days < 1:
        return gov.contract.fixed_fee_eur_per_season
    return fair * max(1.0, SEASON_DAYS / days)


def premium_seen(gov: Governance) -> float:
    """What the gemeente knows it pays above fair value, as a share of it [-]: only an
    external benchmark shows it (without one the fair value is unknown: 0)."""
    if not gov.contract.price_benchmark:
        return 0.0
    fair = sum(inv.fair_eur for inv in gov.invoices)
    claimed = sum(inv.claimed_eur for inv in gov.invoices)
    return max(0.0, claimed / fair - 1.0) if fair > 0 else 0.0


def retender_gain(gov: Governance) -> float:
    """The gemeente's expected gain of switching to a newcomer over the rest of the period
    [EUR]: the premium it sees and the trust it lacks (each season), less the switching
    cost and the newcomer's first season of learning the town."""
    regime = gov.model.scenario.regime
    rel = gov.rel
    per_season = premium_seen(gov) * season_fair_eur(gov) + regime.unreliability_cost_eur * (
        rel.prior_trust_g_in_e - rel.trust_g_in_e
    )
    learning = regime.unreliability_cost_eur * max(0.0, rel.maturity - regime.newcomer_maturity)
    return years_left(gov) * per_season - gov.contract.switching_cost_eur - learning


def switch_probability(gov: Governance) -> float:
    """Chance the gemeente switches at the next tender [0..1] (market; 0 otherwise):
    a logit of the expected gain of re-tendering (McFadden's random utility)."""
    if gov.contract.sourcing != "market":
        return 0.0
    z = retender_gain(gov) / gov.model.scenario.regime.tender_noise_eur
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def margin_at_stake(gov: Governance) -> float:
    """What the executor loses with the contract [EUR]: its margin (at least the normal
    one) on the season's value for the rest of the period, less what other clients pay."""
    pnl = profit_and_loss(gov)
    margin = max(BASE_MARGIN, pnl["margin_pct"] / 100.0)
    other = gov.model.scenario.regime.other_clients_share
    return years_left(gov) * margin * season_fair_eur(gov) * (1.0 - other)


def tender_discipline(gov: Governance) -> float:
    """The share of its markup above the normal margin a market executor keeps [0..1]: it
    trades margin against the chance of losing the contract (the first-order condition of
    margin x spend - P(switch) x stake with a logit P: 1 / (1 + p(1-p) stake / noise)).
    1 outside the market regime."""
    if gov.contract.sourcing != "market":
        return 1.0
    p = switch_probability(gov)
    stake = margin_at_stake(gov)
    return 1.0 / (1.0 + p * (1.0 - p) * stake / gov.model.scenario.regime.tender_noise_eur)


def tender(gov: Governance) -> None:
    """Market regime, end of a contract period: a tender; the gemeente switches with
    `switch_probability`, paying the switching cost, and a newcomer starts with the
    newcomer's maturity and no shared history (each side's first impression)."""
    gov.ledger.tender_eur += gov.contract.tender_cost_eur
    if gov.rng.random() < switch_probability(gov):
        gov.ledger.tender_eur += gov.contract.switching_cost_eur
        gov.rel.meet_newcomer(gov.model.scenario.regime.newcomer_maturity)
        gov.emit({"kind": "tender", "outcome": "switch"})
    else:
        gov.emit({"kind": "tender", "outcome": "incumbent"})


# --- in-house: work done tussendoor -----------------------------------------------------------
AD_HOC_KINDS = ("adhoc", "targeted")  # rounds and jobs ordered outside the plan


def ad_hoc_cost_eur(gov: Governance) -> float:
    """What the ad-hoc rounds and jobs cost in crew and truck hours [EUR]. In-house the
    department does them tussendoor: they reach no invoice and no account of the service
    (Hesselink et al.: "Er gebeurde daardoor daar meer dan men zich realiseerde"), so the
    in-house budget and the in-house baseline leave them out."""
    cfg = gov.model.scenario.executor
    per_h = cfg.crew_cost_eur_per_h + cfg.truck_cost_eur_per_h
    hours = sum(
        done - a.started[r]
        for a in gov.model.executor.fleet.actions
        if a.kind in AD_HOC_KINDS
        for r, done in a.finished.items()
        if r in a.started
    )
    return hours * per_h


# --- the external price check -------------------------------------------------------------
BENCHMARK_SD = 0.03  # an external price check's own error [-, lognormal sd] (assumption)
# A premium this large over the market price is full evidence of bad faith: the gap the
# Gouda-Cyclus comparison found (about 20 %, Hesselink et al.) [-].
PREMIUM_FULL_SIGNAL = 0.20


def benchmark_check(gov: Governance) -> None:
    """With a price benchmark the gemeente holds the latest invoice against an external
    price check (with its own error): at or below it, evidence of good faith; above it,
    evidence against, the stronger the larger the premium. Information, not a discount."""
    if not gov.contract.price_benchmark or not gov.invoices:
        return
    inv = gov.invoices[-1]
    if inv.hour != gov.model.hour or inv.fair_eur <= 0:
        return
    check = inv.fair_eur * float(gov.rel.rng.lognormal(0.0, BENCHMARK_SD))
    premium = inv.claimed_eur / check - 1.0
    if premium <= 0.0:
        feel(gov.rel, gov.model.hour, "invoice matches benchmark")
    else:
        feel(
            gov.rel,
            gov.model.hour,
            "invoice above benchmark",
            scale=min(1.0, premium / PREMIUM_FULL_SIGNAL),
        )
