"""Trust observations as data: every experience comes from the table of trust effects, and
each change of either side's trust reaches the model's listeners (the session log) as a
`trust` event, without adding to the governance events."""

from __future__ import annotations

import pytest

from sim.governance.relationship import ASPECTS, BENEVOLENCE, CLEARED, Relationship
from sim.governance.trust import REVERSION, TRUST_EFFECTS, TRUST_REASONS, TrustEffect, feel
from sim.scenario.schema import RelationshipConfig
from tests.governance.helpers import new_model, step_hours

TEN_DAYS = 24 * 10


def test_every_effect_names_a_source_and_moves_trust_can_be_misread_or_brings_contact() -> None:
    for reason, effect in TRUST_EFFECTS.items():
        assert isinstance(effect, TrustEffect) and effect.source.strip(), reason
        assert set(effect.aspects) <= set(ASPECTS), reason
        assert all(0.0 < seen <= 1.0 for seen in effect.seen), reason
        for gemeente, executor in effect.sizes.values():
            assert gemeente or executor or any(effect.misread) or effect.contact, reason
            if not effect.scale:  # a fixed size is a signal; a variable one per unit
                assert -1.0 <= gemeente <= 1.0 and -1.0 <= executor <= 1.0, reason


def test_the_reasons_for_the_catalogue_are_the_table_forgetting_and_clearing() -> None:
    assert (*TRUST_EFFECTS, REVERSION, CLEARED) == TRUST_REASONS
    assert {"invoice approved", "direct contact", "bypass", "month on the street",
            "complaints", "joint project team", "promise kept", "help given",
            "hold-up", "invoice above benchmark"} <= set(TRUST_REASONS)


def test_a_plain_effect_applies_its_table_sizes_and_is_remembered_by_its_reason() -> None:
    rel = Relationship.start(RelationshipConfig(), 0.4)
    reference = Relationship.start(RelationshipConfig(), 0.4)
    feel(rel, 5, "bypass")
    reference.experience(5, "bypass", gemeente=-0.5, executor=-0.4,
                         aspects=(BENEVOLENCE, BENEVOLENCE))
    assert (rel.trust_g_in_e, rel.trust_e_in_g) == (reference.trust_g_in_e,
                                                     reference.trust_e_in_g)
    assert rel.history == [(5, "bypass", -0.5, -0.4)]


def test_a_variable_effect_scales_only_the_side_it_moves() -> None:
    rel = Relationship.start(RelationshipConfig(), 0.4)
    feel(rel, 0, "monthly report", scale=-0.25)
    [(_, what, gemeente, executor)] = rel.history
    assert what == "monthly report" and gemeente == pytest.approx(-0.5)
    assert executor == 0.0 and str(executor) == "0.0"  # not -0.0: the history is hashed


def _listening(days_hours: int = TEN_DAYS) -> tuple[object, list[dict]]:
    model = new_model()
    heard: list[dict] = []
    model.add_listener(heard.append)
    step_hours(model, days_hours)
    return model, heard


def test_every_recorded_experience_reaches_the_listeners_as_trust_events() -> None:
    model, heard = _listening()
    rel = model.governance.rel
    trust = [e for e in heard if e["kind"] == "trust"]
    expected = sum(bool(g) + bool(e) for _, _, g, e in rel.history) + 2 * (model.hour // 24)
    assert len(trust) == expected
    assert {e["reason"] for e in trust} <= set(TRUST_REASONS)
    for event in trust:
        assert set(event) == {"tick", "kind", "who", "reason", "before", "after"}
        assert event["who"] in ("gemeente", "executor")


def test_trust_events_chain_from_one_value_to_the_next_and_end_at_the_model_s_trust() -> None:
    model, heard = _listening()
    rel = model.governance.rel
    for who, now in (("gemeente", rel.trust_g_in_e), ("executor", rel.trust_e_in_g)):
        mine = [e for e in heard if e["kind"] == "trust" and e["who"] == who]
        assert all(a["after"] == b["before"] for a, b in zip(mine, mine[1:], strict=False))
        assert mine[-1]["after"] == now


def test_the_daily_reversion_is_reported_for_both_sides() -> None:
    _, heard = _listening(24)
    reversion = [e for e in heard if e["kind"] == "trust" and e["reason"] == REVERSION]
    assert [e["who"] for e in reversion] == ["gemeente", "executor"]
    assert all(e["tick"] == 23 for e in reversion)


def test_trust_events_are_not_governance_events() -> None:
    model, heard = _listening()
    assert not any(e["kind"] == "trust" for e in model.governance.events)
    assert [e for e in heard if e["kind"] != "trust"] == model.governance.events


def test_listening_changes_nothing_in_the_model() -> None:
    quiet = new_model()
    step_hours(quiet, TEN_DAYS)
    listened, _ = _listening()
    assert listened.governance.hash_parts() == quiet.governance.hash_parts()
    assert listened.governance.rel.history == quiet.governance.rel.history
