"""The start screen: scenario, language, who plays which role, or continue a session.

An unfinished session (one whose log has no end event, e.g. after a crash) is offered at
the top and has the focus, so continuing is one key press.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.families import GameParts, parts_for_path, read_yaml
from game.i18n import LANGUAGES
from game.logbook import default_session_dir, unfinished_sessions
from game.scene import Scene
from game.widgets import Column, esc, fitted_columns

MAX_CONTINUE = 3


def scenario_entries() -> list[tuple[Path, dict, dict]]:
    """Shipped scenarios of every family: path, meta (titles, descriptions), default seats."""
    from sim.scenario.loader import list_scenarios

    return [scenario_entry(path) for path in list_scenarios()]


def scenario_entry(path: Path) -> tuple[Path, dict, dict]:
    """Path, meta and default seats of one scenario file (read for display only; the
    full validation happens when the session starts). Seats come from its family."""
    data = read_yaml(path)
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return path, meta, parts_for_path(path).seats(data)


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

    @property
    def parts(self) -> GameParts:
        """The game parts of the chosen scenario's family."""
        from game.families import GLADHEID

        return parts_for_path(self.scenarios[self.choice][0]) if self.scenarios else GLADHEID

    @property
    def roles(self) -> tuple[str, ...]:
        """The seats of the chosen scenario, in its family's order."""
        return tuple(self.scenarios[self.choice][2]) if self.scenarios else ()

    def _defaults_from_scenario(self) -> None:
        """A person as regisseur, the scenario's bots elsewhere."""
        self.seats = dict(self.scenarios[self.choice][2]) if self.scenarios else {}

    # --- widgets --------------------------------------------------------------------------
    def build_widgets(self) -> None:
        """Left: scenarios and description. Right: language, seats, continue, start."""
        p = self.app.painter
        w, h = self.app.area().size
        pad = p.px(24)
        top = p.px(56)
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
        self.lang_label_at = (bar.rect.x - p.px(10), bar.rect.y + p.px(17))
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
                          day=u.tick // 24 + 1, players=self.players(u))
                if self.app.button_text_width(text) + p.px(16) > right.rect.w:
                    text = tr("start.continue_short", day=u.tick // 24 + 1,
                              players=self.players(u))
                specs.append((f"continue.{i}", text, (lambda u=u: self.resume(u.path)), None))
            right.buttons(specs, cols=1, height=32)
            right.gap(6)
        # Scenarios.
        left.label(tr("start.scenario"), "#title", height=28)
        specs = [(f"scenario.{i}", self.title(meta, path), (lambda i=i: self.pick_scenario(i)),
                  None) for i, (path, meta, _) in enumerate(self.scenarios)]
        self.groups["scenario"] = list(zip(range(len(specs)), left.buttons(specs, cols=1,
                                                                           height=30),
                                           strict=True))
        left.gap(8)
        self.description = left.text(self.describe(), max(p.px(80), left.left))
        self.scrolls = (self.description,)  # a scenario's own text may be long
        # Seats: one button per role that steps through person and bots, and the name.
        right.label(tr("start.seats"), "#title", height=28)
        self.seat_buttons = {}
        for role in self.roles:
            row = Column(self, pygame.Rect(right.rect.x, right.y, right.rect.w, p.px(40)),
                         right.container, measure=right.measure, squeeze=right.squeeze)
            (self.seat_buttons[role],) = row.buttons(
                [(f"seat.{role}", self.seat_text(role), (lambda r=role: self.next_seat(r)),
                  None)], cols=1, height=34)
            right.y = row.y
            if self.parts.named(role):
                self.name_boxes[role] = right.entry(f"name.{role}", tr("start.player"),
                                                    self.names.get(role, ""))
        right.gap(4)
        right.buttons([("start", tr("start.start"), self.start, "#primary"),
                       ("projector", tr("trainer.projector_off") if self.app.projector
                        else tr("trainer.projector_on"), self.toggle_projector, None)], cols=2,
                      height=40)

    @staticmethod
    def players(session: object) -> str:
        """The player names of an unfinished session ("Anna, Bram")."""
        return ", ".join(x.split(": ", 1)[-1] for x in session.players) or "-"

    def seat_text(self, role: str) -> str:
        """'Regisseur (gemeente): Mens' or '...: Bot: controleur'."""
        tr = self.app.tr
        bot, parts = self.seats[role], self.parts
        who = tr("panel.human") if bot is None else parts.bot_label(tr, bot)
        return tr("start.seat", role=parts.seat_label(tr, role), who=who)

    def next_seat(self, role: str) -> None:
        """The next choice for a role: a person, then each bot in turn."""
        choices = [None, *self.parts.bots(role)]
        self.pick_seat(role, choices[(choices.index(self.seats[role]) + 1) % len(choices)])

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
        self.show_chosen(self.groups, chosen)
        for role, button in getattr(self, "seat_buttons", {}).items():
            if button is not None:
                button.set_text(self.seat_text(role))
        for role, box in self.name_boxes.items():
            if box is None:
                continue
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
        before = self.roles
        self.choice = i
        self._keep_names()
        self._defaults_from_scenario()
        if self.roles != before:  # another family: other seats
            self.app.rebuild()
            return
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
        for role in self.roles:
            if self.seats[role] is None:
                seats[role] = {"type": "human", "name": self.names.get(role) or
                               self.parts.seat_label(tr, role)}
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
        r = p.text(surface, tr("app.title"), (p.px(24), p.px(8)), 20, bold=True)
        room = self.lang_label_at[0] - p.font(12, True).size(tr("start.language"))[0] \
            - r.right - p.px(40)
        subtitle = tr("start.subtitle")
        if p.font(12).size(subtitle)[0] > room:
            subtitle = tr("start.subtitle_short")
        if p.font(12).size(subtitle)[0] <= room:  # a narrow window: the title alone
            p.text(surface, subtitle, (r.right + p.px(16), r.centery), 12, c["muted"],
                   anchor="midleft")
        p.text(surface, tr("start.language"), self.lang_label_at, 12, c["muted"], bold=True,
               anchor="midright")

    def autoplay(self) -> object:
        """Scripted player: see game.autoplay."""
        return self.app.autoplayer.on_start(self) if self.app.autoplayer else None
