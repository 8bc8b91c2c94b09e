"""Every screen is photographed by a headless autoplay run, and no photo is blank.

Set REGIE_SCREENSHOT_DIR to keep the pictures (docs/screenshots/ is made this way).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.app import App, Options
from game.cli import AUTOPLAY_SEATS
from tests.game.conftest import CLASSROOM

SCREENS = {"start", "play", "play-day3", "decision-forecast_briefing",
           "decision-meerwerk_request", "meeting", "meeting-agenda", "meeting-position", "handover",
           "help", "actions",
           "trainer", "action", "end"}


def not_blank(path: Path) -> bool:
    """Many colours and real contrast: a screen, not an empty fill."""
    pixels = pygame.surfarray.array3d(pygame.image.load(str(path)))
    colours = len(np.unique(pixels.reshape(-1, 3)[::7], axis=0))
    return colours > 40 and float(pixels.std()) > 15.0


@pytest.mark.parametrize(("lang", "projector", "pin"), [("nl", True, None), ("en", True, "1234"),
                                                      ("nl", False, None)],
                         ids=["nl-projector", "en-projector-pin", "nl-desktop"])
def test_every_screen_photographed_and_not_blank(tmp_path, lang, projector, pin):
    out = Path(os.environ.get("REGIE_SCREENSHOT_DIR") or tmp_path / "shots")
    prefix = "game-" if lang == "nl" else f"game-{lang}-"
    app = App(Options(headless=True, autoplay=True, until=4, screenshot_dir=out,
                      session_dir=tmp_path / "sessions", scenario=CLASSROOM,
                      seats=dict(AUTOPLAY_SEATS), speed=64, lang=lang, projector=projector,
                      pin=pin, shot_prefix=prefix))
    app.run()
    mode = "" if projector else "desktop-"
    names = {name.removeprefix(prefix).removeprefix(mode) for name in app.shots}
    assert names >= SCREENS, SCREENS - names
    if pin:
        assert "trainer-pin" in names
    for path in app.shots.values():
        assert path.stat().st_size > 10_000
        assert not_blank(path), path.name
    assert not app.tr.missing
