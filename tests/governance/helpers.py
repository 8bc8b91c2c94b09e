"""Shared pieces of the action-API tests: short winters, prepared moments, state fingerprints.

Every prepared moment ("an invoice is waiting for a human regisseur") is built once per
test process and handed to each test as a deep copy, so a test may change it freely.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import random
from collections.abc import Callable

import mesa
import numpy as np
from pydantic import BaseModel

from sim.actions import ROLES
from sim.bots import Bot
from sim.model import RegieModel
from sim.scenario.schema import Scenario
from sim.session import state_hash

# Forty days from 1 December: frost, call-outs, a meeting rhythm and one monthly invoice and
# report (day 30). A one-hour route norm makes missed norms (and so penalties) likely.
BASE: dict = {"weather": {"days": 40, "start_date": "2025-12-01"},
              "contract": {"route_norm_h": 1.0}}


def merge(base: dict, extra: dict) -> dict:
    """Deep-merge two scenario dicts."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merge(out.get(key, {}), value) if isinstance(value, dict) else value
    return out


def short_scenario(**sections: dict) -> Scenario:
    """The short test winter, with sections merged in (e.g. contract={...})."""
    return Scenario.model_validate(merge(BASE, sections))


def new_model(seed: int = 1, **sections: dict) -> RegieModel:
    """A fresh model of the short test winter."""
    return RegieModel(short_scenario(**sections), seed=seed)


# --- moving the clock ------------------------------------------------------------------
def open_point(model: RegieModel, kind: str, role: str | None = None):
    """The oldest open decision point of a kind (optionally of one role), or None."""
    for p in model.governance.board.open_points():
        if p.kind == kind and (role is None or p.role == role):
            return p
    return None


def first_option(point) -> dict:
    """The default answer a test gives to a point it is not interested in."""
    return dict(point.options[0])


def advance(model: RegieModel, until: Callable[[RegieModel], object],
            answer: Callable[[object], dict] = first_option, max_hours: int = 24 * 40) -> None:
    """Step until `until(model)` holds; human-seated points in the way get `answer`."""
    limit = model.hour + max_hours
    while not until(model):
        assert model.hour < limit and not model.finished, "moment never came"
        gov = model.governance
        if model.waiting_for_humans():
            for p in [p for p in gov.board.open_points() if gov.is_human(p.role)]:
                result = model.submit(p.role, answer(p))
                assert result.ok, result.reason
                if until(model):
                    return
        else:
            model.step()


def step_hours(model: RegieModel, n: int) -> None:
    """Step n hours with bots only (asserts the clock really moves)."""
    for _ in range(n):
        hour = model.hour
        model.step()
        assert model.hour == hour + 1


# --- prepared moments (built once, copied per test) --------------------------------------
def prepared(builder: Callable[[], RegieModel]) -> Callable[[], RegieModel]:
    """Cache a builder's model; each call returns an independent deep copy."""
    cached = functools.cache(builder)

    @functools.wraps(builder)
    def fresh_copy() -> RegieModel:
        return copy.deepcopy(cached())

    return fresh_copy


@prepared
def fresh() -> RegieModel:
    """Hour 0 of the test winter, bots in every seat."""
    return new_model()


@prepared
def human_regisseur() -> RegieModel:
    """Hour 0, a person in the regisseur's seat."""
    m = new_model()
    m.set_controller("regisseur", None, name="Test")
    return m


@prepared
def invoice_open() -> RegieModel:
    """Day 30: the first monthly invoice waits for a human regisseur."""
    m = human_regisseur()
    advance(m, lambda m: open_point(m, "invoice"))
    return m


@prepared
def meerwerk_open() -> RegieModel:
    """Hour 0: the executor asked for an extra round; a human regisseur must decide."""
    m = human_regisseur()
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    return m


