"""The scripted player's moves on the procesregie screens (see game.autoplay).

Start; open help once; at the first table round agree process rules and hold a
one-to-one talk through the instruments; if a party is played by a person, hand the
laptop over once, open the trainer panel (the issue of the day, a bookmark), photograph
that party's panel and let it choose a role; at each
table round take another round until one past the minimum, then close divergeren; read
every go/no-go card; at the end leave. Every gesture is a click or a key, as a person would make it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.autoplay import element
from sim.procesregie.actions import REGISSEUR

if TYPE_CHECKING:
    from game.app import App


def on_play(app: App, scene: object) -> tuple | None:
    """Help, the instruments, a handover to a party; then let the clock run."""
    player, state = app.autoplayer, app.state
    if "help" not in player.done:
        player.done.add("help")
        return ("key", pygame.K_F1)
    seat = state.active_role
    menu = element(scene, "panel.instruments")
    waiting = state.waiting_roles()
    if "trainer" not in player.done and "instruments" in player.done and not waiting:
        player.done.add("trainer")
        return ("key", pygame.K_F2)
    parties = [s for s in state.human_roles() if s != REGISSEUR]
    if parties and "party" not in player.done and not waiting and state.view["week"] >= 3:
        player.done.add("party")
        return ("click", scene.top_buttons["switch"])
    if seat in parties and "party_moves" not in player.done and menu is not None:
        player.done.add("party_moves")
        if app.options.screenshot_dir is not None:
            app.save_screenshot(app._shot_name(scene) + "-party")
        return ("click", menu)
    if (
        state.view["step"] >= 1
        and "photo" not in player.done
        and app.options.screenshot_dir is not None
    ):
        player.done.add("photo")
        app.save_screenshot(app._shot_name(scene) + "-step2")
    table = element(scene, "panel.table")
    if table is not None and table.visible:
        return ("click", table)
    return None


def on_instruments(app: App, scene: object) -> tuple | None:
    """The regisseur agrees process rules and talks to one party; a party steps up."""
    n = app.autoplayer.step(scene)
    wanted = (
        ("agree_process_rules", "talk_one_to_one") if scene.seat == REGISSEUR else ("choose_role",)
    )
    if n < len(wanted):
        button = element(scene, f"act.{wanted[n]}.0")
        if button is not None:
            return ("click", button)
    return ("key", pygame.K_ESCAPE)


def on_table(app: App, scene: object) -> tuple | None:
    """The instruments at the first table; another round until one past the minimum,
    then close divergeren."""
    view = app.state.view
    if "instruments" not in app.autoplayer.done:
        app.autoplayer.done.add("instruments")
        return ("click", element(scene, "instruments"))
    close = element(scene, "close")
    if close is not None and view["rounds_in_phase"] > view["min_rounds"]:
        return ("click", close)
    return ("click", element(scene, "continue"))


def on_card(app: App, scene: object) -> tuple | None:
    """Read the go/no-go card and go on (with the Enter key)."""
    return ("key", pygame.K_RETURN)


def on_trainer(app: App, scene: object) -> tuple | None:
    """The PIN if asked; the issue of the day, a bookmark with a competence, back."""
    if not scene.unlocked:
        if app.autoplayer.step(scene) == 0:
            scene.focus.set("pin", app.manager)
            return ("text", str(app.options.pin))
        return ("click", element(scene, "pin_ok"))
    script = ["inject_now", "page.1", "page.2", "tag", "bookmark_note", "bookmark", "back"]
    n = app.autoplayer.step(scene)
    key = script[n] if n < len(script) else "back"
    if key == "tag":
        tag = next((e for e in scene.focus.entries if e.key.startswith("tag.")), None)
        return ("click", tag.element) if tag else ("key", pygame.K_TAB)
    if key == "bookmark_note":
        scene.focus.set("bookmark_note", app.manager)
        return ("text", app.tr("autoplay.bookmark_note"))
    return ("click", element(scene, key))


def on_end(app: App, scene: object) -> tuple | None:
    """The end screen has been photographed: leave."""
    app.running = False
    return None
