"""The projector during the design phase (issue 14): the contract on the table of the
shown table (game.design_board: both sides' offers, the open items marked, whose move and
the table clock in large type) beside a line per table of the class. Read from the public
view only (observe_public's `design`)."""

from __future__ import annotations

import pygame

from game.design_board import BIG, ROW, TITLE, Board
from host.projector_view import ClassView, text


def design_open(view: ClassView) -> bool:
    """Whether a table of the class is writing its contract now."""
    return any(t.design is not None and t.design["status"] == "open" for t in view.tables)


class DesignPanel:
    """Painter of the design board; the projector provides painter, tr, lang, body."""

    def _draw_design(self, surface: pygame.Surface, view: ClassView) -> None:
        p = self.painter
        body = self.body
        left = pygame.Rect(body.x, body.y, body.w * 2 // 3, body.h)
        right = pygame.Rect(left.right + p.px(8), body.y, body.right - left.right - p.px(8), body.h)
        d = view.public.get("design")
        if d is not None:
            title = text(self.lang, "design_title", n=view.map_table)
            Board(p, self.tr).terms(surface, left, d, title)
        self._draw_design_tables(surface, view, right)

    def _draw_design_tables(
        self, surface: pygame.Surface, view: ClassView, rect: pygame.Rect
    ) -> None:
        p, c, tr = self.painter, self.painter.colours, self.tr
        inner = p.panel(surface, rect, text(self.lang, "design_class"), TITLE)
        y = inner.y
        for board in view.tables:
            d = board.design
            if d is None:
                continue
            r = p.text(
                surface,
                text(self.lang, "table", n=board.number),
                (inner.x, y),
                BIG,
                bold=True,
                max_width=inner.w,
            )
            second = ""
            if d["status"] == "open":
                turn = tr(f"words.role.{d['turn']}") if d["turn"] else "—"
                first, colour = tr("design.turn", role=turn), c["warn"]
                second = text(
                    self.lang,
                    "design_line",
                    left=tr.number(d["minutes_left"]),
                    open=d["open_items"],
                    items=d["items"],
                )
            else:
                first, colour = tr(f"words.design_outcome.{d['status']}"), c["good"]
            r = p.text(
                surface, first, (inner.x, r.bottom), ROW, colour, bold=True, max_width=inner.w
            )
            if second:
                r = p.text(surface, second, (inner.x, r.bottom), ROW, max_width=inner.w)
            y = r.bottom + p.px(12)
