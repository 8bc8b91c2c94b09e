"""What a device is sent is in words: no model id reaches the page."""

from __future__ import annotations

import asyncio
import re

import aiohttp

from sim.actions import ROLES
from tests.host.harness import seat_clients, serving

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # a model id such as precip_kind


def test_no_raw_key_appears_in_the_observation_items_sent_to_a_device(tmp_path):
    async def main():
        async with serving(tmp_path) as running, aiohttp.ClientSession() as session:
            codes = {(1, role): running.code(1, role) for role in ROLES}
            clients = await seat_clients(session, running.url, codes)
            return [
                await c.until(lambda m: m["type"] == "state", "a state") for c in clients.values()
            ]

    states = asyncio.run(main())
    items = [i for s in states for section in s["observation"] for i in section["items"]] + [
        i for s in states for d in s["decisions"] for i in d["context"] + d["knows"]
    ]
    assert "precip_kind" in {i["key"] for i in items}
    for i in items:
        for lang in ("nl", "en"):
            label, shown = i["label"][lang], i["shown"][lang]
            assert label and label != i["key"] and not SNAKE.search(label), (i["key"], label)
            assert not SNAKE.search(shown), (i["key"], shown)
    (kind,) = {i["shown"]["en"] for i in items if i["key"] == "precip_kind"}
    assert kind in ("dry", "rain", "snow", "freezing rain")
