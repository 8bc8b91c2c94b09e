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
from game.role_panel import draw_banner, draw_role_panel
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


def forecast_line(tr: Translator, view: dict, short: bool = False) -> str:
    """The forecast line over the map (public information); `short`: fewer words."""
    fc = view["forecast"]
    if fc["min_surface_temp_c"] is None:
        return tr("topbar.no_forecast")
    flags = ""
    if fc["snow_expected"]:
        flags += tr("topbar.fc_snow")
    if fc["freezing_rain_expected"]:
        flags += tr("topbar.fc_freezing_rain")
    return tr("topbar.forecast_short" if short else "topbar.forecast", hours=FORECAST_LEAD_H,
              min=tr.value("temp_c", fc["min_surface_temp_c"]),
              prob=tr.value("frac", fc["max_precip_prob"]), flags=flags)


class PlayPanels:
    """The painters of the play screen (mixed into :class:`game.scene_play.PlayScene`)."""

    def draw_dash(self, surface: pygame.Surface) -> None:
        """The KPI dashboard, with the tiles the looking role may see."""
        draw_dashboard(surface, self.dash_rect, self.app.painter, self.app.tr,
                       self.state.kpis(self.state.active_role))

    def draw_topbar(self, surface: pygame.Surface) -> None:
        """Date and time, the weather now (the forecast is on the map)."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        view = self.state.view
        bar = pygame.Rect(0, 0, self.app.area().w, self.top_h)
        pygame.draw.rect(surface, c["panel"], bar)
        when = tr.when(view["start_date"], view["hour"])
        x = p.px(10)
        r = p.text(surface, when, (x, bar.centery), 13, bold=True, anchor="midleft")
        x = r.right + p.px(16)
        w = view["weather"]
        kind = w["precip_kind"] if w["precip_mm_h"] > 0.05 else 0
        weather = tr("topbar.weather", air=tr.value("temp_c", w["air_temp_c"]),
                     surface=tr.value("temp_c", w["surface_temp_c"]),
                     precip=tr(f"precip.{kind}"))
        limit = self.top_buttons["switch"].rect.x if self.top_buttons["switch"].visible else \
            self.top_buttons["help"].rect.x
        if p.font(12).size(weather)[0] > limit - x - p.px(10):
            weather = tr("topbar.weather_short", surface=tr.value("temp_c", w["surface_temp_c"]),
                         precip=tr(f"precip.{kind}"))
        p.text(surface, weather, (x, bar.centery), 12, anchor="midleft",
               max_width=limit - x - p.px(10))

    def draw_banner(self, surface: pygame.Surface) -> None:
        """Whose turn it is and what they must decide, or what the clock does."""
        draw_banner(surface, self.banner_rect, self.app.painter, self.app.tr, self.state)

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
        room = self.map_rect.w - p.px(16)
        line = forecast_line(tr, view)
        if p.font(12).size(line)[0] > room:
            line = forecast_line(tr, view, short=True)
        p.text(surface, line, (self.map_rect.x + p.px(8), self.map_rect.y + p.px(4)), 12,
               c["muted"], max_width=room)

    def draw_role_panel(self, surface: pygame.Surface) -> None:
        """Who is looking: open points, last decisions and their effect, what it knows."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        state = self.state
        role = state.active_role
        if role is None:
            inner = p.panel(surface, self.role_rect, tr("panel.observer"), 12)
            y = inner.y
            for r in ("regisseur", "executor", "wethouder"):
                bot = state.bot_name(r)
                seat = tr(f"bot.{bot}") if bot else tr("panel.human")
                p.text(surface, f"{tr(f'role.{r}')}: {seat}", (inner.x, y), 12,
                       max_width=inner.w)
                y += p.line_height(12)
            for line in p.wrap(tr("panel.observer_hint"), 12, inner.w):
                if y + p.line_height(12) > inner.bottom:
                    break
                p.text(surface, line, (inner.x, y + p.px(6)), 12, c["muted"])
                y += p.line_height(12)
            return
        bottom = getattr(self, "buttons_top", self.role_rect.bottom) - p.px(4)
        draw_role_panel(surface, self.role_rect, bottom, p, tr, state, self.observation())

    def draw_inbox(self, surface: pygame.Surface) -> None:
        """Newest messages first (wrapped, never cut); open decisions marked."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        inner = p.panel(surface, self.inbox_rect, tr("inbox.title"), 12)
        items = self.app.inbox.visible(self.state.active_role, limit=12)
        lh = p.line_height(12)
        y = inner.y
        start = self.state.view["start_date"]
        if not items:
            p.text(surface, tr("inbox.empty"), (inner.x, y), 12, c["muted"])
        stamp_w = max((p.font(12).size(tr.when_short(start, i.tick))[0] for i in items),
                      default=0) + p.px(10)
        for item in items:
            is_open = self.app.inbox.is_open(item)
            values = {k: inbox_value(tr, k, v) for k, v in item.values.items()}
            text = tr(item.key, **values)
            if is_open:
                text = tr("inbox.open_mark") + " " + text
            lines = p.wrap(text, 12, inner.w - stamp_w, bold=is_open)
            if y + lh * len(lines) > inner.bottom:
                break
            p.text(surface, tr.when_short(start, item.tick), (inner.x, y), 12, c["muted"])
            for line in lines:
                p.text(surface, line, (inner.x + stamp_w, y), 12,
                       c[INBOX_COLOURS[item.category]], bold=is_open)
                y += lh
            y += p.px(2)


def inbox_value(tr: Translator, key: str, value: object) -> object:
    """A value of an inbox message, in words."""
    if key == "role":
        return tr(f"role.{value}")
    if key == "type":
        return tr(f"action.{value}.label")
    if key in ("amount", "spent", "paid"):
        return tr.money(float(value))
    if key in ("kind", "level"):
        return tr(f"value.{value}")
    if key == "bot":
        return tr(f"bot.{value}") if value else ""
    return value
