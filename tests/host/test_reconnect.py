"""A device that drops gets its seat back with its token; meanwhile the trainer can hand the
seat to a bot, and back."""

from __future__ import annotations

import asyncio

import aiohttp

from tests.host.harness import Client, serving

DIRECT = {"type": "direct_contact"}


def test_a_dropped_device_reclaims_its_seat_with_its_token(tmp_path):
    async def main():
        async with serving(tmp_path, tables=2) as running, aiohttp.ClientSession() as session:
            first = await Client.open(session, running.ws_url)
            welcome = await first.join(running.code(2, "wethouder"), "Wim")
            await first.close()
            again = await Client.open(session, running.ws_url)
            back = await again.reply({"type": "rejoin", "token": welcome["token"]}, "welcome")
            state = await again.until(lambda m: m["type"] == "state", "a state")
            ack = await again.reply(
                {"type": "act", "id": "r1", "action": {"type": "call_executor"}}, "ack"
            )
            return welcome, back, state, ack

    welcome, back, state, ack = asyncio.run(main())
    assert (back["table"], back["role"], back["token"]) == (2, "wethouder", welcome["token"])
    assert state["role"] == "wethouder" and state["seat"]["names"] == ["Wim"]
    assert ack["type"] == "ack"


def test_the_trainer_hands_a_dropped_seat_to_a_bot_and_back(tmp_path):
    async def main():
        async with serving(tmp_path, tables=1) as running, aiohttp.ClientSession() as session:
            trainer = await Client.open(session, running.ws_url)
            await trainer.login()
            device = await Client.open(session, running.ws_url)
            token = (await device.join(running.code(1, "regisseur"), "Anna"))["token"]
            await device.close()
            gone = await trainer.until(
                lambda m: (
                    m["type"] == "class" and m["tables"][0]["seats"]["regisseur"]["connected"] == 0
                ),
                "the seat empty",
            )
            to_bot = await trainer.command(
                {"command": "seat", "table": 1, "role": "regisseur", "to": "bot"}
            )
            device = await Client.open(session, running.ws_url)
            await device.reply({"type": "rejoin", "token": token}, "welcome")
            with_bot = await device.until(lambda m: m["type"] == "state", "a state")
            refused = await device.reply({"type": "act", "id": "b1", "action": DIRECT}, "ack")
            await trainer.command(
                {"command": "seat", "table": 1, "role": "regisseur", "to": "device"}
            )
            accepted = await device.reply({"type": "act", "id": "b2", "action": DIRECT}, "ack")
            return gone, to_bot, with_bot, refused, accepted

    gone, to_bot, with_bot, refused, accepted = asyncio.run(main())
    assert gone["tables"][0]["seats"]["regisseur"]["held_by"] == "device"
    assert to_bot["ok"]
    assert with_bot["seat"]["held_by"] == "bot" and with_bot["seat"]["bot"] == "controller"
    assert refused["type"] == "error" and refused["code"] == "seat_with_bot"
    assert accepted["type"] == "ack" and accepted["ok"]
