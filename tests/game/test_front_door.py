"""The game reads the model only through its front door, and drawing changes nothing."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.game.conftest import start_session

GAME = Path(__file__).resolve().parents[2] / "game"
# observe/legal_actions/submit, the trainer's acts, and the clock the driver also reads.
FRONT_DOOR = {"observe", "legal_actions", "submit", "inject", "set_controller", "hour",
              "finished", "waiting_for_humans"}


def _model_reads(tree: ast.AST) -> set[str]:
    """Attributes read from anything called `model` (a name or an attribute)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            if (isinstance(base, ast.Name) and base.id == "model") or (
                    isinstance(base, ast.Attribute) and base.attr == "model"):
                out.add(node.attr)
    return out


def test_the_game_reads_the_model_only_through_its_front_door():
    for path in sorted(GAME.rglob("*.py")):  # the families' screens too
        reads = _model_reads(ast.parse(path.read_text(encoding="utf-8")))
        assert reads <= FRONT_DOOR, (path.name, reads - FRONT_DOOR)


def test_drawing_the_play_screen_fills_no_cache(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "play" and d.app.state.hour >= 1)
    play, state = d.top, d.app.state
    play.obs = play.obs_key = None  # as if the role had just changed hands
    view, keys, pending = state.view, dict(play._view_keys), list(play._pending)
    d.app.draw()
    assert play.obs is None and play.obs_key is None
    assert state.view is view and play._view_keys == keys and play._pending == pending
