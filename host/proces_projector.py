"""The projector of a procesregie class (a pygame window): the network of parties at one
table, the phase of wyberen, a class scoreboard with the family's KPIs side by side, the
join codes with a QR code of the page, and a held week's discussion question.

It reads a :class:`ProcesClassView` built from the public view only
(``sim.procesregie.view.observe_public``): no party's brief reaches the class's screen.
The network is the game's drawing (``game.procesregie.network``). Keys: T the table whose
network is shown, J the join codes, L the language.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.i18n import Translator
from game.procesregie.network import draw_network
from game.settings import THEMES
from game.ui import Painter
from host.proces import PAGE_UNITS, clock_text, kpi_labels, scoreboard, seat_word
from host.qr import qr_surface
from sim import words
from sim.procesregie.view import observe_public

if TYPE_CHECKING:
    from host.classroom import Classroom
    from host.hub import Hub

DESIGN_HEIGHT = 1080  # the layout's reference height [px] (as host/projector.py)
BASE_SCALE = 2.0  # painter scale at the reference height
VIEW_S = 0.25  # the class view is rebuilt at most this often [s]
BODY = 11
TITLE = 14


def _words(lang: str) -> dict[str, str]:
    """The projector's texts in a language (catalogue section host_proces, projector_*)."""
    keys = ("board", "table", "network", "paused", "waits", "over", "join", "discuss")
    return {k: words.word("host_proces", f"projector_{k}", lang) for k in keys}


@dataclass(frozen=True)
class ProcesClassView:
    """What the projector shows (public data only)."""

    title: str
    public: dict  # observe_public of the table whose network is shown
    shown: int
    tables: list[dict]  # per table: number, clock (words), status, kpis
    join: list[tuple[int, str, str]]  # (table, seat, code)
    url: str
    show_join: bool
    question: str | None
    lang: str


def class_view(classroom: Classroom, hub: Hub, lang: str, shown: int = 1) -> ProcesClassView:
    """The class now, from the tables' public views."""
    tables = []
    for t in classroom.tables:
        clock = t.clock()
        if clock["ended"]:
            status = "over"
        elif t.state.paused:
            status = "paused"
        else:
            who = ", ".join(seat_word(s, lang).split(" (")[0] for s in clock["waiting"])
            status = f"waits:{who}" if who else ""
        kpis = scoreboard(t)
        tables.append(
            {"n": t.number, "clock": clock_text(t.state.view, lang), "status": status, "kpis": kpis}
        )
    shown = min(max(shown, 1), len(classroom.tables))
    held = classroom.hold is not None and any(t.held for t in classroom.tables)
    scenario = classroom.scenario.meta
    return ProcesClassView(
        title=scenario.title_nl if lang == "nl" else scenario.title_en,
        public=observe_public(classroom.table(shown).model),
        shown=shown,
        tables=tables,
        join=[(t.number, s, t.codes[s]) for t in classroom.tables for s in t.seats],
        url=hub.url,
        show_join=all(t.state.paused for t in classroom.tables),
        question=classroom.hold.question if held else None,
        lang=lang,
    )


