"""The KPI dashboard: a tile per indicator with its value and a sparkline of recent days.

Which tiles a role may see, their values and their history come from
``sim.observation.observe_kpis`` (public figures for everybody; trust, cost against budget
and political attention only for the roles that would know them, everything for the
trainer or an observer); this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui import Painter, sparkline

if TYPE_CHECKING:
    from game.i18n import Translator


@dataclass(frozen=True)
class Tile:
    """How one indicator is shown."""

    key: str
    unit: str
    lo: float | None = None
    hi: float | None = None
    higher_is_better: bool = True
    ref_line: bool = False  # draw the reference as a line in the sparkline


TILES: tuple[Tile, ...] = (
    Tile("reachability", "pct", lo=0.0, hi=100.0),
    Tile("incidents", "int", higher_is_better=False),
    Tile("complaints", "int", higher_is_better=False),
    Tile("satisfaction", "pct", lo=0.0, hi=100.0),
    Tile("cost", "eur", higher_is_better=False),
    Tile("trust_g", "frac", lo=0.0, hi=1.0),
    Tile("trust_e", "frac", lo=0.0, hi=1.0),
    Tile("attention", "score", lo=0.0, higher_is_better=False, ref_line=True),
)


def draw_dashboard(surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator,
                   kpis: dict[str, dict]) -> None:
    """All tiles in two columns inside `rect`; `kpis` holds those the viewer may see."""
    c = p.colours
    inner = p.panel(surface, rect, tr("dashboard.title"))
    cols = 2
    rows = (len(TILES) + cols - 1) // cols
    gap = p.px(6)
    tw = (inner.w - gap * (cols - 1)) // cols
    th = (inner.h - gap * (rows - 1)) // rows
    for i, tile in enumerate(TILES):
        r = pygame.Rect(inner.x + (i % cols) * (tw + gap), inner.y + (i // cols) * (th + gap),
                        tw, th)
        pygame.draw.rect(surface, c["bg"], r, border_radius=p.px(3))
        label = tr(f"dashboard.{tile.key}")
        lr = p.text(surface, label, (r.x + p.px(6), r.y + p.px(2)), 12, c["muted"],
                    max_width=r.w - 8)
        kpi = kpis.get(tile.key)
        if kpi is None:
            p.text(surface, tr("dashboard.hidden"), (r.x + p.px(6), r.y + p.px(20)), 12,
                   c["muted"], max_width=r.w - 8)
            continue
        value, ref = kpi["value"], kpi["ref"]
        colour = c["text"]
        if ref is not None:
            colour = c["good"] if (value > ref) == tile.higher_is_better else c["bad"]
            note = tr("dashboard.ref_" + tile.key, ref=tr.value(tile.unit, ref))
            p.text(surface, note, (r.right - p.px(6), r.y + p.px(3)), 11, c["muted"],
                   anchor="topright", max_width=r.right - lr.right - p.px(14))
        # The value on the left, the sparkline of the last days beside it.
        vr = p.text(surface, tr.value(tile.unit, value), (r.x + p.px(6), lr.bottom), 14,
                    colour, bold=True, max_width=r.w * 2 // 5)
        left = max(vr.right, r.x + r.w * 2 // 5) + p.px(8)
        spark = pygame.Rect(left, lr.bottom + p.px(2), r.right - p.px(8) - left,
                            r.bottom - lr.bottom - p.px(6))
        sparkline(surface, spark, kpi["series"], c["spark"],
                  ref=ref if tile.ref_line else None, ref_colour=c["spark_ref"],
                  lo=tile.lo, hi=tile.hi, width=max(1, p.px(2)))
