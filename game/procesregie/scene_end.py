"""The end screen of a bestuursproces: how it ended, its KPIs in words and units, and
each party's role and commitment; the debrief report as for any session with a log."""

from __future__ import annotations

import pygame

from game.procesregie import autoplay
from game.procesregie.panels import Lines, party_name, yes_no
from game.scene_end import EndScene
from game.widgets import Column

# The KPIs (sim.procesregie.kpi.KPI_NAMES) with the way each is written.
FIGURES = (
    ("support_pct", "pct"),
    ("options_explored", "int"),
    ("parties_committed", "int"),
    ("joint_value", "score"),
    ("lead_time_weeks", "weeks"),
    ("trust_mean", "score"),
)


class ProcesEndScene(EndScene):
    """The process's summary, and the debrief when the session has a log."""

    name = "proces-end"

    def build_widgets(self) -> None:
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        row = pygame.Rect(p.px(16), h - p.px(50), w - p.px(32), p.px(44))
        specs = []
        if self.has_log():
            specs += [
                ("report", tr("end.report"), self.make_report, "#primary"),
                ("open", tr("end.open"), self.open_report, None),
            ]
        specs += [
            ("new", tr("end.new"), self.app.new_session, None if specs else "#primary"),
            ("quit", tr("end.quit"), self.quit, None),
        ]
        Column(self, row, self.root).buttons(specs, cols=4)

    def has_log(self) -> bool:
        state = self.app.state
        return state is not None and getattr(state.log, "path", None) is not None

    def figure(self, key: str, unit: str) -> str:
        tr = self.app.tr
        value = self.kpis.get(key)
        if value is None:
            return tr("value.none")
        if unit == "pct":
            return tr.pct(value)
        if unit == "weeks":
            return tr("proces.weeks", n=tr.number(value))
        if unit == "score":
            return tr.number(value, 2)
        return tr.number(value)

    def draw(self, surface: pygame.Surface) -> None:
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        w, h = self.app.area().size
        state = self.app.state
        view = state.view
        x = p.px(16)
        r = p.text(surface, tr("proces.end_title"), (x, p.px(6)), 18, bold=True)
        if state.end_reason == "trainer":
            how = tr("end.by_trainer")
        elif view["lead_time"] is not None:
            how = tr("proces.end_agreed", weeks=view["lead_time"], steps=view["steps"])
        else:
            how = tr("proces.end_abandoned", weeks=view["week"])
        top = r.bottom + p.px(6)
        bottom = h - p.px(60)
        half = (w - 3 * x) // 2
        left = Lines(surface, pygame.Rect(x, top, half, bottom - top), p)
        left.write(how, c["good"] if view["lead_time"] is not None else c["warn"], bold=True)
        left.gap(6)
        lh = p.line_height(12)
        for key, unit in FIGURES:
            if not left.room(1, 12):
                break
            value = self.figure(key, unit)
            p.text(surface, value, (x + half, left.y), 12, bold=True, anchor="topright")
            vw = p.font(12, True).size(value)[0]
            p.text(
                surface,
                tr(f"kpi.{key}"),
                (x, left.y),
                12,
                c["muted"],
                max_width=half - vw - p.px(16),
            )
            left.y += lh
        left.gap(6)
        left.write(tr("proces.end_key"), c["muted"])
        right = Lines(surface, pygame.Rect(2 * x + half, top, half, bottom - top), p)
        right.write(tr("proces.end_parties"), c["accent"], bold=True)
        for q in view["parties"]:
            line = tr(
                "proces.end_party",
                name=party_name(tr, q["key"]),
                role=tr(f"words.proces_role.{q['role']}"),
                committed=yes_no(tr, q["consented"]),
            )
            if not right.write(line, c["good"] if q["consented"] else c["text"]):
                break
        if self._job is not None:
            p.text(surface, tr("end.report_busy"), (x, bottom), 11, c["warn"], bold=True)
        elif self.report is not None:
            p.text(
                surface,
                tr("end.report_at", name=self.report.name),
                (x, bottom),
                11,
                c["good"],
                bold=True,
                max_width=w - 2 * x,
            )
        elif self.report_error:
            p.text(
                surface,
                self.report_error,
                (x, bottom),
                11,
                c["warn"],
                bold=True,
                max_width=w - 2 * x,
            )

    def autoplay(self) -> object:
        return autoplay.on_end(self.app, self) if self.app.autoplayer else None
