"""The projector: headless frames, the shared winter and the class scoreboard from public
views only, QR codes a phone can read, and a `draw` that changes nothing."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from functools import cache  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
import segno  # noqa: E402

from host.projector import Projector, ProjectorWindow  # noqa: E402
from host.projector_view import PUBLIC_KPIS, ClassView, JoinCode, table_board  # noqa: E402
from host.qr import QUIET_ZONE, qr_surface  # noqa: E402
from sim.driver import Driver  # noqa: E402
from sim.observation import observe, observe_public  # noqa: E402
from sim.scenario.loader import load_scenario, resolve_scenario  # noqa: E402
from sim.session.seats import apply_seats  # noqa: E402

SIZE = (1280, 720)


@cache
def tables() -> tuple:
    """Two tables of one winter, two days in, different regisseur bots; then the
    regisseur's seat goes to a person (a device)."""
    from sim.model import RegieModel

    sc = load_scenario(resolve_scenario("gladheid_gedwongen_winkelnering"), ["weather.days=4"])
    out = []
    for bot in ("relational", "controller"):
        m = RegieModel(sc, seed=7)
        apply_seats(
            m,
            {
                "regisseur": (bot, None),
                "executor": ("cooperative", None),
                "wethouder": ("procedural", None),
            },
        )
        Driver(m).run(until=(0, 24 * 2 + 6))
        apply_seats(
            m,
            {
                "regisseur": (None, "Anna"),
                "executor": ("cooperative", None),
                "wethouder": ("procedural", None),
            },
        )
        out.append(m)
    return tuple(out)


def class_view(**kw) -> ClassView:
    models = tables()
    boards = [
        table_board(m, n, online={"regisseur": n == 1}) for n, m in enumerate(models, start=1)
    ]
    join = [
        JoinCode(n, role, f"K{n}{i}", f"http://127.0.0.1:8080/?code=K{n}{i}")
        for n in (1, 2)
        for i, role in enumerate(("regisseur", "executor", "wethouder"))
    ]
    return ClassView(
        public=observe_public(models[0]),
        tables=boards,
        join=join,
        join_url="http://127.0.0.1:8080",
        **kw,
    )


@pytest.fixture
def projector():
    pygame.display.init()
    pygame.font.init()
    yield Projector(SIZE)


def test_a_frame_renders_headless_and_draw_changes_nothing(projector):
    view = class_view()
    projector.update(view)
    first, second = pygame.Surface(SIZE), pygame.Surface(SIZE)
    projector.draw(first)
    texts = list(projector.painter.frame_texts)
    projector.draw(second)
    assert pygame.image.tobytes(first, "RGB") == pygame.image.tobytes(second, "RGB")
    assert projector.painter.frame_texts == texts
    assert "Tafel 1" in texts and "Tafel 2" in texts


def test_the_scoreboard_shows_every_table_on_the_chosen_indicators(projector):
    projector.update(class_view(kpis=("complaints",)))
    projector.draw(pygame.Surface(SIZE))
    texts = projector.painter.frame_texts
    assert "Klachten" in texts
    assert "Bereikbaar" not in texts


def test_a_private_indicator_is_refused_on_the_projector():
    with pytest.raises(ValueError, match="public indicators only"):
        class_view(kpis=("reachability", "trust_g"))
    assert "trust_g" not in PUBLIC_KPIS and "cost" not in PUBLIC_KPIS


def test_no_figure_of_a_roles_private_view_is_drawn(projector):
    projector.update(class_view())
    projector.draw(pygame.Surface(SIZE))
    tr = projector.tr
    drawn = " ".join(projector.painter.frame_texts)
    shown = 0
    for role in ("regisseur", "executor", "wethouder"):
        for value in observe(tables()[0], role)["private"].values():
            if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) < 100:
                continue  # small numbers (hours, counts, flags) could match any public one
            for text in (tr.number(value), tr.number(value, 1), tr.money(value)):
                assert text not in drawn, (role, value)
            shown += 1
    assert shown >= 3


def test_the_join_screen_shows_each_seats_code_and_a_readable_qr(projector):
    view = class_view(show_join=True)
    projector.update(view)
    projector.draw(pygame.Surface(SIZE))
    for jc in view.join:
        assert jc.code in projector.painter.frame_texts


def test_a_held_day_shows_the_discussion_question_in_large_type(projector):
    question = "Wat zegt u de wethouder als de raad morgen vragen stelt?"
    projector.update(class_view(question=question))
    projector.draw(pygame.Surface(SIZE))
    drawn = " ".join(projector.painter.frame_texts)
    assert "Bespreek aan uw tafel" in drawn
    assert all(word in drawn for word in question.split())


def test_english_on_request(projector):
    projector.update(class_view(lang="en"))
    projector.draw(pygame.Surface(SIZE))
    assert "Class scoreboard" in projector.painter.frame_texts


