"""The design phase in the network classroom (issue 14): the negotiating seats get their
design decisions on their phones, every seat sees what is on the table and the others
tick the risks they expect; the trainer sees the phase and extends or closes it; the log
has it all, and a resumed host stands where the phase was left."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from host.classroom import Classroom
from sim.design.classroom import risk_forecasts
from sim.session import read_log
from tests.host.harness import Client, serving

SCENARIO = """\
schema_version: 1
weather: {days: 1}
citizens: {agents: 200}
design: {skip: false}
"""


def design_file(directory: Path) -> Path:
    """A one-day winter that plays the design phase."""
    path = directory / "ontwerp.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


async def state_where(client: Client, pred, what: str) -> dict:
    """The first state (the latest one included) that satisfies `pred`."""
    if client.state is not None and pred(client.state):
        return client.state
    return await client.until(lambda m: m["type"] == "state" and pred(m), what)


def design_point(state: dict) -> dict | None:
    """The seat's open design decision, if any."""
    return next((d for d in state["decisions"] if d["kind"].startswith("design_")), None)


def at(kind: str):
    """A state predicate: the seat's design decision is of this kind."""
    return lambda s: (design_point(s) or {}).get("kind") == kind


async def acked(client: Client, message: dict) -> dict:
    reply = await client.reply(message, "ack")
    assert reply["type"] == "ack" and reply.get("ok", True), reply
    return reply


async def through_the_plan(seats: dict[str, Client]) -> dict:
    """The executor hands in its plan as its form stands; the regisseur adopts it. Returns
    the draft's form and the regisseur's view of the plan."""
    point = await state_where(seats["executor"], at("design_plan_draft"), "the draft")
    draft = design_point(point)["design"]
    (move,) = draft["moves"]
    plan = {f["name"]: f["default"] for f in draft["fields"]}
    await acked(
        seats["executor"],
        {"type": "act", "id": "e1", "action": {**move["action"], draft["nest"]: plan}},
    )
    review = await state_where(seats["regisseur"], at("design_plan_review"), "the review")
    adopt = next(m for m in design_point(review)["design"]["moves"] if m["move"] == "adopt")
    await acked(seats["regisseur"], {"type": "act", "id": "r2", "action": adopt["action"]})
    return {"draft": draft, "review": design_point(review), "table": review["design"]}


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One table: the wethouder sets a condition, the regisseur asks, the trainer extends
    the clock and then closes the phase; every seat's states on the way are kept."""
    tmp = tmp_path_factory.mktemp("host-design")
    seen: dict = {}

    async def main():
        async with (
            serving(tmp / "class", scenario=design_file(tmp)) as running,
            aiohttp.ClientSession() as session,
        ):
            seats = {}
            for role in ("regisseur", "executor", "wethouder"):
                seats[role] = await Client.open(session, running.ws_url)
                await seats[role].join(running.code(1, role), role.title())
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            wethouder = await state_where(seats["wethouder"], at("design_conditions"), "conditions")
            seen["conditions"] = design_point(wethouder)
            seen["waiting"] = await state_where(seats["executor"], lambda s: s["design"], "x")
            form = seen["conditions"]["design"]
            action = {**form["action"], "conditions": ["salt_rule"]}
            await acked(seats["wethouder"], {"type": "act", "id": "w1", "action": action})
            regisseur = await state_where(seats["regisseur"], at("design_regisseur"), "the ask")
            seen["ask"] = design_point(regisseur)
            offer = next(m for m in seen["ask"]["design"]["moves"] if m["move"] == "offer")
            terms = {f["name"]: f["default"] for f in seen["ask"]["design"]["fields"]}
            terms["price_factor"] = 0.95
            action = {**offer["action"], "terms": terms}
            await acked(seats["regisseur"], {"type": "act", "id": "r1", "action": action})
            risks = {"type": "risks", "id": "k1", "risks": ["salt_runs_out", "price_dispute"]}
            await acked(seats["wethouder"], risks)
            seen["plan"] = await through_the_plan(seats)
            executor = await state_where(seats["executor"], at("design_executor"), "its offer")
            seen["draft"] = design_point(executor)
            seen["executor_state"] = executor
            seen["regisseur_waits"] = await state_where(
                seats["regisseur"], lambda s: s["design"]["turn"] == "executor", "turn"
            )
            seen["class"] = await trainer.until(
                lambda m: (
                    m["type"] == "class"
                    and m["tables"][0]["design"]["turn"] == "executor"
                    and m["tables"][0]["design"]["moves"] >= 2
                ),
                "class",
            )
            extend = {"command": "design_extend", "table": 1, "minutes": 10}
            seen["extend"] = await trainer.command(extend, "t1")
            seen["extended"] = await state_where(
                seats["executor"], lambda s: s["design"]["minutes"] == 40, "40 minutes"
            )
            seen["close"] = await trainer.command({"command": "design_close", "table": 1}, "t2")
            seen["closed"] = await state_where(
                seats["regisseur"], lambda s: s["design"]["status"] == "closed", "closed"
            )
            seen["again"] = await trainer.command({"command": "design_close", "table": 1}, "t3")
            seen["late_risks"] = None
            return running.classroom.directory

    seen["directory"] = asyncio.run(main())
    seen["events"] = read_log(seen["directory"] / "table-1.jsonl").events
    return seen


