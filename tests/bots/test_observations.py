"""What bots see, over every shipped scenario (PettingZoo style): observations are
JSON-ready and hold no private data of another role; legal actions belong to the role.

The observations are sampled in the archetype line-ups of the contract tests
(tests/bots/helpers.py) daily at noon and whenever a decision point is raised.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from sim.actions import ALLOWED_ROLES, ROLES
from sim.model import RegieModel
from sim.observation import PRIVATE
from sim.scenario.loader import scenario_base_dir
from tests.bots.helpers import SCENARIOS, SEED, lineups, scenario, watched
from tests.governance.helpers import fresh, meerwerk_open, open_point

CASES = [pytest.param(path, lineup, id=f"{path.stem}-{'+'.join(lineup)}")
         for i, path in enumerate(SCENARIOS) for lineup in lineups(i)]


@pytest.mark.parametrize("path,lineup", CASES)
def test_legal_actions_belong_to_the_role(path: Path, lineup) -> None:
    for role, legal in watched(path, lineup).legal:
        for template in legal:
            assert role in ALLOWED_ROLES[template["type"]], (role, template)


# --- information asymmetry -------------------------------------------------------------------
def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _private_keys() -> dict[str, set[str]]:
    """Per role, keys that only that role's observation may hold."""
    model = RegieModel(scenario(SCENARIOS[0]), seed=SEED,
                       base_dir=scenario_base_dir(SCENARIOS[0]))
    own = {role: set(PRIVATE[role](model)) for role in ROLES}
    public = _keys({k: v for k, v in model.observe("regisseur").items() if k != "private"})
    return {role: own[role] - public - set().union(*(own[o] for o in ROLES if o != role))
            for role in ROLES}


# Spelled out, from the design: the regisseur sees reported output, not the executor's true
# effort, stock or cost; the wethouder sees the news and the council, not invoices.
NEVER = {
    "regisseur": {"true_output", "true_misses", "true_cost_eur", "salt_stock_t",
                  "salt_on_order_t", "trust_in_gemeente"},
    "executor": {"estimated_fair_eur", "trust_in_executor", "regie_hours_left", "attention"},
    "wethouder": {"invoice_id", "claimed_eur", "estimated_fair_eur", "disputed_eur", "lines",
                  "true_output", "true_cost_eur", "salt_stock_t", "request_id"},
}


@pytest.mark.parametrize("path,lineup", CASES)
def test_observations_hold_no_private_data_of_another_role(path: Path, lineup) -> None:
    private = _private_keys()
    observations = watched(path, lineup).observations
    assert observations
    for obs in observations:
        role = obs["role"]
        others = set().union(*(private[o] for o in ROLES if o != role))
        leaked = _keys(obs) & (others | NEVER[role])
        assert not leaked, (role, obs["hour"], leaked)
        assert all(p["role"] == role for p in obs["decisions"])


@pytest.mark.parametrize("path,lineup", CASES)
def test_observations_are_json_ready(path: Path, lineup) -> None:
    for obs in watched(path, lineup).observations:
        text = json.dumps(obs, allow_nan=False)  # no NaN, no numpy scalars, no objects
        assert json.loads(text) == _as_json(obs)


def _as_json(value: object) -> object:
    """Tuples as lists (the invoice context's `lines` are tuples), as JSON gives them back."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_json(v) for v in value]
    return value


def test_the_wethouder_never_sees_invoices() -> None:
    r = watched(SCENARIOS[0], lineups(0)[0])
    assert any(p["kind"] == "invoice" for o in r.observations if o["role"] == "regisseur"
               for p in o["decisions"])  # there were invoices to see
    for obs in r.observations:
        if obs["role"] != "regisseur":
            assert not any(p["kind"] == "invoice" for p in obs["decisions"])


# Private state of one role, set to extreme values: the other roles must not notice.
def _executor_private(m: RegieModel) -> None:
    m.governance.rel.trust_e_in_g = 0.02
    m.executor.depot.stock_t = 7.0


def _regisseur_private(m: RegieModel) -> None:
    m.governance.rel.trust_g_in_e = 0.02


PERTURB = [("executor", _executor_private, ("regisseur", "wethouder")),
           ("regisseur", _regisseur_private, ("executor", "wethouder"))]


def _moment_plain() -> RegieModel:
    return fresh()


def _moment_meeting() -> RegieModel:
    """A rejected meerwerk request is a dispute, on the agenda of a meeting called after
    the perturbation (the agenda is built when the meeting is called)."""
    m = meerwerk_open()
    point = open_point(m, "meerwerk_request")
    assert m.submit("regisseur", {"type": "decide_meerwerk", "request_id": point.ref,
                                  "decision": "reject"}).ok
    return m


def _call_meeting(m: RegieModel) -> None:
    if m.governance.disputes:
        assert m.submit("regisseur", {"type": "call_meeting", "level": "operational"}).ok




@pytest.mark.parametrize("moment,owner,perturb,others", [
    pytest.param(moment, owner, perturb, others, id=f"{owner}-{name}")
    for name, moment in (("plain", _moment_plain), ("meeting-agenda", _moment_meeting))
    for owner, perturb, others in PERTURB])
def test_private_state_does_not_show_in_other_observations(moment, owner: str, perturb,
                                                           others) -> None:
    base = moment()
    twin = copy.deepcopy(base)
    perturb(twin)
    for m in (base, twin):
        _call_meeting(m)
    assert twin.observe(owner) != base.observe(owner)  # the owner does see it
    for role in others:
        assert twin.observe(role) == base.observe(role), role
