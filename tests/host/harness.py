"""Test harness for the host: an in-process classroom on 127.0.0.1 and a WebSocket client
whose every wait is bounded in messages and in time."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from host.classroom import Classroom
from host.clock import run_clock
from host.hub import Hub
from host.serve import open_site
from sim.actions import ROLES
from sim.scenario.loader import resolve_scenario

PIN = "4321"
WAIT_S = 20.0  # the longest any single wait in a test may take [s]
MAX_MESSAGES = 5000  # the most messages any single wait reads [count]


@dataclass
class Running:
    """A classroom being served: its objects, address and join codes."""

    classroom: Classroom
    hub: Hub
    url: str

    def code(self, table: int, role: str) -> str:
        """The join code of a seat."""
        return self.classroom.table(table).codes[role]

    @property
    def ws_url(self) -> str:
        """The WebSocket's address."""
        return self.url + "ws"


@contextlib.asynccontextmanager
async def serving(
    directory: Path, *, tables: int = 1, speed: int = 64, scenario: Path | None = None
) -> AsyncIterator[Running]:
    """Serve a new classroom in `directory` (the default scenario unless given) with its
    clock running."""
    classroom = Classroom.create(
        scenario or resolve_scenario(None),
        directory,
        tables=tables,
        seed=None,
        speed=speed,
        pin=PIN,
    )
    runner, hub = await open_site(classroom, "127.0.0.1", 0)
    stop = asyncio.Event()
    clock = asyncio.create_task(run_clock(classroom, hub, stop))
    try:
        yield Running(classroom, hub, hub.url)
    finally:
        stop.set()
        await asyncio.wait_for(clock, WAIT_S)
        await runner.cleanup()
        classroom.close()


class Client:
    """One WebSocket connection, reading into `received`; the latest `state` is kept."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.received: list[dict] = []
        self.state: dict | None = None
        self.token = ""

    @classmethod
    async def open(cls, session: aiohttp.ClientSession, url: str, **kwargs) -> Client:
        """Connect to the host's /ws."""
        return cls(await session.ws_connect(url, **kwargs))

    async def send(self, message: dict | str) -> None:
        """Send a message (a dict as JSON, a string as it is)."""
        await self.ws.send_str(message if isinstance(message, str) else json.dumps(message))

    async def until(self, pred: Callable[[dict], bool], what: str = "") -> dict:
        """The first message (from now) that satisfies `pred`; fails after WAIT_S seconds
        or MAX_MESSAGES messages."""
        loop = asyncio.get_running_loop()
        end = loop.time() + WAIT_S
        for _ in range(MAX_MESSAGES):
            left = end - loop.time()
            assert left > 0, f"timed out waiting for {what or 'a message'}"
            msg = await self.ws.receive(timeout=left)
            assert msg.type == aiohttp.WSMsgType.TEXT, f"connection ended: {msg.type} {msg.data}"
            data = json.loads(msg.data)
            self.received.append(data)
            if data["type"] == "state":
                self.state = data
            if data["type"] == "welcome":
                self.token = data["token"]
            if pred(data):
                return data
        raise AssertionError(f"{MAX_MESSAGES} messages without {what or 'a match'}")

    async def reply(self, message: dict, kind: str = "") -> dict:
        """Send and return the first reply of `kind` (ack, error, welcome...) or any error."""
        await self.send(message)
        return await self.until(lambda m: m["type"] in (kind, "error"), kind)

    async def join(self, code: str, name: str = "") -> dict:
        """Take a seat; returns the welcome (fails on an error)."""
        msg = await self.reply({"type": "join", "code": code, "name": name}, "welcome")
        assert msg["type"] == "welcome", msg
        return msg

    async def login(self, pin: str = PIN) -> dict:
        """Log in as the trainer; returns the welcome."""
        msg = await self.reply({"type": "login", "pin": pin}, "welcome")
        assert msg["type"] == "welcome", msg
        return msg

    async def command(self, do: dict, request_id: str = "c") -> dict:
        """A trainer command; returns its ack or error."""
        return await self.reply({"type": "command", "id": request_id, "do": do}, "ack")

    async def close(self) -> None:
        """Close the connection."""
        await self.ws.close()


async def seat_clients(
    session: aiohttp.ClientSession, url: str, codes: dict[tuple[int, str], str]
) -> dict[tuple[int, str], Client]:
    """A joined device in every seat given by `codes` ((table, role) -> join code)."""
    out = {}
    for (table, role), code in codes.items():
        client = await Client.open(session, url + "ws")
        await client.join(code, f"{role[:3]}-{table}")
        out[(table, role)] = client
    return out


class Player:
    """Plays one table's seats the same way every run: whenever the three seats show the
    same version and someone must decide, the first role in ROLES order with an open point
    answers its oldest point with its first option; then it waits for the views to show it.
    Reads every seat's messages in the background (bounded waits only)."""

    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients
        self.answered = 0
        self.acks: list[dict] = []
        self.tasks = [asyncio.create_task(_pump(c)) for c in clients.values()]

    def stop(self) -> None:
        """Stop reading."""
        for task in self.tasks:
            task.cancel()

    def states(self) -> list[dict] | None:
        """The latest state of every seat, once each has one."""
        states = [c.state for c in self.clients.values()]
        return None if any(s is None for s in states) else states

    async def play(self, done: Callable[[list[dict]], bool]) -> list[dict]:
        """Answer decisions until `done(states)`; returns the final states."""
        loop = asyncio.get_running_loop()
        end = loop.time() + 3 * WAIT_S
        while loop.time() < end:
            states = self.states()
            if states is not None and len({s["version"] for s in states}) == 1:
                if done(states):
                    return states
                for role in ROLES:
                    client = self.clients[role]
                    if client.state["decisions"]:
                        await self._answer(client)
                        break
            await asyncio.sleep(0.02)
        raise AssertionError(f"the table did not get there: {self.states()}")

    async def _answer(self, client: Client) -> None:
        request_id = f"a{self.answered}"
        self.answered += 1
        point = min(client.state["decisions"], key=lambda d: d["id"])
        option = point["options"][0]
        action = dict(option["action"])
        for field in option["fields"]:
            action[field["name"]] = field["default"]
        await client.send({"type": "act", "id": request_id, "action": action})
        ack = await _poll(
            lambda: next(
                (
                    m
                    for m in client.received
                    if m.get("id") == request_id and m["type"] in ("ack", "error")
                ),
                None,
            )
        )
        assert ack["type"] == "ack", ack
        self.acks.append(ack)
        await _poll(
            lambda: all(c.state["version"] >= ack["version"] for c in self.clients.values()) or None
        )


async def _pump(client: Client) -> None:
    with contextlib.suppress(AssertionError, asyncio.CancelledError):
        for _ in range(6):  # at most 6 x WAIT_S seconds
            with contextlib.suppress(AssertionError):
                await client.until(lambda m: False, "nothing (background reader)")
            if client.ws.closed:
                return


async def _poll(get: Callable[[], object]) -> object:
    """`get()` once it is not None, polled every 10 ms for at most WAIT_S seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT_S
    while loop.time() < end:
        value = get()
        if value is not None:
            return value
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")
