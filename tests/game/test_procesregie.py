"""The game plays a bestuursproces: the shell asks sim.families for the family's screens.

One headless autoplay run per look (Dutch on a 1920x1080 projector, English on 1366x768)
photographs every screen; the other tests drive the screens by their buttons and read
the session log the game wrote. REGIE_SCREENSHOT_DIR keeps the pictures (docs/screenshots).
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.app import App, Options
from tests.game.conftest import start_session
from tests.game.test_screens import not_blank

WYBEREN = "procesregie_klas_wyberen"
SEATS = {
    "regisseur": {"type": "human", "name": "Anna"},
    "woningcorporatie": {"type": "human", "name": "Bram"},
}
SCREENS = {
    "start",
    "help",
    "handover",
    "proces-play",
    "proces-play-party",
    "proces-table",
    "proces-instruments",
    "proces-gonogo",
    "proces-end",
    "proces-trainer",
}


@pytest.mark.parametrize(
    ("lang", "size"), [("nl", (1920, 1080)), ("en", (1366, 768))], ids=["nl-1920", "en-1366"]
)
def test_every_procesregie_screen_is_photographed_whole_and_in_words(tmp_path, lang, size):
    out = Path(os.environ.get("REGIE_SCREENSHOT_DIR") or tmp_path / "shots")
    prefix = f"game-procesregie-{lang}-{size[0]}-"
    app = App(
        Options(
            headless=True,
            autoplay=True,
            screenshot_dir=out,
            scenario=WYBEREN,
            session_dir=tmp_path / "sessions",
            seats=dict(SEATS),
            speed=64,
            lang=lang,
            size=size,
            shot_prefix=prefix,
            frames=4000,
        )
    )
    app.run()
    names = {name.removeprefix(prefix) for name in app.shots}
    assert names >= SCREENS, SCREENS - names
    for path in app.shots.values():
        assert not_blank(path), path.name
    assert not app.tr.missing
    assert not app.painter.cut, sorted(app.painter.cut)[:5]


def _start(make_app, **kw):
    d = make_app(scenario=WYBEREN, **kw)
    start = d.top
    assert start.roles[0] == "regisseur" and "woningcorporatie" in start.roles
    start_session(d, {"regisseur": {"type": "human", "name": "Anna"}})
    return d


def test_the_start_screen_offers_the_processes_seats_and_their_bots(make_app):
    d = make_app(scenario=WYBEREN)
    start = d.top
    assert start.roles == (
        "regisseur",
        "gemeente",
        "woningcorporatie",
        "netbeheerder",
        "bewonersinitiatief",
        "ondernemers",
    )
    assert start.seats["regisseur"] is None and start.seats["netbeheerder"] == "constructief"
    d.click("seat.netbeheerder")  # constructief -> the next party archetype
    assert start.seats["netbeheerder"] not in (None, "constructief")
    assert "name.netbeheerder" not in [e.key for e in start.focus.entries]


def test_the_table_waits_for_the_regisseur_and_its_choice_on_time_is_logged(make_app):
    d = _start(make_app)
    state = d.app.state
    d.until(lambda: d.top.name == "proces-table")
    assert not state.running and state.waiting_roles() == ["regisseur"]
    hour = state.hour
    d.frames(5)
    assert state.hour == hour  # the clock waits for the person
    keys = [e.key for e in d.top.focus.entries]
    assert ("close" in keys) == (state.view["rounds_in_phase"] >= state.view["min_rounds"])
    d.click("continue")
    assert d.top.name == "proces-play" and state.running
    d.until(
        lambda: (
            d.top.name == "proces-table"
            and state.view["rounds_in_phase"] >= state.view["min_rounds"]
        )
    )
    d.click("close")
    d.until(lambda: state.view["phase"] != "divergeren")
    actions = [
        e["action"]["type"]
        for e in d.log_events()
        if e["kind"] == "action" and e.get("by") == "human"
    ]
    assert actions == ["continue_phase", "close_phase"]


def test_the_instruments_submit_through_the_front_door_and_stay_open(make_app):
    d = _start(make_app)
    d.until(lambda: d.top.name == "proces-play" and d.element("panel.instruments"))
    d.click("panel.instruments")
    card = d.top
    assert card.name == "proces-instruments"
    d.click("act.agree_process_rules.0")
    assert d.top is card and d.app.state.view["rules_agreed"]
    assert "act.agree_process_rules.0" not in [e.key for e in card.focus.entries]
    logged = [e for e in d.log_events() if e["kind"] == "action"]
    assert logged[-1]["action"] == {"type": "agree_process_rules"}
    assert logged[-1]["role"] == "regisseur"


def test_a_go_no_go_moment_opens_its_card_and_the_end_screen_follows(make_app):
    d = _start(make_app)
    for _ in range(40):
        if d.top.name in ("proces-gonogo", "proces-end"):
            break
        if d.top.name == "proces-table":
            d.click("close" if "close" in [e.key for e in d.top.focus.entries] else "continue")
        d.frames(3)
    assert d.top.name == "proces-gonogo"
    assert d.top.event["kind"] in ("go", "no_go")
    d.click("next")
    d.until(lambda: d.top.name in ("proces-end", "proces-table", "proces-gonogo"))


def test_an_unfinished_process_is_continued_from_its_log(make_app):
    d = _start(make_app)
    d.until(lambda: d.top.name == "proces-table")
    d.click("continue")
    d.frames(2)
    path, week = d.app.state.log.path, d.app.state.hour
    rules = d.app.state.view["rounds_in_phase"]
    d.app.state.log.abandon()
    again = make_app(resume=path)
    assert again.top.name in ("proces-play", "proces-table", "handover")
    state = again.app.state
    assert state.hour == week and state.view["rounds_in_phase"] == rules
    assert state.human_roles() == ["regisseur"] and state.names["regisseur"] == "Anna"


def test_the_trainer_panel_puts_in_the_issue_of_the_day_and_hands_a_seat_to_a_bot(make_app):
    d = _start(make_app)
    d.until(lambda: d.top.name == "proces-play")
    state = d.app.state
    bar = state.view["go_support_pct"]
    d.key(pygame.K_F2)
    assert d.top.name == "proces-trainer"
    d.click("inject_now")
    assert state.view["issue"] and state.view["go_support_pct"] > bar
    d.click("page.1")
    d.click("seat.regisseur.haastig")
    assert state.bot_name("regisseur") == "haastig" and not state.waiting_roles()
    kinds = [e["kind"] for e in d.log_events()]
    assert "inject" in kinds and "controller" in kinds


def test_a_party_played_by_a_person_declares_its_consent_while_consolidating(make_app):
    d = make_app(scenario=WYBEREN)
    start_session(
        d,
        {
            "woningcorporatie": {"type": "human", "name": "Bram"},
            "regisseur": {"type": "bot", "bot": "haastig"},
        },
    )
    state = d.app.state
    d.until(lambda: state.view["phase"] == "consolideren" and d.top.name == "proces-play")
    state.set_paused(True)  # the trainer holds the clock while the party decides
    d.frames(2)
    d.click("panel.instruments")
    keys = [e.key for e in d.top.focus.entries]
    assert "act.declare_consent.0" in keys
    d.click("act.declare_consent.0")
    said = [e for e in d.log_events() if e["kind"] == "action" and e["role"] == "woningcorporatie"]
    assert said[-1]["action"]["type"] == "declare_consent" and said[-1]["by"] == "human"