def test_the_wethouder_sets_conditions_on_its_phone(played):
    form = played["conditions"]["design"]
    assert form["form"] == "conditions"
    labels = [c["label"]["nl"] for c in form["conditions"]]
    assert len(labels) == 4 and all(label and "_" not in label for label in labels)


def test_every_seat_sees_the_table_and_the_risk_list_while_the_contract_is_written(played):
    phase = played["waiting"]["design"]
    assert phase["status"] == "open" and phase["turn"] == "wethouder"
    assert len(phase["items"]) == 8 and phase["clock_text"]["en"].startswith("Table time")
    assert [r["key"] for r in phase["risks"]["options"]] == [
        "salt_runs_out",
        "snow_to_plough",
        "council_incident",
        "price_dispute",
        "teething_problems",
    ]


def test_the_regisseur_s_ask_starts_from_the_conditions_and_every_item_has_choices(played):
    form = played["ask"]["design"]
    fields = {f["name"]: f for f in form["fields"]}
    assert fields["salt_rule_t"]["default"] is not None  # the wethouder's condition
    assert all(f["default"] in [c["value"] for c in f["choices"]] for f in fields.values())
    assert {m["move"] for m in form["moves"]} == {"offer", "walk"}


def test_the_executor_sees_the_gemeente_s_ask_beside_its_own_draft(played):
    fields = {f["name"]: f for f in played["draft"]["design"]["fields"]}
    assert fields["price_factor"]["other"]["en"].startswith("€")
    assert played["executor_state"]["design"]["turn"] == "executor"


def test_the_executor_drafts_the_plan_and_the_regisseur_adopts_it_on_their_phones(played):
    draft, review = played["plan"]["draft"], played["plan"]["review"]
    assert draft["nest"] == "plan" and [m["move"] for m in draft["moves"]] == ["draft"]
    assert review["kind"] == "design_plan_review"
    assert {m["move"] for m in review["design"]["moves"]} == {"adopt", "ask"}
    table = played["plan"]["table"]["plan"]
    assert len(table["rows"]) == 6 and table["price_text"]["en"].startswith("The plan")


def test_a_seat_is_sent_only_its_own_decisions(played):
    assert design_point(played["regisseur_waits"]) is None
    assert design_point(played["waiting"]) is None  # the executor, on the wethouder's turn
    assert played["executor_state"]["role"] == "executor"
    kinds = {d["kind"] for d in played["executor_state"]["decisions"]}
    assert kinds == {"design_executor"}


def test_the_console_shows_the_phase_per_table(played):
    summary = played["class"]["tables"][0]["design"]
    assert summary == {
        "status": "open",
        "turn": "executor",
        "minutes": 30.0,
        "minutes_left": 28.0,
        "moves": summary["moves"],
        "open_items": summary["open_items"],
        "items": 8,
    }
    assert summary["open_items"] >= 1


def test_the_trainer_extends_and_closes_the_phase_and_the_starting_offer_holds(played):
    assert played["extend"]["type"] == "ack" and played["close"]["type"] == "ack"
    assert played["extended"]["design"]["minutes_left"] == 38.0
    assert played["closed"]["design"]["risks"] is None or played["closed"]["clock"]["hour"] == 0
    assert played["again"]["type"] == "error" and played["again"]["code"] == "bad_command"
    kinds = [(e["kind"], e.get("act") or e.get("outcome")) for e in played["events"]]
    close = kinds.index(("trainer", "design_close"))
    assert kinds.index(("contract_agreed", "closed")) > close
    assert ("trainer", "design_extend") in kinds[:close]


def test_the_risks_a_person_ticked_are_in_the_log(played):
    assert risk_forecasts(played["events"]) == [
        {
            "seat": "wethouder",
            "name": "Wethouder",
            "risks": ["salt_runs_out", "price_dispute"],
            "tick": 0,
        }
    ]


def test_a_resumed_host_replays_the_trainer_s_acts_on_the_phase(played):
    classroom = Classroom.resume(played["directory"])
    try:
        view = classroom.table(1).state.view["design"]
        assert view["status"] == "closed" and view["minutes"] == 40.0
    finally:
        classroom.close()


def test_the_executor_prepares_its_plan_while_the_gemeente_asks(played):
    prepare = played["waiting"]["design"]["prepare"]  # the executor, before its move
    assert prepare["nest"] == "plan" and len(prepare["fields"]) == 6
    assert played["regisseur_waits"]["design"]["prepare"] is None  # the executor's only
    assert played["executor_state"]["design"]["prepare"] is None  # the plan is drafted
