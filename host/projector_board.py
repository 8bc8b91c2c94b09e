"""The projector's class scoreboard: the tables side by side on the chosen public
indicators, who holds each seat, and whom each table's clock waits for (a mixin of
:class:`host.projector.Projector`; it draws and changes nothing)."""

from __future__ import annotations

import pygame

from game.dashboard import TILES
from game.ui import sparkline
from host.projector_view import ClassView, TableBoard, text
from sim.observation import ROLES

TILE = {t.key: t for t in TILES}
ROLE_LETTER = {
    "nl": {"regisseur": "R", "executor": "U", "wethouder": "W"},
    "en": {"regisseur": "R", "executor": "E", "wethouder": "W"},
}


def shown_value(value: float, key: str) -> float:
    """A value rounded as the scoreboard shows it (whole numbers, fractions to 2 places)."""
    return round(value) if TILE[key].unit in ("pct", "int") else round(value, 2)


class ScoreboardPanel:
    """Painters of the scoreboard; the projector provides painter, tr, lang, board_rect."""

    def _draw_board(self, surface: pygame.Surface, view: ClassView) -> None:
        p, c = self.painter, self.painter.colours
        inner = p.panel(surface, self.board_rect, text(self.lang, "scoreboard"), 13)
        tables = view.tables
        if not tables:
            return
        name_w = inner.w * 3 // 10
        col_w = (inner.w - name_w) // max(len(view.kpis), 1)
        head_h = p.line_height(12) * 2 + p.px(4)
        for i, key in enumerate(view.kpis):
            x = inner.x + name_w + i * col_w
            label = text(self.lang, f"kpi.{key}")
            p.text(
                surface,
                label,
                (x + col_w - p.px(6), inner.y),
                12,
                c["muted"],
                bold=True,
                anchor="topright",
                max_width=col_w - p.px(6),
            )
            unit = self._unit_hint(key)
            if unit:
                p.text(
                    surface,
                    unit,
                    (x + col_w - p.px(6), inner.y + p.line_height(12)),
                    10,
                    c["muted"],
                    anchor="topright",
                    max_width=col_w - p.px(6),
                )
        legend_h = p.line_height(10) + p.px(4)
        row_h = min((inner.h - head_h - legend_h) // len(tables), p.px(100))
        best = {key: self._best(tables, key) for key in view.kpis}
        for n, board in enumerate(tables):
            row = pygame.Rect(inner.x, inner.y + head_h + n * row_h, inner.w, row_h - p.px(3))
            self._draw_row(surface, view, board, row, name_w, col_w, best)
        self._draw_seat_legend(
            surface, pygame.Rect(inner.x, inner.bottom - legend_h, inner.w, legend_h)
        )

    def _unit_hint(self, key: str) -> str:
        return {"pct": "%", "frac": "%"}.get(TILE[key].unit, "")

    @staticmethod
    def _best(tables: list[TableBoard], key: str) -> float | None:
        """The best value of a column as shown (None with one table, or when every table
        shows the same figure: a mark between equal-looking numbers would mislead)."""
        values = [shown_value(t.kpis[key]["value"], key) for t in tables if key in t.kpis]
        if len(values) < 2 or max(values) == min(values):
            return None
        return max(values) if TILE[key].higher_is_better else min(values)

    def _draw_row(
        self,
        surface: pygame.Surface,
        view: ClassView,
        board: TableBoard,
        row: pygame.Rect,
        name_w: int,
        col_w: int,
        best: dict,
    ) -> None:
        p, c, tr = self.painter, self.painter.colours, self.tr
        pygame.draw.rect(surface, c["map_bg"], row, border_radius=p.px(3))
        name = p.text(
            surface,
            text(self.lang, "table", n=board.number),
            (row.x + p.px(6), row.y + p.px(2)),
            17,
            bold=True,
        )
        self._draw_seats(surface, board, (name.right + p.px(8), name.y + p.px(3)))
        if board.finished:
            status, colour = text(self.lang, "finished"), "muted"
        elif board.paused:
            status, colour = text(self.lang, "paused"), "warn"
        elif board.waiting:
            roles = ", ".join(tr(f"words.role_short.{r}") for r in board.waiting)
            status, colour = text(self.lang, "waiting", roles=roles), "warn"
        else:
            status, colour = "", "muted"
        if status:
            p.text(
                surface,
                status,
                (row.x + p.px(6), name.bottom),
                11,
                c[colour],
                bold=True,
                max_width=name_w - p.px(8),
            )
        for i, key in enumerate(view.kpis):
            kpi = board.kpis.get(key)
            if kpi is None:
                continue
            cell = pygame.Rect(row.x + name_w + i * col_w, row.y, col_w, row.h)
            tile = TILE[key]
            value = kpi["value"]
            shown = tr.number(value) if tile.unit in ("pct", "int") else tr.value(tile.unit, value)
            top = best.get(key) is not None and shown_value(value, key) == best[key]
            r = p.text(
                surface,
                shown,
                (cell.right - p.px(6), cell.y + p.px(1)),
                20,
                c["accent"] if top else c["text"],
                bold=True,
                anchor="topright",
                max_width=col_w - p.px(8),
            )
            spark = pygame.Rect(
                cell.x + p.px(8), r.bottom, cell.w - p.px(14), cell.bottom - r.bottom - p.px(4)
            )
            if spark.h >= p.px(8):
                sparkline(
                    surface,
                    spark,
                    kpi["series"],
                    c["spark"],
                    lo=tile.lo,
                    hi=tile.hi,
                    width=max(1, p.px(1)),
                )

    def _draw_seats(self, surface: pygame.Surface, board: TableBoard, pos: tuple[int, int]) -> None:
        """A box per seat with the role's letter: filled for a connected device, crossed
        for a device that dropped out, an outline for a bot (shape, not colour alone)."""
        p, c = self.painter, self.painter.colours
        size = p.px(15)
        x, y = pos
        for role in ROLES:
            box = pygame.Rect(x, y, size, size)
            letter = ROLE_LETTER[self.lang][role]
            if board.seats.get(role) is not None:  # a bot
                pygame.draw.rect(surface, c["muted"], box, max(1, p.px(1)))
                ink = c["muted"]
            elif board.online.get(role):
                pygame.draw.rect(surface, c["good"], box)
                ink = (0, 0, 0)
            else:
                pygame.draw.rect(surface, c["bad"], box)
                pygame.draw.line(surface, (0, 0, 0), box.topleft, box.bottomright, p.px(1))
                ink = (0, 0, 0)
            p.text(surface, letter, box.center, 10, ink, bold=True, anchor="center")
            x += size + p.px(4)

    def _draw_seat_legend(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        p, c = self.painter, self.painter.colours
        parts = [text(self.lang, k) for k in ("seat_device", "seat_offline", "seat_bot")]
        kinds = [("fill", c["good"]), ("cross", c["bad"]), ("line", c["muted"])]
        x = rect.x
        size = p.px(10)
        for label, (kind, colour) in zip(parts, kinds, strict=True):
            box = pygame.Rect(x, rect.y + p.px(4), size, size)
            if kind == "line":
                pygame.draw.rect(surface, colour, box, max(1, p.px(1)))
            else:
                pygame.draw.rect(surface, colour, box)
                if kind == "cross":
                    pygame.draw.line(surface, (0, 0, 0), box.topleft, box.bottomright)
            r = p.text(surface, label, (box.right + p.px(4), rect.y + p.px(1)), 10, c["muted"])
            x = r.right + p.px(14)
        roles = "  ".join(
            f"{ROLE_LETTER[self.lang][r]} = {self.tr(f'words.role_short.{r}')}" for r in ROLES
        )
        p.text(
            surface,
            roles,
            (x + p.px(10), rect.y + p.px(1)),
            10,
            c["muted"],
            max_width=rect.right - x - p.px(10),
        )
