"""Benchmark of `regie host` (issue 16): a script that prints figures, not a test.

(a) 6 tables at 16x with 18 simulated devices (one per seat) against a host in its own
    process, with its projector window drawing under SDL's dummy driver: the time from a
    submitted action to its acknowledgement (p50, p99; target p99 < 100 ms), and the host's
    CPU (its process's user + system time over the wall time).
(b) The projector's frame time (target mean < 8 ms): host.projector's window, fed by the
    host's own frame function (host.serve.ProjectorFeed), on a class of 6 tables at 16x
    advanced between frames, in this process (the host process cannot be timed inside).

Each device answers every decision of its seat with its first option at once, and every
1-2 s (seeded jitter) takes a free action (direct contact, or the first without fields).

    .venv/bin/python bench/bench_host.py            # 30 s of play, about 50 s in all
    .venv/bin/python bench/bench_host.py --quick    # 10 s of play

Progress goes to stderr, the report to stdout. Always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from sim.actions import ROLES  # noqa: E402

TABLES, SPEED, PIN = 6, 16, "4321"
P99_TARGET_MS, FRAME_TARGET_MS = 100.0, 8.0


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far [s] (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_host(directory: Path) -> tuple[subprocess.Popen, str, dict]:
    out = directory / "host.out"
    cmd = [
        sys.executable,
        "-c",
        "from sim.cli import main; raise SystemExit(main())",
        "host",
        "--tables",
        str(TABLES),
        "--speed",
        str(SPEED),
        "--port",
        "0",
        "--pin",
        PIN,
        "--out",
        str(directory / "session"),
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=directory,
        stdout=out.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    end = time.monotonic() + 60
    while "serving" not in out.read_text():
        if proc.poll() is not None or time.monotonic() > end:
            raise SystemExit(f"the host did not start:\n{out.read_text()}")
        time.sleep(0.05)
    text = out.read_text()
    url = re.search(r"serving (http://\S+)", text).group(1)
    codes = {}
    for table, *cs in re.findall(
        r"table (\d+): regisseur (\w+)  executor (\w+)  "
        r"wethouder (\w+)",
        text,
    ):
        codes.update({(int(table), r): c for r, c in zip(ROLES, cs, strict=True)})
    return proc, url, codes


class Device:
    """One simulated participant: answers decisions at once, acts freely now and then."""

    def __init__(self, ws, rng: random.Random, latencies: list[float], pings: list[float]) -> None:
        self.ws, self.rng, self.latencies, self.pings = ws, rng, latencies, pings
        self.sent: dict[str, float] = {}
        self.pinged: dict[str, float] = {}
        self.answered: set[int] = set()
        self.n = 0
        self.state: dict | None = None

    async def act(self, action: dict) -> None:
        self.n += 1
        request_id = f"a{self.n}"
        self.sent[request_id] = time.perf_counter()
        await self.ws.send_json({"type": "act", "id": request_id, "action": action})

    async def read(self, until: float) -> None:
        while time.perf_counter() < until:
            try:
                msg = await self.ws.receive_json(timeout=max(0.01, until - time.perf_counter()))
            except TimeoutError:
                return
            if msg["type"] == "ack" and msg["id"] in self.sent:
                self.latencies.append(time.perf_counter() - self.sent.pop(msg["id"]))
            elif msg["type"] == "pong" and msg["id"] in self.pinged:
                self.pings.append(time.perf_counter() - self.pinged.pop(msg["id"]))
            elif msg["type"] == "state":
                self.state = msg
                for point in msg["decisions"]:
                    if point["id"] not in self.answered:
                        self.answered.add(point["id"])
                        option = point["options"][0]
                        action = dict(option["action"])
                        action.update({f["name"]: f["default"] for f in option["fields"]})
                        await self.act(action)

    async def initiative(self, until: float) -> None:
        while time.perf_counter() < until:
            await asyncio.sleep(self.rng.uniform(1.0, 2.0))
            free = [a for a in (self.state or {}).get("actions", []) if not a["fields"]]
            if free:
                await self.act(free[0]["action"])
            self.n += 1
            self.pinged[f"p{self.n}"] = time.perf_counter()
            await self.ws.send_json({"type": "ping", "id": f"p{self.n}"})


async def play(url: str, codes: dict, seconds: float, proc: subprocess.Popen) -> dict:
    latencies: list[float] = []
    pings: list[float] = []
    rng = random.Random(16)
    async with aiohttp.ClientSession() as session:
        trainer = await session.ws_connect(url + "ws")
        await trainer.send_json({"type": "login", "pin": PIN})
        devices = []
        for (table, role), code in sorted(codes.items()):
            ws = await session.ws_connect(url + "ws")
            await ws.send_json({"type": "join", "code": code, "name": f"{role}-{table}"})
            devices.append(Device(ws, random.Random(rng.random()), latencies, pings))
        await trainer.send_json({"type": "command", "id": "go", "do": {"command": "resume"}})
        cpu0, wall0 = cpu_seconds(proc.pid), time.perf_counter()
        own0 = time.process_time()
        until = wall0 + seconds
        drain = asyncio.create_task(_drain(trainer, until))
        await asyncio.gather(
            *(d.read(until) for d in devices), *(d.initiative(until) for d in devices), drain
        )
        cpu1, wall1 = cpu_seconds(proc.pid), time.perf_counter()
        own = (time.process_time() - own0) / (wall1 - wall0)
        hours = [d.state["clock"]["hour"] for d in devices if d.state]
    return {
        "latencies": latencies,
        "pings": pings,
        "cpu": (cpu1 - cpu0) / (wall1 - wall0),
        "clients_cpu": own,
        "hours": (min(hours), max(hours)) if hours else (0, 0),
        "wall": wall1 - wall0,
    }


async def _drain(ws, until: float) -> None:
    while time.perf_counter() < until:
        try:
            await ws.receive(timeout=max(0.01, until - time.perf_counter()))
        except TimeoutError:
            return


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))] if s else float("nan")


def frame_times(directory: Path, frames: int) -> tuple[list[float], list[float]]:
    """Projector frames on a 6-table class at 16x: (the host's frames, which rebuild the
    class view when it changed, at most 4 times a second; the window drawing one view)."""
    from host.classroom import Classroom
    from host.hub import Hub
    from host.serve import ProjectorFeed
    from sim.scenario.loader import resolve_scenario

    classroom = Classroom.create(
        resolve_scenario(None), directory / "frames", tables=TABLES, seed=None, speed=SPEED, pin=PIN
    )
    for table in classroom.tables:
        for role in ROLES:
            table.state.set_seat(role, getattr(table.model.scenario.roles, role).bot)
        table.state.set_paused(False)
    hub = Hub(classroom, "http://127.0.0.1:8765/")
    frame = ProjectorFeed(classroom, hub, "nl")
    frame()
    host_frames = []
    for _ in range(frames):
        classroom.advance(1.0 / 30.0)
        t0 = time.perf_counter()
        frame()
        host_frames.append(time.perf_counter() - t0)
        time.sleep(max(0.0, 1.0 / 30.0 - (time.perf_counter() - t0)))  # the host's pace
    draw_only = []
    for _ in range(frames):
        t0 = time.perf_counter()
        frame.window.frame(frame.view)
        draw_only.append(time.perf_counter() - t0)
    classroom.close()
    return host_frames, draw_only


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s of play, fewer frames")
    args = parser.parse_args()
    seconds, frames = (10.0, 150) if args.quick else (30.0, 450)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        note(f"starting the host: {TABLES} tables at {SPEED}x, projector on SDL dummy")
        proc, url, codes = start_host(directory)
        try:
            note(f"{len(codes)} devices play for {seconds:g} s")
            result = asyncio.run(play(url, codes, seconds, proc))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        note(f"projector: {frames} frames")
        frames_all, draw_only = frame_times(directory, frames)
    lat = [x * 1000 for x in result["latencies"]]
    p99 = pct(lat, 99)
    mean_frame = 1000 * sum(frames_all) / len(frames_all)
    print(
        f"bench_host: {TABLES} tables at {SPEED}x, {len(codes)} devices, "
        f"{result['wall']:.1f} s of play (tables reached hour {result['hours'][0]}-"
        f"{result['hours'][1]})"
    )
    print(
        f"  acks: {len(lat)}; submit -> ack p50 {pct(lat, 50):.1f} ms, p99 {p99:.1f} ms, "
        f"max {max(lat, default=float('nan')):.1f} ms  "
        f"[{'PASS' if p99 < P99_TARGET_MS else 'FAIL'} p99 < {P99_TARGET_MS:g} ms]"
    )
    pings = [x * 1000 for x in result["pings"]]
    print(
        f"  the same round trip without a log write (ping -> pong): p50 {pct(pings, 50):.1f} "
        f"ms, p99 {pct(pings, 99):.1f} ms (the network, both event loops and the CPU share)"
    )
    print(
        f"  host CPU: {100 * result['cpu']:.0f}% of one core (projector drawing included); "
        f"the 18 simulated devices: {100 * result['clients_cpu']:.0f}%; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"  projector frame (the host's, 30/s, view rebuilt at most 4/s): mean "
        f"{mean_frame:.2f} ms, p99 {1000 * pct(frames_all, 99):.2f} ms  "
        f"[{'PASS' if mean_frame < FRAME_TARGET_MS else 'FAIL'} mean < "
        f"{FRAME_TARGET_MS:g} ms]; drawing alone: mean "
        f"{1000 * sum(draw_only) / len(draw_only):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
