"""The screen base class: build widgets, handle commands, update, draw.

Rules (after Tuxemon's State): `handle` and `update` may change state; `draw` and
`draw_top` never do, so every draw is the same for a given game time. Widgets live in
one root container per screen, so a covered screen can be hidden as a whole (a hot-seat
handover hides everything of the previous player).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIPanel

from game.focus import FocusRing
from game.input import Command

if TYPE_CHECKING:
    from game.app import App


class Scene:
    """One screen (or an overlay card on top of a screen)."""

    name = "scene"
    overlay = False  # True: the screen below stays visible (dimmed)
    holds_clock = True  # False only for the play screen: the clock runs while it is on top
    # Text boxes whose content has no bound (a trainer's own scenario text): they may scroll.
    scrolls: tuple = ()

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIContainer | UIPanel | None = None
        self.focus = FocusRing()
        self.depth = 0

    # --- widgets --------------------------------------------------------------------------
    def build(self) -> None:
        """(Re)create the widgets for the current window size, language and theme."""
        self.focus.clear()
        size = self.app.area().size
        if self.overlay:
            self.root = UIPanel(pygame.Rect((0, 0), size), starting_height=10 * (self.depth + 1),
                                manager=self.app.manager, object_id="#dim")
        else:
            self.root = UIContainer(pygame.Rect((0, 0), size), manager=self.app.manager,
                                    starting_height=10 * (self.depth + 1))
        self.build_widgets()
        if self.focus.current is None and self.focus.entries:
            self.focus.current = self.default_focus()
        self.focus.set(self.focus.current, self.app.manager)

    def build_widgets(self) -> None:
        """Subclasses create their widgets inside `self.root` and add them to the focus ring."""

    def default_focus(self) -> str | None:
        """The control that has focus when the screen opens."""
        return self.focus.entries[0].key if self.focus.entries else None

    def teardown(self) -> None:
        """Remove the widgets."""
        if self.root is not None:
            self.root.kill()
            self.root = None
        self.focus.clear()

    def hide(self) -> None:
        """Covered by an opaque screen: nothing of this screen may show."""
        if self.root is not None:
            self.root.hide()

    def show(self) -> None:
        """Uncovered again."""
        if self.root is not None:
            self.root.show()

    # --- input ------------------------------------------------------------------------------
    def handle(self, cmd: Command) -> None:
        """Focus movement, activation and clicks; screens add their own commands."""
        if cmd.name == "focus_next":
            self.focus.move(+1, self.app.manager)
        elif cmd.name == "focus_prev":
            self.focus.move(-1, self.app.manager)
        elif cmd.name == "activate":
            self.focus.activate()
        elif cmd.name == "click":
            action = self.focus.action_for(cmd.element)
            if action is not None:
                action()
        elif cmd.name == "text_done":
            self.focus.action_for(cmd.element)
            self.focus.move(+1, self.app.manager)
        elif cmd.name == "back":
            self.on_back()
        elif cmd.name == "option":
            self.on_option(int(cmd.value))

    def on_back(self) -> None:
        """Escape."""

    def on_option(self, n: int) -> None:
        """Number key n (1-9)."""

    # --- shared verbs -------------------------------------------------------------------------
    @staticmethod
    def show_chosen(groups: dict[str, list[tuple[object, object]]],
                    chosen: dict[str, object]) -> None:
        """Select, in each group of (value, button) pairs, the button of the chosen value."""
        for name, pairs in groups.items():
            for value, button in pairs:
                if value == chosen.get(name):
                    button.select()
                else:
                    button.unselect()

    def submit_card(self, role: str, action: dict, note: str, done: str) -> bool:
        """Submit a filled-in card for `role` (with its note, if any) and close it.

        Accepted: a `done` toast and the card closes; rejected: the model's reason is shown
        and the card stays open for a correction. Returns whether it was accepted.
        """
        tr = self.app.tr
        if note.strip():
            action["note"] = note.strip()
        result = self.app.state.submit(role, action)
        if result.ok:
            self.app.toast(done, "good")
            self.app.pop(self)
        else:
            self.app.sound.play("rejected")
            self.app.toast(tr("card.rejected", reason=tr.reason(result.reason)), "bad")
        return result.ok

    # --- time and drawing ---------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Advance view state (only the top screen is updated)."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw below the widgets; must not change state."""

    def draw_top(self, surface: pygame.Surface) -> None:
        """Draw above the widgets (the focus frame); must not change state."""
        c = self.app.painter.colours
        self.focus.draw(surface, c["focus"], c["focus_edge"], self.app.painter.px(3))

    # --- headless demo ------------------------------------------------------------------------
    def autoplay(self) -> object:
        """What a scripted player does here: an element to click, a key, or None (wait)."""
        return None

    def shot_name(self) -> str:
        """Screenshot file name stem of this screen."""
        return self.name
