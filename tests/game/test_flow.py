"""Scripted UI tests: every act goes in as synthetic mouse and keyboard events."""

from __future__ import annotations

import pygame
import pytest

from tests.game.conftest import Driver, start_session


def human_actions(driver: Driver, action_type: str) -> list[dict]:
    """Logged actions of a type taken by a person."""
    return [e for e in driver.log_events() if e["kind"] == "action" and e.get("by") == "human"
            and e["action"]["type"] == action_type]


def council_card(driver: Driver) -> None:
    """Raise a council question for the regisseur and wait for its card."""
    driver.until(lambda: driver.top.name == "play" and not driver.app.state.waiting_roles())
    driver.app.state.inject("council_motion", 0.5)
    driver.until(lambda: driver.top.shot_name() == "decision-council_question")


def test_start_human_regisseur_bots_elsewhere(make_app):
    d = make_app()
    start_session(d)
    state = d.app.state
    assert state.human_roles() == ["regisseur"]
    assert state.bot_name("executor") and state.bot_name("wethouder")
    header = state.log.header
    assert header["controllers"]["regisseur"]["type"] == "human"
    assert header["controllers"]["regisseur"]["name"] == "Anna"
    assert header["language"] == "nl"


def test_answer_decision_by_click_is_in_the_log(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")  # the first operational meeting
    d.click("record")
    council_card(d)
    hour = d.app.state.model.hour
    assert not d.app.state.running  # the clock waits for the person
    d.frames(10)
    assert d.app.state.model.hour == hour
    d.click(d.top.option_buttons[0])  # "factual"
    answers = human_actions(d, "answer_council")
    assert len(answers) == 1 and answers[0]["action"]["tone"] == "factual"
    assert answers[0]["role"] == "regisseur"
    assert human_actions(d, "record_meeting")


def test_answer_decision_by_keyboard(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.key(pygame.K_RETURN)  # focus starts on "record" when the agenda is empty
    assert human_actions(d, "record_meeting")
    council_card(d)
    d.key(pygame.K_2)  # number key: option 2, "defensive"
    assert human_actions(d, "answer_council")[-1]["action"]["tone"] == "defensive"
    council_card(d)
    d.key(pygame.K_TAB)  # focus: option 1 -> option 2 -> option 3
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert human_actions(d, "answer_council")[-1]["action"]["tone"] == "blame_executor"


def test_note_typed_on_a_card_goes_into_the_action(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    council_card(d)
    d.click(d.element("note"))
    d.type("open kaart")
    d.key(pygame.K_1)  # while typing, a number key is text, not an option
    assert d.top.name == "decision"
    assert not human_actions(d, "answer_council")
    d.click("option.0")
    action = human_actions(d, "answer_council")[-1]["action"]
    assert action["note"] == "open kaart"


def test_meeting_moves_recorded(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    state = d.app.state
    d.until(lambda: d.top.name == "play" and not state.waiting_roles())
    # A dispute for the agenda, then a meeting called through the role panel.
    state.model.governance.open_dispute("price", 8000.0)
    d.frames(2)
    d.click("panel.actions")
    assert d.top.name == "actions"
    d.click("act.call_meeting")
    assert d.top.name == "action"
    d.click("do")
    d.until(lambda: d.top.name == "meeting")
    items = d.top.shown
    assert items, "the dispute is on the agenda"
    iid = items[0]["item_id"]
    d.click(f"item.{iid}.offer")
    box = d.element(f"item.{iid}.amount")
    box.set_text("")
    d.click(box)
    d.type("5000")
    d.click("record")
    recorded = human_actions(d, "record_meeting")[-1]["action"]
    (item,) = recorded["outcomes"]
    assert (item["item_id"], item["move"], item["amount_eur"]) == (iid, "offer", 5000.0)


def test_hot_seat_handover_hides_previous_private_text(make_app):
    d = make_app()
    start_session(d, {"regisseur": {"type": "human", "name": "Anna"},
                      "executor": {"type": "human", "name": "Bram"}})
    state = d.app.state
    # Play until the executor's evening briefing takes the screen from the regisseur.
    seen_regisseur = False
    for _ in range(3000):
        top = d.top
        if top.name == "handover" and top.role == "executor" and seen_regisseur:
            break
        if top.name == "play" and state.active_role == "regisseur":
            seen_regisseur = True
        if top.name in ("meeting", "decision"):
            d.key(pygame.K_RETURN if top.name == "meeting" else pygame.K_1)
            continue
        if top.name == "handover" and top.role == "regisseur":
            d.key(pygame.K_RETURN)
            continue
        d.frames(1)
    assert d.top.name == "handover" and d.top.role == "executor"
    d.frames(2)
    texts = "\n".join(d.app.visible_texts())
    app, tr = d.app, d.app.tr
    private = state.model.observe("regisseur")["private"]
    play = app.scenes[0]
    for key in private:
        assert tr(f"field.{key}") not in texts, key
    assert tr.money(private["budget_eur"]) not in texts
    assert "Anna" not in texts
    assert "Bram" in texts  # the next player is named
    assert not d.app.toasts  # no "Recorded: ..." message about the last player's choice
    # The play screen's widgets are hidden, and its drawing does not run.
    assert not play.root.visible
    assert all(not b.visible for b in play.panel_buttons)
    d.key(pygame.K_RETURN)
    d.frames(2)
    assert state.active_role == "executor"
    texts = "\n".join(d.app.visible_texts())
    assert tr("field.budget_eur") not in texts  # still no regisseur-only figures
    assert tr("field.salt_stock_t") in texts


def test_trainer_pauses_injects_and_hands_a_role_to_a_bot(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play")
    d.key(pygame.K_F2)
    assert d.top.name == "trainer"
    d.click("pause")
    assert d.app.state.paused
    d.click("inject.snowstorm")
    d.click("severity.0.75")
    d.click("inject_now")
    d.click("page.1")
    d.click("seat.regisseur.relational")
    assert d.app.state.bot_name("regisseur") == "relational"
    d.click("page.2")
    d.click("tag.early_signalling")
    d.click(d.element("bookmark_note"))
    d.type("goed gesignaleerd")
    d.click("bookmark")
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "play"
    hour = d.app.state.model.hour
    d.frames(30)
    assert d.app.state.model.hour == hour  # paused
    events = d.log_events()
    trainer = [e for e in events if e["kind"] == "trainer"]
    assert any(e["act"] == "pause" for e in trainer)
    bookmark = [e for e in trainer if e["act"] == "bookmark"][-1]
    assert bookmark["tag"] == "early_signalling" and bookmark["note"] == "goed gesignaleerd"
    inject = [e for e in events if e["kind"] == "inject" and e["source"] == "trainer"]
    assert inject and inject[-1]["name"] == "snowstorm" and inject[-1]["severity"] == 0.75
    seat = [e for e in events if e["kind"] == "controller" and e["role"] == "regisseur"]
    assert seat[-1]["bot"] == "relational"
    # With no person left, the screen becomes the observer's and the clock runs again.
    d.key(pygame.K_F2)
    d.click("pause")
    d.key(pygame.K_ESCAPE)
    d.frames(30)
    assert d.app.state.active_role is None
    assert d.app.state.model.hour > hour


def test_trainer_pin(make_app):
    d = make_app(pin="4321")
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play")
    d.key(pygame.K_PLUS)  # speed keys are trainer acts: not without the PIN
    assert d.app.state.speed == 64
    d.key(pygame.K_F2)
    assert d.top.name == "trainer" and not d.top.unlocked
    d.type("1111")
    d.click("pin_ok")
    assert not d.top.unlocked
    d.type("4321")
    d.click("pin_ok")
    assert d.top.unlocked
    d.click("speed.8")
    assert d.app.state.speed == 8


def test_end_round_shows_summary_and_closes_the_log(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.key(pygame.K_F2)
    d.click("end")
    assert d.top.name == "trainer"  # asks once more
    d.click("end")
    assert d.top.name == "end"
    events = d.log_events()
    assert events[-1]["kind"] == "end"
    assert any(e["kind"] == "trainer" and e["act"] == "end_round" for e in events)
    d.frames(2)
    texts = "\n".join(d.app.visible_texts())
    assert d.app.tr("end.label.reachability_pct") in texts, sorted(d.app.painter.cut)
    assert d.app.tr("end.group_relation") in texts


def test_focus_frame_is_visible(make_app):
    d = make_app()
    start = d.top
    assert start.focus.current == "start"
    d.key(pygame.K_TAB)
    key = start.focus.current
    assert key != "start"
    rect = start.focus.focused().element.rect
    colour = tuple(d.app.painter.colours["focus"])
    frame = rect.inflate(2 * 3 + 2, 2 * 3 + 2)
    pixel = tuple(d.app.screen.get_at((frame.x + 1, frame.centery)))[:3]
    assert pixel == colour
    d.key(pygame.K_TAB, pygame.KMOD_SHIFT)
    assert start.focus.current == "start"


def test_resize_and_projector_rebuild_every_screen(make_app):
    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.until(lambda: d.top.name == "play")
    play = d.top
    assert d.app.projector  # the default look
    width, body = play.map_rect.w, d.app.painter.text_px(12)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    d.frames(2)
    assert d.app.screen.get_size() == (1600, 900)
    assert play.map_rect.w > width
    assert d.app.painter.text_px(12) > body  # projector text keeps its share of the image
    d.key(pygame.K_F11)
    assert not d.app.projector and d.app.painter.scale == 1
    assert play.top_buttons["trainer"].rect.h < 40
    d.key(pygame.K_F11)
    assert d.app.projector


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_observer_mode_runs_the_clock(make_app, lang):
    d = make_app(lang=lang)
    start_session(d, {"regisseur": {"type": "bot", "bot": "controller"}})
    assert d.app.state.active_role is None
    d.frames(48)
    assert d.app.state.model.hour >= 40
    assert not d.app.tr.missing


def test_end_screen_builds_the_debrief_report(make_app):
    import time

    from game.scene_end import report_builder

    d = make_app()
    start_session(d)
    d.until(lambda: d.top.name == "meeting")
    d.click("record")
    d.frames(24)
    d.key(pygame.K_F2)
    d.click("end")
    d.click("end")
    end = d.top
    assert end.name == "end"
    d.click("report")
    if report_builder() is None:
        assert end.report_error == d.app.tr("end.no_debrief")
        return
    deadline = time.monotonic() + 300
    while end._job is not None or end.report is None and not end.report_error:
        assert time.monotonic() < deadline
        time.sleep(0.05)
        d.frames(1)
    assert not end.report_error, end.report_error
    assert end.report.exists() and end.report.suffix == ".html"
    assert "<html" in end.report.read_text(encoding="utf-8").lower()


def test_season_end_opens_the_end_screen(make_app):
    d = make_app()
    start_session(d, {"regisseur": {"type": "bot", "bot": "relational"}})
    d.until(lambda: d.top.name == "end", limit=2000)
    assert d.app.state.model.finished
    assert d.log_events()[-1]["kind"] == "end"
    d.frames(2)
    assert d.app.tr("end.season_over") in "\n".join(d.app.visible_texts())


def test_sounds_are_off_by_default_and_optional(make_app):
    d = make_app()
    assert not d.app.sound.enabled
    d.app.sound.play("decision")  # silent, no error
    if d.app.sound.set_enabled(True):  # the dummy audio driver may or may not open
        assert d.app.sound.enabled
        d.app.sound.play("decision")
    d.app.sound.set_enabled(False)
    assert not d.app.sound.enabled


def test_switching_language_leaves_no_missing_keys(make_app):
    d = make_app()
    d.click("lang.en")
    assert d.app.lang == "en"
    assert "Who plays which role?" in "\n".join(d.app.visible_texts())
    start_session(d, {"regisseur": {"type": "human", "name": "Anna"},
                      "executor": {"type": "human", "name": "Bram"}})
    d.until(lambda: d.top.name == "meeting")
    d.key(pygame.K_F2)
    d.click("page.1")
    d.click("language")  # to Dutch, mid-session, with the meeting screen below
    assert d.app.lang == "nl" and d.top.name == "trainer"
    d.key(pygame.K_ESCAPE)
    assert d.top.name == "meeting"
    assert "Overleg vastleggen" in "\n".join(d.app.visible_texts())
    d.click("record")
    for _ in range(400):  # cards, handovers and the play screen in Dutch
        top = d.top
        if top.name in ("decision", "handover"):
            d.key(pygame.K_1 if top.name == "decision" else pygame.K_RETURN)
        elif top.name == "meeting":
            d.click("record")
        else:
            d.frames(1)
    d.key(pygame.K_F1)
    d.key(pygame.K_ESCAPE)
    assert not d.app.tr.missing
