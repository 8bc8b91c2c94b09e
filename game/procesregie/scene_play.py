"""The play screen of a bestuursproces: the network of parties instead of the town map,
wyberen and the clock, the looking seat's own brief, and what happened.

The clock (weeks) runs only while this screen is on top. When the table waits for the
regisseur (at the end of a round of divergeren: another round, or close?), the table
screen opens, after a hot-seat handover if someone else has the screen. A go/no-go moment
of the college and the council opens its own card.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

from game.procesregie import autoplay
from game.procesregie.network import draw_network
from game.procesregie.panels import draw_feed, draw_seat, draw_wyberen
from game.role_panel import draw_banner_line
from game.scene import Scene
from game.seat_panel import SeatPanel
from sim.procesregie.actions import REGISSEUR

MOMENTS = ("go", "no_go")  # events that open the go/no-go card
TIME_ACTIONS = ("continue_phase", "close_phase")  # chosen at the table, not from the menu


class ProcesPlayScene(SeatPanel, Scene):
    """The main screen of a running bestuursproces."""

    name = "proces-play"
    holds_clock = False

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.state = app.state
        self.seen = self.state.view["events"]  # go/no-go cards for what happens from now on
        self.table_shown: tuple | None = None
        self.panel_key: tuple | None = None
        self.panel_buttons: list[UIButton] = []
        self.obs: dict | None = None
        self.obs_key: tuple | None = None
        self._canvas: pygame.Surface | None = None
        self._canvas_key: tuple = ()
        self._canvas_texts: list[str] = []

    # --- layout and widgets ------------------------------------------------------------------
    def layout(self) -> None:
        """Top bar and banner across; the network above the feed on the left; wyberen above
        the seat's panel on the right."""
        w, h = self.app.area().size
        p = self.app.painter
        self.top_h = max(p.px(40), p.line_height(13) + p.px(12))
        self.banner_h = p.line_height(14) + p.px(12)
        top = self.top_h + self.banner_h
        rw = min(max(int(w * 0.44), p.px(420)), w // 2)
        feed_h = max(p.line_height(11) * 3 + p.px(20), int((h - top) * 0.24))
        self.network_rect = pygame.Rect(0, top, w - rw, h - top - feed_h)
        self.feed_rect = pygame.Rect(0, h - feed_h, w - rw, feed_h)
        self.seat_rect = pygame.Rect(w - rw, top, rw, h - top)  # below wyberen: split()

    def split(self) -> tuple[pygame.Rect, pygame.Rect]:
        """Wyberen above the seat's panel; a party's brief is longer than the regisseur's
        list of trust, so a party's panel gets more of the column."""
        r = self.seat_rect
        share = 0.52 if self.state.active_role in (None, REGISSEUR) else 0.4
        wy_h = int(r.h * share)
        bottom = getattr(self, "buttons_top", r.bottom)
        return (
            pygame.Rect(r.x, r.y, r.w, wy_h),
            pygame.Rect(r.x, r.y + wy_h, r.w, bottom - r.y - wy_h),
        )

    def build_widgets(self) -> None:
        self.layout()
        self.place_top_buttons(("help", "switch"), self.top_h)
        self.focus.add("top.switch", self.top_buttons["switch"], self.choose_role)
        self.focus.add("top.help", self.top_buttons["help"], self.open_help)
        if len(self.state.human_roles()) <= 1:
            self.top_buttons["switch"].hide()
        self.panel_key = None
        self.panel_buttons = []
        self.refresh_buttons()

    def refresh_buttons(self) -> None:
        """The seat panel's buttons: the table (when it waits) and the instruments."""
        state, seat = self.state, self.state.active_role
        human = seat is not None and seat in state.human_roles()
        legal = (
            [a for a in state.legal_actions(seat) if a["type"] not in TIME_ACTIONS]
            if human and not state.finished
            else []
        )
        waiting = seat in state.waiting_roles()
        key = (seat, waiting, len(legal))
        if key == self.panel_key:
            return
        self.panel_key = key
        tr = self.app.tr
        table = ("panel.table", tr("proces.open_table"), self.open_table, "#primary")
        menu = ("panel.instruments", tr("proces.instruments", n=len(legal)), self.open_instruments)
        specs = [table] if waiting else []
        specs += [(*menu, None if waiting else "#primary")] if legal else []
        self.place_panel_buttons(self.seat_rect, specs)

    # --- verbs -------------------------------------------------------------------------------
    def open_table(self) -> None:
        """The table round: the regisseur's instruments and the choice on time."""
        from game.procesregie.scene_table import TableScene

        self.table_shown = self.state.version
        self.app.push(TableScene(self.app))
        self.app.sound.play("decision")

    def open_instruments(self) -> None:
        from game.procesregie.scene_instruments import InstrumentsScene

        self.app.push(InstrumentsScene(self.app, self.state.active_role))

    def open_help(self) -> None:
        from game.scene_help import HelpScene

        self.app.push(HelpScene(self.app))

    # --- update ------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Go/no-go cards and the table first (they hold the clock), then the clock."""
        state, app = self.state, self.app
        if state.finished and not self.moments():
            app.end_session()
            return
        state.refresh()
        if self.show_moment():
            return
        if state.finished:
            return
        waiting = state.waiting_roles()
        if waiting and self.table_shown != state.version:
            if state.active_role != REGISSEUR:
                if state.active_role is None:
                    state.active_role = REGISSEUR
                else:
                    self.table_shown = state.version
                    self.handover(REGISSEUR)
                    return
            self.open_table()
            return
        state.advance(dt)
        if self.obs_key != (state.active_role, state.version):
            self.obs_key = (state.active_role, state.version)
            role = state.active_role
            self.obs = None if role is None else state.observe(role)
        self.refresh_buttons()
        switch = self.top_buttons["switch"]
        if len(state.human_roles()) > 1 and not switch.visible:
            switch.show()
        self.render()

    def moments(self) -> list[dict]:
        """Go/no-go events not yet shown."""
        return [e for e in self.state.events_since(self.seen) if e["kind"] in MOMENTS]

    def show_moment(self) -> bool:
        """Open the card of the next go/no-go moment, if one happened."""
        new = self.state.events_since(self.seen)
        for i, event in enumerate(new):
            if event["kind"] in MOMENTS:
                from game.procesregie.scene_gonogo import GoNoGoScene

                blocks = [e for e in new[:i] if e["kind"] == "block"]
                self.seen += i + 1
                self.app.push(GoNoGoScene(self.app, event, blocks))
                return True
        self.seen += len(new)
        return False

    # --- drawing -----------------------------------------------------------------------------
    def canvas_key(self) -> tuple:
        """What the screen's picture depends on: a new key means a new picture."""
        state = self.state
        return (
            state.version,
            state.active_role,
            state.paused,
            state.speed,
            self.panel_key,
            self.top_buttons["switch"].visible,
            self.app.screen.get_size(),
        )

    def render(self) -> None:
        """Paint the screen into its cache when what it shows changed (from update: a
        frame that shows the same week only blits it)."""
        key = self.canvas_key()
        if key == self._canvas_key:
            return
        p = self.app.painter
        canvas = pygame.Surface(self.app.screen.get_size())
        canvas.fill(p.colours["bg"])
        before = len(p.frame_texts)
        self.paint(canvas)
        self._canvas_texts = p.frame_texts[before:]
        del p.frame_texts[before:]
        self._canvas, self._canvas_key = canvas, key

    def draw(self, surface: pygame.Surface) -> None:
        """The cached picture if it is current, else painted now (never cached here)."""
        if self._canvas is not None and self._canvas_key == self.canvas_key():
            surface.blit(self._canvas, (0, 0))
            self.app.painter.frame_texts.extend(self._canvas_texts)
        else:
            self.paint(surface)

    def paint(self, surface: pygame.Surface) -> None:
        """Top bar, banner, network, feed, wyberen and the seat's panel."""
        app, state = self.app, self.state
        p, c, tr = app.painter, app.painter.colours, app.tr
        view = state.view
        bar = pygame.Rect(0, 0, app.area().w, self.top_h)
        pygame.draw.rect(surface, c["panel"], bar)
        title = tr(
            "proces.topbar",
            week=view["week"],
            step=min(view["step"] + 1, view["steps"]),
            steps=view["steps"],
            phase=tr(f"words.proces_phase.{view['phase']}"),
        )
        limit = min(b.rect.x for b in self.top_buttons.values() if b.visible)
        p.text(
            surface,
            title,
            (p.px(10), bar.centery),
            13,
            bold=True,
            anchor="midleft",
            max_width=limit - p.px(20),
        )
        text, colour = self.banner()
        draw_banner_line(surface, pygame.Rect(0, self.top_h, bar.w, self.banner_h), p, text, colour)
        pygame.draw.rect(surface, c["map_bg"], self.network_rect)
        p.text(
            surface,
            tr("proces.network_title") + " · " + tr("proces.disc_stake"),
            (self.network_rect.x + p.px(8), self.network_rect.y + p.px(4)),
            11,
            c["muted"],
            bold=True,
        )
        net = self.network_rect.inflate(-p.px(16), -p.px(12))
        net.y += p.line_height(11) // 2
        net.h -= p.line_height(11) // 2
        draw_network(surface, net, p, tr, view, state.active_role)
        draw_feed(surface, self.feed_rect, p, tr, state.events_since(0))
        wyberen_rect, seat_rect = self.split()
        draw_wyberen(surface, wyberen_rect, p, tr, view)
        seat = state.active_role
        obs = (
            self.obs
            if self.obs_key == (seat, state.version)
            else (None if seat is None else state.observe(seat))
        )
        draw_seat(
            surface, seat_rect, p, tr, view, seat, obs, state.names.get(seat, "") if seat else ""
        )

    def banner(self) -> tuple[str, str]:
        """Whose turn it is, or what the clock does."""
        state, tr = self.state, self.app.tr
        if state.paused:
            return tr("banner.paused"), "warn"
        if state.waiting_roles():
            return tr("proces.banner_table", name=state.names.get(REGISSEUR, "")).replace(
                " ()", ""
            ), "warn"
        if state.finished:
            return tr("proces.banner_done"), "good"
        return tr("proces.banner_running", speed=state.speed), "good"

    def autoplay(self) -> object:
        return autoplay.on_play(self.app, self) if self.app.autoplayer else None
