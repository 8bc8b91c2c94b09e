"""The town map: roads by condition (colour-blind-safe colour plus a line pattern),
schools, hospital and depot, trucks on their routes, and incident markers.

Roads are redrawn into a cached surface only when the condition of some segment changed
(at most once per model hour); a frame blits the cache and draws the trucks. Patterns:
dry = plain grey, wet = plain blue, treated = green with dots, snow = white dashes,
ice = vermillion with black hatching. Each pattern is a texture masked by the road lines.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.settings import CATEGORY_WIDTH, CONDITION_STYLE, CONDITIONS
from game.ui import Painter

# Draw order of categories: quiet streets first, main roads on top.
DRAW_ORDER = (3, 4, 1, 2, 0)
LEGEND = (*CONDITIONS, "school", "hospital", "depot", "truck", "incident")


def pattern_texture(size: tuple[int, int], colour: tuple, pattern: str, bg: tuple,
                    scale: float) -> pygame.Surface:
    """A full-size opaque texture of one condition's colour and pattern."""
    tex = pygame.Surface(size, pygame.SRCALPHA)
    tex.fill((*colour, 255))
    w, h = size
    step = max(5, round(7 * scale))
    if pattern == "dots":
        dot = (235, 255, 245, 255) if sum(colour) < 500 else (0, 0, 0, 255)
        r = max(1, round(1.2 * scale))
        for y in range(0, h, step):
            for x in range((y // step % 2) * step // 2, w, step):
                pygame.draw.circle(tex, dot, (x, y), r)
    elif pattern == "dashes":
        gap = (*bg, 255)
        for x in range(-h, w, 2 * step):
            pygame.draw.line(tex, gap, (x, h), (x + h, 0), max(2, round(step * 0.6)))
    elif pattern == "hatch":
        ink = (0, 0, 0, 255)
        for x in range(-h, w, step):
            pygame.draw.line(tex, ink, (x, h), (x + h, 0), max(1, round(scale * 1.4)))
            pygame.draw.line(tex, ink, (x, 0), (x + h, h), max(1, round(scale * 1.4)))
    return tex


class MapView:
    """Draws one town into a rect of the window."""

    def __init__(self, town: object, painter: Painter) -> None:
        self.town = town
        self.painter = painter
        self.rect = pygame.Rect(0, 0, 1, 1)
        self._roads: pygame.Surface | None = None
        self._last_code: bytes | None = None
        self._textures: dict[str, pygame.Surface] = {}
        self.pts = np.zeros((0, 2))
        self.redraws = 0

    # --- geometry -------------------------------------------------------------------------
    def layout(self, rect: pygame.Rect, labels: dict[str, str] | None = None) -> None:
        """Fit the town into `rect` (north up), place the legend, rebuild the caches."""
        self.rect = pygame.Rect(rect)
        self.labels = labels or {k: k for k in LEGEND}
        self.legend = self._place_legend()
        xy = self.town.node_xy
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.maximum(hi - lo, 1.0)
        pad = self.painter.px(18)
        rows = 1 + max((row for _, _, row in self.legend), default=0)
        legend_h = self.painter.px(22) * rows + self.painter.px(4)
        avail = np.array([rect.w - 2 * pad, rect.h - 2 * pad - legend_h], dtype=float)
        self.k = float(min(avail / span))
        used = span * self.k
        off = np.array([rect.x + (rect.w - used[0]) / 2,
                        rect.y + pad + (avail[1] - used[1]) / 2])
        self.lo, self.off = lo, off
        pts = (xy - lo) * self.k
        pts[:, 1] = used[1] - pts[:, 1]  # screen y grows downwards
        self.pts = pts + off - np.array(rect.topleft)
        c = self.painter.colours
        size = rect.size
        self._textures = {name: pattern_texture(size, *CONDITION_STYLE[name], c["map_bg"],
                                                self.painter.scale) for name in CONDITIONS}
        widths = [self.painter.px(w) for w in CATEGORY_WIDTH]
        ends = np.rint(self.pts[self.town.edge_nodes]).astype(int).tolist()
        cat = self.town.category.tolist()
        order = sorted(range(len(cat)), key=lambda s: DRAW_ORDER.index(cat[s]))
        # Plain tuples: drawing from numpy scalars costs twice as much.
        self._segs = [(s, tuple(ends[s][0]), tuple(ends[s][1]), widths[cat[s]]) for s in order]
        self._masks = [pygame.Surface(size, pygame.SRCALPHA) for _ in CONDITIONS]
        self._roads = None
        self._last_code = None

    def node_pos(self, node: int) -> tuple[int, int]:
        """Window position of a node."""
        p = self.pts[node]
        return round(p[0] + self.rect.x), round(p[1] + self.rect.y)

    # --- roads ----------------------------------------------------------------------------
    def _redraw_roads(self, code: np.ndarray) -> None:
        """Roads coloured and patterned by condition, points of interest on top."""
        c = self.painter.colours
        surf = pygame.Surface(self.rect.size)
        surf.fill(c["map_bg"])
        codes = code.tolist()
        used = sorted(set(codes))
        for k in used:
            self._masks[k].fill((0, 0, 0, 0))
        white = (255, 255, 255, 255)
        masks = self._masks
        line, circle = pygame.draw.line, pygame.draw.circle
        for s, a, b, w in self._segs:
            mask = masks[codes[s]]
            line(mask, white, a, b, w)
            if w > 4:  # round the joints of wide roads
                circle(mask, white, a, w // 2)
                circle(mask, white, b, w // 2)
        for k in used:
            mask = masks[k]
            mask.blit(self._textures[CONDITIONS[k]], (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            surf.blit(mask, (0, 0))
        self._draw_pois(surf)
        self._roads = surf
        self.redraws += 1

    def _draw_pois(self, surf: pygame.Surface) -> None:
        """Schools (S), hospital (H), depot (D): symbols with a letter, not colour alone."""
        p, c = self.painter, self.painter.colours
        size = p.px(15)
        marks = (("school", c["school"], "S", (0, 0, 0)),
                 ("hospital", c["hospital"], "H", (200, 0, 0)),
                 ("depot", c["depot"], "D", (0, 0, 0)))
        for kind, fill, letter, ink in marks:
            for node in self.town.pois.get(kind, []):
                x, y = self.pts[node]
                r = pygame.Rect(0, 0, size, size)
                r.center = (round(x), round(y))
                pygame.draw.rect(surf, (0, 0, 0), r.inflate(4, 4))
                pygame.draw.rect(surf, fill, r)
                glyph = p.render(letter, 10, ink, bold=True)
                surf.blit(glyph, glyph.get_rect(center=r.center))

    def needs(self, code: np.ndarray) -> bool:
        """Whether the road cache is out of date for this condition array."""
        return self._roads is None or code.tobytes() != self._last_code

    def update(self, code: np.ndarray) -> None:
        """Redraw the road cache if any segment changed condition (call from update)."""
        raw = code.tobytes()
        if raw != self._last_code or self._roads is None:
            self._last_code = raw
            self._redraw_roads(code)

    # --- a frame --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, trucks: list[tuple[int, tuple[int, int]]],
             incidents: list[tuple[int, int, float]]) -> None:
        """Blit the roads, then incidents and trucks (positions already in window pixels)."""
        if self._roads is not None:
            surface.blit(self._roads, self.rect)
        p, c = self.painter, self.painter.colours
        for x, y, fade in incidents:
            r = p.px(8)
            pts = [(x, y - r), (x + r, y + r), (x - r, y + r)]
            colour = tuple(round(v * fade + 60 * (1 - fade)) for v in c["incident"])
            pygame.draw.polygon(surface, (0, 0, 0), [(a, b + 1) for a, b in pts])
            pygame.draw.polygon(surface, colour, pts)
            glyph = p.render("!", 9, (0, 0, 0), bold=True)
            surface.blit(glyph, glyph.get_rect(center=(x, y + r // 3)))
        for number, (x, y) in trucks:
            r = p.px(9)
            pygame.draw.circle(surface, (0, 0, 0), (x, y), r + 2)
            pygame.draw.circle(surface, c["truck"], (x, y), r)
            glyph = p.render(str(number), 10, (0, 0, 0), bold=True)
            surface.blit(glyph, glyph.get_rect(center=(x, y)))

    def truck_positions(self, trucks: list[dict], prev: dict[int, float], frac: float,
                        interpolate: bool) -> list[tuple[int, tuple[int, int]]]:
        """Window positions of trucks that are out (called ones stand at the depot); `trucks`
        as ``sim.observation.observe_trucks`` gives them."""
        out = []
        depot = self.town.pois["depot"][0]
        en = self.town.edge_nodes
        for truck in trucks:
            if truck["segments"] is None or truck["state"] == "in":
                continue
            tid = truck["id"]
            if truck["state"] == "called":
                out.append((tid + 1, self.node_pos(depot)))
                continue
            segments, cum = truck["segments"], truck["cum_km"]
            pos = truck["pos_km"]
            if interpolate and tid in prev:
                start = prev[tid] if prev[tid] <= pos else 0.0
                pos = start + (pos - start) * frac
            i = int(min(np.searchsorted(cum, pos, side="right"), len(cum) - 1))
            seg = int(segments[i])
            begin = float(cum[i - 1]) if i > 0 else 0.0
            f = float(np.clip((pos - begin) / max(float(cum[i]) - begin, 1e-9), 0.0, 1.0))
            a, b = int(en[seg][0]), int(en[seg][1])
            if i > 0 and b in en[int(segments[i - 1])]:
                a, b = b, a
            pa, pb = self.node_pos(a), self.node_pos(b)
            out.append((tid + 1, (round(pa[0] + (pb[0] - pa[0]) * f),
                                  round(pa[1] + (pb[1] - pa[1]) * f))))
        return out

    def segment_mid(self, seg: int) -> tuple[int, int]:
        """Window position of a segment's midpoint."""
        a, b = self.town.edge_nodes[seg]
        pa, pb = self.node_pos(int(a)), self.node_pos(int(b))
        return (pa[0] + pb[0]) // 2, (pa[1] + pb[1]) // 2

    def _place_legend(self) -> list[tuple[str, int, int]]:
        """(item, x, row) of each legend entry; rows wrap at the map's width."""
        p = self.painter
        out, x, row = [], self.rect.x + p.px(8), 0
        for kind in LEGEND:
            w = (p.px(26) if kind in CONDITIONS else p.px(13)) + p.px(4)
            w += p.font(11).size(self.labels[kind])[0] + p.px(10)
            if x + w > self.rect.right - p.px(4) and out:
                x, row = self.rect.x + p.px(8), row + 1
            out.append((kind, x, row))
            x += w
        return out

    def draw_legend(self, surface: pygame.Surface) -> None:
        """Condition patterns and symbols along the bottom of the map."""
        p, c = self.painter, self.painter.colours
        rows = 1 + max((row for _, _, row in self.legend), default=0)
        symbols = {"school": (c["school"], "S"), "hospital": (c["hospital"], "H"),
                   "depot": (c["depot"], "D"), "truck": (c["truck"], "1"),
                   "incident": (c["incident"], "!")}
        for kind, x, row in self.legend:
            y = self.rect.bottom - p.px(22) * (rows - row)
            if kind in CONDITIONS:
                swatch = pygame.Rect(x, y + p.px(5), p.px(26), p.px(7))
                surface.blit(self._textures[kind], swatch,
                             area=pygame.Rect((0, 0), swatch.size))
                pygame.draw.rect(surface, (0, 0, 0), swatch, 1)
                right = swatch.right
            else:
                fill, letter = symbols[kind]
                box = pygame.Rect(x, y + p.px(2), p.px(13), p.px(13))
                if kind == "truck":
                    pygame.draw.circle(surface, fill, box.center, box.w // 2)
                elif kind == "incident":
                    pygame.draw.polygon(surface, fill,
                                        [box.midtop, box.bottomright, box.bottomleft])
                else:
                    pygame.draw.rect(surface, fill, box)
                glyph = p.render(letter, 8, (0, 0, 0), bold=True)
                surface.blit(glyph, glyph.get_rect(center=box.center))
                right = box.right
            p.text(surface, self.labels[kind], (right + p.px(4), y), 11, c["text"])
