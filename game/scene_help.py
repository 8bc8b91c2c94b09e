"""Help: the keys and what the screen shows (F1; Escape closes it)."""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.widgets import Column, card, esc


class HelpScene(Scene):
    """Keys and a short guide, as an overlay."""

    name = "help"
    overlay = True

    def build_widgets(self) -> None:
        """The key list and a close button."""
        tr, p = self.app.tr, self.app.painter
        panel, inner = card(self, 720, 520)
        col = Column(self, inner, panel)
        col.label(tr("help.title"), "#title", height=30)
        keys = "<br>".join(f"<b>{esc(k)}</b>  {esc(v)}" for k, v in
                           zip(tr.items("help.keys"), tr.items("help.what"), strict=False))
        col.text(f"{keys}<br><br>{esc(tr('help.map'))}", col.left - p.px(52))
        col.gap(8)
        col.buttons([("close", tr("help.close"), self.on_back, "#primary")], cols=3)

    def on_back(self) -> None:
        """Close."""
        self.app.pop(self)

    def autoplay(self) -> object:
        """Scripted player: close with Escape."""
        return ("key", pygame.K_ESCAPE)
