"""An archetype's own moves happen only in its active hours: outside them its initiative
is empty and draws nothing, so the bots' turn need not ask it (open decision points are
answered in any hour)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from sim.bots import BOTS
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario

ARCHETYPES = [(role, name) for role, table in BOTS.items() for name in table]


@pytest.fixture(scope="module")
def model() -> RegieModel:
    return RegieModel(load_scenario(resolve_scenario(None)), seed=1)


def _urging(model: RegieModel, role: str) -> dict:
    """An observation in which every routine would act: no salt, snow on every street,
    trucks out, a penalty due, no campaign for months, nothing asked yet."""
    obs = copy.deepcopy(model.observe(role))
    obs["decisions"] = []
    obs["executor_actions_24h"] = 3
    obs["public"]["pavement_snow_cm"] = 9.0
    urgent = {
        "salt_stock_t": 0.0,
        "salt_on_spot_t": 0.0,
        "secondary_snow_cm": 9.0,
        "emergency_salt_rule": False,
        "open_requests": {},
        "penalty_cap_eur": 500.0,
        "days_since_campaign": 999.0,
    }
    obs["private"].update({k: v for k, v in urgent.items() if k in obs["private"]})
    return obs


@pytest.mark.parametrize(("role", "name"), ARCHETYPES)
def test_an_archetype_moves_only_in_its_active_hours(
    model: RegieModel, role: str, name: str
) -> None:
    obs = _urging(model, role)
    bot = BOTS[role][name](np.random.default_rng(0), model.scenario)
    acted = set()
    for day in range(90):
        for hod in range(24):
            obs["day"], obs["hour"] = day, 24 * day + hod
            before = bot.rng.bit_generator.state
            if bot.initiative(obs):
                acted.add(hod)
            if hod not in bot.active_hours:
                assert bot.rng.bit_generator.state == before, (name, hod)
    assert acted <= bot.active_hours, (name, sorted(acted))
    assert acted == bot.active_hours or role == "wethouder", (name, sorted(acted))