def test_the_qr_code_has_segnos_modules_and_the_quiet_zone():
    url = "http://192.168.1.20:8080/?code=AB12"
    matrix = segno.make(url, error="m").matrix
    surf = qr_surface(url, 300)
    n = len(matrix) + 2 * QUIET_ZONE
    px = surf.get_width() // n
    assert surf.get_width() == surf.get_height() == n * px and px >= 2
    for y in (0, 3, len(matrix) // 2, len(matrix) - 1):
        for x in range(len(matrix)):
            centre = ((x + QUIET_ZONE) * px + px // 2, (y + QUIET_ZONE) * px + px // 2)
            dark = surf.get_at(centre)[:3] == (0, 0, 0)
            assert dark == bool(matrix[y][x])
    assert surf.get_at((px // 2, px // 2))[:3] == (255, 255, 255)


def test_the_window_saves_a_screenshot(tmp_path):
    window = ProjectorWindow(SIZE)
    try:
        assert window.frame(class_view())
        path = window.save(tmp_path / "projector.png")
        assert pygame.image.load(str(path)).get_size() == SIZE
    finally:
        window.close()


def test_a_projector_picture_of_a_cold_spell_at_projector_size(tmp_path):
    """Three tables three days into the classroom cold spell, at 1920 x 1080: the screen,
    the join codes and a held day's question, saved for the trainer guide."""
    from sim.model import RegieModel
    from tests.host.pagehost import shots_dir

    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"))
    models = []
    for bot in ("relational", "controller", "absent"):
        m = RegieModel(sc, seed=7)
        seats = {
            "regisseur": (bot, None),
            "executor": ("cooperative", None),
            "wethouder": ("procedural", None),
        }
        apply_seats(m, seats)
        Driver(m).run(until=(0, 24 * 3 + 5))
        apply_seats(m, {**seats, "regisseur": (None, "Tafel")})
        models.append(m)
    boards = [
        table_board(m, n, online={"regisseur": n != 2}) for n, m in enumerate(models, start=1)
    ]
    join = [
        JoinCode(n, role, code, f"http://192.168.8.100:8765/?code={code}")
        for n, codes in enumerate(("K7QM X3PA WD7N", "H4RT B9LC Q2ZE", "M8VS T5NA P3GU"), start=1)
        for role, code in zip(("regisseur", "executor", "wethouder"), codes.split(), strict=True)
    ]
    shots = shots_dir(tmp_path)  # docs/screenshots with REGIE_UPDATE_SCREENSHOTS=1
    window = ProjectorWindow((1920, 1080))
    try:
        for suffix, kw in (
            ("", {}),
            ("-join", {"show_join": True}),
            (
                "-question",
                {
                    "question": "De uitvoerder belt: het zout is op "
                    "de helft. Wie belt u eerst, en waarom?"
                },
            ),
        ):
            view = ClassView(
                public=observe_public(models[0]),
                tables=boards,
                speed=8,
                join=join,
                join_url="http://192.168.8.100:8765",
                **kw,
            )
            assert window.frame(view)
            surface = window.save(shots / f"host-projector{suffix}.png")
            assert pygame.image.load(str(surface)).get_size() == (1920, 1080)
        assert any(t.kpis["reachability"]["value"] < 100 for t in boards) or any(
            t.kpis["incidents"]["value"] > 0 for t in boards
        )
    finally:
        window.close()


def test_the_best_table_is_marked_only_where_the_shown_figures_differ():
    from host.projector_board import ScoreboardPanel
    from host.projector_view import TableBoard

    def board(n: int, satisfaction: float, complaints: float) -> TableBoard:
        kpis = {
            "satisfaction": {"value": satisfaction, "ref": None, "series": []},
            "complaints": {"value": complaints, "ref": None, "series": []},
        }
        return TableBoard(number=n, hour=0, kpis=kpis, seats={}, online={})

    tables = [board(1, 68.1, 12), board(2, 67.9, 9)]
    assert ScoreboardPanel._best(tables, "satisfaction") is None  # both show 68
    assert ScoreboardPanel._best(tables, "complaints") == 9  # fewer is better


def test_the_trainer_picks_columns_join_codes_and_language_at_the_keyboard():
    window = ProjectorWindow(SIZE)
    try:
        view = class_view()
        window.frame(view)
        for key in (pygame.K_1, pygame.K_3, pygame.K_j, pygame.K_l):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key))
        assert window.frame(view)
        shown = window.projector.view
        assert shown.kpis == tuple(
            k for k in PUBLIC_KPIS if k not in (PUBLIC_KPIS[0], PUBLIC_KPIS[2])
        )
        assert shown.show_join and shown.lang == "en"
        assert view.kpis == PUBLIC_KPIS and not view.show_join  # the host's view unchanged
        for key in PUBLIC_KPIS[1], PUBLIC_KPIS[3]:  # hide the rest: the last one stays
            window.choice.toggle_kpi(PUBLIC_KPIS.index(key), window.choice.kpis)
        assert len(window.choice.kpis) == 1
    finally:
        window.close()


def test_the_picture_is_painted_when_the_view_changes_not_every_frame(monkeypatch):
    window = ProjectorWindow(SIZE)
    try:
        painted = []
        paint = window.projector.paint
        monkeypatch.setattr(window.projector, "paint", lambda s: painted.append(1) or paint(s))
        view = class_view()
        for _ in range(5):
            window.frame(view)
        assert len(painted) == 1
        window.frame(class_view())  # the host built a new view
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_j))
        window.frame(None)  # the trainer pressed a key; no new view
        assert len(painted) == 3
    finally:
        window.close()
