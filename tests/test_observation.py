"""The projector view: what the class may see, and who may read an indicator or an event."""

from __future__ import annotations

import sim.observation as obs
from sim.actions import ROLES
from sim.observation import (
    KPI_TILES,
    PRIVATE,
    event_readers,
    observe_feed,
    observe_kpis,
    observe_public,
)
from tests.governance.helpers import fresh, meerwerk_open

PUBLIC_TILES = {key for key, spec in KPI_TILES.items() if spec[1] is None}


def _keys(value: object) -> set[str]:
    """Every dict key inside `value`, at any depth."""
    found: set[str] = set()
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            found |= set(item)
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def test_the_projector_holds_no_roles_private_figures() -> None:
    model = fresh()
    private = set().union(*(PRIVATE[role](model) for role in ROLES))
    assert not _keys(observe_public(model)) & private


def test_the_projector_tells_who_the_clock_waits_for() -> None:
    model = meerwerk_open()
    view = observe_public(model)
    assert view["seats"]["regisseur"] is None and view["seats"]["executor"]
    assert view["waiting"] == ["regisseur"]
    assert view["open_points"] == [p["id"] for p in model.observe("regisseur")["decisions"]]


def test_each_role_sees_the_public_indicators_and_its_own() -> None:
    model = fresh()
    assert set(observe_kpis(model, "public")) == PUBLIC_TILES
    assert set(observe_kpis(model, "regisseur")) == PUBLIC_TILES | {"cost", "trust_g"}
    assert set(observe_kpis(model, "executor")) == PUBLIC_TILES | {"trust_e"}
    assert set(observe_kpis(model, "wethouder")) == PUBLIC_TILES | {"cost", "attention"}
    assert set(observe_kpis(model, None)) == set(KPI_TILES)  # the trainer


def test_a_meerwerk_request_is_read_by_both_parties_and_not_by_the_wethouder() -> None:
    model = meerwerk_open()
    points = [e for e in observe_feed(model) if e["kind"] == "decision_point"]
    assert points and set(points[-1]["readers"]) == {"regisseur", "executor"}


def test_the_feed_goes_on_from_a_cursor_and_ends_at_the_event_count() -> None:
    model = meerwerk_open()
    n = obs.event_count(model)
    assert len(observe_feed(model)) == n == observe_public(model)["events"]
    model.inject("media_storm", 0.5)
    new = observe_feed(model, n)
    assert [e["kind"] for e in new][:1] == ["inject"] and obs.event_count(model) == n + len(new)
    assert set(new[0]["readers"]) == set(ROLES)


def test_an_event_kind_without_readers_is_for_the_trainer_only() -> None:
    assert obs.event_readers({"kind": "no_such_kind"}) == ()


def test_a_beslisregel_that_cannot_act_is_news_for_both_parties_not_the_wethouder() -> None:
    readers = event_readers({"kind": "rule_not_applied", "rule": "salt_emergency_purchase",
                             "reason": "market_dry"})
    assert set(readers) == {"regisseur", "executor"}


def test_a_lazy_observation_reads_as_the_whole_one_in_order() -> None:
    model = meerwerk_open()  # an open decision point: every section has content
    for _ in range(9):
        model.step()
    for role in ROLES:
        whole = obs.observe(model, role)
        lazy = obs.observe_lazily(model, role)
        assert list(lazy) == list(whole)
        assert lazy["private"] == whole["private"]  # one section first, then the rest
        assert dict(lazy) == whole
