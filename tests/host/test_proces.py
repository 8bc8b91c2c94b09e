"""A procesregie classroom on 127.0.0.1: the regisseur and every party at its own device.

Parties join with their seat codes, the regisseur leads wyberen and the parties give their
word, the process ends, and every table's session log replays to the same process. A party
sees its own brief and never another party's. Waits are bounded (harness.WAIT_S).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest
import yaml

from host.classroom import Classroom
from host.proces_describe import state_message
from host.store import table_log
from sim.cli import main
from sim.procesregie.session_seam import state_hash
from tests.host.harness import PIN, Client, _poll, _pump, serving

SCENARIO = Path(__file__).parents[2] / "scenarios" / "procesregie_klas_wyberen.yaml"
PARTIES = ("gemeente", "woningcorporatie", "netbeheerder", "bewonersinitiatief", "ondernemers")
SEATS = ("regisseur", *PARTIES)
TABLES = 2
ROUNDS = 200  # the most moves the players make in one process [count]

pytestmark = pytest.mark.xdist_group(name="host_proces")


def _choice(state: dict) -> dict | None:
    """The seat's move now: the regisseur closes divergeren once it may (else another
    round); a party consents to each option it can (its first offered word)."""
    for point in state["decisions"]:
        options = point["options"]
        closing = [o for o in options if o["variant"] == "close_phase"]
        return dict((closing or options)[0]["action"])
    return None


async def _act(client: Client, request_id: str, action: dict) -> dict:
    """Send a move and wait (bounded) for its ack, read by the background reader."""
    await client.send({"type": "act", "id": request_id, "action": action})
    return await _poll(
        lambda: next(
            (m for m in client.received if m.get("id") == request_id and m["type"] != "state"),
            None,
        )
    )


async def _play(clients: dict[str, Client], trainer: Client) -> list[dict]:
    """Answer every open decision until the process is over; the acks received."""
    readers = [asyncio.create_task(_pump(c)) for c in clients.values()]
    try:
        await _poll(lambda: all(c.state for c in clients.values()) or None)
        opening = {"type": "agree_process_rules", "note": "geen commitment vooraf"}
        acks = [await _act(clients["regisseur"], "r0", opening)]
        assert (await trainer.command({"command": "resume", "table": 1}))["ok"]
        answered: set[tuple[str, str]] = set()
        loop = asyncio.get_running_loop()
        end = loop.time() + 40.0
        for n in range(ROUNDS):
            assert loop.time() < end, "the process did not end in time"
            if all(c.state["clock"]["finished"] for c in clients.values()):
                return acks
            for seat, client in clients.items():
                point = next(iter(client.state["decisions"]), None)
                if point is None or (seat, point["id"]) in answered:
                    continue
                answered.add((seat, point["id"]))
                acks.append(await _act(client, f"{seat}-{n}", _choice(client.state)))
            await asyncio.sleep(0.02)
        raise AssertionError(f"{ROUNDS} rounds of moves without an end")
    finally:
        for task in readers:
            task.cancel()


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> dict:
    """Two tables, the first played by six devices to the end (the second stays
    paused); the classroom's objects are kept for the checks."""
    directory = tmp_path_factory.mktemp("proces-class")
    out: dict = {"dir": directory}

    async def run() -> None:
        async with (
            serving(directory, tables=TABLES, speed=16, scenario=SCENARIO) as running,
            aiohttp.ClientSession() as session,
        ):
            clients = {}
            for seat in SEATS:
                clients[seat] = await Client.open(session, running.ws_url)
                out.setdefault("welcomes", {})[seat] = await clients[seat].join(
                    running.code(1, seat), f"{seat[:4]}-1"
                )
            trainer = await Client.open(session, running.ws_url)
            await trainer.login(PIN)
            out["class"] = await trainer.until(lambda m: m["type"] == "class", "class")
            await trainer.command({"command": "pause", "table": 2})
            out["acks"] = await _play(clients, trainer)
            out["states"] = {s: c.state for s, c in clients.items()}
            out["received"] = {s: c.received for s, c in clients.items()}
            other = await Client.open(session, running.ws_url)
            act = {"type": "choose_role", "role": "participeren"}
            out["table2_before"] = running.classroom.table(2).model.week
            await other.join(running.code(2, "ondernemers"))
            move = {"type": "act", "id": "o", "action": act}
            out["other_ack"] = await other.reply(move, "ack")
            out["other_state"] = await other.until(
                lambda m: m["type"] == "state" and m["version"] >= out["other_ack"]["version"],
                "the state showing the move",
            )
            await trainer.command({"command": "end_round", "table": 2})

    asyncio.run(run())
    return out


def test_every_party_and_the_regisseur_have_a_seat_with_a_join_code(played):
    assert set(played["welcomes"]) == set(SEATS)
    assert all(w["table"] == 1 for w in played["welcomes"].values())
    seats = played["class"]["tables"][0]["seats"]
    assert tuple(seats) == SEATS
    assert len({s["code"] for t in played["class"]["tables"] for s in t["seats"].values()}) == 12


