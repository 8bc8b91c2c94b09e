"""Money and politics over twenty winters: the executor breaks even at the default prices,
the gemeente's cost never turns negative, and an aimed intervention helps where it aims."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from sim.agents.places import trouble
from sim.driver import Driver, EachHour
from sim.model import RegieModel
from sim.run import run_scenario
from sim.scenario.loader import list_scenarios, load_scenario, scenario_dir
from sim.scenario.schema import Scenario
from tests.facts.paired import BASE, SEEDS, kpis, merge

# A whole average winter, as the default prices are derived for (docs/ODD.md §7.22).
FULL_AVERAGE = {"weather": {"climate": "average", "days": 151, "start_date": "2025-11-01"}}
# Forty days from 1 December: the first invoice (day 30) and the penalties after it.
SHORT = {"weather": {"days": 40, "start_date": "2025-12-01"}}
# Every penalty the schema allows: every route misses a half-hour norm, any amount per
# route, caps at the whole invoice and the whole fee, a regisseur who always imposes them.
HOSTILE = {"contract": {"route_norm_h": 0.5, "penalty_eur": 1e9, "penalty_cap_month_pct": 100.0,
                        "penalty_cap_season_pct": 100.0},
           "roles": {"regisseur": {"bot": "controller"}}}
AFTER_JOB_H = 12  # hours after a targeted job over which its place is compared [h]


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Since issue 13 the cooperative executor does small jobs and orders tussendoor "
        "(free) when its pressure is low, which the default prices (experiments/"
        "derive_prices.py, derived before) do not carry: its mean margin over 20 average "
        "winters is -5.56 %, just outside +-5 %. Re-derive the prices (ODD 7.22); strict: "
        "a model that breaks even again makes this test fail."
    ),
)
def test_a_cooperative_executor_breaks_even_in_an_average_winter() -> None:
    margins = [kpis(FULL_AVERAGE, seed)["executor_margin_pct"] for seed in SEEDS]
    assert -5.0 <= statistics.mean(margins) <= 5.0, margins


def _lowest_daily_cost(scenario: Scenario, seed: int) -> float:
    return min(run_scenario(scenario, seed).series["cost_total_eur"])


@pytest.mark.parametrize("path", [p.name for p in list_scenarios(family="gladheid")])
def test_the_gemeentes_cost_is_never_negative_under_a_shipped_contract(path: str) -> None:
    base = load_scenario(scenario_dir() / path)
    scenario = Scenario.model_validate(merge(base.model_dump(mode="json"), SHORT))
    assert min(_lowest_daily_cost(scenario, seed) for seed in SEEDS) >= 0.0


def test_the_gemeentes_cost_is_never_negative_under_the_harshest_penalties() -> None:
    scenario = Scenario.model_validate(merge(SHORT, HOSTILE))
    assert min(_lowest_daily_cost(scenario, seed) for seed in SEEDS) >= 0.0


def _watched(config: dict, seed: int) -> tuple[np.ndarray, list[dict]]:
    """Trouble at every place at the start of each hour, and the targeted jobs sent."""
    model = RegieModel(Scenario.model_validate(merge(BASE, config)), seed=seed)
    rows: list[list[float]] = []
    jobs: list[dict] = []
    model.governance.listeners.append(
        lambda e: jobs.append(e) if e["kind"] == "targeted_job" else None)
    watch = EachHour(lambda m: rows.append([trouble(m, p) for p in m.wethouder.places]))
    Driver(model, sources=[watch]).run()
    return np.array(rows), jobs


def test_a_bypass_aimed_at_a_place_leaves_it_less_slippery_than_no_intervention() -> None:
    severe = {"weather": {"climate": "severe", "days": 31, "start_date": "2026-01-01"}}
    never = merge(severe, {"politics": {"intervention_threshold": 1e9}})
    aimed, quiet = [], []
    for seed in SEEDS:
        with_jobs, jobs = _watched(severe, seed)
        without, _ = _watched(never, seed)
        for job in jobs:
            if job["tick"] + 1 + AFTER_JOB_H > len(with_jobs):
                continue  # too near the end of the winter to compare
            hours = slice(job["tick"] + 1, job["tick"] + 1 + AFTER_JOB_H)
            aimed.append(with_jobs[hours, job["place_id"]].mean())
            quiet.append(without[hours, job["place_id"]].mean())
    assert len(aimed) >= 20, "severe Januaries should bring the wethouder to act"
    diff = np.array(aimed) - np.array(quiet)
    assert diff.mean() < 0.0 and (diff < 0).mean() > 0.5, (diff.mean(), (diff < 0).mean())
