"""The host killed with SIGKILL and resumed: every table's log is identical to that of an
uninterrupted run with the same inputs (devices answering every decision the same way)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from sim.actions import ROLES
from tests.host.harness import PIN, WAIT_S, Client, Player, seat_clients

TABLES = 3
HOLD_DAY = 3
KILL_HOUR = 30  # kill once a table has passed this hour [h]


class Host:
    """`regie host` in its own process, headless on a free port of 127.0.0.1."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.out = cwd / f"host-{len(list(cwd.glob('host-*.out')))}.out"
        cmd = [
            sys.executable,
            "-c",
            "from sim.cli import main; raise SystemExit(main())",
            "host",
            "--port",
            "0",
            "--headless",
            *args,
        ]
        with self.out.open("wb") as fh:
            self.proc = subprocess.Popen(
                cmd,
                cwd=cwd,
                stdout=fh,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        end = time.monotonic() + 3 * WAIT_S
        while "serving" not in self.text():
            assert self.proc.poll() is None, self.text()
            assert time.monotonic() < end, "the host did not start"
            time.sleep(0.05)
        self.url = re.search(r"serving (http://\S+)", self.text()).group(1)

    def text(self) -> str:
        """What the host printed so far."""
        return self.out.read_text()

    def codes(self) -> dict[tuple[int, str], str]:
        """(table, role) -> join code, as printed."""
        out = {}
        for table, *codes in re.findall(
            r"table (\d+): regisseur (\w+)  executor (\w+)  "
            r"wethouder (\w+)",
            self.text(),
        ):
            out.update({(int(table), r): c for r, c in zip(ROLES, codes, strict=True)})
        return out

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Send `sig` and wait (bounded) for the process to end."""
        self.proc.send_signal(sig)
        self.proc.wait(timeout=WAIT_S)


def held(states: list[dict]) -> bool:
    return all(s["clock"]["held"] for s in states)


def past_kill_hour(states: list[dict]) -> bool:
    return held(states) or states[0]["clock"]["hour"] >= KILL_HOUR


async def play(session, url: str, clients: dict, done) -> None:
    players = [Player({r: clients[(t, r)] for r in ROLES}) for t in range(1, TABLES + 1)]
    try:
        await asyncio.gather(*(p.play(done) for p in players))
    finally:
        for p in players:
            p.stop()


async def start_class(session, host: Host) -> tuple[Client, dict]:
    trainer = await Client.open(session, host.url + "ws")
    await trainer.login()
    assert (await trainer.command({"command": "hold", "day": HOLD_DAY}))["ok"]
    clients = await seat_clients(session, host.url, host.codes())
    assert (await trainer.command({"command": "resume"}))["ok"]
    return trainer, clients


async def end_class(trainer: Client) -> None:
    assert (await trainer.command({"command": "end_round"}))["ok"]


def run(directory: Path, crash: bool) -> list[list[dict]]:
    """A class to the held day, then the round ended; with `crash`, the host is killed
    (SIGKILL) midway and resumed. Returns every table's log as events."""
    cwd = directory.parent
    host = Host(
        cwd, "--tables", str(TABLES), "--speed", "64", "--pin", PIN, "--out", directory.name
    )

    async def main() -> None:
        nonlocal host
        async with aiohttp.ClientSession() as session:
            trainer, clients = await start_class(session, host)
            if crash:
                await play(session, host.url, clients, past_kill_hour)
                host.stop(signal.SIGKILL)
                tokens = {k: c.token for k, c in clients.items()}
                trainer_token = trainer.token
                host = Host(cwd, "--resume", directory.name)
                clients = {}
                for key, token in tokens.items():
                    clients[key] = await Client.open(session, host.url + "ws")
                    await clients[key].reply({"type": "rejoin", "token": token}, "welcome")
                trainer = await Client.open(session, host.url + "ws")
                await trainer.reply({"type": "rejoin", "token": trainer_token}, "welcome")
            await play(session, host.url, clients, held)
            await end_class(trainer)

    try:
        asyncio.run(main())
    finally:
        host.stop()
    return [
        [json.loads(line) for line in (directory / f"table-{n}.jsonl").open()]
        for n in range(1, TABLES + 1)
    ]


def test_a_killed_host_resumes_every_table_to_the_same_log(tmp_path):
    calm = run(tmp_path / "calm", crash=False)
    crashed = run(tmp_path / "crashed", crash=True)
    for table in range(TABLES):
        a, b = calm[table], crashed[table]
        a[0].pop("created"), b[0].pop("created")
        assert a[-1]["kind"] == "end" and a[-1]["tick"] == 24 * HOLD_DAY
        assert [e["kind"] for e in a].count("action") > 0
        assert a == b, f"table {table + 1}: the logs differ"
