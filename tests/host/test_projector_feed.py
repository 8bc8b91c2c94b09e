"""The host feeds its projector window: join codes until the class starts, the scoreboard
of every table, the question while the class is held."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from host.classroom import Classroom  # noqa: E402
from host.hub import Hub  # noqa: E402
from host.protocol import Hold  # noqa: E402
from host.serve import ProjectorFeed  # noqa: E402
from sim.scenario.loader import resolve_scenario  # noqa: E402

URL = "http://192.168.8.100:8765/"


def test_the_projector_shows_codes_then_the_held_question(tmp_path):
    classroom = Classroom.create(
        resolve_scenario(None), tmp_path, tables=2, seed=None, speed=64, pin="4321"
    )
    try:
        feed = ProjectorFeed(classroom, Hub(classroom, URL), "nl", every=0.0)
        assert feed()
        before = feed.view
        classroom.command(Hold(command="hold", day=0, question="Wie belt wie?"))
        for table in classroom.tables:
            table.state.set_paused(False)
        assert feed()
        after = feed.view
    finally:
        feed.window.close()
        classroom.close()
    assert before.show_join and len(before.join) == 6
    assert {j.url for j in before.join} == {f"{URL}?code={j.code}" for j in before.join}
    assert [b.number for b in before.tables] == [1, 2] and before.question is None
    assert not after.show_join and after.question == "Wie belt wie?"
