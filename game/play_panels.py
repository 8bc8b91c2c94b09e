"""What the play screen's panels show: top bar, town map, dashboard, role panel, inbox.

Every painter reads the game's view (``GameState.view``), the active role's observation
that the scene fetched in its update, and the inbox; none changes anything, so a panel
can be painted into the cache (from update) or straight onto the screen (from draw).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.assets import load_yaml
from game.dashboard import draw_dashboard
from game.settings import INCIDENT_MARK_H
from sim.agents.executor import FORECAST_LEAD_H

if TYPE_CHECKING:
    from game.i18n import Translator

INBOX_COLOURS = {"decision": "warn", "media": "bad", "complaint": "muted",
                 "trainer": "accent", "news": "text", "own": "good"}


def format_field(tr: Translator, key: str, value: object) -> str:
    """A private or context value in the unit of game/data/fields.yaml."""
    unit = load_yaml("fields.yaml")["units"].get(key, "")
    if isinstance(value, dict):
        return ", ".join(tr(f"value.{k}") for k in value) or tr("value.none")
    if unit == "choice":
        return tr(f"value.{value}")
    if unit == "days" and isinstance(value, int | float) and value >= 900:
        return tr("value.none")
    return tr.value(unit, value)


def forecast_line(tr: Translator, view: dict) -> str:
    """The forecast line of the top bar (public information)."""
    fc = view["forecast"]
    if fc["min_surface_temp_c"] is None:
        return tr("topbar.no_forecast")
    flags = ""
    if fc["snow_expected"]:
        flags += tr("topbar.fc_snow")
    if fc["freezing_rain_expected"]:
        flags += tr("topbar.fc_freezing_rain")
    return tr("topbar.forecast", hours=FORECAST_LEAD_H,
              min=tr.value("temp_c", fc["min_surface_temp_c"]),
              prob=tr.value("frac", fc["max_precip_prob"]), flags=flags)


class PlayPanels:
    """The painters of the play screen (mixed into :class:`game.scene_play.PlayScene`)."""

    def draw_dash(self, surface: pygame.Surface) -> None:
        """The KPI dashboard, with the tiles the looking role may see."""
        draw_dashboard(surface, self.dash_rect, self.app.painter, self.app.tr,
                       self.state.kpis(self.state.active_role))

    def draw_topbar(self, surface: pygame.Surface) -> None:
        """Date and time, weather, forecast, clock status."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        view = self.state.view
        bar = pygame.Rect(0, 0, surface.get_width(), self.top_h)
        pygame.draw.rect(surface, c["panel"], bar)
        pygame.draw.line(surface, c["panel_edge"], bar.bottomleft, bar.bottomright)
        when = tr.when(view["start_date"], view["hour"])
        x = p.px(10)
        r = p.text(surface, when, (x, p.px(4)), 15, bold=True)
        status, colour = self.clock_status()
        s = p.text(surface, status, (x, r.bottom), 12, c[colour], bold=True)
        x = max(r.right, s.right) + p.px(18)
        pygame.draw.line(surface, c["panel_edge"], (x - p.px(9), p.px(6)),
                         (x - p.px(9), self.top_h - p.px(6)))
        w = view["weather"]
        kind = w["precip_kind"] if w["precip_mm_h"] > 0.05 else 0
        weather = tr("topbar.weather", air=tr.value("temp_c", w["air_temp_c"]),
                     surface=tr.value("temp_c", w["surface_temp_c"]),
                     precip=tr(f"precip.{kind}"))
        limit = self.top_buttons["switch"].rect.x if self.top_buttons["switch"].visible else \
            self.top_buttons["help"].rect.x
        width = limit - x - p.px(10)
        p.text(surface, weather, (x, p.px(4)), 13, max_width=width)
        p.text(surface, forecast_line(tr, view), (x, p.px(4) + p.line_height(13)), 12,
               c["muted"], max_width=width)

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
        state = self.state
        view = state.view
        pygame.draw.rect(surface, c["map_bg"], self.map_rect)
        trucks = self.map.truck_positions(view["trucks"], state.prev_pos, state.hour_fraction,
                                          interpolate=state.prev_hour == view["hour"] - 1)
        marks = []
        for seg, hour in self.incidents:
            fade = max(0.0, 1.0 - (view["hour"] - hour) / INCIDENT_MARK_H)
            x, y = self.map.segment_mid(seg)
            marks.append((x, y, fade))
        self.map.draw(surface, trucks, marks)
        self.map.draw_legend(surface)
        title = tr("map.title", town=view["scenario"]["town"])
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
            text = format_field(tr, k, v)
            lr = p.text(surface, label + ":", (x, y), 12, c["muted"], max_width=colw * 3 // 5)
            p.text(surface, text, (lr.right + p.px(4), y), 12, bold=True,
                   max_width=x + colw - lr.right - p.px(4))

    def draw_inbox(self, surface: pygame.Surface) -> None:
        """Newest messages first; open decisions marked."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        inner = p.panel(surface, self.inbox_rect, tr("inbox.title"))
        items = self.app.inbox.visible(self.state.active_role, limit=20)
        lh = p.line_height(12)
        y = inner.y
        start = self.state.view["start_date"]
        if not items:
            p.text(surface, tr("inbox.empty"), (inner.x, y), 12, c["muted"])
        for item in items:
            if y + lh > inner.bottom:
                break
            is_open = self.app.inbox.is_open(item)
            stamp = tr.when(start, item.tick)
            values = {k: inbox_value(tr, k, v) for k, v in item.values.items()}
            text = tr(item.key, **values)
            if is_open:
                text = tr("inbox.open_mark") + " " + text
            r = p.text(surface, stamp, (inner.x, y), 12, c["muted"])
            p.text(surface, text, (r.right + p.px(8), y), 12, c[INBOX_COLOURS[item.category]],
                   bold=is_open, max_width=inner.right - r.right - p.px(8))
            y += lh


def inbox_value(tr: Translator, key: str, value: object) -> object:
    """A value of an inbox message, in words."""
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