def test_the_console_offers_the_familys_bots_injects_and_kpis(played):
    msg = played["class"]
    assert msg["family"] == "procesregie"
    assert [i["name"] for i in msg["injects"]] == ["issue_of_the_day"]
    assert {b["name"] for b in msg["bots"]["regisseur"]} == {"open", "haastig", "sturend"}
    assert "support_pct" in msg["kpi_labels"] and "support_pct" in msg["tables"][0]["kpis"]
    assert max(msg["speeds"]) == 16


def test_the_process_ends_with_every_move_acknowledged(played):
    assert played["acks"], "no move was made"
    assert all(a["type"] == "ack" and a["ok"] for a in played["acks"]), played["acks"]
    kinds = {a["id"].split("-")[0] for a in played["acks"]}
    assert "regisseur" in kinds and kinds & set(PARTIES), kinds
    assert all(s["clock"]["finished"] for s in played["states"].values())


def test_a_table_on_pause_does_not_move_while_another_plays(played):
    assert played["table2_before"] == 0
    assert played["other_ack"]["ok"], played["other_ack"]
    table = next(i for i in played["other_state"]["observation"] if i["section"] == "table")
    mine = next(i for i in table["items"] if i["key"] == "ondernemers")
    assert mine["value"] == "participeren"


def test_every_tables_log_replays_to_the_same_process(played):
    for n in range(1, TABLES + 1):
        assert main(["replay", str(table_log(played["dir"], n)), "--verify"]) == 0


def test_the_class_report_reads_the_folder(played, tmp_path):
    out = tmp_path / "class.html"
    argv = ["debrief", str(played["dir"]), "--out", str(out), "--no-ghosts", "--workers", "1"]
    assert main(argv) == 0
    html = out.read_text(encoding="utf-8")
    assert all(f"Tafel {n}" in html for n in range(1, TABLES + 1))


def test_a_party_sees_its_own_brief_and_not_the_regisseurs_view(played):
    state = played["states"]["woningcorporatie"]
    brief = next(s for s in state["observation"] if s["section"] == "brief")
    keys = {i["key"] for i in brief["items"]}
    assert {"mandate", "outside_option", "stake", "my_trust"} <= keys
    assert not any(k.startswith("trust_") for k in keys)  # the regisseur's trust list
    mandate = next(i for i in brief["items"] if i["key"] == "mandate")
    assert mandate["value"] == 0.2  # the woningcorporatie's own (the scenario file)


def _scenario_with(tmp: Path, party: str, **private) -> Path:
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    for spec in data["parties"]:
        if spec["key"] == party:
            spec.update(private)
    path = tmp / "wyberen.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_partys_view_does_not_depend_on_another_partys_private_brief(tmp_path):
    private = {
        "core_values": [0.1, 0.9, 0.1],
        "priorities": [0.1, 0.1, 0.8],
        "mandate": 0.05,
        "outside_option": 0.95,
    }
    views = []
    for n, path in enumerate((SCENARIO, _scenario_with(tmp_path, "bewonersinitiatief", **private))):
        classroom = Classroom.create(path, tmp_path / f"c{n}", tables=1, seed=3, speed=4, pin=PIN)
        try:
            table = classroom.table(1)
            views.append(json.dumps(state_message(None, table, "woningcorporatie")))
            own = json.dumps(state_message(None, table, "bewonersinitiatief"))
        finally:
            classroom.close()
    assert views[0] == views[1]
    assert "0,95" in own or "0.95" in own  # the changed party sees its own outside option


def test_a_partys_legal_moves_are_its_own(played):
    state = played["received"]["netbeheerder"]
    kinds = {a["type"] for s in state if s["type"] == "state" for a in s["actions"]}
    assert kinds <= {"choose_role"}, kinds


def test_a_procesregie_class_resumes_where_its_logs_end(tmp_path):
    room = Classroom.create(SCENARIO, tmp_path, tables=1, seed=4, speed=4, pin=PIN)
    table = room.table(1)
    who = room.join(table.codes["regisseur"], "Rik")
    assert room.act(who, {"type": "agree_process_rules"}) == (True, "")
    party = room.join(table.codes["ondernemers"], "Olga")
    assert room.act(party, {"type": "choose_role", "role": "participeren"}) == (True, "")
    table.state.set_paused(False)
    for _ in range(40):
        room.advance(0.25)
    week, digest = table.model.week, state_hash(table.model)
    assert week > 0
    room.close()  # as after a crash: no end event, the log left resumable
    again = Classroom.resume(tmp_path)
    try:
        model = again.table(1).model
        assert (model.week, state_hash(model)) == (week, digest)
        assert again.table(1).names["ondernemers"] == ["Olga"]
        assert model.party("ondernemers").role == "participeren"
    finally:
        again.close()
