"""A real `regie host --headless` on 127.0.0.1 for the Chromium checks of the participant
page and the console, and a trainer (or device) speaking the protocol from Python."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import aiohttp

from tests.host.harness import PIN, Client
from tests.host.test_resume import Host

__all__ = [
    "PIN",
    "SHOTS",
    "Host",
    "seat_state",
    "session_dir",
    "shots_dir",
    "start_host",
    "trainer",
]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shots_dir(tmp: Path) -> Path:
    """Where a test saves its screenshots: docs/screenshots with REGIE_UPDATE_SCREENSHOTS=1
    (or the folder it names), else `tmp`, so a test run leaves the work tree as it was."""
    where = os.environ.get("REGIE_UPDATE_SCREENSHOTS")
    if not where:
        return tmp
    out = SHOTS if where == "1" else Path(where)
    out.mkdir(parents=True, exist_ok=True)
    return out


def start_host(directory: Path, tables: int = 2) -> Host:
    """`regie host` with `tables` tables at 64x, every table paused (as it starts)."""
    return Host(directory, "--tables", str(tables), "--pin", PIN, "--speed", "64")


def session_dir(host: Host) -> Path:
    """Where the host keeps the tables' logs."""
    return host.out.parent / re.search(r"session in (\S+)", host.text()).group(1)


def trainer(host: Host, *commands: dict) -> list[dict]:
    """Log in as the trainer and send commands; their acks (or errors)."""

    async def run() -> list[dict]:
        async with aiohttp.ClientSession() as session:
            client = await Client.open(session, host.url + "ws")
            await client.login(PIN)
            out = [await client.command(c, f"t{n}") for n, c in enumerate(commands)]
            await client.close()
            return out

    return asyncio.run(run())


def seat_state(host: Host, code: str, name: str = "test") -> dict:
    """The first `state` a device in the seat of `code` (named `name`) gets."""

    async def run() -> dict:
        async with aiohttp.ClientSession() as session:
            client = await Client.open(session, host.url + "ws")
            await client.join(code, name)
            state = await client.until(lambda m: m["type"] == "state", "a state")
            await client.close()
            return state

    return asyncio.run(run())
