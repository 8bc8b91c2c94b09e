"""Session re-run and ghost runs: the log is reproduced, every ghost runs on exactly the
session's weather (asserted), each human seat is taken by each archetype on each seed."""

from __future__ import annotations

import dataclasses

import pytest

from debrief.rerun import (
    GhostWeatherError,
    check_weather,
    ghost_specs,
    rerun_session,
    run_ghost,
)
from sim.bots import BOTS
from tests.debrief.conftest import SEED, played


def test_rerun_reproduces_the_log():
    session, trace = played("regisseur", "relational")
    assert trace.divergence is None
    assert trace.stop_t == session.scenario.weather.days * 24
    end = session.end
    assert end is not None
    for k in ("reachability_pct", "cost_total_eur", "trust_executor_in_gemeente"):
        assert trace.kpis[k] == pytest.approx(end["kpis"][k])
    # the re-run is deterministic
    again = rerun_session(session)
    assert again.daily == trace.daily and again.weather_end == trace.weather_end


def test_a_changed_log_is_reported_as_a_divergence(tmp_path):
    import json

    session, _ = played("regisseur", "relational")
    lines = session.path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines[1:], start=1):  # the first human direct contact: drop it
        e = json.loads(line)
        if e["kind"] == "action" and e["by"] == "human" and e["action"]["type"] == "direct_contact":
            e["action"] = {"type": "inspect"}
            lines[n] = json.dumps(e)
            break
    from debrief.logread import read_session

    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    trace = rerun_session(read_session(path))
    assert trace.divergence is not None and "log line" in trace.divergence


def test_ghosts_take_each_human_seat_with_each_archetype_on_each_seed():
    session, _ = played("regisseur", "relational")
    specs = ghost_specs(session, [SEED, SEED + 1, SEED + 2])
    assert len(specs) == len(BOTS["regisseur"]) * 3
    assert {(s.archetype, s.seed) for s in specs} == {
        (a, s) for a in BOTS["regisseur"] for s in (SEED, SEED + 1, SEED + 2)}
    for s in specs:
        seats = dict(s.seats0)
        assert seats["regisseur"] == s.archetype
        assert seats["executor"] == session.controllers["executor"]["bot"]
        assert [(i[2], i[3]) for i in s.injects] == [
            (e["name"], e["severity"]) for e in session.events
            if e["kind"] == "inject" and e["source"] == "trainer"]


def test_ghosts_run_on_exactly_the_sessions_weather():
    session, trace = played("regisseur", "relational")
    specs = [s for s in ghost_specs(session, [SEED, SEED + 3]) if s.archetype == "absent"]
    ghosts = [run_ghost(session.scenario, session.base_dir, s) for s in specs]
    digest = check_weather(trace, ghosts)
    assert digest == trace.weather_start[0]
    for g in ghosts:
        assert g.weather_start == trace.weather_start
        assert g.weather_end == trace.weather_end  # the trainer's injects hit the same winter
        assert g.stop_t == trace.stop_t
    # the other seed really is another run (citizens and chance drawn anew) ...
    assert ghosts[0].daily["complaints"] != ghosts[1].daily["complaints"] or (
        ghosts[0].kpis != ghosts[1].kpis)
    # ... and a ghost on other weather is caught
    from sim.model import RegieModel

    other = dataclasses.replace(ghosts[1], weather_start=[
        RegieModel(session.scenario, seed=SEED + 3).weather.digest()])
    assert other.weather_start != trace.weather_start
    with pytest.raises(GhostWeatherError):
        check_weather(trace, [ghosts[0], other])


def test_same_seed_ghost_differs_from_the_session_only_by_the_seat():
    """With the session's seed and the seat's own archetype, the ghost is the bot run."""
    from sim.run import run_scenario

    session, _ = played("regisseur", "relational")
    spec = next(s for s in ghost_specs(session, [SEED]) if s.archetype == "controller")
    spec = dataclasses.replace(spec, injects=())  # the bare scenario, no trainer injects
    ghost = run_ghost(session.scenario, session.base_dir, spec)
    plain = run_scenario(session.scenario, SEED)
    assert ghost.kpis == plain.kpis
