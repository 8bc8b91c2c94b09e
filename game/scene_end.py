"""The end screen: the season summary, and the debrief report from the session log."""

from __future__ import annotations

import threading
from pathlib import Path

import pygame

from game.scene import Scene
from game.widgets import Column

# The end screen's figures in three groups (labels: kpi.<name>; units: game.i18n value
# formats; "pct100" is a score out of 100, "ratio" a multiple of the wethouder's threshold).
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("street", (("reachability_pct", "pct"), ("outcome_score", "pct100"), ("slips", "int"),
                ("accidents", "int"), ("injuries", "int"), ("complaints", "int"),
                ("satisfaction", "pct"))),
    ("money", (("cost_total_eur", "eur"), ("cost_meerwerk_eur", "eur"),
               ("cost_vs_in_house_pct", "pct_diff"), ("strooiacties", "int"),
               ("preventive_share_pct", "pct"), ("salt_used_t", "t"),
               ("executor_margin_pct", "pct"))),
    ("relation", (("trust_gemeente_in_executor", "frac"), ("trust_executor_in_gemeente", "frac"),
                  ("disputes", "int"), ("escalations", "int"), ("bypasses", "int"),
                  ("attention_peak", "ratio"))),
)
SUMMARY = tuple(item for _, items in GROUPS for item in items)


def short_folder(folder: Path, painter: object, room: int) -> str:
    """A folder for a line of `room` px: home as ~, and leading parts left out ('…/runs')."""
    text = str(folder)
    home = str(Path.home())
    if text.startswith(home):
        text = "~" + text[len(home):]
    parts = text.split("/")
    while len(parts) > 1 and painter.font(11).size("/".join(parts))[0] > room:
        parts = ["…", *parts[2:]] if parts[0] == "…" else ["…", *parts[1:]]
    return "/".join(parts)


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
        w, h = self.app.area().size
        row = pygame.Rect(p.px(16), h - p.px(50), w - p.px(32), p.px(44))
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
            self.app.toast(self.app.tr("end.report_at", name=self.report.name), "warn")

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

    def figure(self, key: str, unit: str) -> str:
        """A figure in its unit ('85%', '€ 3.010', '87 van 100', '1,8× de drempel')."""
        tr = self.app.tr
        value = self.kpis.get(key)
        if value is None:
            return tr("value.none")
        if unit == "pct100":
            return tr("end.out_of_100", value=tr.number(value))
        if unit == "pct_diff":
            return ("+" if value > 0 else "") + tr.pct(value)
        if unit == "ratio":
            return tr("end.times_threshold", value=tr.number(value / self.threshold(), 1))
        return tr.value(unit, value)

    def threshold(self) -> float:
        """The wethouder's intervention threshold (what its attention is measured against)."""
        state = self.app.state
        if state is None:
            return 1.0
        return float(state.observe("wethouder")["private"]["threshold"]) or 1.0

    def key_lines(self) -> list[str]:
        """How to read the figures: trust, attention, and the executor's margin in words."""
        tr = self.app.tr
        lines = [tr("end.key_trust"), tr("end.key_attention")]
        margin = self.kpis.get("executor_margin_pct")
        if margin is not None:
            per_euro = tr.number(abs(margin) / 100.0, 2)
            lines.append(tr("end.key_margin_loss" if margin < 0 else "end.key_margin_profit",
                            value=tr.pct(margin), per_euro=per_euro))
        lines.append(tr("end.key_in_house"))
        return lines

    def draw(self, surface: pygame.Surface) -> None:
        """Title, three groups of figures with units, a reading key, where the log is."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        w, h = self.app.area().size
        state = self.app.state
        x, y = p.px(16), p.px(6)
        r = p.text(surface, tr("end.title"), (x, y), 18, bold=True)
        reason = tr("end.by_trainer") if state and state.end_reason == "trainer" else \
            tr("end.season_over")
        if state is not None:
            view = state.view
            reason = f"{reason} · {tr.when(view['start_date'], view['hour'])}"
        p.text(surface, reason, (r.right + p.px(16), r.centery), 11, c["muted"],
               anchor="midleft", max_width=w - r.right - p.px(32))
        top = r.bottom + p.px(4)
        colw = (w - 2 * x) // len(GROUPS)
        lh = p.line_height(12)
        bottom = top
        for g, (group, items) in enumerate(GROUPS):
            cx, cy = x + g * colw, top
            p.text(surface, tr(f"end.group_{group}"), (cx, cy), 12, c["accent"], bold=True)
            cy += lh
            for key, unit in items:
                value = self.figure(key, unit)
                vw = p.font(12, True).size(value)[0]
                p.text(surface, value, (cx + colw - p.px(16), cy), 12, bold=True,
                       anchor="topright")
                p.text(surface, tr(f"end.label.{key}"), (cx, cy), 12, c["muted"],
                       max_width=colw - vw - p.px(24))
                cy += lh
            bottom = max(bottom, cy)
        y = bottom + p.px(4)
        limit = h - p.px(60)
        for line in self.key_lines():
            for part in p.wrap(line, 11, w - 2 * x):
                if y + p.line_height(11) > limit - 2 * p.line_height(11):
                    break
                p.text(surface, part, (x, y), 11, c["muted"])
                y += p.line_height(11)
        y = limit - 2 * p.line_height(11)
        if state is not None:
            path = state.log.path
            text = tr("end.log", name=path.name, folder="{folder}")
            room = w - 2 * x - p.font(11).size(text.replace("{folder}", ""))[0]
            p.text(surface, text.replace("{folder}", short_folder(path.parent, p, room)),
                   (x, y), 11, c["muted"])
        y += p.line_height(11)
        if self._job is not None:
            p.text(surface, tr("end.report_busy"), (x, y), 11, c["warn"], bold=True)
        elif self.report is not None:
            p.text(surface, tr("end.report_at", name=self.report.name), (x, y), 11, c["good"],
                   bold=True, max_width=w - 2 * x)
        elif self.report_error:
            p.text(surface, self.report_error, (x, y), 11, c["warn"], bold=True,
                   max_width=w - 2 * x)
        elif state is not None:
            p.text(surface, tr("end.bookmarks", n=len(state.bookmarks)), (x, y), 11, c["muted"])

    def autoplay(self) -> object:
        """Scripted player: ask for the report once, then leave."""
        return self.app.autoplayer.on_end(self) if self.app.autoplayer else None
