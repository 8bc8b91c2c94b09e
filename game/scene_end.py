"""The end screen: the season summary, and the debrief report from the session log."""

from __future__ import annotations

import threading
from pathlib import Path

import pygame

from game.scene import Scene
from game.widgets import Column

# KPIs on the end screen and their units (labels: kpi.<name> in the language files).
SUMMARY: tuple[tuple[str, str], ...] = (
    ("reachability_pct", "pct"), ("outcome_score", "score"), ("output_score", "score"),
    ("slips", "int"), ("accidents", "int"), ("injuries", "int"), ("complaints", "int"),
    ("satisfaction", "pct"), ("strooiacties", "int"), ("preventive_share_pct", "pct"),
    ("salt_used_t", "t"), ("salt_shortage_days", "int"), ("cost_total_eur", "eur"),
    ("cost_meerwerk_eur", "eur"), ("cost_vs_in_house_pct", "pct"),
    ("trust_gemeente_in_executor", "frac"), ("trust_executor_in_gemeente", "frac"),
    ("disputes", "int"), ("escalations", "int"), ("bypasses", "int"),
    ("attention_peak", "score"), ("executor_margin_pct", "pct"), ("executor_maturity", "frac"),
)


def report_builder() -> object | None:
    """debrief.report.build_report if the debrief package provides it."""
    try:
        from debrief.report import build_report
    except ImportError:
        return None
    return build_report


class EndScene(Scene):
    """Season summary and the debrief button."""

    name = "end"

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.kpis = app.state.season_summary() if app.state is not None else {}
        self.report: Path | None = None
        self.report_error = ""
        self._job: threading.Thread | None = None
        self._result: dict = {}

    def build_widgets(self) -> None:
        """Buttons at the bottom; the summary is drawn."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.screen.get_size()
        row = pygame.Rect(p.px(24), h - p.px(60), w - p.px(48), p.px(44))
        col = Column(self, row, self.root)
        col.buttons([("report", tr("end.report"), self.make_report, "#primary"),
                     ("open", tr("end.open"), self.open_report, None),
                     ("new", tr("end.new"), self.app.new_session, None),
                     ("quit", tr("end.quit"), self.quit, None)], cols=4)

    def make_report(self) -> None:
        """Build the debrief report (in the background: it re-runs the season)."""
        tr = self.app.tr
        build = report_builder()
        if build is None:
            self.report_error = tr("end.no_debrief")
            return
        if self._job is not None and self._job.is_alive():
            return
        log_path = self.app.state.log.path
        out = log_path.with_name(f"{log_path.stem}-debrief-{self.app.lang}.html")
        lang = self.app.lang

        def work() -> None:
            try:
                self._result["path"] = build(log_path, out, lang=lang)
            except Exception as err:  # shown to the trainer, the game keeps running
                self._result["error"] = f"{type(err).__name__}: {err}"

        self.report_error = ""
        self._job = threading.Thread(target=work, daemon=True)
        self._job.start()

    def open_report(self) -> None:
        """Show the report in the browser (debrief.report.open_in_browser)."""
        if self.report is None:
            self.app.toast(self.app.tr("end.no_report_yet"), "warn")
            return
        try:
            from debrief.report import open_in_browser
        except ImportError:
            self.app.toast(self.app.tr("end.no_debrief"), "warn")
            return
        if not open_in_browser(self.report):
            self.app.toast(self.app.tr("end.report_at", path=str(self.report)), "warn")

    def update(self, dt: float) -> None:
        """Pick up the report when it is ready."""
        if self._job is not None and not self._job.is_alive():
            self._job = None
            if "path" in self._result:
                self.report = Path(self._result["path"])
                self.app.toast(self.app.tr("end.report_ready"), "good")
            else:
                self.report_error = self.app.tr("end.report_failed",
                                                error=self._result.get("error", "?"))

    def quit(self) -> None:
        """Close the game."""
        self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        """Title, the KPI table in columns, bookmarks and the report status."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        w, h = surface.get_size()
        state = self.app.state
        x, y = p.px(24), p.px(16)
        r = p.text(surface, tr("end.title"), (x, y), 26, bold=True)
        reason = tr("end.by_trainer") if state and state.end_reason == "trainer" else \
            tr("end.season_over")
        if state is not None:
            view = state.view
            when = tr.when(view["start_date"], view["hour"])
            title = view["scenario"]["title_en" if self.app.lang == "en" else "title_nl"]
            reason = f"{reason} · {when} · {title}"
        r = p.text(surface, reason, (x, r.bottom + p.px(2)), 14, c["muted"])
        top = r.bottom + p.px(14)
        bottom = h - p.px(140)
        lh = p.line_height(14) + p.px(2)
        ncols = max((len(SUMMARY) + max(1, (bottom - top) // lh) - 1)
                    // max(1, (bottom - top) // lh), 2 if w < p.px(1500) else 3)
        rows = (len(SUMMARY) + ncols - 1) // ncols
        colw = (w - 2 * x) // max(ncols, 1)
        for i, (key, unit) in enumerate(SUMMARY):
            cx = x + (i // rows) * colw
            cy = top + (i % rows) * lh
            value = self.kpis.get(key)
            p.text(surface, tr(f"kpi.{key}"), (cx, cy), 14, c["muted"], max_width=colw * 3 // 5)
            p.text(surface, tr.value(unit, value), (cx + colw * 3 // 5 + p.px(8), cy), 14,
                   bold=True, max_width=colw * 2 // 5 - p.px(16))
        y = h - p.px(132)
        if state is not None:
            p.text(surface, tr("end.log", path=str(state.log.path)), (x, y), 12, c["muted"],
                   max_width=w - 2 * x)
            y += p.line_height(12)
            p.text(surface, tr("end.bookmarks", n=len(state.bookmarks)), (x, y), 12, c["muted"])
            y += p.line_height(12)
        if self._job is not None:
            p.text(surface, tr("end.report_busy"), (x, y), 13, c["warn"], bold=True)
        elif self.report is not None:
            p.text(surface, tr("end.report_at", path=str(self.report)), (x, y), 13, c["good"],
                   bold=True, max_width=w - 2 * x)
        elif self.report_error:
            p.text(surface, self.report_error, (x, y), 13, c["warn"], bold=True,
                   max_width=w - 2 * x)

    def autoplay(self) -> object:
        """Scripted player: ask for the report once, then leave."""
        return self.app.autoplayer.on_end(self) if self.app.autoplayer else None
