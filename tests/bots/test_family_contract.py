"""The bot contract over every scenario family (sim.families): for each family, every
shipped scenario of it runs to the end with each of the family's archetypes seated, with
finite KPIs under the family's stable names, the same seed gives the same run, and the
bots' actions go through the front door without a refusal. (tests/test_contract.py goes
deeper into the gladheid family: observations, scripted players, eventful seasons.)
"""

from __future__ import annotations

import math

import pytest

from sim.families import FAMILIES, family_of, make_model
from sim.run import result_of
from sim.scenario.loader import list_scenarios, load_scenario, override_scenario

SHORT = {"gladheid": {"weather.days": 3}, "procesregie": {}}
"""Overrides that keep a run short (a gladheid winter of 3 days; a whole bestuursproces)."""


def seatings(family: str, path) -> list[dict[str, object]]:
    """Overrides that seat each archetype of the family once (in every party of a
    procesregie scenario at `path`)."""
    bots = FAMILIES[family].part("bots")
    if family == "gladheid":
        return [{f"roles.{role}.bot": name} for role in sorted(bots) for name in sorted(bots[role])]
    parties = len(load_scenario(path).parties)
    return [{"regisseur.bot": name} for name in sorted(bots["regisseur"])] + [
        {f"parties.{i}.bot": name for i in range(parties)} for name in sorted(bots["party"])
    ]


CASES = [
    pytest.param(path, seat, id=f"{path.stem}-{'-'.join(map(str, seat.values()))}")
    for family in FAMILIES
    for path in list_scenarios(family)
    for seat in (seatings(family, path) if family == "procesregie" else seatings(family, path)[:1])
]


def run(path, seat: dict, seed: int = 5):
    scenario = override_scenario(
        load_scenario(path), {**SHORT[family_of(load_scenario(path)).name], **seat}
    )
    model = make_model(scenario, seed=seed)
    while not model.finished:
        model.step()
    return model, result_of(model)


def test_every_family_ships_a_scenario() -> None:
    assert all(list_scenarios(family) for family in FAMILIES)


@pytest.mark.parametrize(("path", "seat"), CASES)
def test_runs_to_the_end_with_finite_kpis_under_the_family_names(path, seat) -> None:
    model, result = run(path, seat)
    names = FAMILIES[family_of(model).name].part("kpi_names")
    assert model.finished
    assert set(names) <= set(result.kpis)
    assert all(math.isfinite(result.kpis[name]) for name in names)


@pytest.mark.parametrize(("path", "seat"), CASES)
def test_the_same_seed_gives_the_same_run(path, seat) -> None:
    assert run(path, seat)[1].kpis == run(path, seat)[1].kpis


@pytest.mark.parametrize(("path", "seat"), [c for c in CASES if "procesregie" in c.values[0].stem])
def test_procesregie_bots_take_only_legal_actions(path, seat) -> None:
    model, _ = run(path, seat)
    assert model.refused == []
    assert any(e["kind"] == "action" for e in model.events)
