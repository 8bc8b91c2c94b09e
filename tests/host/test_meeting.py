"""A meeting reaches a device with its agenda, and the outcome recorded there is logged."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from sim.session import read_log
from tests.host.harness import Client, serving

CLAIM_EUR = 8000.0  # the executor's request for extra work [EUR]


async def act(client: Client, action: dict, request_id: str) -> dict:
    """Send an action; returns its ack (fails on an error or a refusal)."""
    reply = await client.reply({"type": "act", "id": request_id, "action": action}, "ack")
    assert reply["type"] == "ack" and reply["ok"], reply
    return reply


async def point_of(client: Client, kind: str) -> dict:
    """The first open decision point of `kind` the device is sent."""
    state = await client.until(
        lambda m: m["type"] == "state" and any(d["kind"] == kind for d in m["decisions"]), kind
    )
    return next(d for d in state["decisions"] if d["kind"] == kind)


def recorded_outcomes(log: Path) -> list[dict]:
    """The outcomes of the one meeting recorded in a table's log (logged before its ack)."""
    (held,) = [
        e["action"]
        for e in read_log(log).events
        if e["kind"] == "action" and e["action"]["type"] == "record_meeting"
    ]
    return held["outcomes"]


def test_a_device_in_a_meeting_sees_its_items_and_records_an_outcome(tmp_path):
    async def main():
        async with serving(tmp_path) as running, aiohttp.ClientSession() as session:
            regisseur = await Client.open(session, running.ws_url)
            executor = await Client.open(session, running.ws_url)
            await regisseur.join(running.code(1, "regisseur"), "Anna")
            await executor.join(running.code(1, "executor"), "Bram")
            claim = {"type": "request_meerwerk", "kind": "plough", "amount_eur": CLAIM_EUR}
            await act(executor, claim, "e1")
            request = await point_of(regisseur, "meerwerk_request")
            reject = next(o for o in request["options"] if o["variant"] == "reject")
            await act(regisseur, reject["action"], "r1")  # a rejected request is a dispute
            await act(regisseur, {"type": "call_meeting", "level": "operational"}, "r2")
            meeting = await point_of(regisseur, "meeting")
            (item,) = meeting["agenda"]["items"]
            option = next(o for o in item["options"] if o["variant"] == "compromise")
            entry = dict(option["entry"], amount_eur=3000.0, note="half, minus the salt")
            action = dict(meeting["options"][0]["action"])
            action[meeting["agenda"]["field"]] = [entry]
            await act(regisseur, action, "r3")
            return item, running.classroom.directory

    item, directory = asyncio.run(main())
    assert "8.000" in item["text"]["nl"] and "8,000" in item["text"]["en"]
    assert [o["variant"] for o in item["options"]] == ["agree", "compromise", "reject", "escalate"]
    assert recorded_outcomes(directory / "table-1.jsonl") == [
        {
            "item_id": item["id"],
            "outcome": "compromise",
            "move": None,  # the older outcome word, read as the gemeente's move
            "amount_eur": 3000.0,
            "note": "half, minus the salt",
        }
    ]


def test_the_page_records_a_meeting_item_by_item(tmp_path):
    """In headless Chromium the regisseur rejects extra work, calls a meeting, picks a
    compromise with its amount for the one agenda item and records it: the log has it."""
    import pytest

    from tests.host.chromium import PageBrowser, find_chromium
    from tests.host.pagehost import session_dir, shots_dir, start_host

    if find_chromium() is None:
        pytest.skip("no Chromium")
    host = start_host(tmp_path, tables=1)
    try:

        async def executor_claims() -> None:
            async with aiohttp.ClientSession() as session:
                executor = await Client.open(session, host.url + "ws")
                await executor.join(host.codes()[(1, "executor")], "Bram")
                claim = {"type": "request_meerwerk", "kind": "plough", "amount_eur": CLAIM_EUR}
                await act(executor, claim, "e1")
                await executor.close()

        asyncio.run(executor_claims())
        meeting = ".card.decision[data-kind=meeting]"
        with PageBrowser(find_chromium(), 390, 844) as b:
            b.goto(f"{host.url}?code={host.codes()[(1, 'regisseur')]}", lang="en")
            b.wait_for("!document.getElementById('join').hidden")
            b.fill("#name", "Anna")
            b.click("#join-button")
            request = ".card.decision[data-kind=meerwerk_request]"
            b.wait_for(f"document.querySelector('{request}') !== null")
            b.click(f"{request} form.option:nth-of-type(2) button")  # reject
            b.wait_for(f"document.querySelector('{request}') === null")
            b.click(".card.action[data-type=call_meeting] form.option button")
            b.wait_for(f"document.querySelectorAll('{meeting} .agenda-item').length === 1")
            assert "8,000" in b.text(f"{meeting} .agenda-item legend")
            b.click(f"{meeting} input[type=radio][value=compromise]")
            b.fill(f"{meeting} .outcome-fields input", "2500")
            b.fill(f"{meeting} .agenda-item > input[type=text]", "half of it, in writing")
            b.evaluate("document.querySelectorAll('.toast').forEach((t) => t.remove())")
            height = min(b.evaluate("document.documentElement.scrollHeight"), 2000)
            b.screenshot(shots_dir(tmp_path) / "host-page-390-meeting.png", height=height)
            b.click(f"{meeting} form.option button")
            b.wait_for("document.querySelector('.toast.good') !== null")  # its ack
            assert b.console_errors() == []
    finally:
        host.stop()
    assert recorded_outcomes(session_dir(host) / "table-1.jsonl") == [
        {
            "item_id": 0,
            "outcome": "compromise",
            "move": None,
            "amount_eur": 2500.0,
            "note": "half of it, in writing",
        }
    ]
