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
        panel, inner = card(self, 2000, 2000)  # the whole screen: no scrolling on a projector
        col = Column(self, inner, panel)
        col.label(tr("help.title"), "#title", height=30)
        keys = "<br>".join(f"<b>{esc(k)}</b>  {esc(v)}" for k, v in
                           zip(tr.items("help.keys"), tr.items("help.what"), strict=False))
        # Keys on the left, what the map shows on the right: all in view, nothing scrolls.
        height = col.left - p.px(52)
        lw = inner.w * 3 // 5
        Column(self, pygame.Rect(inner.x, col.y, lw - p.px(8), height), panel).text(keys, height)
        Column(self, pygame.Rect(inner.x + lw, col.y, inner.w - lw, height), panel).text(
            esc(tr(self.app.parts.help_text)), height)
        col.y += height
        col.gap(8)
        col.buttons([("close", tr("help.close"), self.on_back, "#primary")], cols=3)

    def on_back(self) -> None:
        """Close."""
        self.app.pop(self)

    def autoplay(self) -> object:
        """Scripted player: close with Escape."""
        return ("key", pygame.K_ESCAPE)
