"""A killed game resumes where it stopped, offered on the start screen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame

from game.logbook import unfinished_sessions
from tests.game.conftest import CLASSROOM


def checkpoints(path: Path) -> int:
    """Complete checkpoint lines written so far."""
    if not path.exists():
        return 0
    lines = path.read_bytes().split(b"\n")[:-1]
    return sum(1 for ln in lines if b'"kind": "checkpoint"' in ln or b'"kind":"checkpoint"' in ln)


def test_killed_game_resumes_where_it_stopped(make_app, tmp_path):
    sessions = tmp_path / "sessions"
    log = sessions / "klas.jsonl"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    cmd = [sys.executable, "-c", "import sys; from sim.cli import main; sys.exit(main())",
           "play", "--headless", "--autoplay", "--until", "20", "--scenario", CLASSROOM,
           "--log", str(log), "--session-dir", str(sessions), "--speed", "16"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while checkpoints(log) < 3:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the game wrote no checkpoints"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    lines = [json.loads(x) for x in log.read_text().splitlines()[1:] if x.strip()
             and x.strip().endswith("}")]
    assert lines[-1]["kind"] != "end"
    last_tick = max(e["tick"] for e in lines)

    # The start screen offers the unfinished session, with the focus on it.
    found = unfinished_sessions(sessions)
    assert [u.path for u in found] == [log]
    d = make_app(session_dir=sessions, scenario=None, speed=1)
    assert d.top.name == "start" and d.top.focus.current == "continue.0"
    d.key(pygame.K_RETURN)
    state = d.app.state
    assert state is not None, f"not resumed: {d.app.toasts}"
    assert state.model.hour >= last_tick
    assert state.model.hour - last_tick <= 1
    assert state.names == {"regisseur": "Anna", "executor": "Bram"}
    # Play on a little, end the round: the log is one valid, complete session.
    d.frames(20)
    d.key(pygame.K_F2)
    if d.top.name == "trainer":
        d.click("end")
        d.click("end")
    from sim.session import read_log

    sf = read_log(log)
    assert sf.complete
    seqs = [e["seq"] for e in sf.events]
    assert seqs == list(range(len(seqs)))


def test_resume_option_opens_the_session_directly(make_app, tmp_path):
    d = make_app()
    d.click("start")
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.frames(30)
    path = d.app.state.log.path
    hour = d.app.state.model.hour
    d.app.state.log.abandon()  # as if the game died here
    d.app.state = None
    last_tick = json.loads(path.read_text().splitlines()[-1])["tick"]
    d2 = make_app(resume=path, speed=1)
    assert last_tick <= d2.app.state.model.hour <= hour
    assert d2.top.name in ("play", "decision", "meeting")
