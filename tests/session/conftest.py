"""Shared pieces of the session-log tests: short, eventful winters and a scripted person."""

from __future__ import annotations

import pytest

from sim.scenario.loader import load_scenario, resolve_scenario, scenario_base_dir
from sim.scenario.schema import Scenario

# A short, hard winter from New Year: trucks go out, invoices and meetings come round.
WINTER = ["weather.climate=severe", "weather.start_date=2026-01-01"]


def scenario(days: int = 20, *overrides: str) -> Scenario:
    """The default scenario, cut to `days` of a severe January (as `regie run --days`)."""
    return load_scenario(resolve_scenario(None), [*WINTER, *overrides, f"weather.days={days}"])


BASE_DIR = scenario_base_dir(resolve_scenario(None))


class ScriptedPerson:
    """A person in the regisseur's seat (and a trainer), as a pure function of the model.

    Answers every open decision point (disputing invoices, compromising in meetings),
    makes contact now and then, submits some invalid actions (rejected), and, as trainer,
    injects events, writes notes (one private), and hands the seat to a bot and back.
    """

    def __init__(self, name: str = "Anna", second: str = "Bob") -> None:
        self.name, self.second = name, second
        self.trainer_done: set[int] = set()  # the model stands still while a person thinks

    def turn(self, model, log) -> None:
        h, day = model.hour, model.day
        if h not in self.trainer_done:
            self.trainer_done.add(h)
            self.trainer(model, log)
        if model.governance.is_human("regisseur"):
            for p in model.observe("regisseur")["decisions"]:
                model.submit("regisseur", self.answer(p))
            if h % 24 == 10 and day % 3 == 0:
                model.submit("regisseur", {"type": "direct_contact",
                                           "note": f"{self.name} belt even"})
            if h % 24 == 11 and day % 4 == 1:
                model.submit("regisseur", {"type": "impose_penalty", "amount_eur": -5})
                model.submit("regisseur", {"type": "review_invoice", "invoice_id": 99,
                                           "decision": "approve"})
                model.submit("regisseur", {"type": "buy_salt", "quantity_t": 1.0})

    def trainer(self, model, log) -> None:
        h = model.hour
        if h == 24 * 3 + 8:
            model.inject("media_storm", 0.7)
        if h == 24 * 4 + 3:
            log.log_trainer("bookmark", tag="storm", note=f"{self.name} reageert goed")
        if h == 24 * 5:
            log.log_trainer("note", note=f"{self.name} twijfelt; bespreken", private=True)
            log.log_trainer("speed", value=4.0)
        if h == 24 * 7 + 2:
            model.set_controller("regisseur", "relational")
        if h == 24 * 9 + 1:
            model.set_controller("regisseur", None, name=self.second)
        if h == 24 * 11 + 9:
            model.inject("council_motion", 0.5)

    def answer(self, p: dict) -> dict:
        kind, ref, ctx = p["kind"], p["ref"], p["context"]
        if kind == "invoice":
            return {"type": "review_invoice", "invoice_id": ref, "decision": "dispute",
                    "disputed_eur": round(0.1 * ctx["claimed_eur"], 2),
                    "note": f"{self.name} vindt dit te duur"}
        if kind == "meeting":
            return {"type": "record_meeting", "meeting_id": ref,
                    "outcomes": [{"item_id": i["item_id"], "outcome": "compromise",
                                  "amount_eur": round(0.5 * i["amount_eur"], 2),
                                  "note": f"voorstel van {self.name}"}
                                 for i in ctx["agenda"]]}
        if kind == "council_question":
            return {"type": "answer_council", "question_id": ref, "tone": "factual"}
        return dict(p["options"][0])


def play(log, model, person: ScriptedPerson) -> object:
    """Play to the end of the season as the game would, then close the log."""
    while not model.finished:
        person.turn(model, log)
        log.step(model)
    person.turn(model, log)
    log.close(model)
    return model


@pytest.fixture
def person() -> ScriptedPerson:
    return ScriptedPerson()


@pytest.fixture(autouse=True)
def _in_tmp_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`regie run` without --out writes to ./runs/: never the repository's."""
    monkeypatch.chdir(tmp_path)
