"""A scripted player for headless demos and tests: it drives the game with synthetic
pygame input (mouse clicks at a widget's centre, key presses, typed text), exactly as a
person would, so every screen is reached and photographed.

The script: start a session; in a design phase accept the other side's offer when it
may, else give in on the first open item and offer (game.scene_design); answer every
decision with its first option, except that extra work is turned down (alternately by
mouse and by the number key); record meetings (a new offer on the first item, accept the
rest; the executor tables its positions the same way); open help on day 1; open the
trainer panel on day 2 (inject a media storm, set a bookmark); on day 2 fill in a free
action (the executor asks for extra work); on day 3 the regisseur calls a meeting about
the dispute, and a picture of the play screen is taken at noon; end the round through
the trainer panel on day `until`; on the end screen ask for the debrief report and quit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.app import App

DELAY_FRAMES = 2  # frames between two gestures (pygame_gui needs a frame to react)


def click(element: object) -> None:
    """Post a mouse click at the centre of a widget."""
    pos = element.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def press(key: int, mod: int = 0, unicode: str = "") -> None:
    """Post a key press."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode,
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode,
                                         scancode=0))


def type_text(text: str) -> None:
    """Post typed text (what SDL sends to a focused entry box)."""
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))


def element(scene: object, key: str) -> object | None:
    """The widget behind a focus key of a screen."""
    for entry in scene.focus.entries:
        if entry.key == key:
            return entry.element
    return None


