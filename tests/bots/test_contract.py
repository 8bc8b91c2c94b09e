"""Contract tests over every shipped scenario and every bot of the registry (PettingZoo
style): archetypes in bot seats and scripted players in human seats alike.

Per scenario and bot: the season runs to the end with finite KPIs and the bot plays in it;
the same seed gives the same season; the bot submits only legal actions. Archetypes act
inside the model and are never refused. A scripted player stands in for a person, who
presses the free actions when they like: the model may refuse one for the moment (a
second direct contact on one day), as it would refuse the person, with a reason the game
shows. What no person at the game can send, and no scripted player may: a malformed
action, another role's action, or an answer that is refused (answers are picked from the
point's own options and references).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from sim.actions import ALLOWED_ROLES, ROLES
from sim.bots import REGISTRY, Bot
from sim.governance.decisions import KINDS as DECISION_KINDS
from sim.kpi import KPI_NAMES
from tests.bots.helpers import (
    NAMES,
    SCENARIO_IDS,
    SCENARIOS,
    SEED,
    Run,
    lineup_of,
    lineups,
    play,
    played,
    run,
    unwatched,
    watched,
)

ANSWERS = frozenset(spec[1] for spec in DECISION_KINDS.values())  # answer action types
NOT_A_PERSONS_REFUSAL = ("bad value", "is not an action of the", "unknown role",
                         "the season is over", "no open decision point")
CASES = [pytest.param(path, bot, id=f"{path.stem}-{bot.kind}-{bot.role}-{bot.name}")
         for path in SCENARIOS for bot in REGISTRY]


def season(path: Path, bot: type[Bot]) -> Run:
    """The season a bot is tested in: its line-up, or its recorded session."""
    if bot.kind == "archetype":
        return watched(path, lineup_of(path, bot))
    return played(path, bot)


def season_again(path: Path, bot: type[Bot]) -> Run:
    """The same season played again from the same seed (for an archetype, unobserved)."""
    if bot.kind == "archetype":
        return unwatched(path, lineup_of(path, bot))
    return play(path, bot)


def test_scenarios_and_bots_are_covered() -> None:
    assert len(SCENARIOS) >= 4
    assert {bot.kind for bot in REGISTRY} == {"archetype", "scripted"}
    for role, names in NAMES.items():
        assert len(names) == 3, role
        for i, path in enumerate(SCENARIOS):
            seated = {dict(zip(ROLES, lineup, strict=True))[role] for lineup in lineups(i)}
            assert seated == set(names), (path.stem, role)


# --- smoke ------------------------------------------------------------------------------
@pytest.mark.parametrize("path,bot", CASES)
def test_season_runs_to_the_end_with_finite_kpis(path: Path, bot: type[Bot]) -> None:
    r = season(path, bot)
    assert r.finished
    assert set(KPI_NAMES) == set(r.summary)  # every KPI has a stable, keepable name
    bad = {k: v for k, v in r.summary.items() if not math.isfinite(v)}
    assert not bad
    kinds = {e["dp_kind"] for e in r.events if e["kind"] == "decision_point"}
    assert {"forecast_briefing", "monthly_report", "council_question", "incident"} <= kinds


@pytest.mark.parametrize("path,bot", CASES)
def test_the_bot_plays_its_seat(path: Path, bot: type[Bot]) -> None:
    by = "bot" if bot.kind == "archetype" else "human"  # a scripted player is a person's input
    acted = [e for e in season(path, bot).events
             if e["kind"] == "action" and e["role"] == bot.role and e["by"] == by]
    assert acted


# --- bots play by the rules -----------------------------------------------------------------
@pytest.mark.parametrize("path,bot", CASES)
def test_the_bot_only_submits_legal_actions(path: Path, bot: type[Bot]) -> None:
    events = [e for e in season(path, bot).events if e.get("role") == bot.role]
    for e in events:
        if e["kind"] == "action":
            assert bot.role in ALLOWED_ROLES[e["action"]["type"]], e
    refused = [e for e in events if e["kind"] == "rejected"]
    if bot.kind == "archetype":  # nor its beslisregels
        assert not [e for e in refused if e["by"] in ("bot", "rule")]
        return
    for e in refused:
        assert e["by"] == "human", e
        assert e["action"].get("type") not in ANSWERS, e
        assert not any(text in e["reason"] for text in NOT_A_PERSONS_REFUSAL), e


# --- determinism ----------------------------------------------------------------------------
@pytest.mark.parametrize("path,bot", CASES)
def test_same_seed_same_season(path: Path, bot: type[Bot]) -> None:
    """Played twice from one seed (an archetype's line-up once watched, observing and
    listing legal actions all the time, once not: observing changes nothing)."""
    a, b = season(path, bot), season_again(path, bot)
    assert a.summary == b.summary
    assert json.dumps(a.events) == json.dumps(b.events)
    assert a.state_hash == b.state_hash


@pytest.mark.parametrize("path", SCENARIOS, ids=SCENARIO_IDS)
def test_different_seed_different_run(path: Path) -> None:
    lineup = lineups(SCENARIOS.index(path))[0]
    a = watched(path, lineup)
    b = run(path, lineup, SEED + 1, watch=False)
    assert a.summary != b.summary
    assert json.dumps(a.events) != json.dumps(b.events)
