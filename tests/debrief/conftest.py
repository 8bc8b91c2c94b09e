"""Scripted sessions for the debrief tests: played once per test process, then reused.

Each session is recorded as a real session log (scripted players in human seats), read
back and re-run exactly as `regie debrief` does; the tests compare scripted behaviours on
the same winter, never fixed KPI values.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from debrief.logread import read_session
from debrief.rerun import rerun_session
from debrief.rubric import assess, load_rubric
from sim.bots import SCRIPTED
from sim.bots.play import record_session
from sim.scenario.loader import load_scenario, resolve_scenario

REPO = Path(__file__).resolve().parents[2]
SEED = 5
DAY = 24

# Trainer acts shared by the regisseur and executor sessions: a salt supplier that fails,
# a snowstorm and a council motion (trouble, meerwerk requests and a council question).
TROUBLE = ((DAY * 20 + 9, {"inject": "salt_supplier_fails", "severity": 0.8}),
           (DAY * 30, {"inject": "snowstorm", "severity": 0.7}),
           (DAY * 40 + 10, {"inject": "council_motion", "severity": 0.6}),
           (DAY * 12 + 9, {"act": "bookmark", "tag": "eerste factuurgesprek"}))
# For the wethouder: the media keep writing (incidents for the wethouder to handle).
MEDIA = tuple((DAY * d + 18, {"inject": "media_storm", "severity": 1.0}) for d in (2, 6, 11, 16))

VARIANTS = {
    # 75 days of the default winter: two monthly invoices and reports and the final one.
    "season": ("gladheid_gedwongen_winkelnering", ["weather.days=75"], TROUBLE),
    # The same with an opportunistic executor: inflated invoices to catch.
    "opportunist": ("gladheid_gedwongen_winkelnering",
                    ["weather.days=75", "roles.executor.bot=opportunistic"], TROUBLE),
    # The classroom cold spell with a restless press.
    "media": ("gladheid_koudegolf_klas", [], MEDIA),
    # The classroom cold spell with a design phase (no wethouder's conditions, so the
    # regisseur's ask is its own): salt, snow, the press and a new executor.
    "design": ("gladheid_koudegolf_klas",
               ["design.skip=false", "roles.wethouder.bot=hands_off"], ()),
}


def scenario(variant: str):
    name, overrides, _ = VARIANTS[variant]
    return load_scenario(resolve_scenario(name), overrides)


@cache
def _dir() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="regie-debrief-tests-"))


def session_log(role: str, policy: str, variant: str = "season") -> Path:
    """Record (once per process) a session with a scripted player in `role`."""
    return _session_log(role, policy, variant)


@cache
def _session_log(role: str, policy: str, variant: str) -> Path:
    name, _, trainer = VARIANTS[variant]
    path = _dir() / f"{variant}-{role}-{policy}.jsonl"
    seat = player(role, policy)
    record_session(path, scenario(variant), SEED, {role: seat},
                   on_model=lambda model: setattr(seat, "model", model),
                   names={role: f"{policy.title()} (script)"}, trainer=trainer,
                   scenario_name=name)
    return path


def player(role: str, policy: str):
    """A scripted player by name: the shipped scripts and the design phase's test players."""
    from tests.debrief.design_players import DESIGN_PLAYERS

    if role == "regisseur" and policy in DESIGN_PLAYERS:
        return DESIGN_PLAYERS[policy]()
    return SCRIPTED[role][policy]()


def played(role: str, policy: str, variant: str = "season"):
    """(session, trace) of a scripted session, re-run from its log."""
    return _played(role, policy, variant)


@cache
def _played(role: str, policy: str, variant: str):
    session = read_session(session_log(role, policy, variant))
    return session, rerun_session(session)


@cache
def rubric():
    return load_rubric()


def score(role: str, policy: str, competence: str, variant: str = "season") -> float | None:
    """The competence score of a scripted player."""
    _, trace = played(role, policy, variant)
    for res in assess(rubric(), trace, role, human=True):
        if res.competence.id == competence:
            return res.score
    raise KeyError(competence)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
