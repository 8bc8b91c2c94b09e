"""Wyberen: divergeren, convergeren, consolideren per step, and the go/no-go moment.

Each function is one round of a phase, acting on the model's option pool, trust matrix and
parties. What the regisseur's instruments change is read from `model.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.procesregie.trust import effect

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel
    from sim.procesregie.parties import Party

PHASES = ("divergeren", "convergeren", "consolideren")
VETO_RESOURCES = 0.6
"""Resources from which a party outside the agreement can block it (De Bruijn, Ten
Heuvelhof & In 't Veld, "Procesmanagement", ch. 1: every actor a potential veto player;
the threshold is an assumption) [-]."""
BLOCK_WEEKS = 8
"""Weeks a block costs (bezwaar, renegotiation; assumption) [weeks]."""


def admissible(model: ProcesModel, option: np.ndarray) -> bool:
    """Passes the content condition the gemeente set in advance, if any."""
    if not model.rules.conditions:
        return True
    gemeente = model.party("gemeente")
    d = gemeente.first_priority
    return abs(option[d] - gemeente.core[d]) <= model.scenario.process.condition_tolerance


def diverge(model: ProcesModel) -> None:
    """Every party at the table proposes; pairs that trust each other combine options."""
    rng = model.streams["options"]
    table = model.table()
    new: list[np.ndarray] = []
    for party in table:
        new.extend(party.propose(rng, [p for p in table if p is not party], model.rules.agenda))
    pool = model.options + new
    for i, a in enumerate(table):
        for b in table[i + 1 :]:
            # Trust lets two parties build on each other's ideas (a blend of two options).
            if len(pool) >= 2 and rng.random() < model.trust[a.index, b.index]:
                x, y = rng.choice(len(pool), 2, replace=False)
                mask = rng.random(pool[x].shape[0]) < 0.5
                new.append(np.where(mask, pool[x], pool[y]))
    admitted = [o for o in new if admissible(model, o)]
    model.options.extend(admitted)
    model.options_explored += len(admitted)
    meet(model, table)


def meet(model: ProcesModel, table: list[Party]) -> None:
    """A round at the table builds trust among those present; those left out lose some."""
    for a in table:
        for b in table:
            if a is not b:
                effect(model, "met", a, b)
    for out in model.parties:
        if not out.invited and out.spec.stake >= 0.5:
            for b in table:
                effect(model, "left_out", out, b)


def score(model: ProcesModel, option: np.ndarray) -> float:
    """Stake-weighted utility of the parties at the table (what the table converges on)."""
    return sum(p.spec.stake * p.utility(option) for p in model.table())


def converge(model: ProcesModel) -> None:
    """Keep the shortlist: the options the table values most."""
    keep = model.scenario.process.shortlist
    ranked = sorted(model.options, key=lambda o: -score(model, o))
    model.shortlist = ranked[:keep]
    model.note("shortlist", options=[[float(x) for x in o] for o in model.shortlist])
    meet(model, model.table())


def consolidate(model: ProcesModel) -> None:
    """Pick the shortlisted option with most consenting stake; parties consent in mandate."""
    table = model.table()
    if not model.shortlist:
        model.agreement = None
        return

    def consenting_stake(i: int) -> tuple[float, float]:
        option = model.shortlist[i]
        consenting = sum(p.spec.stake for p in table if p.says_consent(option, i))
        return consenting, score(model, option)

    chosen = max(range(len(model.shortlist)), key=consenting_stake)
    best = model.shortlist[chosen]
    model.agreement = best
    for party in model.parties:
        party.consented = party.at_table and party.says_consent(best, chosen)
        party.declared = {}
    model.note(
        "consolidated",
        option=[float(x) for x in best],
        consented=[p.key for p in model.parties if p.consented],
        within_mandate=[p.key for p in table if p.within_mandate(best)],
    )
    for a in table:
        if not a.consented:
            for b in table:
                if b.consented:
                    effect(model, "not_consented", a, b)


def support(model: ProcesModel, option: np.ndarray | None) -> float:
    """Stake-weighted share of all parties (at the table or not) that support the option."""
    if option is None:
        return 0.0
    total = sum(p.spec.stake for p in model.parties)
    return sum(p.spec.stake for p in model.parties if p.judges_acceptable(option)) / total


def blockers(model: ProcesModel, option: np.ndarray) -> list[Party]:
    """Parties outside the agreement with the resources to block it."""
    return [
        p
        for p in model.parties
        if not p.consented
        and p.spec.resources >= VETO_RESOURCES
        and not p.judges_acceptable(option)
    ]


def go_no_go(model: ProcesModel) -> bool:
    """The college and the council decide on the step's agreement."""
    option = model.agreement
    if option is None:
        return False
    blocking = blockers(model, option)
    if blocking:
        model.blocks += len(blocking)
        model.week = min(model.week + BLOCK_WEEKS, model.hours)
        model.note("block", parties=[p.key for p in blocking])
    return not blocking and support(model, option) >= model.go_support()
