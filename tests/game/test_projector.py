"""The screens as a class sees them on a projector: size of the text, the banner, the
message strip, the PIN on a role switch, and no internal figures of the model."""

from __future__ import annotations

import pygame

from game.role_panel import banner_text
from tests.game.conftest import start_session

TWO_PLAYERS = {
    "regisseur": {"type": "human", "name": "Anna"},
    "executor": {"type": "human", "name": "Bram"},
}


def texts(d) -> str:
    """Everything on screen this frame, as one string."""
    d.frames(1)
    return "\n".join(d.app.visible_texts())


def test_projector_sizes_are_the_default(make_app):
    d = make_app()
    assert d.app.projector
    assert d.app.painter.font(12).get_height() >= 24  # body text of the game's own panels
    labels = [
        el
        for el in d.app.manager.get_sprite_group().sprites()
        if type(el).__name__ == "UIButton" and el.visible
    ]
    assert labels and min(el.font.size("Mg")[1] for el in labels) >= 18  # 22 px type (14: 12)


def test_desktop_theme_is_a_setting(make_app):
    d = make_app(projector=False)
    assert d.app.painter.font(12).get_height() < 20


def test_banner_names_the_seat_and_the_decision(make_app):
    d = make_app()
    start_session(d, TWO_PLAYERS)
    d.until(lambda: d.top.name == "meeting")
    d.key(pygame.K_ESCAPE)  # put the meeting aside: the play screen, the clock stands still
    assert d.top.name == "play"
    text, colour = banner_text(d.app.tr, d.app.state)
    assert colour == "warn"
    assert "Regisseur (gemeente)" in text and "Anna" in text and "Overleg" in text
    assert text in texts(d)


def test_messages_never_cover_a_control(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.app.toast("Een heel lang bericht dat de trainer moet kunnen lezen " * 2)
    d.app.toast("Vastgelegd")
    d.frames(2)
    boxes = d.app.toast_boxes
    assert boxes
    controls = [
        el.rect
        for el in d.app.manager.get_sprite_group().sprites()
        if el.visible and type(el).__name__ in ("UIButton", "UITextEntryLine")
    ]
    assert controls
    assert not [(b, r) for b in boxes for r in controls if b.colliderect(r)]


def test_role_switch_asks_the_trainers_pin(make_app):
    d = make_app(pin="4711")
    start_session(d, TWO_PLAYERS)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play" and not d.app.state.waiting_roles())
    state = d.app.state
    assert state.active_role == "regisseur"
    d.click("top.switch")
    assert d.top.name == "handover" and d.top.needs_pin
    d.click(d.element("pin"))
    d.type("1234")
    d.click("confirm")
    assert d.top.name == "handover" and state.active_role == "regisseur"  # wrong PIN
    d.click(d.element("pin"))
    d.type("4711")
    d.click("confirm")
    assert d.top.name == "play" and state.active_role == "executor"


def test_role_switch_without_a_pin_set_needs_none(make_app):
    d = make_app()
    start_session(d, TWO_PLAYERS)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play" and not d.app.state.waiting_roles())
    d.click("top.switch")
    assert d.top.name == "handover" and not d.top.needs_pin
    d.click("confirm")
    assert d.app.state.active_role == "executor"


def test_meeting_keeps_the_models_chances_to_itself(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play" and not d.app.state.waiting_roles())
    d.app.state.model.governance.open_dispute("price", 8000.0)
    d.frames(2)
    d.click("panel.actions")
    d.click("act.call_meeting")
    d.click("do")
    d.until(lambda: d.top.name == "meeting")
    shown = texts(d)
    assert "8.000" in shown  # the dispute is on the agenda
    for word in ("kans", "verharding", "%)"):
        assert word not in shown.split("Vertrouwen")[0]


def test_end_screen_explains_its_figures(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.key(pygame.K_F2)
    d.click("end")
    d.click("end")
    shown = texts(d)
    log = d.app.state.log.path
    assert log.name in shown and str(log) not in shown  # the file name, not the full path
    assert "50% is neutraal" in shown
    assert "Marge uitvoerder" in shown and "op elke euro" in shown
    assert "× drempel" in shown  # attention against its threshold, not a bare number
