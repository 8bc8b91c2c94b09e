"""Penalties as Dutch service contracts write them: per route that missed the norm, deducted
from the invoice, capped per invoice and per season, never more than the gemeente owes."""

from __future__ import annotations

import pytest

from sim.governance.invoices import penalty_cap
from tests.governance.helpers import misses_reported, new_model, reject


def test_the_cap_is_the_penalty_per_route_times_the_misses_while_the_caps_leave_room() -> None:
    m = misses_reported()
    gov = m.governance
    contract = gov.contract
    expected = min(contract.penalty_eur * gov.unpenalised_misses,
                   0.10 * gov.invoices[-1].claimed_eur, 0.10 * contract.fixed_fee_eur_per_season)
    assert penalty_cap(gov) == pytest.approx(expected, abs=0.01)


def test_a_penalty_is_deducted_from_the_latest_invoice() -> None:
    m = misses_reported()
    gov = m.governance
    amount = penalty_cap(gov)
    assert m.submit("regisseur", {"type": "impose_penalty", "amount_eur": amount}).ok
    assert gov.invoices[-1].penalised_eur == amount == gov.ledger.penalties_eur


def test_a_penalty_above_a_tenth_of_the_invoice_is_refused() -> None:
    m = misses_reported()
    gov = m.governance
    gov.unpenalised_misses = 1_000  # far more misses than the invoice can carry
    too_much = 0.10 * gov.invoices[-1].claimed_eur + 1.0
    reject(m, "regisseur", {"type": "impose_penalty", "amount_eur": too_much},
           match="exceeds the contractual penalty")


def test_once_the_seasons_cap_is_used_up_no_penalty_is_accepted() -> None:
    m = misses_reported()
    gov = m.governance
    gov.ledger.penalties_eur = 0.10 * gov.contract.fixed_fee_eur_per_season
    assert penalty_cap(gov) == 0.0
    reject(m, "regisseur", {"type": "impose_penalty", "amount_eur": 1.0}, match="used up")


def test_no_penalty_before_the_first_invoice() -> None:
    m = new_model()
    m.governance.unpenalised_misses = 3
    assert penalty_cap(m.governance) == 0.0
