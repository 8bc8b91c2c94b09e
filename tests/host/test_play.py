"""Three tables with three devices each play several days of one winter over WebSockets."""

from __future__ import annotations

import asyncio

import aiohttp

from sim.actions import ROLES
from sim.session import read_log
from tests.host.harness import Client, Player, seat_clients, serving

DAYS = 3


def test_three_tables_of_three_devices_play_several_days(tmp_path):
    async def main():
        async with serving(tmp_path, tables=3) as running, aiohttp.ClientSession() as session:
            codes = {(t, r): running.code(t, r) for t in (1, 2, 3) for r in ROLES}
            clients = await seat_clients(session, running.url, codes)
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            assert (await trainer.command({"command": "hold", "day": DAYS}))["ok"]
            assert (await trainer.command({"command": "resume"}))["ok"]
            players = [Player({r: clients[(t, r)] for r in ROLES}) for t in (1, 2, 3)]
            finals = await asyncio.gather(
                *(p.play(lambda s: all(x["clock"]["held"] for x in s)) for p in players)
            )
            for p in players:
                p.stop()
            return finals, [p.answered for p in players], running.classroom.directory

    finals, answered, directory = asyncio.run(main())
    for states in finals:
        assert {s["clock"]["hour"] for s in states} == {24 * DAYS}
    assert min(answered) > 0
    for table in (1, 2, 3):
        events = read_log(directory / f"table-{table}.jsonl").events
        human = [e for e in events if e["kind"] == "action" and e["by"] == "human"]
        assert len(human) == answered[table - 1]


def test_a_seat_device_is_sent_only_its_own_roles_view(tmp_path):
    async def main():
        async with serving(tmp_path, tables=2) as running, aiohttp.ClientSession() as session:
            client = await Client.open(session, running.ws_url)
            await client.join(running.code(2, "executor"), "Bram")
            await client.until(lambda m: m["type"] == "state", "a state")
            model = running.classroom.table(2).model
            return client.received, sorted(model.observe("executor")["private"])

    received, private_keys = asyncio.run(main())
    states = [m for m in received if m["type"] == "state"]
    assert states and all(s["role"] == "executor" and s["table"] == 2 for s in states)
    private = next(sec for sec in states[-1]["observation"] if sec["section"] == "private")
    assert sorted(i["key"] for i in private["items"]) == private_keys


def test_an_act_is_fsynced_before_its_ack_is_sent(tmp_path, monkeypatch):
    import host.server
    import sim.session.writer as writer

    order: list[str] = []
    real_fsync, real_send = writer.fsync, host.server.Connection.send

    def fsync(fh):
        order.append("fsync")
        real_fsync(fh)

    def send(self, message):
        order.append(message["type"])
        real_send(self, message)

    monkeypatch.setattr(writer, "fsync", fsync)
    monkeypatch.setattr(host.server.Connection, "send", send)

    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            client = await Client.open(session, running.ws_url)
            await client.join(running.code(1, "regisseur"))
            order.clear()
            return await client.reply(
                {"type": "act", "id": "x1", "action": {"type": "direct_contact"}}, "ack"
            )

    ack = asyncio.run(main())
    assert ack["ok"] and ack["id"] == "x1"
    assert "fsync" in order[: order.index("ack")]


def test_a_table_whose_winter_ends_closes_its_log(tmp_path):
    short = tmp_path / "short.yaml"
    short.write_text("weather:\n  days: 2\n")

    async def main():
        async with (
            serving(tmp_path / "s", scenario=short) as running,
            aiohttp.ClientSession() as session,
        ):
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            for role in ROLES:
                await trainer.command({"command": "seat", "table": 1, "role": role, "to": "bot"})
            await trainer.command({"command": "resume"})
            return await trainer.until(
                lambda m: m["type"] == "class" and m["tables"][0]["clock"]["ended"],
                "the end of the winter",
            )

    final = asyncio.run(main())
    assert final["tables"][0]["clock"]["hour"] == 48
    events = read_log(tmp_path / "s" / "table-1.jsonl").events
    assert events[-1]["kind"] == "end" and events[-1]["finished"]
