"""The projector during the design phase (issue 14): the contract on the table of the
shown table (each item with the gemeente's and the executor's standing offer, the open
ones marked), whose move and the table clock in large type, and a line per table of the
class. Read from the public view only (observe_public's `design`)."""

from __future__ import annotations

import pygame

from game.design_words import rows
from host.projector_view import ClassView, text

TITLE = 15  # text sizes [pt at the reference height]: titles
BIG = 20  # whose move and the clock
ROW = 14  # the items and the tables' lines


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
        self._draw_terms(surface, view, left)
        self._draw_design_tables(surface, view, right)

    def _draw_terms(self, surface: pygame.Surface, view: ClassView, rect: pygame.Rect) -> None:
        p, c, tr = self.painter, self.painter.colours, self.tr
        d = view.public.get("design")
        title = text(self.lang, "design_title", n=view.map_table)
        inner = p.panel(surface, rect, title, TITLE)
        if d is None:
            return
        y = inner.y
        turn = tr(f"words.role.{d['turn']}") if d["turn"] else "—"
        status = (
            tr("design.turn", role=turn)
            if d["status"] == "open"
            else tr(f"words.design_outcome.{d['status']}")
        )
        r = p.text(surface, status, (inner.x, y), BIG, c["accent"], bold=True, max_width=inner.w)
        clock = tr(
            "design.clock",
            left=tr.number(d["minutes_left"]),
            per=tr.number(d["minutes_per_move"]),
        )
        r = p.text(surface, clock, (inner.x, r.bottom), ROW, bold=True, max_width=inner.w)
        asked = d["offers"]["regisseur"]
        lines = rows(tr, asked or d["start"], d["offers"]["executor"], d["start_fee_eur"])
        label_w, col_w = inner.w * 44 // 100, inner.w * 28 // 100
        y = r.bottom + p.px(10)
        heads = (
            tr("design.item"),
            tr("design.gemeente" if asked else "design.start"),
            tr("design.executor"),
        )
        for n, head in enumerate(heads):
            x = inner.x + (0 if n == 0 else label_w + (n - 1) * col_w)
            p.text(surface, head, (x, y), ROW - 2, c["muted"], bold=True, max_width=col_w)
        y += p.line_height(ROW - 2) + p.px(4)
        foot = p.line_height(ROW) * 2 + p.px(6)
        row_h = min((inner.bottom - y - foot) // len(lines), p.line_height(ROW) * 2 + p.px(4))
        for line in lines:
            if line["open"]:  # an orange bar in the margin, the two values in orange
                bar = pygame.Rect(inner.x - p.px(5), y + p.px(2), p.px(3), row_h - p.px(6))
                pygame.draw.rect(surface, c["warn"], bar)
            cells = (line["label"], line["gemeente"], line["executor"])
            for n, cell in enumerate(cells):
                x = inner.x + (0 if n == 0 else label_w + (n - 1) * col_w)
                width = (label_w if n == 0 else col_w) - p.px(8)
                colour = c["warn"] if line["open"] and n > 0 else None
                self._cell(surface, cell, (x, y + p.px(2)), width, n > 0, colour)
            y += row_h
        conditions = ", ".join(tr(f"words.condition.{k}") for k in d["conditions"])
        line = f"{tr('design.conditions')}: {conditions or tr('design.none')}"
        p.text(
            surface,
            line,
            (inner.x, inner.bottom - foot + p.px(6)),
            ROW,
            c["muted"],
            max_width=inner.w,
        )
        left = tr("design.open_count", n=len(d["open_items"]), total=len(lines))
        p.text(
            surface,
            left,
            (inner.x, inner.bottom - p.line_height(ROW)),
            ROW,
            c["warn"],
            bold=True,
            max_width=inner.w,
        )

    def _cell(
        self,
        surface: pygame.Surface,
        words: str,
        pos: tuple[int, int],
        width: int,
        bold: bool,
        colour: tuple | None = None,
    ) -> None:
        """A cell of the terms: wrapped onto two lines where it needs them."""
        p = self.painter
        lines = p.wrap(words, ROW, width, bold)
        if len(lines) > 2:
            lines = [lines[0], " ".join(lines[1:])]
        x, y = pos
        for line in lines:
            y = p.text(surface, line, (x, y), ROW, colour, bold=bold, max_width=width).bottom

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
            if d["status"] == "open":
                turn = tr(f"words.role.{d['turn']}") if d["turn"] else "—"
                first = tr("design.turn", role=turn)
                second = text(
                    self.lang,
                    "design_line",
                    left=tr.number(d["minutes_left"]),
                    open=d["open_items"],
                    items=d["items"],
                )
                colour = c["warn"]
            else:
                first, second = tr(f"words.design_outcome.{d['status']}"), ""
                colour = c["good"]
            r = p.text(
                surface, first, (inner.x, r.bottom), ROW, colour, bold=True, max_width=inner.w
            )
            if second:
                r = p.text(surface, second, (inner.x, r.bottom), ROW, max_width=inner.w)
            y = r.bottom + p.px(12)
