"""Hot-seat handover: the previous player's screen is gone; the next player confirms.

This screen is opaque and the play screen's widgets are hidden while it shows, so nothing
of the previous role's private information is on screen until the next player confirms.
A switch a player asks for ("Rol wisselen") needs the trainer's PIN when one was set:
without it the screen goes back to the role that had it.
"""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.widgets import Column, esc


class HandoverScene(Scene):
    """Pass the laptop to the person who plays `role`."""

    name = "handover"

    def __init__(self, app: object, role: str, pin: bool = False) -> None:
        super().__init__(app)
        self.role = role
        self.needs_pin = pin
        self.pin = None
        app.toasts = []  # "Recorded: ..." would tell the next player what the last one did

    def build_widgets(self) -> None:
        """A big instruction and one confirm button."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        state = self.app.state
        name = state.names.get(self.role) or self.app.seat_label(self.role)
        tall = 300 + (40 if self.needs_pin else 0)
        box = pygame.Rect(0, 0, min(w - p.px(40), p.px(720)), min(h - p.px(40), p.px(tall)))
        box.center = (w // 2, h // 2)
        col = Column(self, box, self.root)
        col.label(tr("handover.title"), "#big", height=44)
        col.label(tr("handover.to", role=self.app.seat_label(self.role), name=name), "#title",
                  height=34)
        waiting = self.role in state.waiting_roles()
        body = tr("handover.body") + ("<br><br>" + esc(tr("handover.waiting"))
                                      if waiting else "")
        reserve = p.px(12) + p.px(36 + 8) + (p.px(32 + 6) if self.needs_pin else 0)
        col.text(body, col.left - reserve)
        col.gap(12)
        if self.needs_pin:
            self.pin = col.entry("pin", tr("handover.pin"), "", width=p.px(160))
        specs = [("confirm", tr("handover.confirm", name=name), self.confirm, "#primary")]
        if self.needs_pin:
            specs.append(("back", tr("handover.back"), self.on_back, None))
        col.buttons(specs, cols=len(specs))

    def default_focus(self) -> str | None:
        """The PIN box when a PIN is asked, else the confirm button."""
        return "pin" if self.needs_pin else "confirm"

    def confirm(self) -> None:
        """The next player is at the screen (with the right PIN, when one is asked)."""
        if self.needs_pin and self.pin.get_text().strip() != str(self.app.options.pin):
            self.app.toast(self.app.tr("trainer.pin_wrong"), "bad")
            self.pin.set_text("")
            self.focus.set("pin", self.app.manager)
            return
        self.app.state.active_role = self.role
        self.app.pop(self)

    def on_back(self) -> None:
        """No switch (only when it was asked for): the screen stays with its role."""
        if self.needs_pin:
            self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Nothing but the background."""
        surface.fill(self.app.painter.colours["bg"])

    def autoplay(self) -> object:
        """Scripted player: the PIN if asked, then confirm with the keyboard."""
        if self.needs_pin and not self.pin.get_text():
            self.focus.set("pin", self.app.manager)
            return ("text", str(self.app.options.pin))
        if self.needs_pin:
            self.focus.set("confirm", self.app.manager)
        return ("key", pygame.K_RETURN)
