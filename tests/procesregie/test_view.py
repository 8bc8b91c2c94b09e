"""The views the game and the projector read (sim/procesregie/view.py): plain data that
shows the process as it stands, each seat's own brief to that seat only, and reading
changes nothing."""

from __future__ import annotations

import json

import pytest

from sim.families import make_model
from sim.procesregie.view import observe_events, observe_public, observe_seat
from sim.session import state_hash
from tests.procesregie.helpers import scenario


@pytest.fixture(scope="module")
def consolidating():
    """A process stopped in its first consolidation (bots in every seat)."""
    model = make_model(scenario(), seed=3)
    while model.phase != "consolideren":
        model.step()
    return model


def test_the_public_view_is_plain_data_of_the_process_as_it_stands(consolidating) -> None:
    model = consolidating
    view = json.loads(json.dumps(observe_public(model)))
    assert view["phase"] == "consolideren" and view["week"] == model.week
    assert [p["key"] for p in view["parties"]] == model.keys_list()
    n = len(model.parties)
    assert len(view["trust"]) == n and all(len(row) == n for row in view["trust"])
    assert len(view["shortlist"]) == len(model.shortlist) > 0
    at_table = {p.key for p in model.table()}
    assert all(set(o["consent"]) == at_table for o in view["shortlist"])
    assert view["events"] == len(observe_events(model))


def test_a_seat_sees_its_own_brief_and_the_regisseur_no_party_s(consolidating) -> None:
    model = consolidating
    party = model.parties[1]
    own = observe_seat(model, party.key)
    assert own["mandate"] == party.spec.mandate
    assert own["core_values"] == [float(x) for x in party.core]
    assert len(own["within_mandate"]) == len(model.shortlist)
    regisseur = observe_seat(model, "regisseur")
    assert "mandate" not in regisseur and "core_values" not in regisseur


def test_reading_the_views_changes_nothing(consolidating) -> None:
    model = consolidating
    before = (state_hash(model), len(model.events))
    observe_public(model)
    for seat in ("regisseur", *model.keys_list()):
        observe_seat(model, seat)
    observe_events(model)
    assert (state_hash(model), len(model.events)) == before
