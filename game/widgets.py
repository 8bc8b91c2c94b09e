"""Small builders for cards and forms on top of pygame_gui (layout in scaled pixels)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UITextEntryLine

if TYPE_CHECKING:
    from game.scene import Scene


class Column:
    """Places widgets top to bottom inside a rect of a container."""

    def __init__(self, scene: Scene, rect: pygame.Rect, container: object,
                 measure: bool = False, squeeze: float = 1.0) -> None:
        self.scene = scene
        self.app = scene.app
        self.rect = rect
        self.container = container
        self.y = rect.y
        self.p = self.app.painter
        self.measure = measure  # True: only advance the cursor (to size a layout first)
        self.squeeze = squeeze  # < 1: shorter rows so that everything fits

    def h(self, px: float) -> int:
        """A row height at the current scale and squeeze [px]."""
        return self.p.px(px * self.squeeze)

    @property
    def left(self) -> int:
        """Space left below the cursor [px]."""
        return self.rect.bottom - self.y

    def gap(self, px: int = 8) -> None:
        """Vertical space."""
        self.y += self.h(px)

    def label(self, text: str, object_id: str | None = None, height: int = 24) -> UILabel:
        """One line of text, left aligned."""
        h = self.p.px(height)  # text lines are not squeezed: the font does not shrink
        if self.measure:
            self.y += h
            return None
        lab = UILabel(pygame.Rect(self.rect.x, self.y, self.rect.w, h), text, self.app.manager,
                      container=self.container, object_id=object_id)
        self.y += h
        return lab

    def text(self, body_html: str, height: int) -> UITextBox:
        """A block of (simple HTML) text of a fixed height."""
        if self.measure:
            self.y += height
            return None
        box = UITextBox(body_html, pygame.Rect(self.rect.x, self.y, self.rect.w, height),
                        self.app.manager, container=self.container)
        self.y += height
        return box

    def entry(self, key: str, label: str, initial: str = "", width: int | None = None,
              allowed: str | None = None) -> UITextEntryLine:
        """A labelled entry box on one row, added to the focus ring."""
        h = self.h(32)
        if self.measure:
            self.y += h + self.h(6)
            return None
        lw = min(self.p.font(14).size(label)[0] + self.p.px(12), self.rect.w // 2)
        UILabel(pygame.Rect(self.rect.x, self.y, lw, h), label, self.app.manager,
                container=self.container)
        w = width if width is not None else self.rect.w - lw
        box = UITextEntryLine(pygame.Rect(self.rect.x + lw, self.y, w, h), self.app.manager,
                              container=self.container, initial_text=initial)
        if allowed == "number":
            box.set_allowed_characters([*"0123456789.,-"])
        box.set_text_length_limit(2000 if allowed is None else 14)
        self.scene.focus.add(key, box, None)
        self.y += h + self.h(6)
        return box

    def buttons(self, specs: list[tuple[str, str, object, str | None]], cols: int | None = None,
                height: int = 36) -> list[UIButton]:
        """A grid of buttons: (focus key, text, action, object id)."""
        if not specs:
            return []
        cols = cols or len(specs)
        gap = self.h(8)
        widest = max(self.app.button_text_width(text) for _, text, _, _ in specs)
        while cols > 1 and widest + self.p.px(8) > (self.rect.w - gap * (cols - 1)) // cols:
            cols -= 1  # fewer, wider buttons rather than cut-off labels
        bw = (self.rect.w - gap * (cols - 1)) // cols
        bh = self.h(height)
        rows = (len(specs) + cols - 1) // cols
        if self.measure:
            self.y += rows * (bh + gap)
            return [None] * len(specs)
        out = []
        for i, (key, text, action, oid) in enumerate(specs):
            r = pygame.Rect(self.rect.x + (i % cols) * (bw + gap),
                            self.y + (i // cols) * (bh + gap), bw, bh)
            b = UIButton(r, text, self.app.manager, container=self.container, object_id=oid)
            self.scene.focus.add(key, b, action)
            out.append(b)
        self.y += rows * (bh + gap)
        return out


MIN_SQUEEZE = 0.7


def fitted_columns(scene: Scene, rects: list[pygame.Rect], fill: object) -> list[Column]:
    """Build columns with `fill(columns)`: measured first, then with rows squeezed (down to
    MIN_SQUEEZE) when the content is taller than the columns (projector mode, small windows).
    """
    probe = [Column(scene, r, scene.root, measure=True) for r in rects]
    fill(probe)
    need = max((c.y - c.rect.y) / max(c.rect.h, 1) for c in probe)
    squeeze = max(MIN_SQUEEZE, min(1.0, 1.0 / need)) if need > 0 else 1.0
    cols = [Column(scene, r, scene.root, squeeze=squeeze) for r in rects]
    fill(cols)
    return cols


def card(scene: Scene, width: int, height: int) -> tuple[UIPanel, pygame.Rect]:
    """A centred card panel on the scene's dimmed root; returns it and its inner rect."""
    app = scene.app
    p = app.painter
    sw, sh = app.area().size
    w = min(sw - p.px(24), p.px(width))
    h = min(sh - p.px(24), p.px(height))
    rect = pygame.Rect((sw - w) // 2, (sh - h) // 2, w, h)
    panel = UIPanel(rect, starting_height=1, manager=app.manager, container=scene.root,
                    object_id="#card")
    pad = p.px(16)
    inner = pygame.Rect(pad, pad, w - 2 * pad - 4, h - 2 * pad - 4)
    return panel, inner


def esc(text: object) -> str:
    """Text safe inside a pygame_gui text box."""
    return html.escape(str(text), quote=False)


def facts_html(rows: list[tuple[str, str]]) -> str:
    """'label: value' lines."""
    return "<br>".join(f"{esc(k)}: <b>{esc(v)}</b>" for k, v in rows)
