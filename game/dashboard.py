"""The KPI dashboard: a tile per indicator with its value and a sparkline of recent days.

What a tile shows follows the information rules of the observation API: public figures
for everybody; trust, cost against budget and political attention only for the roles
that would know them (and for the trainer or an observer, `role` None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.settings import SPARK_DAYS
from game.ui import Painter, sparkline

if TYPE_CHECKING:
    from game.i18n import Translator
    from sim.model import RegieModel


@dataclass(frozen=True)
class Tile:
    """One indicator."""

    key: str
    series: tuple[str, ...]  # daily series summed into the sparkline
    unit: str
    readers: tuple[str, ...] | None  # None: public
    live: Callable[[RegieModel], float]
    ref: Callable[[RegieModel], float] | None = None  # budget, threshold line
    lo: float | None = None
    hi: float | None = None
    higher_is_better: bool = True


def _budget_to_date(m: RegieModel) -> float:
    elapsed = (m.hour / 24.0) / max(m.hours / 24.0, 1.0)
    return elapsed * m.gemeente.cfg.budget_eur_per_season


TILES: tuple[Tile, ...] = (
    Tile("reachability", ("reachability_pct",), "pct", None,
         lambda m: m.kpi.last_day_reachability, lo=0.0, hi=100.0),
    Tile("incidents", ("slips", "accidents"), "int", None,
         lambda m: m.citizens.slips + m.citizens.accidents, higher_is_better=False),
    Tile("complaints", ("complaints",), "int", None,
         lambda m: m.citizens.complaints, higher_is_better=False),
    Tile("satisfaction", ("satisfaction",), "pct", None,
         lambda m: 100.0 * m.citizens.mean_satisfaction, lo=0.0, hi=100.0),
    Tile("cost", ("cost_total_eur",), "eur", ("regisseur", "wethouder"),
         lambda m: m.gemeente.total_cost_eur(), ref=_budget_to_date, higher_is_better=False),
    Tile("trust_g", ("trust_gemeente_in_executor",), "frac", ("regisseur",),
         lambda m: m.governance.rel.trust_g_in_e, lo=0.0, hi=1.0),
    Tile("trust_e", ("trust_executor_in_gemeente",), "frac", ("executor",),
         lambda m: m.governance.rel.trust_e_in_g, lo=0.0, hi=1.0),
    Tile("attention", ("attention",), "score", ("wethouder",),
         lambda m: m.wethouder.attention, ref=lambda m: m.wethouder.cfg.intervention_threshold,
         lo=0.0, higher_is_better=False),
)


def series(model: RegieModel, tile: Tile, days: int = SPARK_DAYS) -> list[float]:
    """The tile's daily values, last `days` days."""
    cols = model.datacollector.model_vars
    rows = [cols.get(name, []) for name in tile.series]
    n = min((len(r) for r in rows), default=0)
    start = max(0, n - days)
    return [float(sum(r[i] for r in rows)) for i in range(start, n)]


def visible(tile: Tile, role: str | None) -> bool:
    """Whether the looking role may see this tile (None: trainer or observer sees all)."""
    return role is None or tile.readers is None or role in tile.readers


def draw_dashboard(surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator,
                   model: RegieModel, role: str | None) -> None:
    """All tiles in two columns inside `rect`."""
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
        if not visible(tile, role):
            p.text(surface, tr("dashboard.hidden"), (r.x + p.px(6), r.y + p.px(20)), 12,
                   c["muted"], max_width=r.w - 8)
            continue
        value = tile.live(model)
        colour = c["text"]
        ref = tile.ref(model) if tile.ref is not None else None
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
        sparkline(surface, spark, series(model, tile), c["spark"],
                  ref=ref if tile.key == "attention" else None, ref_colour=c["spark_ref"],
                  lo=tile.lo, hi=tile.hi, width=max(1, p.px(2)))
