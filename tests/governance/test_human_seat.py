"""The human seat is just another strategy (Axelrod's Human with an input function):
driven by a scripted input function it gives the same run as submitting the same actions
directly, so every game path can be tested without a person or a display."""

from __future__ import annotations

import json

from sim.bots import Bot, HumanSeat
from sim.kpi import summary
from sim.model import RegieModel
from sim.session import state_hash
from tests.governance.helpers import new_model

DAYS = 33  # the first invoice (day 30) is reviewed by the person


def regisseur_script(obs: dict) -> list[dict]:
    """A person in the regisseur's seat: a pure function of what the regisseur sees."""
    actions = []
    for p in obs["decisions"]:
        kind, ref, ctx = p["kind"], p["ref"], p["context"]
        if kind == "invoice":
            actions.append({"type": "review_invoice", "invoice_id": ref, "decision": "dispute",
                            "disputed_eur": round(0.05 * ctx["claimed_eur"], 2),
                            "note": "te duur"})
        elif kind == "meeting":
            actions.append({"type": "record_meeting", "meeting_id": ref, "outcomes": [
                {"item_id": i["item_id"], "outcome": "compromise",
                 "amount_eur": round(0.5 * i["amount_eur"], 2)} for i in ctx["agenda"]]})
        elif kind == "meerwerk_request":
            actions.append({"type": "decide_meerwerk", "request_id": ref, "decision": "reject"})
        else:
            actions.append(dict(p["options"][0]))
    hod, day = obs["hour"] % 24, obs["day"]
    if hod == 10 and day % 3 == 0:
        actions.append({"type": "direct_contact", "note": "even bellen"})
    if hod == 9 and day == 31:
        actions.append({"type": "inspect"})
    if hod == 11 and day % 5 == 1:
        actions.append({"type": "impose_penalty", "amount_eur": -5})  # rejected: bad value
        actions.append({"type": "launch_campaign"})  # accepted once, then rejected (running)
    return actions


def _model() -> RegieModel:
    m = new_model(weather={"days": DAYS})
    m.set_controller("regisseur", None, name="Anna")
    m.inject("council_motion", 0.5)
    return m


def _outcome(m: RegieModel) -> tuple:
    return (json.dumps(m.governance.events), summary(m),
            state_hash(m))


def test_human_seat_has_the_bot_shape() -> None:
    seen = []
    seat = HumanSeat("regisseur", lambda obs: seen.append(obs) or ({"type": "inspect"},))
    assert isinstance(seat, Bot) and seat.name == "human" and seat.role == "regisseur"
    obs = _model().observe("regisseur")
    assert seat.decide(obs) == [{"type": "inspect"}] and seen == [obs]


def test_scripted_human_seat_equals_direct_submission() -> None:
    # Run A: the game loop asks the seat for the person's actions at every turn.
    a = _model()
    seat = HumanSeat("regisseur", regisseur_script)
    turns: list[list[dict]] = []
    while not a.finished:
        actions = seat.decide(a.observe("regisseur"))
        turns.append(actions)
        for action in actions:
            a.submit("regisseur", action)
        a.step()
    # Run B: the same actions, submitted directly turn by turn, without looking.
    b = _model()
    for actions in turns:
        for action in actions:
            b.submit("regisseur", action)
        b.step()
    assert b.finished
    assert _outcome(a) == _outcome(b)
    events = a.governance.events
    mine = [e for e in events if e["kind"] in ("action", "rejected")
            and e["role"] == "regisseur" and e["by"] != "rule"]  # year-end closing
    assert {e["by"] for e in mine} == {"human"}
    assert {e["kind"] for e in mine} == {"action", "rejected"}
    assert {e["action"]["type"] for e in mine if e["kind"] == "action"} >= {
        "review_invoice", "record_meeting", "answer_council", "direct_contact", "inspect",
        "launch_campaign"}


def _executor_script(obs: dict) -> list[dict]:
    return [dict(p["options"][0]) for p in obs["decisions"]]


def test_a_human_seat_can_take_the_executor_seat() -> None:
    m = new_model(weather={"days": 3})
    m.set_controller("executor", HumanSeat("executor", _executor_script), name="Bob")
    m.run_season()
    answers = [e for e in m.governance.events if e["kind"] == "action"
               and e["role"] == "executor"]
    assert answers and {e["by"] for e in answers} == {"human"}