@prepared
def meeting_with_dispute() -> RegieModel:
    """Hour 0: a rejected meerwerk request is a dispute; the regisseur called a meeting."""
    m = meerwerk_open()
    point = open_point(m, "meerwerk_request")
    assert m.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                                  "decision": "reject"}).ok
    assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    return m


@prepared
def position_open() -> RegieModel:
    """Hour 0: as meeting_with_dispute, with a person in the executor's seat as well, whose
    point to table its moves is open."""
    m = new_model()
    m.set_controller("regisseur", None, name="Test")
    m.set_controller("executor", None, name="Test")
    assert m.submit("executor", {"type": "request_meerwerk", "kind": "extra_round",
                                 "amount_eur": 5_000.0}).ok
    point = open_point(m, "meerwerk_request")
    assert m.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                                  "decision": "reject"}).ok
    assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok
    return m


@prepared
def order_open() -> RegieModel:
    """Hour 0: the regisseur ordered an extra round; a person in the executor's seat
    answers the order."""
    m = new_model()
    m.set_controller("executor", None, name="Test")
    assert m.submit("regisseur", {"type": "request_extra_round", "priority": 1}).ok
    return m


@prepared
def council_open() -> RegieModel:
    """Day 1: the wethouder's attention is up (media storm) and the council asks a question."""
    m = human_regisseur()
    m.inject("media_storm", 1.0)
    advance(m, lambda m: m.hour >= 24)
    m.inject("council_motion", 0.5)
    assert open_point(m, "council_question") is not None
    assert m.wethouder.attention > 0.4
    return m


@prepared
def briefing_open() -> RegieModel:
    """Day 0, 18h: the evening forecast briefing waits for a human executor."""
    m = new_model()
    m.set_controller("executor", None, name="Test")
    advance(m, lambda m: open_point(m, "forecast_briefing"))
    return m


@prepared
def report_open() -> RegieModel:
    """Day 30: the monthly report waits for a human executor (briefings answered as planned)."""
    m = new_model()
    m.set_controller("executor", None, name="Test")
    advance(m, lambda m: open_point(m, "monthly_report"))
    return m


@prepared
def misses_reported() -> RegieModel:
    """Day 30: the executor reported missed norms honestly; they are not penalised yet."""
    m = report_open()
    point = open_point(m, "monthly_report")
    assert m.submit("executor", {"type": "submit_report", "report_id": point.ref,
                                 "honesty": "honest"}).ok
    assert m.governance.unpenalised_misses > 0, "test winter should miss the 1-hour norm"
    return m


def _incident(model: RegieModel) -> RegieModel:
    model.set_controller("wethouder", None, name="Test")
    model.inject("media_storm", 1.0)
    advance(model, lambda m: open_point(m, "incident"))
    return model


@prepared
def incident_open() -> RegieModel:
    """Day 0, 23h: a media storm pushed attention over the threshold; a human wethouder acts."""
    return _incident(new_model())


@prepared
def incident_open_committee() -> RegieModel:
    """As incident_open, in a contract with an escalation committee."""
    return _incident(new_model(contract={"escalation_committee": True}))


