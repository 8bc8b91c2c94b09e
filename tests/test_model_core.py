"""The core model as a whole: reproducibility, seeds, salt shortage, winter severity.

Statistical statements are over ten seeds (the same seeds in both arms of a comparison,
so the winters and towns are paired), never over one lucky run. Seasons are cut to the
cold core of the winter (1 December to mid-February) to keep the suite fast.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from sim.agents.depot import SaltDepot
from sim.run import run_scenario
from sim.scenario.schema import Scenario

SEEDS = range(10)
WINTER = {"days": 75, "start_date": "2025-12-01"}
# The winters' KPIs are cached per test process: the module runs on one worker (pytest -n 2
# --dist loadgroup), so the tests that read them share one set of runs.
pytestmark = pytest.mark.xdist_group("model_core")


def scenario(**sections: dict) -> Scenario:
    return Scenario.model_validate(sections)


@cache
def winter_kpis(climate: str, seed: int) -> dict[str, float]:
    """KPIs of one December-February season (cached: several tests read them)."""
    return run_scenario(scenario(weather={**WINTER, "climate": climate}), seed).kpis


def kpi(climate: str, name: str) -> np.ndarray:
    return np.array([winter_kpis(climate, seed)[name] for seed in SEEDS])


def test_same_seed_gives_identical_summary_and_daily_series():
    sc = scenario(weather={"days": 20, "start_date": "2025-12-10"})
    a, b = run_scenario(sc, 7), run_scenario(sc, 7)
    assert a.kpis == b.kpis
    assert a.daily.equals(b.daily)
    assert a.weather_digest == b.weather_digest


def test_different_seeds_give_different_winters_and_outcomes():
    sc = scenario(weather={"days": 30, "start_date": "2025-12-10"})
    a, b = run_scenario(sc, 1), run_scenario(sc, 2)
    assert a.weather_digest != b.weather_digest
    assert not a.daily.equals(b.daily)


def test_a_small_salt_stock_runs_out_in_a_severe_winter(monkeypatch):
    # No salt to be had on the spot market either (as in December 2010).
    monkeypatch.setattr(SaltDepot, "spot_order", lambda self, hour, qty, lead: 0.0)
    monkeypatch.setattr(SaltDepot, "emergency_purchase", lambda self, qty: 0.0)
    weather = {"climate": "severe", "days": 75, "start_date": "2025-12-01"}
    large = scenario(weather=weather)
    small = scenario(weather=weather, executor={
        "salt": {"initial_stock_t": 40, "supplier_capacity_t_per_week": 10}})
    runs = {name: [run_scenario(sc, seed).kpis for seed in SEEDS]
            for name, sc in (("large", large), ("small", small))}
    short = np.array([[k["salt_shortage_days"] for k in runs[n]] for n in ("large", "small")])
    reach = np.array([[k["reachability_pct"] for k in runs[n]] for n in ("large", "small")])
    assert short[0].sum() == 0
    assert (short[1] - short[0]).mean() > 3.0
    assert (short[1] > short[0]).mean() > 0.5
    assert (reach[1] - reach[0]).mean() < -0.5
    assert (reach[1] < reach[0]).mean() > 0.5


def test_more_strooiacties_in_colder_winters():
    means = [kpi(c, "strooiacties").mean() for c in ("mild", "average", "severe")]
    assert means[0] < means[1] < means[2]


def test_reachability_is_lower_in_colder_winters():
    mild, severe = kpi("mild", "reachability_pct"), kpi("severe", "reachability_pct")
    assert severe.mean() < mild.mean()
    assert mild.mean() > 97.0


def test_ad_hoc_rounds_are_counted_apart_and_left_out_of_the_plans_preventive_share():
    # The default wethouder phones the executor (ad-hoc rounds); the Dutch preventive share
    # counts only the plan's own rounds on the priority network.
    adhoc = kpi("average", "adhoc_rounds")
    plan = kpi("average", "plan_preventive_share_pct")
    total = kpi("average", "preventive_share_pct")
    assert adhoc.sum() > 0
    assert (plan >= total).all() and (plan[adhoc > 0] > total[adhoc > 0]).all()
