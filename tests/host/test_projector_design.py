"""The projector during the design phase (issue 14): the contract on the shown table with
both sides' offers and the open items, whose move and the table clock, and a line per
table; from the public view only. Saved for the trainer guide in nl and en."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from functools import cache  # noqa: E402

import pytest  # noqa: E402

from host.projector import ProjectorWindow  # noqa: E402
from host.projector_view import ClassView, table_board  # noqa: E402
from sim.model import RegieModel  # noqa: E402
from sim.observation import observe_public  # noqa: E402
from sim.session.seats import apply_seats  # noqa: E402
from tests.design.conftest import design_scenario  # noqa: E402
from tests.host.pagehost import shots_dir  # noqa: E402

SIZE = (1920, 1080)


def executor_offers(model: RegieModel) -> None:
    """The executor (a person) takes the first option at each plan point, then offers the
    gemeente's ask at 10 % more."""
    for _ in range(6):
        assert model.waiting_for_humans()
        (point,) = model.observe("executor")["decisions"]
        option = dict(point["options"][0])
        if point["kind"] == "design_executor":
            offer = next(o for o in point["options"] if o["move"] == "offer")
            option = {**offer, "terms": {**offer["terms"], "price_factor": 1.1}}
        assert model.submit("executor", option).ok, option
        if point["kind"] == "design_executor":
            return
    raise AssertionError("the executor never came to offer")


@cache
def tables() -> tuple[RegieModel, ...]:
    """Table 1: the executor (a person) has drafted and offered, the regisseur bot
    answered; table 2: the regisseur (a person) has not asked yet; table 3: all bots."""
    out = []
    for person in ("executor", "regisseur", None):
        model = RegieModel(design_scenario(days=1), seed=3)
        seats = {
            "regisseur": ("relational", None),
            "executor": ("opportunistic", None),
            "wethouder": ("incident_driven", None),
        }
        if person:
            seats[person] = (None, "Anna")
        apply_seats(model, seats)
        if person == "executor":
            executor_offers(model)
        model.waiting_for_humans()
        out.append(model)
    return tuple(out)


def view(lang: str) -> ClassView:
    models = tables()
    boards = [table_board(m, n, online={"regisseur": True}) for n, m in enumerate(models, 1)]
    return ClassView(public=observe_public(models[0]), tables=boards, speed=8, lang=lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_projector_shows_the_contract_on_the_table_and_every_table_s_phase(lang, tmp_path):
    pub = observe_public(tables()[0])["design"]
    assert pub["offers"]["regisseur"] and pub["offers"]["executor"] and pub["status"] == "open"
    window = ProjectorWindow(SIZE)
    try:
        assert window.frame(view(lang))
        texts = window.projector.painter.frame_texts
        suffix = "" if lang == "nl" else "-en"
        window.save(shots_dir(tmp_path) / f"host-projector-design{suffix}.png")
    finally:
        window.close()
    title = {"nl": "Tafel 1: het contract op tafel", "en": "Table 1: the contract on the table"}
    assert title[lang] in texts
    turn = {"nl": "Aan zet: ", "en": "To move: "}[lang]
    assert sum(t.startswith(turn) for t in texts) >= 3  # the board and tables 1 and 2
    assert any(
        t
        in (
            "overeengekomen",
            "agreed",
            "geen akkoord: het startbod geldt",
            "no agreement: the starting offer holds",
        )
        for t in texts
    )
    assert not window.projector.painter.cut, window.projector.painter.cut
