"""The action menu: what the looking role may do now, one large button a line with what
it does beside it (the role panel keeps its room for what the role needs to know)."""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.widgets import Column, card

BUTTON_SHARE = 0.42  # of the card's width, for the buttons; the rest explains them


class ActionMenuScene(Scene):
    """Pick a free action; its form opens in place of the menu."""

    name = "actions"
    overlay = True

    def __init__(self, app: object, role: str, templates: list[dict]) -> None:
        super().__init__(app)
        self.role = role
        self.templates = templates
        self.rows: list[tuple[pygame.Rect, str]] = []  # help text beside each button

    def build_widgets(self) -> None:
        """Title, one button per action (numbered), close."""
        tr, p = self.app.tr, self.app.painter
        panel, inner = card(self, 2000, 2000)
        self.panel_rect = panel.rect
        col = Column(self, inner, panel)
        col.label(tr("actions.title", role=tr(f"role.{self.role}")), "#title", height=30)
        bw = int(inner.w * BUTTON_SHARE)
        rows = len(self.templates) + 1
        row_h = min(p.px(44), (col.left - p.px(8)) // rows)
        self.rows = []
        for i, t in enumerate(self.templates):
            sub = Column(self, pygame.Rect(inner.x, col.y, bw, row_h), panel)
            label = tr(f"action.{t['type']}.label")
            sub.buttons(
                [(f"act.{t['type']}", f"{i + 1}  {label}", (lambda t=t: self.choose(t)), None)],
                cols=1,
                height=(row_h - p.px(6)) / p.scale,
            )
            help_rect = pygame.Rect(
                panel.rect.x + inner.x + bw + p.px(14),
                panel.rect.y + col.y,
                inner.w - bw - p.px(14),
                row_h,
            )
            self.rows.append((help_rect, tr(f"action.{t['type']}.help")))
            col.y += row_h
        col.gap(4)
        col.buttons([("close", tr("actions.close"), self.on_back, None)], cols=2)

    def choose(self, template: dict) -> None:
        """Open the action's form in place of this menu."""
        from game.scene_action import ActionScene

        self.app.pop(self)
        self.app.push(ActionScene(self.app, self.role, template))

    def on_option(self, n: int) -> None:
        """Number key: that action."""
        if 1 <= n <= len(self.templates):
            self.choose(self.templates[n - 1])

    def on_back(self) -> None:
        """Close the menu."""
        self.app.pop(self)

    def draw_top(self, surface: pygame.Surface) -> None:
        """What each action does, beside its button (shortest wording that fits)."""
        p, c = self.app.painter, self.app.painter.colours
        for rect, text in self.rows:
            size = 11
            lines = p.wrap(text, size, rect.w)
            while size > 8 and len(lines) * p.line_height(size) > rect.h:
                size -= 1
                lines = p.wrap(text, size, rect.w)
            y = rect.centery - len(lines) * p.line_height(size) // 2
            for line in lines:
                if y + p.line_height(size) > rect.bottom + p.px(4):
                    break
                p.text(surface, line, (rect.x, y), size, c["muted"])
                y += p.line_height(size)
        super().draw_top(surface)

    def autoplay(self) -> object:
        """Scripted player: the action it came for (see game.autoplay)."""
        return self.app.autoplayer.on_actions(self) if self.app.autoplayer else None
