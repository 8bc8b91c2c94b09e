"""Drawing helpers for what pygame_gui does not draw: text, tiles, sparklines, frames.

A :class:`Painter` holds the fonts (Noto Sans, the face pygame_gui uses), the scales of
controls and of text (projector mode), the colour theme, the list of texts drawn this frame
(tests use it to prove a screen shows no private information) and the texts it had to cut
to fit (tests use it to prove no label is cut off).
"""

from __future__ import annotations

import pygame

from game.assets import font_path


class Painter:
    """Fonts, colours and the per-frame text record."""

    def __init__(self, colours: dict, scale: float, text_scale: float | None = None) -> None:
        self.colours = colours
        self.scale = scale
        self.text_scale = scale if text_scale is None else text_scale
        self.cut: set[tuple[str, str]] = set()  # (text, what was shown), since made
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: dict[tuple, pygame.Surface] = {}
        self._fits: dict[tuple, str] = {}
        self.frame_texts: list[str] = []

    def px(self, value: float) -> int:
        """A size at the current scale [px]."""
        return max(1, round(value * self.scale))

    def text_px(self, size: float) -> int:
        """A text size at the current text scale [px]."""
        return max(1, round(size * self.text_scale))

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        """Noto Sans at `size` points times the text scale."""
        return self.font_px(self.text_px(size), bold)

    def font_px(self, px: int, bold: bool = False) -> pygame.font.Font:
        """Noto Sans at `px` pixels (cached)."""
        key = (px, bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(font_path(bold), px)
        return self._fonts[key]

    def render(self, text: str, size: int = 14, colour: tuple | None = None,
               bold: bool = False) -> pygame.Surface:
        """A text surface (cached: the same text costs nothing the next frame)."""
        colour = tuple(colour or self.colours["text"])
        key = (text, self.text_px(size), colour, bold)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            surf = self.font(size, bold).render(text, True, colour)
            self._cache[key] = surf
        return surf

    def text(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: int = 14,
             colour: tuple | None = None, bold: bool = False, anchor: str = "topleft",
             max_width: int | None = None) -> pygame.Rect:
        """Draw one line of text; cut with an ellipsis if wider than `max_width` (and
        recorded in `cut`: a screen should give its texts the room they need)."""
        if max_width is not None:
            fitted = self.fit(text, size, bold, max_width)
            if fitted != text:
                self.cut.add((text, fitted))
            text = fitted
        self.frame_texts.append(text)
        surf = self.render(text, size, colour, bold)
        rect = surf.get_rect(**{anchor: pos})
        surface.blit(surf, rect)
        return rect

    def fit(self, text: str, size: int, bold: bool, max_width: int) -> str:
        """`text`, cut with an ellipsis to fit `max_width` [px] (cached)."""
        key = (text, self.text_px(size), bold, max_width)
        fitted = self._fits.get(key)
        if fitted is None:
            font = self.font(size, bold)
            fitted = text
            if font.size(text)[0] > max_width:
                lo, hi = 0, len(text)  # longest prefix that fits with the ellipsis
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if font.size(text[:mid] + "…")[0] <= max_width:
                        lo = mid
                    else:
                        hi = mid - 1
                fitted = text[:lo] + "…"
            if len(self._fits) > 4000:
                self._fits.clear()
            self._fits[key] = fitted
        return fitted

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Words wrapped to a width [px]."""
        font = self.font(size, bold)
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in para.split():
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def line_height(self, size: int) -> int:
        """Line spacing of a font size [px]."""
        return self.font(size).get_linesize()

    def panel(self, surface: pygame.Surface, rect: pygame.Rect, title: str | None = None,
              size: int = 13) -> pygame.Rect:
        """A framed box; returns the inner rect below the title."""
        c = self.colours
        pygame.draw.rect(surface, c["panel"], rect)
        pygame.draw.rect(surface, c["panel_edge"], rect, max(1, self.px(1)))
        inner = rect.inflate(-self.px(12), -self.px(8))
        if title:
            r = self.text(surface, title, inner.topleft, size, c["muted"], bold=True,
                          max_width=inner.w)
            inner = pygame.Rect(inner.x, r.bottom + self.px(3), inner.w,
                                inner.bottom - r.bottom - self.px(3))
        return inner


def sparkline(surface: pygame.Surface, rect: pygame.Rect, values: list[float], colour: tuple,
              ref: float | None = None, ref_colour: tuple = (128, 128, 128),
              lo: float | None = None, hi: float | None = None, width: int = 2) -> None:
    """A small line chart of `values` in `rect`, with an optional reference line."""
    if rect.w < 4 or rect.h < 4:
        return
    pts = [v for v in values if v == v]
    bounds = pts + ([ref] if ref is not None else [])
    lo = min(bounds) if lo is None and bounds else (lo or 0.0)
    hi = max(bounds) if hi is None and bounds else (hi if hi is not None else 1.0)
    if hi - lo < 1e-9:
        hi = lo + 1.0

    def y(v: float) -> int:
        return round(rect.bottom - 1 - (v - lo) / (hi - lo) * (rect.h - 2))

    if ref is not None and lo <= ref <= hi:
        yy = y(ref)
        for x in range(rect.x, rect.right, 6):
            pygame.draw.line(surface, ref_colour, (x, yy), (min(x + 3, rect.right), yy))
    if len(values) == 1:
        pygame.draw.circle(surface, colour, (rect.right - 2, y(values[0])), width + 1)
        return
    if len(values) >= 2:
        step = (rect.w - 2) / (len(values) - 1)
        points = [(rect.x + 1 + i * step, y(v)) for i, v in enumerate(values)]
        pygame.draw.lines(surface, colour, False, points, width)
        pygame.draw.circle(surface, colour, points[-1], width + 1)
