"""Hostile input: each is refused with a clear error and the class plays on."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from host.protocol import FLOOD_CLOSE, MAX_FAILED_JOINS, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES
from tests.host.harness import Client, serving

FAKE_TOKEN = "A" * 32
# (what is sent, by a seat device of table 1's regisseur) -> the error code
HOSTILE: list[tuple[str, object, str]] = [
    ("not json", "{type: join", "bad_json"),
    ("a JSON list", "[1, 2]", "bad_json"),
    (
        "NaN for a number",
        '{"type": "act", "id": "n", "action": {"type": "buy_salt", "quantity_t": NaN}}',
        "bad_json",
    ),
    (
        "a name with a lone surrogate",
        '{"type": "join", "code": "AAAA", "name": "a\\ud800"}',
        "bad_message",
    ),
    ("nesting too deep", "[" * 5000 + "]" * 5000, "bad_json"),
    ("no type", {"code": "AAAA"}, "bad_message"),
    ("unknown type", {"type": "sudo"}, "bad_message"),
    ("extra field", {"type": "ping", "id": "p", "as": "trainer"}, "bad_message"),
    (
        "a role named in an act",
        {
            "type": "act",
            "id": "a",
            "role": "executor",
            "action": {"type": "buy_salt", "quantity_t": 5.0},
        },
        "bad_message",
    ),
    (
        "another seat's token in an act",
        {"type": "act", "id": "t", "token": FAKE_TOKEN, "action": {"type": "inspect"}},
        "bad_message",
    ),
    (
        "another table in an act",
        {"type": "act", "id": "t", "table": 2, "action": {"type": "inspect"}},
        "bad_message",
    ),
    (
        "a command from a seat",
        {"type": "command", "id": "c", "do": {"command": "pause"}},
        "not_allowed",
    ),
    ("an oversized message", {"type": "ping", "id": "x" * MAX_MESSAGE_BYTES}, "too_large"),
    ("a wrong token", {"type": "rejoin", "token": FAKE_TOKEN}, "bad_token"),
    ("a wrong PIN", {"type": "login", "pin": "0000"}, "bad_pin"),
    ("a join code in lower case", {"type": "join", "code": "abcd"}, "bad_message"),
    (
        "a name over 40 characters",
        {"type": "join", "code": "AAAA", "name": "x" * 41},
        "bad_message",
    ),
]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Every hostile message sent by a joined regisseur of table 1 while a trainer runs the
    clock; returns the replies and the hours before and after."""

    async def main():
        directory = tmp_path_factory.mktemp("hostile")
        async with serving(directory, tables=2) as running, aiohttp.ClientSession() as session:
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            await trainer.command({"command": "seat", "table": 1, "role": "executor", "to": "bot"})
            await trainer.command({"command": "seat", "table": 1, "role": "wethouder", "to": "bot"})
            await trainer.command({"command": "resume"})
            rogue = await Client.open(session, running.ws_url)
            await rogue.join(running.code(1, "regisseur"), "Rogue")
            replies = {}
            for name, message, _ in HOSTILE:
                replies[name] = await rogue.reply(
                    message if isinstance(message, str) else message, "never"
                )
            ok = await rogue.reply(
                {"type": "act", "id": "fine", "action": {"type": "direct_contact"}}, "ack"
            )
            return replies, ok

    return asyncio.run(main())


@pytest.mark.parametrize(("name", "code"), [(n, c) for n, _, c in HOSTILE])
def test_a_hostile_message_gets_its_error_code(hostile_run, name, code):
    replies, _ = hostile_run
    assert replies[name]["type"] == "error" and replies[name]["code"] == code, replies[name]
    assert replies[name]["message"]


def test_after_every_hostile_message_the_device_still_acts(hostile_run):
    _, ok = hostile_run
    assert ok["type"] == "ack" and ok["id"] == "fine"


def test_a_device_cannot_answer_another_tables_decision(tmp_path):
    async def main():
        async with serving(tmp_path, tables=2) as running, aiohttp.ClientSession() as session:
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            await trainer.command({"command": "resume", "table": 1})
            other = await Client.open(session, running.ws_url)
            await other.join(running.code(1, "regisseur"))
            state = await other.until(
                lambda m: m["type"] == "state" and m["decisions"], "a decision at table 1"
            )
            action = state["decisions"][0]["options"][0]["action"]
            me = await Client.open(session, running.ws_url)
            await me.join(running.code(2, "regisseur"))
            return await me.reply({"type": "act", "id": "steal", "action": action}, "ack")

    ack = asyncio.run(main())
    assert ack["type"] == "ack" and not ack["ok"] and "no open decision point" in ack["reason"]


def test_a_flood_is_rate_limited_then_closed_and_others_play_on(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            flood = await Client.open(session, running.ws_url)
            for i in range(FLOOD_CLOSE + 60):
                await flood.send({"type": "ping", "id": str(i)})
            closing = await flood.ws.receive(timeout=10)
            limited = []
            while closing.type == aiohttp.WSMsgType.TEXT:
                limited.append(json.loads(closing.data))
                closing = await flood.ws.receive(timeout=10)
            calm = await Client.open(session, running.ws_url)
            pong = await calm.reply({"type": "ping", "id": "calm"}, "pong")
            return limited, closing, flood.ws.close_code, pong

    limited, closing, close_code, pong = asyncio.run(main())
    assert any(m["type"] == "error" and m["code"] == "rate_limited" for m in limited)
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert close_code == 1008
    assert pong == {"type": "pong", "id": "calm"}


def test_a_frame_over_the_hard_limit_closes_only_that_connection(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            big = await Client.open(session, running.ws_url)
            await big.send("x" * (MAX_FRAME_BYTES + 1))
            msg = await big.ws.receive(timeout=10)
            calm = await Client.open(session, running.ws_url)
            return msg, big.ws.close_code, await calm.reply({"type": "ping", "id": "1"}, "pong")

    msg, close_code, pong = asyncio.run(main())
    assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert close_code == 1009
    assert pong["type"] == "pong"


def test_an_address_guessing_codes_is_locked_out(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            guesser = await Client.open(session, running.ws_url)
            replies = [
                await guesser.reply({"type": "join", "code": "ZZZZ"}, "welcome")
                for _ in range(MAX_FAILED_JOINS + 1)
            ]
            right = await guesser.reply(
                {"type": "join", "code": running.code(1, "executor")}, "welcome"
            )
            return replies, right

    replies, right = asyncio.run(main())
    assert [r["code"] for r in replies] == ["bad_code"] * MAX_FAILED_JOINS + ["locked_out"]
    assert right["code"] == "locked_out"


def test_a_websocket_opened_from_another_site_is_refused(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(running.ws_url, origin="http://evil.example")
            return refused.value.status

    assert asyncio.run(main()) == 403


def test_a_device_cannot_answer_another_roles_decision_at_its_table(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            await trainer.command({"command": "resume"})
            owner = await Client.open(session, running.ws_url)
            await owner.join(running.code(1, "regisseur"))
            state = await owner.until(
                lambda m: m["type"] == "state" and m["decisions"], "a decision of the regisseur"
            )
            action = state["decisions"][0]["options"][0]["action"]
            me = await Client.open(session, running.ws_url)
            await me.join(running.code(1, "executor"))
            return await me.reply({"type": "act", "id": "steal", "action": action}, "ack")

    ack = asyncio.run(main())
    assert (
        ack["type"] == "ack" and not ack["ok"] and "not an action of the executor" in ack["reason"]
    )
