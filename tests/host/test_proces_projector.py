"""The projector of a procesregie class (pygame, SDL_VIDEODRIVER=dummy): the network of
one table, the class scoreboard with the family's KPIs, the join codes and a held week's
question, drawn from public views only. Screenshots go to a tmp folder, or with
REGIE_UPDATE_SCREENSHOTS=1 to docs/screenshots/host-proces-projector*.png."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from host.classroom import Classroom  # noqa: E402
from host.hub import Hub  # noqa: E402
from host.proces_projector import ProcesProjectorFeed, class_view  # noqa: E402
from host.protocol import parse  # noqa: E402
from tests.host.pagehost import shots_dir  # noqa: E402

SCENARIO = Path(__file__).parents[2] / "scenarios" / "procesregie_klas_wyberen.yaml"
BOTS = {
    "regisseur": "open",
    "woningcorporatie": "constructief",
    "gemeente": "afwachtend",
    "netbeheerder": "constructief",
    "bewonersinitiatief": "dwarsligger",
    "ondernemers": "afwachtend",
}
pytestmark = pytest.mark.xdist_group(name="host_proces_projector")


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """Three tables; table 1 played by bots for five weeks, table 2 for two."""
    room = Classroom.create(
        SCENARIO, tmp_path_factory.mktemp("proj"), tables=3, seed=2, speed=4, pin="1234"
    )
    for number, weeks in ((1, 5), (2, 2)):
        table = room.table(number)
        for seat, bot in BOTS.items():
            table.state.set_seat(seat, bot)
        for _ in range(weeks):
            table.state.driver.step_hour()
        table.state.refresh()
    yield room
    room.close()


def command(room: Classroom, do: dict) -> None:
    """A trainer command, checked as the host checks one from the console."""
    room.command(parse(json.dumps({"type": "command", "id": "c", "do": do})).do)


def test_the_view_holds_every_tables_kpis_and_the_shown_tables_network(classroom):
    view = class_view(classroom, Hub(classroom, "http://127.0.0.1:8765/"), "nl", shown=2)
    assert [t["n"] for t in view.tables] == [1, 2, 3]
    assert set(view.tables[0]["kpis"]) >= {"support_pct", "trust_mean", "options_explored"}
    assert view.public["week"] == classroom.table(2).model.week == 2
    assert "core_values" not in str(view.public) and "mandate" not in str(view.public)
    assert len(view.join) == 3 * 6


def test_the_projector_paints_the_network_the_board_the_codes_and_a_question(classroom, tmp_path):
    shots = shots_dir(tmp_path)
    feed = ProcesProjectorFeed(
        classroom, Hub(classroom, "http://192.168.8.100:8765/"), "nl", every=0.0
    )
    try:
        pictures = []
        for name, join in (
            ("host-proces-projector-join.png", None),
            ("host-proces-projector.png", False),
        ):
            feed.join = join
            assert feed()
            pictures.append(pygame.image.tobytes(feed.screen, "RGB"))
            feed.save(shots / name)
        command(classroom, {"command": "hold", "day": 0, "question": "Wie mist er aan tafel?"})
        assert feed()
        feed.save(shots / "host-proces-projector-question.png")
        pictures.append(pygame.image.tobytes(feed.screen, "RGB"))
        command(classroom, {"command": "release"})
        assert len(set(pictures)) == 3  # three different screens
    finally:
        feed.close()
