"""Trust as a belief: Beta evidence about reliability and benevolence, forgetting, what
contact changes about what each side sees, and the scenario's `relationship` keys."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from sim.governance.relationship import BENEVOLENCE, RELIABILITY, Relationship
from sim.governance.trust import feel
from sim.scenario.schema import RelationshipConfig
from tests.governance.helpers import new_model


def rel_with(seed: int = 0, **keys: float) -> Relationship:
    return Relationship.start(RelationshipConfig(**keys), 0.4, np.random.default_rng(seed))


def test_bad_news_moves_trust_further_than_equally_good_news() -> None:
    good, bad = rel_with(), rel_with()
    good.experience(0, "x", gemeente=0.5)
    bad.experience(0, "x", gemeente=-0.5)
    assert 0.5 - bad.trust_g_in_e > 2 * (good.trust_g_in_e - 0.5) > 0


def test_trust_stays_between_zero_and_one_and_signals_are_clipped() -> None:
    rel, clipped = rel_with(), rel_with()
    for _ in range(200):
        rel.experience(0, "x", gemeente=1.0, executor=-1.0)
    assert 0.0 < rel.beliefs["executor"][RELIABILITY].mean < 0.01
    assert 0.98 < rel.beliefs["gemeente"][RELIABILITY].mean < 1.0
    assert 0.0 < rel.trust_e_in_g < rel.trust_g_in_e < 1.0  # benevolence is still unknown
    clipped.experience(0, "x", gemeente=7.0)
    one = rel_with()
    one.experience(0, "x", gemeente=1.0)
    assert clipped.trust_g_in_e == one.trust_g_in_e


def test_the_scenario_sets_the_starting_trust_both_ways() -> None:
    model = new_model(
        relationship={"trust_gemeente_in_executor": 0.3, "trust_executor_in_gemeente": 0.7}
    )
    rel = model.governance.rel
    assert (rel.trust_g_in_e, rel.trust_e_in_g) == (0.3, 0.7)


def test_the_first_fully_good_observation_goes_the_learning_rate_of_the_way() -> None:
    for rate in (0.03, 0.12):
        rel = rel_with(learning_rate=rate)
        rel.experience(0, "x", gemeente=1.0)
        assert rel.trust_g_in_e - 0.5 == pytest.approx(rate * 0.5)


def test_a_higher_negativity_ratio_loses_more_trust_on_the_same_bad_news() -> None:
    mild, harsh = rel_with(negativity_ratio=1.5), rel_with(negativity_ratio=4.0)
    for rel in (mild, harsh):
        rel.experience(0, "bypass", gemeente=-0.5, executor=-0.4)
    assert harsh.trust_g_in_e < mild.trust_g_in_e < 0.5
    assert harsh.trust_e_in_g < mild.trust_e_in_g < 0.5


def test_each_observation_informs_only_its_own_aspect() -> None:
    rel = rel_with()
    rel.experience(0, "x", gemeente=1.0, aspects=(BENEVOLENCE, RELIABILITY))
    beliefs = rel.beliefs["gemeente"]
    assert beliefs[BENEVOLENCE].mean > 0.5 == beliefs[RELIABILITY].mean


def test_forgetting_discounts_old_evidence_back_towards_the_first_impression() -> None:
    rel, still = rel_with(reversion_per_day=0.1), rel_with(reversion_per_day=0.0)
    for r in (rel, still):
        r.experience(0, "x", gemeente=1.0)
    learnt = still.trust_g_in_e
    rel.drift(23)
    still.drift(23)
    assert 0.5 < rel.trust_g_in_e < learnt == still.trust_g_in_e


def test_one_bad_surprise_may_not_take_more_than_all_trust() -> None:
    with pytest.raises(ValidationError, match="must not exceed 1"):
        RelationshipConfig(learning_rate=0.3, negativity_ratio=4.0)


def test_trust_rises_with_promises_kept_and_falls_faster_with_promises_broken() -> None:
    kept, broken = rel_with(), rel_with()
    kept.contact = broken.contact = 1.0  # both see every promise
    for _ in range(5):
        feel(kept, 0, "promise kept")
        feel(broken, 0, "promise broken")
    assert 0.5 - broken.trust_g_in_e > kept.trust_g_in_e - 0.5 > 0


def _seen(contact: float, n: int = 400) -> int:
    rel = rel_with(seed=5)
    for _ in range(n):
        rel.contact = contact
        feel(rel, 0, "help given")
    return sum(1 for _, _, g, _ in rel.history if g)


def test_direct_contact_lets_the_gemeente_see_more_of_the_help_it_gets() -> None:
    alone, close = _seen(0.0), _seen(0.8)
    assert 0.2 * 400 < alone < 0.4 * 400  # about the 30 % seen without contact
    assert close > 0.8 * 400


def test_direct_contact_adds_no_trust_of_its_own_but_brings_the_sides_closer() -> None:
    rel = rel_with()
    feel(rel, 0, "direct contact")
    assert (rel.trust_g_in_e, rel.trust_e_in_g) == (0.5, 0.5)
    assert rel.contact == RelationshipConfig().contact_gain


def _days_to_clear(contact: float, seed: int) -> int:
    rel = rel_with(seed=seed, control_aversion=1.0, contact_decay_per_day=0.0)
    feel(rel, 0, "micromanagement")  # read as distrust, with no contact yet
    assert rel.pending and rel.trust_e_in_g < 0.5
    rel.contact = contact
    for day in range(1, 2000):
        rel.drift(24 * day)
        if not rel.pending:
            return day
    return 2000


def test_contact_clears_a_misread_instruction_sooner() -> None:
    alone = np.mean([_days_to_clear(0.0, s) for s in range(30)])
    close = np.mean([_days_to_clear(1.0, s) for s in range(30)])
    assert close < alone / 4


def test_a_cleared_misreading_leaves_only_what_the_instruction_really_said() -> None:
    rel = rel_with(control_aversion=1.0, clear_chance_per_day=1.0, reversion_per_day=0.0)
    plain = rel_with(control_aversion=0.0)
    feel(rel, 0, "micromanagement")
    feel(plain, 0, "micromanagement")
    hurt = rel.trust_e_in_g
    rel.drift(23)
    assert hurt < plain.trust_e_in_g < 0.5
    assert rel.trust_e_in_g == pytest.approx(plain.trust_e_in_g)
    assert rel.history[-1][1] == "misunderstanding cleared"


def test_micromanagement_costs_more_trust_when_it_is_read_as_distrust() -> None:
    ends = {}
    for aversion in (0.0, 1.0):
        rel = rel_with(control_aversion=aversion)
        feel(rel, 0, "micromanagement")
        ends[aversion] = rel.trust_e_in_g
    assert ends[1.0] < ends[0.0] < 0.5
