"""Trust both ways: the asymmetric update and the scenario's `relationship` keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sim.governance.relationship import BASELINE, Relationship, update_trust
from sim.scenario.schema import RelationshipConfig
from tests.governance.helpers import new_model


def test_bad_surprises_weigh_more_than_good_ones() -> None:
    up = update_trust(0.5, +0.5) - 0.5
    down = 0.5 - update_trust(0.5, -0.5)
    assert down == pytest.approx(RelationshipConfig().negativity_ratio * up)


def test_trust_stays_between_zero_and_one() -> None:
    assert update_trust(0.99, 1.0) <= 1.0
    assert update_trust(0.01, -1.0) >= 0.0
    assert update_trust(0.5, 7.0) == update_trust(0.5, 1.0)  # surprises are clipped


def test_the_scenario_sets_the_starting_trust_both_ways() -> None:
    model = new_model(relationship={"trust_gemeente_in_executor": 0.3,
                                    "trust_executor_in_gemeente": 0.7})
    rel = model.governance.rel
    assert (rel.trust_g_in_e, rel.trust_e_in_g) == (0.3, 0.7)


def test_a_higher_negativity_ratio_loses_more_trust_on_the_same_bad_news() -> None:
    mild = Relationship.start(RelationshipConfig(negativity_ratio=1.5), 0.4)
    harsh = Relationship.start(RelationshipConfig(negativity_ratio=4.0), 0.4)
    for rel in (mild, harsh):
        rel.experience(0, "bypass", gemeente=-0.5, executor=-0.4)
    assert harsh.trust_g_in_e < mild.trust_g_in_e < 0.5
    assert harsh.trust_e_in_g < mild.trust_e_in_g < 0.5


def test_the_learning_rate_scales_what_good_news_builds() -> None:
    slow = Relationship.start(RelationshipConfig(learning_rate=0.03), 0.4)
    fast = Relationship.start(RelationshipConfig(learning_rate=0.12), 0.4)
    for rel in (slow, fast):
        rel.experience(0, "direct contact", gemeente=0.3, executor=0.3)
    assert fast.trust_g_in_e - 0.5 == pytest.approx(4 * (slow.trust_g_in_e - 0.5))


def test_trust_drifts_back_to_neutral_at_the_reversion_rate() -> None:
    rel = Relationship.start(RelationshipConfig(trust_gemeente_in_executor=0.9,
                                                reversion_per_day=0.1), 0.4)
    rel.drift()
    assert rel.trust_g_in_e == pytest.approx(0.9 + 0.1 * (BASELINE - 0.9))
    still = Relationship.start(RelationshipConfig(trust_gemeente_in_executor=0.9,
                                                  reversion_per_day=0.0), 0.4)
    still.drift()
    assert still.trust_g_in_e == 0.9


def test_one_bad_surprise_may_not_take_more_than_all_trust() -> None:
    with pytest.raises(ValidationError, match="must not exceed 1"):
        RelationshipConfig(learning_rate=0.3, negativity_ratio=4.0)


def test_a_harsher_relationship_ends_a_season_with_less_trust() -> None:
    ends = {}
    for ratio in (1.0, 5.0):
        model = new_model(seed=2, relationship={"negativity_ratio": ratio})
        while model.running:
            model.step()
        ends[ratio] = model.governance.rel.mean_trust
    assert ends[5.0] < ends[1.0]
