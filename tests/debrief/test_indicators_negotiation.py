"""The negotiation and trust-as-belief indicators read what each side did at a meeting,
what the meeting made of it, and what the other side observed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from debrief.indicator_params import MovesParams, SettledParams, TrustSeenParams
from debrief.indicators import Context
from debrief.indicators_negotiation import items_settled, move_share, trust_seen

SEAT = {"executor": [(0, 30 * 24, None)], "regisseur": [(0, 30 * 24, None)]}


def act(role: str, t: int, action: dict, by: str = "human") -> dict:
    return {
        "kind": "action",
        "role": role,
        "by": by,
        "t": t,
        "season": 0,
        "seq": t,
        "action": action,
    }


def positions(meeting: int, t: int, *moves: tuple[int, str, float]) -> dict:
    return act(
        "executor",
        t,
        {
            "type": "table_positions",
            "meeting_id": meeting,
            "moves": [{"item_id": i, "move": m, "amount_eur": a, "note": ""} for i, m, a in moves],
        },
    )


def result(meeting: int, t: int, *outcomes: tuple[int, str, float]) -> dict:
    return {
        "kind": "meeting_outcome",
        "t": t,
        "season": 0,
        "meeting_id": meeting,
        "level": "operational",
        "outcomes": [{"item_id": i, "outcome": o, "amount_eur": a} for i, o, a in outcomes],
    }


def trust(t: int, who: str, reason: str, change: float) -> dict:
    return {
        "kind": "trust",
        "t": t,
        "season": 0,
        "who": who,
        "reason": reason,
        "before": 0.5,
        "after": 0.5 + change,
    }


def ctx(events: list[dict], role: str = "executor") -> Context:
    """A trace-like object: the events, the player in both seats for 30 days."""
    trace = SimpleNamespace(
        events=events, seat=SEAT, extras={}, seat_hours=lambda role, human: 30 * 24.0
    )
    return Context(trace=trace, role=role, human=True)


EVENTS = [
    positions(0, 100, (0, "offer", 6000.0), (1, "hold", 0.0)),
    result(0, 102, (0, "compromise", 5500.0), (1, "reject", 0.0)),
    positions(1, 300, (0, "accept", 0.0)),
    result(1, 302, (0, "agree", 4000.0)),
    act(
        "executor",
        310,
        {
            "type": "table_positions",
            "meeting_id": 2,
            "moves": [{"item_id": 0, "move": "offer", "amount_eur": 1.0, "note": ""}],
        },
        by="bot",
    ),
]


def test_a_concession_share_counts_the_players_own_moves_only():
    m = move_share(ctx(EVENTS), MovesParams(moves=["offer", "accept"]))
    assert (m.value, m.n) == (pytest.approx(2 / 3), 3)  # the bot's offer is not the player's


def test_items_settled_reads_what_the_meeting_made_of_the_players_moves():
    m = items_settled(ctx(EVENTS), SettledParams(outcomes=["agree", "compromise"]))
    assert (m.value, m.n) == (pytest.approx(2 / 3), 3)
    assert [e["outcome"] for e in m.evidence] == ["compromise", "reject", "agree"]


def test_the_regisseurs_older_outcomes_count_as_the_moves_they_stand_for():
    record = act(
        "regisseur",
        50,
        {
            "type": "record_meeting",
            "meeting_id": 0,
            "outcomes": [
                {"item_id": 0, "outcome": "compromise", "amount_eur": 10.0, "note": ""},
                {"item_id": 1, "outcome": "reject", "amount_eur": 0.0, "note": ""},
            ],
        },
    )
    m = move_share(ctx([record], role="regisseur"), MovesParams(moves=["offer"]))
    assert (m.value, m.n) == (0.5, 2)


def test_items_the_other_side_held_up_against_an_offer_can_be_left_out():
    held = result(0, 102, (0, "reject", 0.0), (1, "reject", 0.0))
    held["outcomes"][0].update(executor_move="offer", gemeente_move="hold")  # held up
    held["outcomes"][1].update(executor_move="hold", gemeente_move="hold")  # both held
    events = [positions(0, 100, (0, "offer", 6000.0), (1, "hold", 0.0)), held]
    params = SettledParams(outcomes=["agree", "compromise"])
    assert items_settled(ctx(events), params).n == 2
    m = items_settled(ctx(events), params.model_copy(update={"skip_held_up": True}))
    assert (m.value, m.n) == (0.0, 1)  # the deadlock the player joined still counts


def test_no_meeting_moves_means_not_observed():
    assert move_share(ctx([]), MovesParams(moves=["offer"])).value is None
    assert items_settled(ctx([]), SettledParams(outcomes=["agree"])).value is None


def test_trust_seen_sums_what_the_observer_saw_while_the_player_held_the_seat():
    events = [
        trust(10, "gemeente", "help given", 0.02),
        trust(20, "gemeente", "promise kept", 0.01),
        trust(30, "executor", "help given", 0.05),  # the other side's belief
        trust(40, "gemeente", "order refused", -0.03),  # not a listed reason
        trust(31 * 24, "gemeente", "help given", 0.04),
    ]  # after the player left
    params = TrustSeenParams(observer="gemeente", reasons=["help given", "promise kept"])
    m = trust_seen(ctx(events), params)
    assert m.value == pytest.approx(3.0)
    assert [e["reason"] for e in m.evidence] == ["help given", "promise kept"]
    per_month = trust_seen(ctx(events), params.model_copy(update={"stat": "per_month"}))
    assert per_month.value == pytest.approx(2.0)


def test_nothing_seen_over_the_seat_time_is_a_zero_resting_on_its_days():
    params = TrustSeenParams(observer="gemeente", reasons=["hold-up"], stat="per_month")
    m = trust_seen(ctx([trust(10, "gemeente", "help given", 0.02)]), params)
    assert (m.value, m.n) == (0.0, 30)  # observed for 30 days, like a rate of actions


def test_an_unknown_trust_reason_is_refused():
    with pytest.raises(ValidationError, match="unknown trust reason"):
        TrustSeenParams(observer="gemeente", reasons=["a good feeling"])
