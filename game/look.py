"""The look of a window size and theme: scale factors, the widget theme, and the message strip.

Projector mode is the default: its sizes are designed for 1280x720 and grow (or, down to
MIN_FIT, shrink) with the window, so text keeps its share of the image on any projector.
Messages ("toasts") get a strip of their own at the bottom of the window that no screen
lays controls in; with no message it shows the keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pygame

from game.assets import theme_path
from game.settings import DESIGN_SIZE, MIN_FIT, PROJECTOR_SCALE, PROJECTOR_TEXT_SCALE


@dataclass(frozen=True)
class Look:
    """Theme name and the scale factors of one window size."""

    theme: str  # "projector" | "default" (the smaller desktop theme)
    scale: float  # controls and spacing
    text_scale: float  # text the game draws itself
    fit: float  # window size relative to the design size (projector only)


def look_for(projector: bool, size: tuple[int, int]) -> Look:
    """The look of a window: projector sizes follow the window, desktop sizes do not."""
    if not projector:
        return Look("default", 1.0, 1.0, 1.0)
    fit = max(MIN_FIT, min(size[0] / DESIGN_SIZE[0], size[1] / DESIGN_SIZE[1]))
    return Look("projector", PROJECTOR_SCALE * fit, PROJECTOR_TEXT_SCALE * fit, fit)


def theme_data(look: Look) -> dict:
    """The pygame_gui theme of a look: the theme file, font sizes times the fit."""
    data = json.loads(theme_path(look.theme).read_text(encoding="utf-8"))
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(float(font["size"]) * look.fit)))
    return data


def theme_font_sizes(data: dict) -> set[int]:
    """Every font size a theme uses (to preload them before the first frame)."""
    return {
        int(b["font"]["size"])
        for b in data.values()
        if isinstance(b, dict) and "size" in b.get("font", {})
    }


def button_font_px(data: dict) -> int:
    """The button font size of a theme [px]."""
    return int(data["button"]["font"]["size"])


def strip_height(painter: object) -> int:
    """Height of the message strip at the bottom of the window [px]."""
    return painter.line_height(12) + painter.px(8)


def draw_strip(
    surface: pygame.Surface, rect: pygame.Rect, painter: object, toasts: list[list], hint: str
) -> list[pygame.Rect]:
    """The message strip: the newest message (and the one before it, if there is room),
    or the key hint when there is none. Returns the boxes drawn (tests check them)."""
    p, c = painter, painter.colours
    pygame.draw.rect(surface, c["panel"], rect)
    pygame.draw.line(surface, c["panel_edge"], rect.topleft, rect.topright)
    if not toasts:
        p.text(
            surface,
            hint,
            (rect.x + p.px(12), rect.centery),
            12,
            c["muted"],
            anchor="midleft",
            max_width=rect.w - p.px(24),
        )
        return []
    boxes = []
    x = rect.x + p.px(8)
    for text, _, colour in reversed(toasts):  # newest first, on the left
        room = rect.right - x - p.px(8)
        if room < p.px(120):
            break
        shown = p.fit(text, 12, True, room - p.px(16))
        box = pygame.Rect(
            x, rect.y + p.px(3), p.font(12, True).size(shown)[0] + p.px(16), rect.h - p.px(6)
        )
        pygame.draw.rect(surface, c[colour], box, border_radius=p.px(4))
        p.text(surface, shown, box.center, 12, (0, 0, 0), bold=True, anchor="center")
        boxes.append(box)
        x = box.right + p.px(10)
    return boxes
