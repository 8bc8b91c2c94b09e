"""The procesregie model's side of the session log's seam (sim.session.seam.SessionSeam).

Seats are the parties (by key) and the regisseur; a checkpoint closes every week.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from sim.procesregie.actions import REGISSEUR
from sim.procesregie.bots import BOTS, seat_kind

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel
    from sim.procesregie.schema import ProcesScenario


OUTCOME_KINDS = (
    "round",
    "shortlist",
    "consolidated",
    "go",
    "no_go",
    "block",
    "issue",
    "pair_trust",
)
"""The model's own event kinds (docs/session-log.md, "Families"), beside the shared ones."""


class ProcesSeam:
    """Answers the session log's questions about a bestuursproces."""

    checkpoint_ticks = 1  # a checkpoint closes every week [weeks]

    def roles(self, scenario: ProcesScenario) -> tuple[str, ...]:
        return (*(p.key for p in scenario.parties), REGISSEUR)

    def default_bot(self, scenario: ProcesScenario, role: str) -> str | None:
        if role == REGISSEUR:
            return scenario.regisseur.bot
        return next(p.bot for p in scenario.parties if p.key == role)

    def bot_names(self, scenario: ProcesScenario, role: str) -> Collection[str]:
        return BOTS[seat_kind(role)]

    def controller(self, model: ProcesModel, role: str) -> object:
        return model.bots.get(role)

    def is_human(self, model: ProcesModel, role: str) -> bool:
        return model.is_human(role)

    def events(self, model: ProcesModel) -> list[dict]:
        return model.events

    def remove_listener(self, model: ProcesModel, listener: object) -> None:
        if listener in model.listeners:
            model.listeners.remove(listener)

    def waiting_roles(self, model: ProcesModel) -> list[str]:
        return [REGISSEUR] if model.waiting_for_humans() else []

    def state_hash(self, model: ProcesModel) -> str:
        return state_hash(model)


def _vectors(options: list[np.ndarray] | np.ndarray | None) -> object:
    if options is None:
        return None
    return (
        [float(x) for x in options]
        if isinstance(options, np.ndarray)
        else [[float(x) for x in o] for o in options]
    )


def _rng(gen: np.random.Generator) -> object:
    bg = gen.bit_generator
    return [bg.state, getattr(getattr(bg, "seed_seq", None), "n_children_spawned", None)]


def state_hash(model: ProcesModel) -> str:
    """sha256 (hex) of everything that carries a process from week to week: the clock and
    phase, the option pool, shortlist, agreement and final option, the counters, the issue
    of the day, the rules the instruments set, the trust matrix, every party's role,
    invitation and consent, who holds each seat, the number of events, and the states of
    the model's Generator and its child streams."""
    doc = [
        model.week,
        model.season,
        model.seed,
        model.step_no,
        model.phase,
        model.rounds_in_phase,
        model.week_in_round,
        model.decision_pending,
        _vectors(model.options),
        _vectors(model.shortlist),
        _vectors(model.agreement),
        _vectors(model.final),
        model.options_explored,
        model.blocks,
        model.no_gos,
        model.lead_time,
        model.issue_until,
        model.issue_raise,
        dataclasses.astuple(model.rules),
        [
            [p.key, p.role, p.invited, p.consented, p.leave_reason, sorted(p.declared.items())]
            for p in model.parties
        ],
        [getattr(model.bots.get(s), "name", None) for s in model.seats],
        len(model.events),
        len(model.refused),
        [_rng(model.rng)] + [_rng(g) for g in model.streams.values()],
    ]
    h = hashlib.sha256(b"regiekamer-procesregie-state/1\n")
    h.update(json.dumps(doc, separators=(",", ":"), default=int).encode())
    trust = np.ascontiguousarray(model.trust, dtype=float)
    h.update(trust.data)
    return h.hexdigest()


SEAM = ProcesSeam()
