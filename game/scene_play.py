"""The play screen: top bar, town map, KPI dashboard, the active role's panel, the inbox.

The clock runs only while this screen is on top. When a person must decide, the clock
stops (the model will not step) and a decision card or the meeting screen opens; if the
decision belongs to another person, a hot-seat handover comes first.
"""

from __future__ import annotations

import random

import numpy as np
import pygame
from pygame_gui.elements import UIButton

from game.mapview import LEGEND
from game.play_panels import PlayPanels
from game.scene import Scene
from game.seat_panel import SeatPanel
from game.settings import FPS, INCIDENT_MARK_H
from sim.governance.decisions import KINDS

ANSWER_TYPES = {spec[1] for spec in KINDS.values()}
MAX_INCIDENT_MARKS_PER_HOUR = 3


class PlayScene(SeatPanel, PlayPanels, Scene):
    """The main screen of a running session (its painters: game.play_panels)."""

    name = "play"
    holds_clock = False

    def __init__(self, app: object) -> None:
        super().__init__(app)
        from game.mapview import MapView

        self.state = app.state
        self.map = MapView(self.state.view["town"], app.painter)
        self.obs: dict | None = None
        self.obs_key: tuple | None = None
        self.action_key: tuple | None = None
        self.panel_buttons: list[UIButton] = []
        self.dismissed: set[int] = set()
        self.incidents: list[tuple[int, int]] = []  # (segment, hour)
        self._incident_count = self.state.view["incidents_season"]
        self._map_hour = -1
        self._shown_points: set[int] = set()
        self._legal_key: tuple | None = None
        self._legal: list[dict] = []
        self._chrome: pygame.Surface | None = None
        self._view_keys: dict[str, tuple] = {}
        self._view_texts: dict[str, list[str]] = {}
        self._pending: list[str] = []
        self._road_code: np.ndarray | None = None

    # --- layout and widgets ----------------------------------------------------------------
    def layout(self) -> None:
        """Rects of the parts for the current window size and scale: top bar and banner
        across; map above the inbox on the left; dashboard above the role panel right."""
        w, h = self.app.area().size
        p = self.app.painter
        self.top_h = max(p.px(40), p.line_height(13) + p.px(12))
        self.banner_h = p.line_height(14) + p.px(12)
        top = self.top_h + self.banner_h
        rw = min(max(int(w * 0.42), p.px(400)), w // 2)
        inbox_h = max(p.line_height(12) * 4 + p.px(14), int(h * 0.2))
        self.banner_rect = pygame.Rect(0, self.top_h, w, self.banner_h)
        self.map_rect = pygame.Rect(0, top, w - rw, h - top - inbox_h)
        self.inbox_rect = pygame.Rect(0, h - inbox_h, w - rw, inbox_h)
        tiles = max(len(self.state.kpis(r)) for r in self.state.human_roles() or [None])
        dash_h = p.line_height(12) * (tiles + 1) + p.px(14)
        self.dash_rect = pygame.Rect(w - rw, top, rw, dash_h)
        self.role_rect = pygame.Rect(w - rw, top + dash_h, rw, h - top - dash_h)

    def build_widgets(self) -> None:
        """Top-bar buttons and the role panel's buttons."""
        self.layout()
        self._chrome = None
        self._view_keys: dict[str, tuple] = {}
        self._view_texts: dict[str, list[str]] = {}
        self._pending: list[str] = []
        self.map.painter = self.app.painter
        tr = self.app.tr
        title_h = self.app.painter.line_height(12) + self.app.painter.px(4)
        self.map.layout(
            self.map_rect.inflate(0, -title_h).move(0, title_h // 2),
            {k: tr(f"legend.{k}") for k in LEGEND},
        )
        self._map_hour = -1
        self.place_top_buttons(("trainer", "help", "switch"), self.top_h)
        self.action_key = None
        self.panel_buttons = []
        self.refresh_actions(force=True)
        self.focus.add("top.switch", self.top_buttons["switch"], self.choose_role)
        self.focus.add(
            "top.help", self.top_buttons["help"], lambda: self.app.dispatch(_cmd("help"))
        )
        self.focus.add("top.trainer", self.top_buttons["trainer"], self.app.open_trainer)
        if len(self.state.human_roles()) <= 1:
            self.top_buttons["switch"].hide()

    def refresh_actions(self, force: bool = False) -> None:
        """Rebuild the role panel's buttons (decide; the action menu) when what the role
        may do has changed."""
        state = self.state
        role = state.active_role
        points = state.open_points(role) if role else []
        free = []
        if role is not None and role in state.human_roles():
            probe = (role, state.version)
            if probe != self._legal_key:
                self._legal_key = probe
                self._legal = [
                    a for a in state.legal_actions(role) if a["type"] not in ANSWER_TYPES
                ]
            free = self._legal
        key = (role, len(points), tuple(a["type"] for a in free))
        if key == self.action_key and not force:
            return
        self.action_key = key
        tr = self.app.tr
        entries = []
        if points:
            entries.append(
                ("panel.decide", tr("panel.decide", n=len(points)), self.open_decision, "#primary")
            )
        if free:
            entries.append(
                (
                    "panel.actions",
                    tr("panel.actions", n=len(free)),
                    self.open_actions,
                    None if points else "#primary",
                )
            )
        self.place_panel_buttons(self.role_rect, entries)

    # --- verbs ----------------------------------------------------------------------------------
    def open_decision(self) -> None:
        """Open the oldest decision of the active role (card or meeting screen)."""
        role = self.state.active_role
        points = self.state.open_points(role) if role else []
        if not points:
            return
        self.push_point(points[0])

    def push_point(self, point: dict) -> None:
        """A card, or the meeting screen for a meeting."""
        self._shown_points.add(point["id"])
        if point["kind"] in ("meeting", "meeting_position"):
            from game.scene_meeting import MeetingScene

            self.app.push(MeetingScene(self.app, point))
        elif point["kind"].startswith("design_"):  # the design phase (sim.design)
            from game.scene_design import DesignScene

            self.app.push(DesignScene(self.app, point))
        else:
            from game.scene_decision import DecisionScene

            self.app.push(DecisionScene(self.app, point))
        self.app.sound.play("decision")

    def open_actions(self) -> None:
        """The menu of the active role's free actions."""
        from game.scene_actions import ActionMenuScene

        if self._legal:
            self.app.push(ActionMenuScene(self.app, self.state.active_role, list(self._legal)))

    def on_back(self) -> None:
        """Escape on the play screen: nothing to close."""

    # --- update -----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Seats and decisions first (they stop the clock), then the clock and the views."""
        state, app = self.state, self.app
        if state.finished:
            app.end_session()
            return
        state.refresh()
        humans = state.human_roles()
        if state.active_role is not None and state.active_role not in humans:
            # The trainer gave this seat to a bot: the next person gets the screen.
            if humans:
                self.handover(humans[0])
                return
            state.active_role = None
        if state.active_role is None and len(humans) == 1:
            state.active_role = humans[0]
        waiting = state.waiting_roles()
        if waiting:
            role = waiting[0]
            if role != state.active_role:
                if state.active_role is None:
                    state.active_role = role
                else:
                    self.handover(role)
                    return
            fresh = [pt for pt in state.open_points(role) if pt["id"] not in self._shown_points]
            if fresh:
                self.push_point(fresh[0])
                return
        before = state.version
        steps = state.advance(dt)
        if state.version != before or self._map_hour < 0:
            self.after_hours()
        if self.obs_key != (state.active_role, state.version):
            self.obs = self.observe_active()
        app.inbox.update()
        self.refresh_actions()
        switch = self.top_buttons["switch"]
        if len(humans) > 1 and not switch.visible:
            switch.show()
        elif len(humans) <= 1 and switch.visible:
            switch.hide()
        # Spread the redrawing over frames: one panel (or the road map) per frame, none in
        # a frame that already stepped the model unless the clock outruns the frames.
        if not steps or state.speed * 2 > FPS:
            self.render_views(limit=1)

    def after_hours(self) -> None:
        """The model moved (or something happened): the road cache, incident markers."""
        view = self.state.view
        self._map_hour = view["hour"]
        code = view["roads"]["condition"]
        self._road_code = code
        now = view["incidents_season"]
        new = max(0, now - self._incident_count)
        self._incident_count = now
        if new:
            self._mark_incidents(min(new, MAX_INCIDENT_MARKS_PER_HOUR), code)
        self.incidents = [(s, h) for s, h in self.incidents if view["hour"] - h < INCIDENT_MARK_H]

    def _mark_incidents(self, n: int, code: np.ndarray) -> None:
        """Where to show new incidents: the model counts them town-wide, so the map puts
        markers on the most slippery streets (a view-only, seeded choice)."""
        view = self.state.view
        slip = view["roads"]["slipperiness"]
        candidates = np.flatnonzero(code >= 3)
        if len(candidates) == 0:
            candidates = np.argsort(slip)[-20:]
        pick = random.Random(self.state.log.header["seed"] * 100_003 + view["hour"])
        weights = (slip[candidates] + 1e-3).tolist()
        for seg in pick.choices(candidates.tolist(), weights=weights, k=n):
            self.incidents.append((int(seg), view["hour"]))

    def observe_active(self) -> dict | None:
        """Fetch the active role's observation (from update: the role panel draws it)."""
        role = self.state.active_role
        self.obs_key = (role, self.state.version)
        return None if role is None else self.state.observe(role)

    def observation(self) -> dict | None:
        """The active role's observation: the one fetched in update, or (just after a
        handover, before the next update) a fresh one that is not kept."""
        role = self.state.active_role
        if role is None:
            return None
        if self.obs is not None and self.obs_key == (role, self.state.version):
            return self.obs
        return self.state.observe(role)

    # --- drawing ---------------------------------------------------------------------------------
    # --- panel cache: the panels change at most once per model hour or event -------------
    def view_keys(self) -> dict[str, tuple]:
        """What each panel shows depends on; a new key means a redraw."""
        state = self.state
        view = state.view
        role = state.active_role
        return {
            "topbar": (view["hour"], self.top_buttons["switch"].visible),
            "banner": (
                view["hour"],
                role,
                state.paused,
                state.speed,
                tuple(state.waiting_roles()),
                view["events"],
            ),
            "dashboard": (view["hour"], role, view["events"]),
            "role": (view["hour"], role, view["events"], getattr(self, "buttons_top", 0)),
            "inbox": (view["day"], role, view["events"], len(self.app.inbox.items)),
        }

    def view_rects(self) -> dict[str, pygame.Rect]:
        """Screen regions of the cached panels."""
        return {
            "topbar": pygame.Rect(0, 0, self.app.area().w, self.top_h),
            "banner": self.banner_rect,
            "dashboard": self.dash_rect,
            "role": self.role_rect,
            "inbox": self.inbox_rect,
        }

    def render_views(self, limit: int | None = None) -> None:
        """Redraw cached panels (and the road map) whose content changed, at most `limit`
        of them, oldest change first (from update, never from draw)."""
        size = self.app.screen.get_size()
        if self._chrome is None or self._chrome.get_size() != size:
            self._chrome = pygame.Surface(size)
            self._view_keys = {}
        p = self.app.painter
        painters = {
            "topbar": self.draw_topbar,
            "banner": self.draw_banner,
            "dashboard": self.draw_dash,
            "role": self.draw_role_panel,
            "inbox": self.draw_inbox,
        }
        rects = self.view_rects()
        keys = self.view_keys()
        code = self._road_code
        if code is not None and self.map.needs(code) and "map" not in self._pending:
            self._pending.append("map")
        for name, key in keys.items():
            if self._view_keys.get(name) != key and name not in self._pending:
                self._pending.append(name)
        if limit is not None and "topbar" in self._pending:
            # The clock line stays exact: the top bar does not wait its turn.
            self._pending.remove("topbar")
            self._pending.insert(0, "topbar")
            limit += 1
        done = 0
        while self._pending and (limit is None or done < limit):
            name = self._pending.pop(0)
            done += 1
            if name == "map":
                self.map.update(self._road_code)
                continue
            before = len(p.frame_texts)
            self._chrome.fill(p.colours["bg"], rects[name])
            painters[name](self._chrome)
            self._view_texts[name] = p.frame_texts[before:]
            del p.frame_texts[before:]
            self._view_keys[name] = keys[name]

    def draw(self, surface: pygame.Surface) -> None:
        """Top bar, map, dashboard, role panel, inbox (panels from the cache if it is there)."""
        self.draw_map(surface)
        live = {
            "topbar": self.draw_topbar,
            "banner": self.draw_banner,
            "dashboard": self.draw_dash,
            "role": self.draw_role_panel,
            "inbox": self.draw_inbox,
        }
        role = self.state.active_role
        for name, rect in self.view_rects().items():
            cached = self._view_keys.get(name)
            # Not cached yet, or cached for another player (just after a handover): draw it
            # directly, so nobody ever sees the previous role's panel.
            if (
                self._chrome is None
                or cached is None
                or (name not in ("topbar", "banner") and cached[1] != role)
            ):
                live[name](surface)
                continue
            surface.blit(self._chrome, rect, area=rect)
            self.app.painter.frame_texts.extend(self._view_texts.get(name, ()))

    # --- headless demo ---------------------------------------------------------------------
    def autoplay(self) -> object:
        """The scripted player's moves on the play screen (see game.autoplay)."""
        return self.app.autoplayer.on_play(self) if self.app.autoplayer else None


def _cmd(name: str) -> object:
    from game.input import Command

    return Command(name)
