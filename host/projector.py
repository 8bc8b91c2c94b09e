"""The projector: the class's shared screen while the tables play (a pygame window).

It shows the shared winter (date, weather, forecast and one table's town map), a class
scoreboard with the tables side by side on the public indicators the trainer picks, the
join codes with QR codes, and a held day's discussion question in large type. It reads a
:class:`host.projector_view.ClassView` (public views only) and has no controls: the
trainer steers from the console, so the class never sees injects being chosen.

Like the game's screens (game/scene.py): `update` may change the projector's caches (the
map's roads, the layout), `draw` changes nothing. Sizes follow the window's height and
are set for reading from 6 m: body text is about 1/36 of the picture's height, figures
about 1/24 (a rule of thumb for projected text: 1 inch of letter per 10 feet of distance).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple
from pathlib import Path

import pygame

from game.i18n import Translator
from game.mapview import LEGEND, MapView
from game.play_panels import forecast_line
from game.settings import THEMES
from game.ui import Painter
from host.projector_board import ScoreboardPanel
from host.projector_design import DesignPanel, design_open
from host.projector_view import ClassView, TrainerChoice, text
from host.qr import qr_surface
from sim.observation import ROLES

DESIGN_HEIGHT = 1080  # the layout's reference height [px]; sizes scale with the window
BASE_SCALE = 2.0  # painter scale at the reference height (font 14 -> 28 px)


class Projector(ScoreboardPanel, DesignPanel):
    """The projector's one screen: `update(view)` then `draw(surface)` each frame."""

    def __init__(self, size: tuple[int, int], lang: str = "nl") -> None:
        self.size = size
        self.lang = lang
        self.painter = Painter(THEMES["projector"], BASE_SCALE * size[1] / DESIGN_HEIGHT)
        self.tr = Translator(lang)
        self.view: ClassView | None = None
        self.map: MapView | None = None
        self._town = None
        self._qr: dict[tuple[str, int], pygame.Surface] = {}
        self._picture: pygame.Surface | None = None
        self._layout()

    # --- layout and caches (update only) ----------------------------------------------------
    def _layout(self) -> None:
        w, h = self.size
        p = self.painter
        self.top = pygame.Rect(0, 0, w, p.px(64))
        body = pygame.Rect(
            p.px(8), self.top.bottom + p.px(8), w - p.px(16), h - self.top.bottom - p.px(16)
        )
        self.map_rect = pygame.Rect(body.x, body.y, body.w * 2 // 5, body.h)
        self.board_rect = pygame.Rect(
            self.map_rect.right + p.px(8),
            body.y,
            body.right - self.map_rect.right - p.px(8),
            body.h,
        )
        self.body = body
        if self.map is not None:
            self._layout_map()

    def _layout_map(self) -> None:
        labels = {k: self.tr(f"legend.{k}") for k in LEGEND}
        inner = self.painter.panel(pygame.Surface((1, 1)), self.map_rect, " ", 13)
        self.map.layout(inner, labels)

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size: new scale, new layout."""
        if size != self.size:
            self.size = size
            self.painter = Painter(THEMES["projector"], BASE_SCALE * size[1] / DESIGN_HEIGHT)
            if self.map is not None:
                self.map = MapView(self._town, self.painter)
            self._qr.clear()
            self._layout()
            self._picture = None
            if self.view is not None:
                self.update(self.view)

    def set_language(self, lang: str) -> None:
        """Dutch or English."""
        if lang != self.lang:
            self.lang = lang
            self.tr = Translator(lang)
            if self.map is not None:
                self._layout_map()

    def update(self, view: ClassView) -> None:
        """Take the newest class view: language, the map's town and its roads' cache."""
        self.view = view
        self.set_language(view.lang)
        pub = view.public
        if pub is None:
            self._picture = None
            return
        if pub["town"] is not self._town:
            self._town = pub["town"]
            self.map = MapView(self._town, self.painter)
            self._layout_map()
        self.map.update(pub["roads"]["condition"])
        if view.show_join:
            for jc in view.join:
                self._qr_for(jc.url, self._qr_size(view))
        # The picture changes only with the view: paint it once here, blit it each frame.
        self._picture = pygame.Surface(self.size)
        self.paint(self._picture)

    def _qr_size(self, view: ClassView) -> int:
        tables = max((jc.table for jc in view.join), default=1)
        cell_w = self.body.w // max(tables, 1)
        cell_h = (self.body.h - self.painter.px(60)) // len(ROLES)
        return max(60, min(cell_w - self.painter.px(12), cell_h - self.painter.px(30)))

    def _qr_for(self, url: str, size: int) -> pygame.Surface:
        key = (url, size)
        if key not in self._qr:
            self._qr[key] = qr_surface(url, size)
        return self._qr[key]

    # --- a frame (draw changes nothing) ------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The picture of the current view (painted by `update`)."""
        if self._picture is not None and self._picture.get_size() == surface.get_size():
            surface.blit(self._picture, (0, 0))
        else:
            self.paint(surface)

    def paint(self, surface: pygame.Surface) -> None:
        """Paint the whole picture for the current view."""
        p, c = self.painter, self.painter.colours
        p.frame_texts = []
        surface.fill(c["bg"])
        view = self.view
        if view is None or view.public is None:
            p.text(
                surface,
                text(self.lang, "no_tables"),
                surface.get_rect().center,
                24,
                anchor="center",
            )
            return
        self._draw_top(surface, view)
        if view.show_join and view.join:
            self._draw_join(surface, view)
        elif design_open(view):  # before the winter: the contract on the table
            self._draw_design(surface, view)
        else:
            self._draw_map(surface, view)
            self._draw_board(surface, view)
        if view.question:
            self._draw_question(surface, view)

    def _when(self, pub: dict) -> str:
        start = pub["start_date"]
        if isinstance(start, str):
            start = dt.date.fromisoformat(start)
        return self.tr.when(start, pub["hour"])

    def _draw_top(self, surface: pygame.Surface, view: ClassView) -> None:
        p, c, tr = self.painter, self.painter.colours, self.tr
        pub = view.public
        pygame.draw.rect(surface, c["panel"], self.top)
        pygame.draw.line(
            surface, c["panel_edge"], self.top.bottomleft, self.top.bottomright, p.px(1)
        )
        x = p.px(10)
        r = p.text(surface, self._when(pub), (x, p.px(4)), 20, bold=True)
        if view.question:
            status, colour = text(self.lang, "held_short"), "warn"
        elif view.tables and all(t.paused for t in view.tables):
            status, colour = text(self.lang, "paused"), "warn"
        else:
            status, colour = text(self.lang, "running", speed=tr.number(view.speed)), "good"
        s = p.text(surface, status, (x, r.bottom), 13, c[colour], bold=True)
        left = max(r.right, s.right) + p.px(20)
        w = pub["weather"]
        kind = w["precip_kind"] if w["precip_mm_h"] > 0.05 else 0
        weather = tr(
            "topbar.weather",
            air=tr.value("temp_c", w["air_temp_c"]),
            surface=tr.value("temp_c", w["surface_temp_c"]),
            precip=tr(f"precip.{kind}"),
        )
        width = self.top.right - left - p.px(10)
        p.text(surface, weather, (left, p.px(6)), 17, bold=True, max_width=width)
        p.text(
            surface,
            forecast_line(tr, pub),
            (left, p.px(6) + p.line_height(17)),
            13,
            c["muted"],
            max_width=width,
        )

    def _draw_map(self, surface: pygame.Surface, view: ClassView) -> None:
        p = self.painter
        pub = view.public
        title = text(self.lang, "map", town=pub["scenario"]["town"], n=view.map_table)
        p.panel(surface, self.map_rect, title, 13)
        if self.map is None:
            return
        trucks = self.map.truck_positions(pub["trucks"], {}, 1.0, interpolate=False)
        self.map.draw(surface, trucks, [])
        self.map.draw_legend(surface)

    def _draw_join(self, surface: pygame.Surface, view: ClassView) -> None:
        """Per table a column, per seat the QR code, the role and the code in large type."""
        p, c, tr = self.painter, self.painter.colours, self.tr
        body = self.body
        r = p.text(
            surface,
            text(self.lang, "join_title"),
            (body.centerx, body.y),
            17,
            bold=True,
            anchor="midtop",
            max_width=body.w,
        )
        r = p.text(
            surface,
            text(self.lang, "join_url", url=view.join_url),
            (body.centerx, r.bottom),
            13,
            c["muted"],
            anchor="midtop",
            max_width=body.w,
        )
        tables = max(jc.table for jc in view.join)
        cell_w = body.w // tables
        top = r.bottom + p.px(6)
        cell_h = (body.bottom - top) // len(ROLES)
        size = self._qr_size(view)
        for jc in view.join:
            if jc.role not in ROLES:
                continue
            cell = pygame.Rect(
                body.x + (jc.table - 1) * cell_w,
                top + ROLES.index(jc.role) * cell_h,
                cell_w,
                cell_h,
            )
            qr = self._qr.get((jc.url, size))
            label = f"{text(self.lang, 'table', n=jc.table)} · {tr(f'words.role_short.{jc.role}')}"
            lr = p.text(
                surface,
                label,
                (cell.centerx, cell.y),
                11,
                c["muted"],
                bold=True,
                anchor="midtop",
                max_width=cell.w - p.px(4),
            )
            if qr is not None:
                room = cell.bottom - lr.bottom - p.line_height(15)
                if qr.get_height() <= room:
                    surface.blit(qr, qr.get_rect(midtop=(cell.centerx, lr.bottom)))
                    lr = pygame.Rect(lr.x, lr.bottom + qr.get_height(), lr.w, 0)
            p.text(
                surface,
                jc.code,
                (cell.centerx, lr.bottom),
                15,
                c["accent"],
                bold=True,
                anchor="midtop",
            )

    def _draw_question(self, surface: pygame.Surface, view: ClassView) -> None:
        """The held day's discussion question over everything, in large type."""
        p, c = self.painter, self.painter.colours
        w, h = surface.get_size()
        shade = pygame.Surface((w, h - self.top.bottom), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 225))
        surface.blit(shade, (0, self.top.bottom))
        box = pygame.Rect(0, 0, w * 9 // 10, (h - self.top.bottom) * 8 // 10)
        box.center = (w // 2, (h + self.top.bottom) // 2)
        pygame.draw.rect(surface, c["accent"], box, p.px(2), border_radius=p.px(6))
        y = box.y + p.px(14)
        held = text(self.lang, "held", when=self._when(view.public))
        r = p.text(
            surface,
            held,
            (box.centerx, y),
            14,
            c["muted"],
            bold=True,
            anchor="midtop",
            max_width=box.w - p.px(20),
        )
        r = p.text(
            surface,
            text(self.lang, "discuss"),
            (box.centerx, r.bottom + p.px(6)),
            16,
            c["accent"],
            bold=True,
            anchor="midtop",
        )
        y = r.bottom + p.px(12)
        size = 26
        lines = p.wrap(view.question, size, box.w - p.px(40), bold=True)
        while size > 16 and y + len(lines) * p.line_height(size) > box.bottom - p.px(10):
            size -= 2
            lines = p.wrap(view.question, size, box.w - p.px(40), bold=True)
        for line in lines:
            r = p.text(
                surface,
                line,
                (box.centerx, y),
                size,
                bold=True,
                anchor="midtop",
                max_width=box.w - p.px(20),
            )
            y = r.bottom


class ProjectorWindow:
    """The projector's pygame window: one `frame(view)` per tick of the host's loop.

    Under ``SDL_VIDEODRIVER=dummy`` it draws into an invisible surface (tests, the bench).
    """

    def __init__(
        self, size: tuple[int, int] = (1920, 1080), lang: str = "nl", fullscreen: bool = False
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
        self.screen = pygame.display.set_mode(size, flags)
        pygame.display.set_caption("Regiekamer")
        self.projector = Projector(self.screen.get_size(), lang)
        self.choice = TrainerChoice()
        self.last: ClassView | None = None  # the host's latest view
        self._shown: tuple = ()  # what the picture was painted from
        self.open = True

    def frame(self, view: ClassView | None) -> bool:
        """Handle the window's events, update, draw and show; False once it was closed."""
        if view is not None:
            self.last = view
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.open = False
            elif event.type == pygame.VIDEORESIZE:
                self.screen = pygame.display.get_surface()
                self.projector.resize(self.screen.get_size())
            elif event.type == pygame.KEYDOWN:
                self.key(event.key)
        if not self.open:
            return False
        shown = (id(self.last), astuple(self.choice), self.screen.get_size())
        if self.last is not None and shown != self._shown:
            self._shown = shown
            self.projector.update(self.choice.apply(self.last))
        self.projector.draw(self.screen)
        pygame.display.flip()
        return True

    def key(self, key: int) -> None:
        """The trainer's keys: 1-4 a scoreboard column, J the join codes, L the language."""
        if self.last is None:
            return
        shown = self.choice.apply(self.last)
        if pygame.K_1 <= key <= pygame.K_9:
            self.choice.toggle_kpi(key - pygame.K_1, shown.kpis)
        elif key == pygame.K_j:
            self.choice.show_join = not shown.show_join
        elif key == pygame.K_l:
            self.choice.lang = "en" if shown.lang == "nl" else "nl"

    def save(self, path: str | Path) -> Path:
        """A screenshot of the last frame (PNG)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path

    def close(self) -> None:
        """Close the window."""
        self.open = False
        pygame.display.quit()