class ProcesProjector:
    """Paints a :class:`ProcesClassView` (nothing else is read)."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        self.p = Painter(THEMES["projector"], BASE_SCALE * size[1] / DESIGN_HEIGHT)

    def paint(self, surface: pygame.Surface, view: ProcesClassView) -> None:
        p, tr, texts = self.p, Translator(view.lang), _words(view.lang)
        c = p.colours
        surface.fill(c["bg"])
        w, h = self.size
        top = p.text(surface, view.title, (p.px(10), p.px(6)), TITLE, bold=True, max_width=w)
        body = pygame.Rect(p.px(8), top.bottom + p.px(8), w - p.px(16), h - top.bottom - p.px(16))
        if view.question:
            self._question(surface, body, view, texts)
            return
        left = pygame.Rect(body.x, body.y, body.w * 9 // 20, body.h)
        right = pygame.Rect(left.right + p.px(8), body.y, body.right - left.right - p.px(8), body.h)
        shown = view.tables[view.shown - 1]
        inner = p.panel(surface, left, texts["network"].format(n=view.shown), BODY)
        line = p.text(surface, shown["clock"], inner.topleft, BODY, bold=True, max_width=inner.w)
        net = pygame.Rect(inner.x, line.bottom + p.px(4), inner.w, inner.bottom - line.bottom)
        draw_network(surface, net, p, tr, view.public)
        if view.show_join:
            self._join(surface, right, view, texts)
        else:
            self._board(surface, right, view, texts)

    def _board(self, surface, rect, view, texts) -> None:
        p = self.p
        c = p.colours
        inner = p.panel(surface, rect, texts["board"], BODY)
        labels = kpi_labels()
        keys = list(labels)
        name_w = inner.w // 5
        col_w = (inner.w - name_w) // max(len(keys), 1)
        y = inner.y
        head_h = 3 * p.line_height(BODY - 2)
        for i, key in enumerate(keys):
            x = inner.x + name_w + i * col_w
            lines = p.wrap(labels[key]["label"][view.lang], BODY - 2, col_w - p.px(4))[:3]
            for j, part in enumerate(lines):
                p.text(
                    surface,
                    part,
                    (x, y + j * p.line_height(BODY - 2)),
                    BODY - 2,
                    c["muted"],
                    max_width=col_w - p.px(4),
                )
        y += head_h + p.px(4)
        row_h = max(
            p.line_height(TITLE) + p.line_height(BODY - 2) + p.px(6),
            (inner.bottom - y) // max(len(view.tables), 6),
        )
        for table in view.tables:
            p.text(
                surface,
                texts["table"].format(n=table["n"]),
                (inner.x, y),
                BODY,
                bold=True,
                max_width=name_w,
            )
            status = table["status"]
            if status.startswith("waits:"):
                status = texts["waits"].format(who=status[6:])
            elif status:
                status = texts[status]
            note = f"{table['clock'].split(' · ')[0]} {status}".strip()
            p.text(
                surface,
                note,
                (inner.x, y + p.line_height(BODY)),
                BODY - 3,
                c["muted"],
                max_width=name_w - p.px(4),
            )
            for i, key in enumerate(keys):
                value = table["kpis"].get(key, 0.0)
                unit = PAGE_UNITS.get(key, "")
                shown = f"{value:.0f}" if unit in ("int", "pct") else f"{value:.2f}"
                shown = shown + (" %" if unit == "pct" else "")
                if view.lang == "nl":
                    shown = shown.replace(".", ",")
                p.text(
                    surface,
                    shown,
                    (inner.x + name_w + i * col_w, y),
                    TITLE,
                    bold=True,
                    max_width=col_w - p.px(4),
                )
            y += row_h
            if y > inner.bottom - row_h // 2:
                break

    def _join(self, surface, rect, view, texts) -> None:
        p = self.p
        inner = p.panel(surface, rect, texts["join"].format(url=view.url), BODY)
        side = min(inner.h // 3, inner.w // 3)
        qr = qr_surface(view.url, side)
        surface.blit(qr, qr.get_rect(topright=inner.topright))
        y = inner.y
        width = inner.w - qr.get_width() - p.px(8)
        for n in sorted({t for t, _, _ in view.join}):
            p.text(surface, texts["table"].format(n=n), (inner.x, y), BODY, bold=True)
            y += p.line_height(BODY)
            for _, seat, code in (j for j in view.join if j[0] == n):
                name = seat_word(seat, view.lang).split(" (")[0]
                p.text(
                    surface,
                    f"{code}  {name}",
                    (inner.x + p.px(8), y),
                    BODY - 1,
                    max_width=width if y < inner.y + side else inner.w,
                )
                y += p.line_height(BODY - 1)
            y += p.px(4)
            if y > inner.bottom - p.line_height(BODY):
                break

    def _question(self, surface, body, view, texts) -> None:
        p = self.p
        inner = p.panel(surface, body, texts["discuss"], TITLE)
        y = inner.y + p.px(20)
        for line in p.wrap(view.question or "", TITLE + 6, inner.w - p.px(20)):
            r = p.text(surface, line, (inner.x + p.px(10), y), TITLE + 6, bold=True)
            y = r.bottom + p.px(4)


class ProcesProjectorFeed:
    """The projector window fed from the classroom (the clock calls it each frame)."""

    def __init__(
        self,
        classroom: Classroom,
        hub: Hub,
        lang: str,
        every: float = VIEW_S,
        size: tuple[int, int] = (1920, 1080),
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Regiekamer")
        self.classroom, self.hub, self.lang, self.every = classroom, hub, lang, every
        self.shown, self.join = 1, None  # the trainer's keys: T and J
        self.view: ProcesClassView | None = None
        self._key: object = None
        self._at = -1.0

    def __call__(self) -> bool:
        """One frame; False once the window was closed."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                return False
            if event.type == pygame.KEYDOWN:
                self.press(event.key)
        tables = self.classroom.tables
        if not any(t.busy for t in tables):
            key = (tuple(self.hub.table_key(t) for t in tables), self.shown, self.join, self.lang)
            now = time.monotonic()
            if key != self._key and now - self._at >= self.every:
                self._key, self._at = key, now
                self.view = class_view(self.classroom, self.hub, self.lang, self.shown)
                if self.join is not None:
                    self.view = replace(self.view, show_join=self.join)
                ProcesProjector(self.screen.get_size()).paint(self.screen, self.view)
                pygame.display.flip()
        return True

    def press(self, key: int) -> None:
        """T: the next table's network; J: join codes on or off; L: the language."""
        if key == pygame.K_t:
            self.shown = self.shown % len(self.classroom.tables) + 1
        elif key == pygame.K_j:
            self.join = not (self.view.show_join if self.view else False)
        elif key == pygame.K_l:
            self.lang = "en" if self.lang == "nl" else "nl"

    def save(self, path: str | Path) -> Path:
        """A screenshot of the window (PNG)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path

    def close(self) -> None:
        pygame.display.quit()
