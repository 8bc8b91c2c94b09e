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
    """One row per indicator the viewer may see: name, value (against its reference, if it
    has one) and a sparkline of the last days. Indicators the viewer may not see are left
    out rather than shown as "hidden": the room goes to what the role can use."""
    c = p.colours
    inner = p.panel(surface, rect, tr("dashboard.title"), 12)
    shown = [t for t in TILES if t.key in kpis]
    lh = p.line_height(12)
    labels = {t.key: tr(f"dashboard.{t.key}") for t in shown}
    label_w = max((p.font(12).size(x)[0] for x in labels.values()), default=0) + p.px(10)
    value_w = max(p.font(12, True).size(_value(tr, t, kpis[t.key]))[0] for t in shown) \
        if shown else 0
    spark_x = inner.x + label_w + value_w + p.px(12)
    for i, tile in enumerate(shown):
        y = inner.y + i * lh
        if y + lh > inner.bottom + p.px(2):
            break
        kpi = kpis[tile.key]
        value, ref = kpi["value"], kpi["ref"]
        colour = c["text"]
        if ref is not None and not tile.ref_line:
            colour = c["good"] if (value > ref) == tile.higher_is_better else c["bad"]
        p.text(surface, labels[tile.key], (inner.x, y), 12, c["muted"])
        p.text(surface, _value(tr, tile, kpi), (inner.x + label_w, y), 12, colour, bold=True)
        spark = pygame.Rect(spark_x, y + p.px(4), inner.right - spark_x, lh - p.px(8))
        sparkline(surface, spark, kpi["series"], c["spark"],
                  ref=ref if tile.ref_line else None, ref_colour=c["spark_ref"],
                  lo=tile.lo, hi=tile.hi, width=max(1, p.px(2)))


def _value(tr: Translator, tile: Tile, kpi: dict) -> str:
    """The value, with its reference when it has one ('€ 3.010 / 4.762')."""
    text = tr.value(tile.unit, kpi["value"])
    if kpi["ref"] is not None:
        text = tr(f"dashboard.ref_{tile.key}", value=text, ref=tr.value(tile.unit, kpi["ref"]))
    return text
