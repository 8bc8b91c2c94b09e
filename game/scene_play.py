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

from game.assets import load_yaml
from game.dashboard import draw_dashboard
from game.mapview import LEGEND
from game.scene import Scene
from game.settings import FPS, INCIDENT_MARK_H
from sim.governance.decisions import KINDS

ANSWER_TYPES = {spec[1] for spec in KINDS.values()}
MAX_INCIDENT_MARKS_PER_HOUR = 3


class PlayScene(Scene):
    """The main screen of a running session."""

    name = "play"
    holds_clock = False

    def __init__(self, app: object) -> None:
        super().__init__(app)
        from game.mapview import MapView

        self.state = app.state
        self.map = MapView(self.state.model.town, app.painter)
        self.obs: dict | None = None
        self.obs_key: tuple | None = None
        self.action_key: tuple | None = None
        self.action_buttons: list[UIButton] = []
        self.dismissed: set[int] = set()
        self.incidents: list[tuple[int, int]] = []  # (segment, hour)
        self._incident_count = self._incidents_now()
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
        """Rects of the parts for the current window size and scale."""
        w, h = self.app.screen.get_size()
        p = self.app.painter
        self.top_h = p.px(46)
        rw = min(max(int(w * 0.36), p.px(400)), w // 2)
        inbox_h = max(p.px(128), int(h * 0.19))
        self.map_rect = pygame.Rect(0, self.top_h, w - rw, h - self.top_h - inbox_h)
        self.inbox_rect = pygame.Rect(0, h - inbox_h, w - rw, inbox_h)
        dash_h = p.px(4 * 50 + 30)
        self.dash_rect = pygame.Rect(w - rw, self.top_h, rw, dash_h)
        self.role_rect = pygame.Rect(w - rw, self.top_h + dash_h, rw, h - self.top_h - dash_h)

    def build_widgets(self) -> None:
        """Top-bar buttons and the role panel's buttons."""
        self.layout()
        self._chrome = None
        self._view_keys: dict[str, tuple] = {}
        self._view_texts: dict[str, list[str]] = {}
        self._pending: list[str] = []
        self.map.painter = self.app.painter
        tr = self.app.tr
        self.map.layout(self.map_rect, {k: tr(f"legend.{k}") for k in LEGEND})
        self._map_hour = -1
        tr, p, m = self.app.tr, self.app.painter, self.app.manager
        x = self.app.screen.get_width() - p.px(8)
        self.top_buttons = {}
        for key in ("trainer", "help", "switch"):
            text = tr(f"topbar.{key}")
            width = p.font(14).size(text)[0] + p.px(26)
            x -= width
            rect = pygame.Rect(x, p.px(6), width, self.top_h - p.px(12))
            self.top_buttons[key] = UIButton(rect, text, m, container=self.root,
                                             object_id="#top_" + key)
            x -= p.px(6)
        self.action_key = None
        self.action_buttons = []
        self.refresh_actions(force=True)
        self.focus.add("top.switch", self.top_buttons["switch"], self.choose_role)
        self.focus.add("top.help", self.top_buttons["help"], lambda: self.app.dispatch(
            _cmd("help")))
        self.focus.add("top.trainer", self.top_buttons["trainer"], self.app.open_trainer)
        if len(self.state.human_roles()) <= 1:
            self.top_buttons["switch"].hide()

    def refresh_actions(self, force: bool = False) -> None:
        """Rebuild the role panel's buttons when what the role may do has changed."""
        role = self.state.active_role
        model = self.state.model
        points = self.state.open_points(role) if role else []
        free = []
        if role is not None and model.governance.is_human(role):
            probe = (role, model.hour, len(model.governance.events))
            if probe != self._legal_key:
                self._legal_key = probe
                self._legal = [a for a in model.legal_actions(role)
                               if a["type"] not in ANSWER_TYPES]
            free = self._legal
        key = (role, len(points), tuple(a["type"] for a in free))
        if key == self.action_key and not force:
            return
        self.action_key = key
        for b in self.action_buttons:
            b.kill()
        self.action_buttons = []
        self.focus.entries = [e for e in self.focus.entries if not e.key.startswith("panel.")]
        tr, p, m = self.app.tr, self.app.painter, self.app.manager
        r = self.role_rect
        bh, gap = p.px(32), p.px(6)
        cols = 2
        bw = (r.w - p.px(16) - gap) // cols
        entries = []
        if points:
            entries.append(("panel.decide", tr("panel.decide", n=len(points)), self.open_decision,
                            "#primary"))
        for a in free:
            entries.append((f"panel.act.{a['type']}", tr(f"action.{a['type']}.label"),
                            (lambda a=a: self.open_action(a)), None))
        rows = (len(entries) + cols - 1) // cols
        if points:
            rows = 1 + (len(entries) - 1 + cols - 1) // cols
        y = r.bottom - p.px(8) - rows * (bh + gap) + gap
        self.buttons_top = y - p.px(4)
        col = 0
        for key, text, action, oid in entries:
            if key == "panel.decide":
                rect = pygame.Rect(r.x + p.px(8), y, r.w - p.px(16), bh)
            else:
                rect = pygame.Rect(r.x + p.px(8) + col * (bw + gap), y, bw, bh)
            b = UIButton(rect, text, m, container=self.root, object_id=oid)
            self.action_buttons.append(b)
            entries_pos = len([e for e in self.focus.entries if e.key.startswith("panel.")])
            self.focus.entries.insert(entries_pos, _entry(key, b, action))
            if key == "panel.decide":
                y += bh + gap
            else:
                col += 1
                if col == cols:
                    col, y = 0, y + bh + gap
        if not entries:
            self.buttons_top = r.bottom

    def default_focus(self) -> str | None:
        """The first panel button (decide, or the first free action)."""
        for e in self.focus.entries:
            if e.key.startswith("panel."):
                return e.key
        return super().default_focus()

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
        if point["kind"] == "meeting":
            from game.scene_meeting import MeetingScene

            self.app.push(MeetingScene(self.app, point))
        else:
            from game.scene_decision import DecisionScene

            self.app.push(DecisionScene(self.app, point))
        self.app.sound.play("decision")

    def open_action(self, template: dict) -> None:
        """The form of a free action."""
        from game.scene_action import ActionScene

        self.app.push(ActionScene(self.app, self.state.active_role, template))

    def choose_role(self) -> None:
        """Hand the laptop to another person (goes through the handover screen)."""
        humans = self.state.human_roles()
        if len(humans) < 2:
            return
        current = self.state.active_role
        nxt = humans[(humans.index(current) + 1) % len(humans)] if current in humans \
            else humans[0]
        self.handover(nxt)

    def handover(self, role: str) -> None:
        """Hide this player's screen and ask for the next one."""
        from game.scene_handover import HandoverScene

        self.app.push(HandoverScene(self.app, role))

    def on_back(self) -> None:
        """Escape on the play screen: nothing to close."""

    def on_option(self, n: int) -> None:
        """Number keys on the play screen: the n-th panel button."""
        panel = [e for e in self.focus.entries if e.key.startswith("panel.")]
        if 1 <= n <= len(panel):
            self.focus.current = panel[n - 1].key
            panel[n - 1].action()

    # --- update -----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Seats and decisions first (they stop the clock), then the clock and the views."""
        state, app = self.state, self.app
        if state.finished:
            app.end_session()
            return
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
        before = state.model.hour
        steps = state.advance(dt)
        if state.model.hour != before or self._map_hour < 0:
            self.after_hours()
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
        """The model moved: redraw the road cache, observation, incident markers."""
        model = self.state.model
        self._map_hour = model.hour
        code = model.roads.condition()
        self._road_code = code
        self.obs = None
        now = self._incidents_now()
        new = max(0, now - self._incident_count)
        self._incident_count = now
        if new:
            self._mark_incidents(min(new, MAX_INCIDENT_MARKS_PER_HOUR), code)
        self.incidents = [(s, h) for s, h in self.incidents
                          if model.hour - h < INCIDENT_MARK_H]

    def _incidents_now(self) -> int:
        cit = self.state.model.citizens
        return int(cit.slips + cit.accidents)

    def _mark_incidents(self, n: int, code: np.ndarray) -> None:
        """Where to show new incidents: the model counts them town-wide, so the map puts
        markers on the most slippery streets (a view-only, seeded choice)."""
        model = self.state.model
        slip = model.roads.slipperiness[: model.roads.n_segments]
        candidates = np.flatnonzero(code >= 3)
        if len(candidates) == 0:
            candidates = np.argsort(slip)[-20:]
        pick = random.Random(model.seed * 100_003 + model.hour)
        weights = (slip[candidates] + 1e-3).tolist()
        for seg in pick.choices(candidates.tolist(), weights=weights, k=n):
            self.incidents.append((int(seg), model.hour))

    def observation(self) -> dict | None:
        """The active role's observation (cached per hour and per action)."""
        role = self.state.active_role
        if role is None:
            return None
        key = (role, self.state.model.hour, len(self.state.model.governance.events))
        if self.obs is None or self.obs_key != key:
            self.obs = self.state.model.observe(role)
            self.obs_key = key
        return self.obs

    # --- drawing ---------------------------------------------------------------------------------
    # --- panel cache: the panels change at most once per model hour or event -------------
    def view_keys(self) -> dict[str, tuple]:
        """What each panel shows depends on; a new key means a redraw."""
        state, model = self.state, self.state.model
        events = len(model.governance.events)
        role = state.active_role
        return {
            "topbar": (model.hour, state.paused, state.speed, tuple(state.waiting_roles()),
                       self.top_buttons["switch"].visible),
            "dashboard": (model.hour, role, events),
            "role": (model.hour, role, events, getattr(self, "buttons_top", 0)),
            "inbox": (model.day, role, events, len(self.app.inbox.items)),
        }

    def view_rects(self) -> dict[str, pygame.Rect]:
        """Screen regions of the cached panels."""
        return {"topbar": pygame.Rect(0, 0, self.app.screen.get_width(), self.top_h),
                "dashboard": self.dash_rect, "role": self.role_rect, "inbox": self.inbox_rect}

    def render_views(self, limit: int | None = None) -> None:
        """Redraw cached panels (and the road map) whose content changed, at most `limit`
        of them, oldest change first (from update, never from draw)."""
        size = self.app.screen.get_size()
        if self._chrome is None or self._chrome.get_size() != size:
            self._chrome = pygame.Surface(size)
            self._view_keys = {}
        p = self.app.painter
        painters = {"topbar": self.draw_topbar, "dashboard": self.draw_dash,
                    "role": self.draw_role_panel, "inbox": self.draw_inbox}
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
        live = {"topbar": self.draw_topbar, "dashboard": self.draw_dash,
                "role": self.draw_role_panel, "inbox": self.draw_inbox}
        role = self.state.active_role
        for name, rect in self.view_rects().items():
            cached = self._view_keys.get(name)
            # Not cached yet, or cached for another player (just after a handover): draw it
            # directly, so nobody ever sees the previous role's panel.
            if self._chrome is None or cached is None or (name != "topbar"
                                                          and cached[1] != role):
                live[name](surface)
                continue
            surface.blit(self._chrome, rect, area=rect)
            self.app.painter.frame_texts.extend(self._view_texts.get(name, ()))

    def draw_dash(self, surface: pygame.Surface) -> None:
        """The KPI dashboard."""
        draw_dashboard(surface, self.dash_rect, self.app.painter, self.app.tr, self.state.model,
                       self.state.active_role)

    def draw_topbar(self, surface: pygame.Surface) -> None:
        """Date and time, weather, forecast, clock status."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        model = self.state.model
        bar = pygame.Rect(0, 0, surface.get_width(), self.top_h)
        pygame.draw.rect(surface, c["panel"], bar)
        pygame.draw.line(surface, c["panel_edge"], bar.bottomleft, bar.bottomright)
        h = min(model.hour, model.hours - 1)
        when = tr.when(model.weather.start_date, model.hour)
        x = p.px(10)
        r = p.text(surface, when, (x, p.px(4)), 15, bold=True)
        status, colour = self.clock_status()
        s = p.text(surface, status, (x, r.bottom), 12, c[colour], bold=True)
        x = max(r.right, s.right) + p.px(18)
        pygame.draw.line(surface, c["panel_edge"], (x - p.px(9), p.px(6)),
                         (x - p.px(9), self.top_h - p.px(6)))
        w = model.weather
        kind = int(w.precip_kind[h]) if w.precip_mm_h[h] > 0.05 else 0
        weather = tr("topbar.weather", air=tr.value("temp_c", float(w.air_temp_c[h])),
                     surface=tr.value("temp_c", float(w.surface_temp_c[h])),
                     precip=tr(f"precip.{kind}"))
        limit = self.top_buttons["switch"].rect.x if self.top_buttons["switch"].visible else \
            self.top_buttons["help"].rect.x
        width = limit - x - p.px(10)
        p.text(surface, weather, (x, p.px(4)), 13, max_width=width)
        fc = self.forecast()
        p.text(surface, fc, (x, p.px(4) + p.line_height(13)), 12, c["muted"], max_width=width)

    def forecast(self) -> str:
        """The forecast line of the top bar (public information)."""
        from sim.agents.executor import FORECAST_LEAD_H

        tr, model = self.app.tr, self.state.model
        h = min(model.hour, model.hours - 1)
        fc = model.weather.forecast(h, FORECAST_LEAD_H)
        if not len(fc.hours):
            return tr("topbar.no_forecast")
        flags = ""
        if ((fc.precip_kind == 2) & (fc.precip_prob > 0.5)).any():
            flags += tr("topbar.fc_snow")
        if ((fc.precip_kind == 3) & (fc.precip_prob > 0.3)).any():
            flags += tr("topbar.fc_freezing_rain")
        return tr("topbar.forecast", hours=FORECAST_LEAD_H,
                  min=tr.value("temp_c", float(fc.min_surface_temp())),
                  prob=tr.value("frac", float(fc.precip_prob.max())), flags=flags)

    def clock_status(self) -> tuple[str, str]:
        """What the clock does, and its colour key."""
        tr, state = self.app.tr, self.state
        waiting = state.waiting_roles()
        if state.paused:
            return tr("topbar.paused"), "warn"
        if waiting:
            role = waiting[0]
            return tr("topbar.waiting", role=tr(f"role.{role}"),
                      name=state.names.get(role) or tr(f"role.{role}")), "warn"
        return tr("topbar.running", speed=state.speed), "good"

    def draw_map(self, surface: pygame.Surface) -> None:
        """Roads, points of interest, incidents, trucks and the legend."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        model, state = self.state.model, self.state
        pygame.draw.rect(surface, c["map_bg"], self.map_rect)
        frac = state.hour_fraction
        trucks = self.map.truck_positions(model.executor.fleet, state.prev_pos, frac,
                                          interpolate=state.prev_hour == model.hour - 1)
        marks = []
        for seg, hour in self.incidents:
            fade = max(0.0, 1.0 - (model.hour - hour) / INCIDENT_MARK_H)
            x, y = self.map.segment_mid(seg)
            marks.append((x, y, fade))
        self.map.draw(surface, trucks, marks)
        self.map.draw_legend(surface)
        title = tr("map.title", town=model.scenario.municipality.name)
        p.text(surface, title, (self.map_rect.x + p.px(8), self.map_rect.y + p.px(4)), 12,
               c["muted"])

    def draw_role_panel(self, surface: pygame.Surface) -> None:
        """Who is looking, what that role knows (private), above the action buttons."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        state = self.state
        role = state.active_role
        if role is None:
            inner = p.panel(surface, self.role_rect, tr("panel.observer"))
            y = inner.y
            for r in ("regisseur", "executor", "wethouder"):
                bot = state.bot_name(r)
                seat = tr(f"bot.{bot}") if bot else tr("panel.human")
                p.text(surface, f"{tr(f'role.{r}')}: {seat}", (inner.x, y), 13,
                       max_width=inner.w)
                y += p.line_height(13)
            for line in p.wrap(tr("panel.observer_hint"), 12, inner.w):
                p.text(surface, line, (inner.x, y + p.px(6)), 12, c["muted"])
                y += p.line_height(12)
            return
        name = state.names.get(role) or ""
        title = tr(f"role.{role}") + (f" — {name}" if name else "")
        inner = p.panel(surface, self.role_rect, title)
        obs = self.observation()
        units = load_yaml("fields.yaml")["units"]
        items = [(k, v) for k, v in obs["private"].items() if k in units]
        bottom = getattr(self, "buttons_top", self.role_rect.bottom) - p.px(4)
        lh = p.line_height(12)
        rows = max(1, (bottom - inner.y) // lh)
        cols = 1 if len(items) <= rows else 2
        colw = (inner.w - p.px(8)) // cols
        shown = items[: rows * cols]
        per_col = (len(shown) + cols - 1) // cols
        for i, (k, v) in enumerate(shown):
            x = inner.x + (i // per_col) * (colw + p.px(8))
            y = inner.y + (i % per_col) * lh
            label = tr(f"field.{k}")
            text = self.format_field(k, v)
            lr = p.text(surface, label + ":", (x, y), 12, c["muted"], max_width=colw * 3 // 5)
            p.text(surface, text, (lr.right + p.px(4), y), 12, bold=True,
                   max_width=x + colw - lr.right - p.px(4))

    def format_field(self, key: str, value: object) -> str:
        """A private or context value in the unit of game/data/fields.yaml."""
        tr = self.app.tr
        unit = load_yaml("fields.yaml")["units"].get(key, "")
        if isinstance(value, dict):
            return ", ".join(tr(f"value.{k}") for k in value) or tr("value.none")
        if unit == "choice":
            return tr(f"value.{value}")
        if unit == "days" and isinstance(value, int | float) and value >= 900:
            return tr("value.none")
        return tr.value(unit, value)

    def draw_inbox(self, surface: pygame.Surface) -> None:
        """Newest messages first; open decisions marked."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        inner = p.panel(surface, self.inbox_rect, tr("inbox.title"))
        items = self.app.inbox.visible(self.state.active_role, limit=20)
        lh = p.line_height(12)
        y = inner.y
        start = self.state.model.weather.start_date
        if not items:
            p.text(surface, tr("inbox.empty"), (inner.x, y), 12, c["muted"])
        colours = {"decision": "warn", "media": "bad", "complaint": "muted", "trainer": "accent",
                   "news": "text", "own": "good"}
        for item in items:
            if y + lh > inner.bottom:
                break
            is_open = self.app.inbox.is_open(item)
            stamp = tr.when(start, item.tick)
            values = {k: self._inbox_value(k, v) for k, v in item.values.items()}
            text = tr(item.key, **values)
            if is_open:
                text = tr("inbox.open_mark") + " " + text
            r = p.text(surface, stamp, (inner.x, y), 12, c["muted"])
            p.text(surface, text, (r.right + p.px(8), y), 12, c[colours[item.category]],
                   bold=is_open, max_width=inner.right - r.right - p.px(8))
            y += lh

    def _inbox_value(self, key: str, value: object) -> object:
        tr = self.app.tr
        if key == "role":
            return tr(f"role.{value}")
        if key == "type":
            return tr(f"action.{value}.label")
        if key in ("amount", "spent"):
            return tr.money(float(value))
        if key in ("kind", "level"):
            return tr(f"value.{value}")
        if key == "bot":
            return tr(f"bot.{value}") if value else ""
        return value

    # --- headless demo ---------------------------------------------------------------------
    def autoplay(self) -> object:
        """The scripted player's moves on the play screen (see game.autoplay)."""
        return self.app.autoplayer.on_play(self) if self.app.autoplayer else None


def _cmd(name: str) -> object:
    from game.input import Command

    return Command(name)


def _entry(key: str, element: object, action: object) -> object:
    from game.focus import Entry

    return Entry(key, element, action)
