"""A host with a browser still connected stops promptly: its WebSockets are closed with
'going away' on shutdown instead of being waited for."""

from __future__ import annotations

import asyncio
import signal

import aiohttp

from tests.host.harness import MAX_MESSAGES, PIN, WAIT_S, Client
from tests.host.test_resume import Host

STOP_S = 15.0  # a generous bound on a clean stop [s]; aiohttp alone waited 20-60 s


async def close_code_after_sigterm(host: Host) -> int | None:
    """Join a seat, send the host SIGTERM, read (as a browser does) until the host closes
    the connection; returns its close code."""
    async with aiohttp.ClientSession() as session:
        client = await Client.open(session, host.url + "ws")
        await client.join(host.codes()[(1, "regisseur")], "Anna")
        await client.until(lambda m: m["type"] == "state", "a state")
        host.proc.send_signal(signal.SIGTERM)
        for _ in range(MAX_MESSAGES):
            msg = await client.ws.receive(timeout=WAIT_S)
            if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        return client.ws.close_code


def test_the_host_stops_promptly_after_sigterm_with_a_device_connected(tmp_path):
    host = Host(tmp_path, "--tables", "1", "--pin", PIN)
    try:
        code = asyncio.run(close_code_after_sigterm(host))
        host.proc.wait(timeout=STOP_S)
    finally:
        if host.proc.poll() is None:
            host.proc.kill()
            host.proc.wait(timeout=WAIT_S)
    assert code == aiohttp.WSCloseCode.GOING_AWAY
    assert host.proc.returncode == 0
    assert "regie host: stopped" in host.text()
