"""Hot-seat handover: the previous player's screen is gone; the next player confirms.

This screen is opaque and the play screen's widgets are hidden while it shows, so nothing
of the previous role's private information is on screen until the next player confirms.
"""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.widgets import Column, esc


class HandoverScene(Scene):
    """Pass the laptop to the person who plays `role`."""

    name = "handover"

    def __init__(self, app: object, role: str) -> None:
        super().__init__(app)
        self.role = role
        app.toasts = []  # "Recorded: ..." would tell the next player what the last one did

    def build_widgets(self) -> None:
        """A big instruction and one confirm button."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.screen.get_size()
        state = self.app.state
        name = state.names.get(self.role) or tr(f"role.{self.role}")
        box = pygame.Rect(0, 0, min(w - p.px(40), p.px(720)), min(h - p.px(40), p.px(380)))
        box.center = (w // 2, h // 2)
        col = Column(self, box, self.root)
        col.label(tr("handover.title"), "#big", height=44)
        col.label(tr("handover.to", role=tr(f"role.{self.role}"), name=name), "#title", height=34)
        waiting = self.role in state.waiting_roles()
        body = tr("handover.body") + ("<br><br>" + esc(tr("handover.waiting"))
                                      if waiting else "")
        col.text(body, p.px(120))
        col.gap(12)
        col.buttons([("confirm", tr("handover.confirm", name=name), self.confirm, "#primary")])

    def confirm(self) -> None:
        """The next player is at the screen."""
        self.app.state.active_role = self.role
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Nothing but the background."""
        surface.fill(self.app.painter.colours["bg"])

    def autoplay(self) -> object:
        """Scripted player: confirm with the keyboard."""
        return ("key", pygame.K_RETURN)
