"""What every family's play screen shares: the row of buttons at the foot of the looking
seat's panel, the hot-seat switch to the next person and its handover, number keys.

Mixed into the play screens (game.scene_play, game.procesregie.scene_play); they keep
their buttons in `panel_buttons` and their focus keys start with "panel.".
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

from game.focus import Entry


class SeatPanel:
    """The seat panel's button row and the hot-seat verbs."""

    panel_buttons: list[UIButton]

    def place_top_buttons(self, keys: tuple[str, ...], height: int) -> None:
        """`top_buttons`: the top bar's buttons (topbar.<key> words), right to left."""
        tr, p, m = self.app.tr, self.app.painter, self.app.manager
        x = self.app.area().w - p.px(8)
        self.top_buttons = {}
        for key in keys:
            text = tr(f"topbar.{key}")
            width = self.app.button_text_width(text) + p.px(22)
            x -= width
            rect = pygame.Rect(x, p.px(5), width, height - p.px(10))
            self.top_buttons[key] = UIButton(
                rect, text, m, container=self.root, object_id="#top_" + key
            )
            x -= p.px(6)

    def place_panel_buttons(self, rect: pygame.Rect, entries: list[tuple]) -> None:
        """Replace the row at the bottom of `rect` with buttons (focus key, text, action,
        object id), first in the focus ring; `buttons_top` is where the row starts."""
        for b in self.panel_buttons:
            b.kill()
        self.panel_buttons = []
        self.focus.entries = [e for e in self.focus.entries if not e.key.startswith("panel.")]
        p, m = self.app.painter, self.app.manager
        bh, gap = p.px(34), p.px(6)
        y = rect.bottom - p.px(8) - bh
        self.buttons_top = y - p.px(4) if entries else rect.bottom
        bw = (rect.w - p.px(16) - gap * (len(entries) - 1)) // max(1, len(entries))
        for i, (key, text, action, oid) in enumerate(entries):
            box = pygame.Rect(rect.x + p.px(8) + i * (bw + gap), y, bw, bh)
            b = UIButton(box, text, m, container=self.root, object_id=oid)
            self.panel_buttons.append(b)
            self.focus.entries.insert(i, Entry(key, b, action))

    def default_focus(self) -> str | None:
        """The first panel button."""
        for e in self.focus.entries:
            if e.key.startswith("panel."):
                return e.key
        return super().default_focus()

    def choose_role(self) -> None:
        """Hand the laptop to the next person (goes through the handover screen)."""
        humans = self.state.human_roles()
        if len(humans) < 2:
            return
        current = self.state.active_role
        nxt = humans[(humans.index(current) + 1) % len(humans)] if current in humans else humans[0]
        # A switch someone asks for opens another seat's private view: behind the
        # trainer's PIN, when one was set. The game's own handover (a decision waits for
        # the other player) needs none.
        self.handover(nxt, pin=self.app.options.pin is not None)

    def handover(self, role: str, pin: bool = False) -> None:
        """Hide this player's screen and ask for the next one (and the PIN, if `pin`)."""
        from game.scene_handover import HandoverScene

        self.app.push(HandoverScene(self.app, role, pin=pin))

    def on_option(self, n: int) -> None:
        """Number keys on the play screen: the n-th panel button."""
        panel = [e for e in self.focus.entries if e.key.startswith("panel.")]
        if 1 <= n <= len(panel):
            self.focus.current = panel[n - 1].key
            panel[n - 1].action()
