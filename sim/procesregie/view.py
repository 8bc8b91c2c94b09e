"""What the game and the projector may show of a bestuursproces: the public view and a
seat's own view (the front door's reading side, like sim.observation for gladheid).

The public view is what the whole room sees on the projector: the table and its roles,
trust between every pair, the phase of wyberen and the clock, the shortlist and which
parties say they can consent to each option (said at the table while consolidating), the
go/no-go moments and the KPIs. A seat's view adds what only that party knows of itself:
its core values, priorities, mandate and outside option. Reading changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.procesregie.actions import REGISSEUR
from sim.procesregie.kpi import summary
from sim.procesregie.process import support
from sim.procesregie.schema import DIMENSIONS

if TYPE_CHECKING:
    import numpy as np

    from sim.procesregie.model import ProcesModel
    from sim.procesregie.parties import Party


def _values(option: np.ndarray | None) -> list[float] | None:
    return None if option is None else [float(x) for x in option]


def _option(model: ProcesModel, option: np.ndarray) -> dict:
    """One option on the shortlist: its values and, per party at the table, whether it
    can consent (within its mandate and better than walking away)."""
    return {
        "values": _values(option),
        "consent": {p.key: bool(p.consents(option)) for p in model.table()},
        "support_pct": 100.0 * support(model, option),
    }


def _party(model: ProcesModel, party: Party) -> dict:
    bot = model.bots.get(party.key)
    return {
        "key": party.key,
        "role": party.role,
        "invited": party.invited,
        "at_table": party.at_table,
        "stake": party.spec.stake,
        "resources": party.spec.resources,
        "consented": bool(party.consented),
        "bot": None if bot is None else bot.name,
    }


def observe_public(model: ProcesModel) -> dict:
    """The projector's view of the process (plain data: lists, dicts, floats)."""
    proc = model.scenario.process
    agenda = model.rules.agenda
    regisseur = model.bots.get(REGISSEUR)
    return {
        "week": model.week,
        "max_weeks": model.hours,
        "step": model.step_no,
        "steps": proc.steps,
        "phase": model.phase,
        "rounds_in_phase": model.rounds_in_phase,
        "min_rounds": proc.divergence_min_rounds,
        "weeks_per_round": proc.weeks_per_round,
        "week_in_round": model.week_in_round,
        "finished": model.finished,
        "waiting": model.waiting_for_humans(),
        "rules_agreed": model.rules.agreed,
        "conditions": model.rules.conditions,
        "agenda": None if agenda is None else DIMENSIONS[agenda],
        "dimensions": list(DIMENSIONS),
        "parties": [_party(model, p) for p in model.parties],
        "regisseur_bot": None if regisseur is None else regisseur.name,
        "trust": [[float(x) for x in row] for row in model.trust],
        "options": len(model.options),
        "options_explored": model.options_explored,
        "shortlist": [_option(model, o) for o in model.shortlist],
        "agreement": _values(model.agreement),
        "agreement_support_pct": 100.0 * support(model, model.agreement),
        "go_support_pct": 100.0 * model.go_support(),
        "issue": model.week < model.issue_until,
        "blocks": model.blocks,
        "no_gos": model.no_gos,
        "lead_time": model.lead_time,
        "events": len(model.events),
        "kpis": summary(model),
    }


def observe_events(model: ProcesModel, since: int = 0) -> list[dict]:
    """The process's events from number `since` on (actions, go, no-go, blocks), copied."""
    return [dict(e) for e in model.events[since:]]


def observe_seat(model: ProcesModel, seat: str) -> dict:
    """What one seat may know: the model's observation plus, for a party, its own brief
    (core values, priorities, mandate, outside option) and which shortlisted options lie
    within its mandate."""
    obs = dict(model.observe(seat))
    if seat == REGISSEUR:
        return obs
    me = model.party(seat)
    obs["core_values"] = [float(x) for x in me.core]
    obs["priorities"] = [float(x) for x in me.priorities]
    obs["first_priority"] = DIMENSIONS[me.first_priority]
    obs["mandate"] = me.spec.mandate
    obs["resources"] = me.spec.resources
    obs["within_mandate"] = [bool(me.within_mandate(o)) for o in model.shortlist]
    return obs
