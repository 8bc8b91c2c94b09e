"""The start screen: scenario, language, who plays which role, or continue a session.

An unfinished session (one whose log has no end event, e.g. after a crash) is offered at
the top and has the focus, so continuing is one key press.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import yaml

from game.i18n import LANGUAGES
from game.logbook import default_session_dir, unfinished_sessions
from game.scene import Scene
from game.widgets import Column, esc, fitted_columns
from sim.bots import BOTS

ROLES = ("regisseur", "executor", "wethouder")
MAX_CONTINUE = 3


def scenario_entries() -> list[tuple[Path, dict, dict]]:
    """Shipped scenarios: path, meta (titles, descriptions), default seats."""
    from sim.scenario.loader import list_scenarios

    return [scenario_entry(path) for path in list_scenarios()]


def scenario_entry(path: Path) -> tuple[Path, dict, dict]:
    """Path, meta and default seats of one scenario file (read for display only; the
    full validation happens when the session starts)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    roles_data = data.get("roles") if isinstance(data.get("roles"), dict) else {}
    roles = {r: (roles_data.get(r) or {}).get("bot") for r in ROLES}
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return path, meta, roles


class StartScene(Scene):
    """Set up a session."""

    name = "start"

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.scenarios = scenario_entries()
        wanted = app.options.scenario
        self.choice = 0
        if wanted:
            names = [(p.stem, p.name, str(p)) for p, _, _ in self.scenarios]
            hits = [i for i, n in enumerate(names) if wanted in n]
            if hits:
                self.choice = hits[0]
            elif Path(wanted).is_file():  # a scenario file of the trainer's own
                self.scenarios.insert(0, scenario_entry(Path(wanted)))
        self.seats: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        self._defaults_from_scenario()
        for role, spec in app.options.seats.items():
            self.seats[role] = spec.get("bot") if spec.get("type") == "bot" else None
            if spec.get("name"):
                self.names[role] = spec["name"]
        self.unfinished = unfinished_sessions(app.options.session_dir or default_session_dir())
        self.name_boxes: dict[str, object] = {}
        self.groups: dict[str, list] = {}

    def _defaults_from_scenario(self) -> None:
        """A person as regisseur, the scenario's bots elsewhere."""
        roles = self.scenarios[self.choice][2] if self.scenarios else {}
        for role in ROLES:
            self.seats[role] = None if role == "regisseur" else roles.get(role) or \
                next(iter(BOTS[role]))

    # --- widgets --------------------------------------------------------------------------
    def build_widgets(self) -> None:
        """Left: scenarios and description. Right: language, seats, continue, start."""
        p = self.app.painter
        w, h = self.app.screen.get_size()
        pad = p.px(24)
        top = p.px(84)
        half = (w - 3 * pad) // 2
        rects = [pygame.Rect(pad, top, half, h - top - pad),
                 pygame.Rect(2 * pad + half, top, half, h - top - pad)]
        # Language: top right, beside the title.
        bw = max(self.app.button_text_width(self.app.tr(f"language.{x}")) for x in LANGUAGES)
        bw += p.px(30)
        bar = Column(self, pygame.Rect(w - pad - 2 * bw - p.px(8), p.px(16), 2 * bw + p.px(8),
                                       p.px(36)), self.root)
        self.lang_buttons = bar.buttons(
            [(f"lang.{lang}", self.app.tr(f"language.{lang}"),
              (lambda lang=lang: self.pick_lang(lang)), None) for lang in LANGUAGES],
            cols=2, height=34)
        self.lang_label_at = (bar.rect.x - p.px(10), p.px(22))
        fitted_columns(self, rects, self.fill)
        self.groups["lang"] = list(zip(LANGUAGES, self.lang_buttons, strict=True))
        self.mark()

    def fill(self, cols: list[Column]) -> None:
        """Left: scenarios and description. Right: continue, language, seats, start."""
        tr, p = self.app.tr, self.app.painter
        left, right = cols
        self.groups = {}
        self.name_boxes = {}
        # Continue an unfinished session (first, so it has the focus).
        if self.unfinished:
            right.label(tr("start.continue"), "#title", height=28)
            specs = []
            for i, u in enumerate(self.unfinished[:MAX_CONTINUE]):
                text = tr("start.continue_item", scenario=u.scenario_name or "?",
                          day=u.tick // 24 + 1, players=", ".join(u.players) or "-")
                specs.append((f"continue.{i}", text, (lambda u=u: self.resume(u.path)), None))
            right.buttons(specs, cols=1, height=32)
            right.gap(6)
        # Scenarios.
        left.label(tr("start.scenario"), "#title", height=28)
        specs = [(f"scenario.{i}", self.title(meta, path), (lambda i=i: self.pick_scenario(i)),
                  None) for i, (path, meta, _) in enumerate(self.scenarios)]
        self.groups["scenario"] = list(zip(range(len(specs)), left.buttons(specs, cols=1,
                                                                           height=34),
                                           strict=True))
        left.gap(8)
        self.description = left.text(self.describe(), max(p.px(80), left.left))
        # Seats.
        right.label(tr("start.seats"), "#title", height=28)
        for role in ROLES:
            right.label(tr(f"role.{role}"), height=22)
            choices = [None, *BOTS[role]]
            specs = [(f"seat.{role}.{b or 'human'}",
                      tr("panel.human") if b is None else tr(f"bot.{b}"),
                      (lambda r=role, b=b: self.pick_seat(r, b)), None) for b in choices]
            self.groups[f"seat.{role}"] = list(zip(choices, right.buttons(
                specs, cols=4, height=30), strict=True))
            self.name_boxes[role] = right.entry(f"name.{role}", tr("start.player"),
                                                self.names.get(role, ""))
        right.gap(4)
        right.buttons([("start", tr("start.start"), self.start, "#primary"),
                       ("projector", tr("trainer.projector_off") if self.app.projector
                        else tr("trainer.projector_on"), self.toggle_projector, None)], cols=2,
                      height=40)

    def default_focus(self) -> str | None:
        """Continue, when a session was interrupted; otherwise Start."""
        return "continue.0" if self.unfinished else "start"

    def title(self, meta: dict, path: Path) -> str:
        """A scenario's title in the current language."""
        return str(meta.get(f"title_{self.app.lang}") or meta.get("title_nl") or path.stem)

    def describe(self) -> str:
        """The chosen scenario's description."""
        tr = self.app.tr
        if not self.scenarios:
            return esc(tr("start.no_scenarios"))
        path, meta, _ = self.scenarios[self.choice]
        text = meta.get(f"description_{self.app.lang}") or meta.get("description_nl") or ""
        return f"<b>{esc(self.title(meta, path))}</b><br><br>{esc(text)}"

    def mark(self) -> None:
        """Highlight scenario, language and seats."""
        chosen = {"scenario": self.choice, "lang": self.app.lang}
        chosen.update({f"seat.{r}": self.seats[r] for r in ROLES})
        self.show_chosen(self.groups, chosen)
        for role, box in self.name_boxes.items():
            if self.seats[role] is None:
                box.enable()
            else:
                box.disable()

    # --- verbs ----------------------------------------------------------------------------
    def _keep_names(self) -> None:
        for role, box in self.name_boxes.items():
            self.names[role] = box.get_text().strip()

    def pick_scenario(self, i: int) -> None:
        """Choose a scenario (its bots become the default seats)."""
        self.choice = i
        self._keep_names()
        self._defaults_from_scenario()
        self.description.set_text(self.describe())
        self.mark()

    def pick_lang(self, lang: str) -> None:
        """Switch the interface language (rebuilds the screen)."""
        self._keep_names()
        self.app.set_language(lang)

    def pick_seat(self, role: str, bot: str | None) -> None:
        """A person or a bot for a role."""
        self.seats[role] = bot
        self.mark()

    def toggle_projector(self) -> None:
        """Projector mode on or off."""
        self._keep_names()
        self.app.set_projector(not self.app.projector)

    def start(self) -> None:
        """Start a new session."""
        from sim.inputfile import InputFileError

        tr = self.app.tr
        self._keep_names()
        seats = {}
        for role in ROLES:
            if self.seats[role] is None:
                seats[role] = {"type": "human", "name": self.names.get(role) or
                               tr(f"role.{role}")}
            else:
                seats[role] = {"type": "bot", "bot": self.seats[role]}
        ref = str(self.scenarios[self.choice][0]) if self.scenarios else None
        try:
            self.app.start_session(ref, seats, self.app.options.seed)
        except (InputFileError, ValueError, OSError) as err:
            self.app.toast(tr("start.failed", error=str(err).splitlines()[0][:120]), "bad")

    def resume(self, path: Path) -> None:
        """Continue an interrupted session."""
        from sim.inputfile import InputFileError

        try:
            self.app.resume_session(path)
        except (InputFileError, ValueError, OSError) as err:
            self.app.toast(self.app.tr("start.resume_failed",
                                       error=str(err).splitlines()[0][:120]), "bad")

    # --- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Title and subtitle."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        r = p.text(surface, tr("app.title"), (p.px(24), p.px(12)), 30, bold=True)
        p.text(surface, tr("start.subtitle"), (p.px(24), r.bottom), 14, c["muted"],
               max_width=surface.get_width() - p.px(48))
        p.text(surface, tr("start.language"), self.lang_label_at, 15, c["muted"], bold=True,
               anchor="topright")

    def autoplay(self) -> object:
        """Scripted player: see game.autoplay."""
        return self.app.autoplayer.on_start(self) if self.app.autoplayer else None