class AutoPlayer:
    """Plays the game through its input, one gesture every few frames."""

    def __init__(self, app: App, until: int | None) -> None:
        self.app = app
        self.until = until
        self.done: set[str] = set()
        self.steps: dict[int, int] = {}
        self.decisions = 0
        self._top = None
        self._wait = 0
        self.goal = "demo"
        self.want = ""  # the free action the menu was opened for

    def act(self) -> None:
        """Called at the start of each frame."""
        app = self.app
        top = app.top
        if top is None or app.shot_pending():
            return
        if top is not self._top:
            self._top, self._wait = top, DELAY_FRAMES
        if self._wait > 0:
            self._wait -= 1
            return
        gesture = top.autoplay()
        if gesture is None:
            return
        self.perform(gesture)
        self._wait = DELAY_FRAMES

    def perform(self, gesture: tuple) -> None:
        """Turn a gesture into synthetic events."""
        kind, what = gesture[0], gesture[1]
        if kind == "click":
            click(what)
        elif kind == "key":
            press(what)
        elif kind == "text":
            type_text(what)

    def step(self, scene: object) -> int:
        """How many gestures this screen has had (then counts one more)."""
        n = self.steps.get(id(scene), 0)
        self.steps[id(scene)] = n + 1
        return n

    # --- per screen --------------------------------------------------------------------------
    def on_start(self, scene: object) -> tuple | None:
        """Start the session."""
        return ("click", element(scene, "start"))

    def on_play(self, scene: object) -> tuple | None:
        """Milestones by season day; otherwise reopen a decision put aside."""
        day = self.app.state.view["day"]
        if self.until is not None and day >= self.until and "end" not in self.done:
            self.done.add("end")
            self.goal = "end"
            return ("key", pygame.K_F2)
        if day >= 1 and "help" not in self.done:
            self.done.add("help")
            return ("key", pygame.K_F1)
        if day >= 2 and "trainer" not in self.done:
            self.done.add("trainer")
            self.goal = "demo"
            return ("key", pygame.K_F2)
        state = self.app.state
        role = state.active_role
        menu = element(scene, "panel.actions")
        actions = [a["type"] for a in scene._legal] if menu is not None else []
        if day >= 2 and "form" not in self.done and actions:
            # The executor asks for extra work (the regisseur will turn it down: a dispute
            # for the meeting agenda); any other role takes its first free action.
            self.done.add("form")
            self.want = "request_meerwerk" if role == "executor" else actions[0]
            return ("click", menu)
        if day >= 3 and "meeting" not in self.done and open_disputes(state):
            if role != "regisseur" and "regisseur" in state.human_roles():
                return ("click", scene.top_buttons["switch"])  # hand over to the regisseur
            if role == "regisseur" and "call_meeting" in actions:
                self.done.add("meeting")
                self.want = "call_meeting"
                return ("click", menu)
        if (day >= 3 and state.view["hour"] % 24 >= 12 and "photo" not in self.done
                and self.app.options.screenshot_dir is not None):
            self.done.add("photo")
            self.app.save_screenshot(self.app._shot_name(scene) + "-day3")
        decide = element(scene, "panel.decide")
        if decide is not None and decide.visible and self.app.state.waiting_roles():
            return ("click", decide)
        return None

    def on_decision(self, scene: object) -> tuple | None:
        """The first option (reject extra work): by number key, then by mouse, in turn."""
        self.decisions += 1
        n = 0
        if scene.point["kind"] == "meerwerk_request":
            n = [o.get("decision") for o in scene.point["options"]].index("reject")
        if self.decisions % 2:
            return ("key", pygame.K_1 + n)
        return ("click", scene.option_buttons[n])

    def on_actions(self, scene: object) -> tuple | None:
        """The action it opened the menu for (or the first one)."""
        types = [t["type"] for t in scene.templates]
        key = self.want if self.want in types else types[0]
        return ("click", element(scene, f"act.{key}"))

    def on_form(self, scene: object) -> tuple | None:
        """Submit the form as filled in."""
        return ("click", element(scene, "do"))

    def on_meeting(self, scene: object) -> tuple | None:
        """A new offer on the first item, accept the others, a note, then record (the
        regisseur's meeting and the executor's positions alike)."""
        for n, item in enumerate(scene.shown):
            iid = item["item_id"]
            if iid not in scene.outcome:
                move = "offer" if n == 0 else "accept"
                return ("click", element(scene, f"item.{iid}.{move}"))
        n = self.step(scene)
        if n == 0:
            scene.focus.set("note", self.app.manager)
            return ("text", self.app.tr("autoplay.meeting_note"))
        return ("click", element(scene, "record"))

    def on_design(self, scene: object) -> tuple | None:
        """The wethouder asks nothing; a side accepts when it may, else gives in on the
        first open item and makes the offer, and walks away when no time is left."""
        if scene.point["kind"] == "design_conditions":
            return ("click", element(scene, "set"))
        for move in ("draft", "adopt"):  # the plan: hand it in as drafted, adopt it
            if element(scene, move) is not None:
                return ("click", element(scene, move))
        if element(scene, "accept") is not None:
            return ("click", element(scene, "accept"))
        if element(scene, "offer") is None:
            return ("click", element(scene, "walk"))
        if self.step(scene) == 0 and scene.toggles:
            return ("click", next(iter(scene.toggles.values())))
        return ("click", element(scene, "offer"))

    def on_trainer(self, scene: object) -> tuple | None:
        """PIN if asked; then the demo (inject, bookmark) or the end of the round."""
        if not scene.unlocked:
            n = self.step(scene)
            if n == 0:
                scene.focus.set("pin", self.app.manager)
                return ("text", str(self.app.options.pin))
            return ("click", element(scene, "pin_ok"))
        n = self.step(scene)
        if self.goal == "end":
            return ("click", element(scene, "end"))
        script = ["inject.media_storm", "inject_now", "page.2", "tag", "bookmark_note",
                  "bookmark", "back"]
        if n >= len(script):
            return ("key", pygame.K_ESCAPE)
        key = script[n]
        if key == "tag":
            tag = next((e for e in scene.focus.entries if e.key.startswith("tag.")), None)
            return ("click", tag.element) if tag else ("key", pygame.K_TAB)
        if key == "bookmark_note":
            scene.focus.set("bookmark_note", self.app.manager)
            return ("text", self.app.tr("autoplay.bookmark_note"))
        return ("click", element(scene, key))

    def on_end(self, scene: object) -> tuple | None:
        """Ask for the report once; quit when it is done (or unavailable)."""
        n = self.step(scene)
        if n == 0:
            return ("click", element(scene, "report"))
        if scene._job is not None:
            # Headless frames run back to back; wait on the report thread a little each
            # frame so the drawing loop does not starve it of the GIL.
            scene._job.join(timeout=0.05)
            return None
        self.app.running = False
        return None


def open_disputes(state: object) -> bool:
    """Whether a dispute waits for a meeting (as the regisseur's observation counts them)."""
    return state.observe("regisseur")["private"]["open_disputes"] > 0
