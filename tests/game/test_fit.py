"""No cut-off text: every label and button of every screen, in Dutch and English, in the
default projector look at 1280x720, is measured against its box.

A scripted player visits every screen (as the screenshot run does); each time a screen is
photographed, every visible button and label is measured with its own font, every control
must lie above the message strip, no text box may scroll (except a scenario's own text on
the start screen), and nothing the game draws itself may have been cut
with an ellipsis (``Painter.cut``). pygame_gui's own "Label Rect is too small" warning
counts as a failure too.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.app import App, Options
from game.cli import AUTOPLAY_SEATS
from tests.game.conftest import CLASSROOM

MARGIN_PX = 4  # room a button's text needs inside its border [px]


def overflows(app: App) -> list[str]:
    """Visible buttons and labels whose text is wider than the box, and controls that
    reach into the message strip."""
    strip = app.strip_rect()
    out = []
    for el in app.manager.get_sprite_group().sprites():
        scrolls = isinstance(el, UITextBox) and el.scroll_bar is not None
        if scrolls and el.visible and el not in app.top.scrolls:
            out.append(f"text box {el.html_text[:40]!r} scrolls")
        if not isinstance(el, UIButton | UILabel) or not el.visible:
            continue
        text = el.text
        if not text or el.font is None:
            continue
        width = el.font.size(text)[0]
        if width > el.rect.w - MARGIN_PX:
            out.append(f"{type(el).__name__} {text!r}: {width} px in {el.rect.w} px")
        if el.rect.bottom > strip.top:
            out.append(f"{type(el).__name__} {text!r} reaches into the message strip")
    return out


class MeasuringApp(App):
    """The game, measuring each screen when its photograph is taken."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.problems: dict[str, list[str]] = {}

    def save_screenshot(self, name: str) -> Path:
        found = overflows(self)
        if found:
            self.problems[name] = found
        return super().save_screenshot(name)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_text_is_cut_off_on_any_screen(tmp_path, lang):
    app = MeasuringApp(
        Options(
            headless=True,
            autoplay=True,
            until=4,
            screenshot_dir=tmp_path / "shots",
            session_dir=tmp_path / "sessions",
            scenario=CLASSROOM,
            seats=dict(AUTOPLAY_SEATS),
            speed=64,
            lang=lang,
            pin="1234",
        )
    )
    assert app.projector and app.screen.get_size() == (1280, 720)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.run()
    assert len(app.shots) >= 13, sorted(app.shots)
    assert app.problems == {}
    assert sorted(app.painter.cut) == []
    too_small = [str(w.message) for w in caught if "too small" in str(w.message)]
    assert too_small == []
