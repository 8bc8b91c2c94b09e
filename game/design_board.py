"""The design phase painted for a room (issue 14): the contract on the table (each item
with the gemeente's and the executor's standing offer, open ones marked in orange, whose
move, the table clock, the wethouder's conditions) and the gladheidbestrijdingsplan
(reference, the executor's draft, what the gemeente asked). Drawn from the phase's public
view (observe_public's `design`) by the game's design screen and the host's projector;
drawing changes nothing."""

from __future__ import annotations

import pygame

from game.design_words import plan_text, rows
from sim.design.plan import PLAN_ITEMS

TITLE = 15  # text sizes [pt]: a board's title
BIG = 20  # whose move
ROW = 14  # the clock, the items and their values
MIN_SIZE = 8  # a row's text shrinks to fit its height, not below this [pt]
SHRINK = 3  # a row's text may shrink this much to wrap a long label onto two lines [pt]


class Board:
    """Paints the boards with a game Painter and Translator; `sizes` are the title's,
    whose move's and a row's text sizes (a row's shrinks to fit its height)."""

    def __init__(self, painter, tr, sizes: tuple[int, int, int] = (TITLE, BIG, ROW)) -> None:
        self.p = painter
        self.tr = tr
        self.title, self.big, self.size = sizes
        self.two_lines = True  # whether a row has room for a wrapped second line

    def fit_rows(self, height: int, n: int) -> int:
        """The height of each of n rows in `height`, with the row text size set so a line
        fits it (and whether a second line does)."""
        p, base = self.p, self.size
        row_h = min(height // n, p.line_height(base) * 2 + p.px(4))
        # Two lines (a long label wrapped) at up to SHRINK points smaller, else one line.
        for size in range(base, max(MIN_SIZE, base - SHRINK) - 1, -1):
            if 2 * p.line_height(size) <= row_h:
                self.size, self.two_lines = size, True
                return row_h
        while self.size > MIN_SIZE and p.line_height(self.size) + p.px(2) > row_h:
            self.size -= 1
        self.two_lines = False
        return row_h

    def cell(
        self,
        surface: pygame.Surface,
        words: str,
        pos: tuple[int, int],
        width: int,
        bold: bool = False,
        colour: tuple | None = None,
    ) -> int:
        """A cell, wrapped onto two lines where a row has room; returns its bottom [px]."""
        p, size = self.p, self.size
        lines = p.wrap(words, size, width, bold) or [""]
        if not self.two_lines:
            lines = [words]
        elif len(lines) > 2:
            lines = [lines[0], " ".join(lines[1:])]
        x, y = pos
        for line in lines:
            y = p.text(surface, line, (x, y), size, colour, bold=bold, max_width=width).bottom
        return y

    def status(self, d: dict) -> str:
        """Whose move (or how the phase ended)."""
        tr = self.tr
        if d["status"] != "open":
            return tr(f"words.design_outcome.{d['status']}")
        return tr("design.turn", role=tr(f"words.role.{d['turn']}") if d["turn"] else "—")

    def terms(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        d: dict,
        title: str,
        compact: bool = False,
    ) -> None:
        """The contract on the table in a framed panel; `compact` (a game screen) puts the
        clock and the wethouder's conditions on one foot line after what is open."""
        p, c, tr = self.p, self.p.colours, self.tr
        inner = p.panel(surface, rect, title, self.title)
        clock = tr(
            "design.clock", left=tr.number(d["minutes_left"]), per=tr.number(d["minutes_per_move"])
        )
        status = self.status(d)
        # A game screen (compact) keeps whose move alone on the first line and puts the
        # clock at the foot, so neither is cut off on half a screen.
        lines = (
            [(status, self.big, c["accent"])]
            if compact
            else [(status, self.big, c["accent"]), (clock, self.size, None)]
        )
        y = inner.y
        for text, size, colour in lines:
            y = p.text(
                surface, text, (inner.x, y), size, colour, bold=True, max_width=inner.w
            ).bottom
        asked = d["offers"]["regisseur"]
        items = rows(tr, asked or d["start"], d["offers"]["executor"], d["start_fee_eur"])
        heads = (
            tr("design.item"),
            tr("design.gemeente" if asked else "design.start"),
            tr("design.executor"),
        )
        y = self.header(surface, inner, y + p.px(6), heads)
        conditions = ", ".join(tr(f"words.condition.{k}") for k in d["conditions"])
        said = f"{tr('design.conditions')}: {conditions or tr('design.none')}"
        left = tr("design.open_count", n=len(d["open_items"]), total=len(items))
        # A game screen (compact) has one foot line, what matters most first: what is
        # open, the clock, then the conditions (cut off first on half a screen).
        short = tr("design.clock_short", left=tr.number(d["minutes_left"]))
        foot = (
            [(f"{left} · {short} · {said}", c["warn"])]
            if compact
            else [(said, c["muted"]), (left, c["warn"])]
        )
        lh = p.line_height(self.size)
        row_h = self.fit_rows(inner.bottom - y - lh * len(foot) - p.px(6), len(items))
        for line in items:
            cells = (line["label"], line["gemeente"], line["executor"])
            self.row(surface, inner, y, row_h, cells, line["open"])
            y += row_h
        lh = p.line_height(self.size)
        for n, (text, colour) in enumerate(foot):
            y = inner.bottom - (len(foot) - n) * lh
            p.text(
                surface,
                text,
                (inner.x, y),
                self.size,
                colour,
                bold=n == len(foot) - 1,
                max_width=inner.w,
            )

    def plan(self, surface: pygame.Surface, rect: pygame.Rect, plan: dict) -> None:
        """The plan: reference, draft and what was asked, changed items marked."""
        p, c, tr = self.p, self.p.colours, self.tr
        inner = p.panel(surface, rect, tr("design.plan"), self.title)
        columns = [k for k in ("reference", "draft", "asked") if plan[k] is not None]
        heads = (tr("design.item"), *(tr(f"design.plan_{k}") for k in columns))
        y = self.header(surface, inner, inner.y, heads)
        foot = p.line_height(self.size) * 2 + p.px(6)
        row_h = self.fit_rows(inner.bottom - y - foot, len(PLAN_ITEMS))
        for item in PLAN_ITEMS:
            values = [plan_text(tr, item, plan[k][item], short=True) for k in columns]
            changed = plan["asked"] is not None and plan["asked"][item] != plan["draft"][item]
            self.row(surface, inner, y, row_h, (tr(f"words.plan_item.{item}"), *values), changed)
            y += row_h
        price = plan["price"]["asked"] or plan["price"]["draft"]
        if price is not None:
            text = tr(
                "design.plan_price",
                fee=tr.money(price["fee_eur"]),
                unit=tr.money(price["unit_eur"]),
            )
            self.two_lines = True
            self.cell(surface, text, (inner.x, y + p.px(4)), inner.w, colour=c["muted"])

    def header(self, surface: pygame.Surface, inner: pygame.Rect, y: int, heads) -> int:
        """The column heads; returns the first row's top [px]."""
        p = self.p
        size = max(MIN_SIZE, self.size - 2)
        for (x, width), head in zip(self.columns(inner, len(heads)), heads, strict=True):
            p.text(surface, head, (x, y), size, p.colours["muted"], bold=True, max_width=width)
        return y + p.line_height(size) + p.px(4)

    def row(
        self, surface: pygame.Surface, inner: pygame.Rect, y: int, row_h: int, cells, marked: bool
    ) -> None:
        """One item: its label and values; a marked (open) item in orange with a bar."""
        p, c = self.p, self.p.colours
        if marked:
            bar = pygame.Rect(inner.x - p.px(5), y + p.px(2), p.px(3), row_h - p.px(6))
            pygame.draw.rect(surface, c["warn"], bar)
        columns = self.columns(inner, len(cells))
        for n, ((x, width), cell) in enumerate(zip(columns, cells, strict=True)):
            colour = c["warn"] if marked and n > 0 else None
            self.cell(surface, cell, (x, y + p.px(2)), width, n > 0, colour)

    def columns(self, inner: pygame.Rect, n: int) -> list[tuple[int, int]]:
        """(x, width) of n columns: the label takes 44 %, the values share the rest."""
        label = inner.w * 44 // 100
        value = (inner.w - label) // max(n - 1, 1)
        gap = self.p.px(8)
        out = [(inner.x, label - gap)]
        out += [(inner.x + label + i * value, value - gap) for i in range(n - 1)]
        return out