# --- state fingerprint -----------------------------------------------------------------
def _plain(obj: object, seen: tuple[int, ...] = ()) -> object:
    """Plain JSON data for the model's objects (arrays by hash, generators by state)."""
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, float):
        return repr(obj)  # keeps nan and inf comparable as text
    if isinstance(obj, np.ndarray):
        a = np.ascontiguousarray(obj)
        return ["ndarray", a.dtype.str, list(a.shape), hashlib.sha256(a.tobytes()).hexdigest()]
    if isinstance(obj, np.generic):
        return _plain(obj.item())
    if isinstance(obj, np.random.Generator):
        return {"bit_generator": _plain(obj.bit_generator.state)}
    if isinstance(obj, random.Random):
        return hashlib.sha256(repr(obj.getstate()).encode()).hexdigest()
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, Bot):
        return {"bot": obj.name}
    if isinstance(obj, mesa.Model):
        return "<model>"
    if id(obj) in seen:
        return "<cycle>"
    seen = (*seen, id(obj))
    if isinstance(obj, dict):
        return [[repr(k), _plain(v, seen)] for k, v in obj.items()]
    if isinstance(obj, (list, tuple)):
        return [_plain(v, seen) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(repr(x) for x in obj)
    if isinstance(obj, mesa.Agent) and len(seen) > 1:
        return f"<agent {type(obj).__name__}>"
    if hasattr(obj, "__dict__"):
        return [type(obj).__name__, {str(k): _plain(v, seen) for k, v in vars(obj).items()
                                     if k not in ("model", "cfg", "plan")}]
    return repr(obj)


def _dump(value: object) -> str:
    return json.dumps(_plain(value), sort_keys=True)


_GOV_SKIP = frozenset({"model", "events", "listeners", "contract", "muni", "rules",
                       "controllers"})


def fingerprint(model: RegieModel) -> dict[str, str]:
    """Everything a submission could touch, section by section (events excluded)."""
    gov = model.governance
    ex = model.executor
    parts: dict[str, object] = {
        "clock": [model.hour, model.running, model.season, model.season_day0],
        "observe": {r: model.observe(r) for r in ROLES},
        "legal_actions": {r: model.legal_actions(r) for r in ROLES},
        "governance": {k: v for k, v in vars(gov).items() if k not in _GOV_SKIP},
        "seats": {r: None if b is None else b.name for r, b in gov.controllers.items()},
        "executor": {k: v for k, v in vars(ex).items()
                     if k not in ("model", "cfg", "plan", "fleet", "depot")},
        "depot": ex.depot,
        "fleet": ex.fleet,
        "wethouder": model.wethouder,
        "citizens": model.citizens,
        "roads": model.roads,
        "weather": [id(model.weather), model.weather],
        "kpi": model.kpi,
        "calls_made": model.executor.calls_made,
        "injects": model.pending_injects,
        "satisfaction_days": model.satisfaction_days,
        "rng": [model.rng, {k: g for k, g in model.streams.items()}, model.random],
    }
    out = {name: _dump(value) for name, value in parts.items()}
    out["state_hash"] = state_hash(model)
    return out


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Sections of two fingerprints that differ."""
    return [k for k in before if before[k] != after.get(k)]


# --- submitting -----------------------------------------------------------------------
def reject(model: RegieModel, role: str, action: object, match: str | None = None) -> str:
    """Submit; assert a rejection with a reason, one `rejected` event and nothing else changed."""
    gov = model.governance
    n_events = len(gov.events)
    heard: list[dict] = []
    before = fingerprint(model)
    gov.listeners.append(heard.append)
    try:
        result = model.submit(role, action)
    finally:
        gov.listeners.remove(heard.append)
    assert result.ok is False, f"accepted: {role} {action}"
    assert isinstance(result.reason, str) and result.reason.strip()
    if match is not None:
        assert match in result.reason, result.reason
    new = gov.events[n_events:]
    assert len(new) == 1 and new == heard, new
    event = new[0]
    assert event["kind"] == "rejected" and event["role"] == role
    assert event["reason"] == result.reason
    gov.events.pop()  # compare everything except the one rejection event
    try:
        after = fingerprint(model)
    finally:
        gov.events.append(event)
    assert not changed(before, after), f"rejection changed {changed(before, after)}"
    return result.reason


def accept(model: RegieModel, role: str, action: dict) -> list[dict]:
    """Submit; assert acceptance and an `action` event first; return the new events."""
    gov = model.governance
    n_events = len(gov.events)
    result = model.submit(role, action)
    assert result.ok is True, result.reason
    assert result.reason == ""
    new = gov.events[n_events:]
    assert new and new[0]["kind"] == "action" and new[0]["role"] == role
    assert new[0]["action"]["type"] == action["type"]
    return new
