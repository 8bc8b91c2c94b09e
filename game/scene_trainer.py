"""The trainer panel (F2, optional PIN): clock, injects, seats, bookmarks, display, end.

Every act that changes the model goes through its front door (``inject``,
``set_controller``); pause, speed, bookmarks and the end of the round are logged as
trainer events. The clock holds while the panel is open.
"""

from __future__ import annotations

import pygame

from game.competences import competence_tags
from game.scene import Scene
from game.settings import SPEEDS
from game.widgets import Column, fitted_columns
from sim.bots import BOTS
from sim.governance.injects import INJECT_NAMES

SEVERITIES = (0.25, 0.5, 0.75, 1.0)


class TrainerScene(Scene):
    """Full-screen panel for the trainer."""

    name = "trainer"

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.unlocked = app.options.pin is None
        self.inject_name = INJECT_NAMES[0]
        self.severity = 0.5
        self.tag: str | None = None
        self.confirm_end = False
        self.names: dict[str, object] = {}
        self.groups: dict[str, list[tuple[object, object]]] = {}
        self.page = 0  # PAGES: clock and injects; seats and display; bookmark

    # --- widgets --------------------------------------------------------------------------
    def build_widgets(self) -> None:
        """The PIN form, or the three columns of the panel."""
        self.groups = {}
        if not self.unlocked:
            self.build_pin()
            return
        p = self.app.painter
        w, h = self.app.area().size
        pad = p.px(16)
        tr = self.app.tr
        # The round's buttons sit in the title bar, always in view; the pages below it.
        end = tr("trainer.end_confirm") if self.confirm_end else tr("trainer.end")
        bw = max(self.app.button_text_width(t) for t in (end, tr("trainer.back"))) + p.px(30)
        bar = Column(self, pygame.Rect(w - pad - 2 * bw - p.px(8), p.px(6), 2 * bw + p.px(8),
                                       p.px(36)), self.root)
        bar.buttons([("end", end, self.end_round, "#warn"),
                     ("back", tr("trainer.back"), self.on_back, None)], cols=2, height=34)
        self.title_rect = pygame.Rect(pad, p.px(6), bar.rect.x - 2 * pad, p.px(36))
        self.status_right = bar.rect.x - p.px(16)
        tabs = Column(self, pygame.Rect(pad, p.px(48), w - 2 * pad, p.px(40)), self.root)
        self.group("page", tabs.buttons(
            [(f"page.{i}", tr(f"trainer.page_{i}"), (lambda i=i: self.show_page(i)), None)
             for i in range(3)], cols=3, height=34), [0, 1, 2])
        cw = (w - 3 * pad) // 2
        top = tabs.y + p.px(4)
        rects = [pygame.Rect(pad + i * (cw + pad), top, cw, h - top - p.px(8)) for i in range(2)]
        fitted_columns(self, rects, self.fill)
        self.mark()

    def show_page(self, page: int) -> None:
        """Show one page of the panel."""
        self.page = page
        self.rebuild()

    def fill(self, cols: list[Column]) -> None:
        """The page's two columns: clock and injects; seats and display; bookmark."""
        self.groups = {k: v for k, v in self.groups.items() if k == "page"}
        self.names = {}
        [self.fill_clock, self.fill_seats, self.fill_bookmark][self.page](cols)

    def fill_clock(self, cols: list[Column]) -> None:
        """Pause and speed, how hard an inject hits and the button; the injects."""
        tr, state = self.app.tr, self.app.state
        c = cols[0]
        c.label(tr("trainer.clock"), "#title", height=28)
        c.buttons([("pause", tr("trainer.resume") if state.paused else tr("trainer.pause"),
                    self.toggle_pause, "#primary")], cols=1)
        self.group("speed", c.buttons(
            [(f"speed.{s}", f"{s}×", (lambda s=s: self.set_speed(s)), None) for s in SPEEDS],
            cols=4, height=32), SPEEDS)
        c.gap(10)
        c.label(tr("trainer.severity"), "#title", height=28)
        self.group("severity", c.buttons(
            [(f"severity.{s}", tr(f"trainer.severity_{int(s * 100)}"),
              (lambda s=s: self.pick_severity(s)), None) for s in SEVERITIES], cols=4, height=30),
            SEVERITIES)
        c.buttons([("inject_now", tr("trainer.inject_now"), self.do_inject, "#primary")], cols=1)
        if (state.view.get("design") or {}).get("status") == "open":  # before the winter
            c.gap(10)
            c.label(tr("trainer.design"), "#title", height=28)
            c.buttons([("design.extend", tr("design.extend", n=5),
                        (lambda: self.design("design_extend", 5.0)), None),
                       ("design.close", tr("design.close"),
                        (lambda: self.design("design_close")), "#warn")], cols=2, height=30)
        c = cols[1]
        c.label(tr("trainer.inject"), "#title", height=28)
        self.group("inject", c.buttons(
            [(f"inject.{n}", tr(f"inject.{n}.label"), (lambda n=n: self.pick_inject(n)), None)
             for n in INJECT_NAMES], cols=1, height=30), INJECT_NAMES)

    def fill_seats(self, cols: list[Column]) -> None:
        """Who plays each role (a person or a bot) and the display settings."""
        tr, state = self.app.tr, self.app.state
        for i, role in enumerate(("regisseur", "executor", "wethouder")):
            c = cols[0] if i < 2 else cols[1]
            bot = state.bot_name(role)
            who = tr("panel.human") + (f" ({state.names.get(role)})" if state.names.get(role)
                                       else "") if bot is None else tr(f"bot.{bot}")
            c.label(f"{tr(f'role.{role}')}: {who}", height=28)
            choices = [None, *BOTS[role]]
            specs = [(f"seat.{role}.{b or 'human'}",
                      tr("panel.human") if b is None else tr(f"bot.{b}"),
                      (lambda r=role, b=b: self.set_seat(r, b)), None) for b in choices]
            self.group(f"seat.{role}", c.buttons(specs, cols=2, height=30), choices)
            self.names[role] = c.entry(f"name.{role}", tr("trainer.player"),
                                       state.names.get(role, ""))
            c.gap(8)
        c = cols[1]
        c.label(tr("trainer.display"), "#title", height=28)
        c.buttons([("projector", tr("trainer.projector_off") if self.app.projector
                    else tr("trainer.projector_on"), self.toggle_projector, None),
                   ("language", tr("trainer.language"), self.toggle_language, None),
                   ("sound", tr("trainer.sound_off") if self.app.sound.enabled
                    else tr("trainer.sound_on"), self.toggle_sound, None)], cols=1, height=32)

    def fill_bookmark(self, cols: list[Column]) -> None:
        """Competence tags (over both columns), a note and the button."""
        tr, state = self.app.tr, self.app.state
        humans = set(state.human_roles()) or {"regisseur", "executor", "wethouder"}
        tags = [t for t in competence_tags() if t.role in humans]
        half = (len(tags) + 1) // 2
        cols[0].label(tr("trainer.bookmark"), "#title", height=28)
        buttons = []
        for c, part in ((cols[0], tags[:half]), (cols[1], tags[half:])):
            if c is cols[1]:
                c.gap(28)
            buttons += c.buttons(
                [(f"tag.{t.id}", t.label.get(self.app.lang, t.id),
                  (lambda t=t: self.pick_tag(t.id)), None) for t in part], cols=1, height=30)
        self.group("tag", buttons, [t.id for t in tags])
        c = cols[1]
        c.gap(8)
        self.note = c.entry("bookmark_note", tr("trainer.note"))
        c.buttons([("bookmark", tr("trainer.add_bookmark"), self.do_bookmark, "#primary")],
                  cols=1)

    def build_pin(self) -> None:
        """Ask for the trainer's PIN."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        box = pygame.Rect(0, 0, min(w - p.px(40), p.px(520)), p.px(220))
        box.center = (w // 2, h // 2)
        col = Column(self, box, self.root)
        col.label(tr("trainer.pin_title"), "#title", height=32)
        self.pin = col.entry("pin", tr("trainer.pin"), "", width=p.px(160))
        col.buttons([("pin_ok", tr("trainer.pin_ok"), self.check_pin, "#primary"),
                     ("back", tr("trainer.back"), self.on_back, None)], cols=2)
        self.title_rect = pygame.Rect(0, 0, 0, 0)

    def shot_name(self) -> str:
        """trainer, or trainer-pin while the PIN is asked."""
        return "trainer" if self.unlocked else "trainer-pin"

    def default_focus(self) -> str | None:
        """The PIN box, or the first control of the page."""
        return "pin" if not self.unlocked else ["pause", "seat.regisseur.human",
                                                "bookmark_note"][self.page]

    def group(self, name: str, buttons: list, values: list | tuple) -> None:
        """Remember a row of buttons that act as one choice."""
        self.groups[name] = list(zip(values, buttons, strict=True))

    def mark(self) -> None:
        """Highlight the chosen speed, inject, severity, seat and tag."""
        state = self.app.state
        chosen = {"speed": state.speed, "inject": self.inject_name, "severity": self.severity,
                  "tag": self.tag, "page": self.page}
        for role in ("regisseur", "executor", "wethouder"):
            chosen[f"seat.{role}"] = state.bot_name(role)
        self.show_chosen(self.groups, chosen)

    # --- verbs ----------------------------------------------------------------------------
    def check_pin(self) -> None:
        """Open the panel if the PIN is right."""
        if self.pin.get_text().strip() == str(self.app.options.pin):
            self.unlocked = True
            self.rebuild()
        else:
            self.app.toast(self.app.tr("trainer.pin_wrong"), "bad")
            self.pin.set_text("")
            self.focus.set("pin", self.app.manager)

    def rebuild(self) -> None:
        """Rebuild this panel (labels changed)."""
        key = self.focus.current
        self.teardown()
        self.focus.current = key
        self.build()

    def toggle_pause(self) -> None:
        """Pause or resume the clock."""
        state = self.app.state
        state.set_paused(not state.paused)
        self.rebuild()

    def set_speed(self, speed: int) -> None:
        """Clock speed [simulated hours per second]."""
        self.app.state.set_speed(speed)
        self.mark()

    def pick_inject(self, name: str) -> None:
        """Choose an inject."""
        self.inject_name = name
        self.mark()
        self.app.toast(self.app.tr(f"inject.{name}.help"))

    def pick_severity(self, severity: float) -> None:
        """Choose how hard the inject hits."""
        self.severity = severity
        self.mark()

    def do_inject(self) -> None:
        """Put the chosen inject into the season now."""
        tr = self.app.tr
        self.app.state.inject(self.inject_name, self.severity)
        self.app.toast(tr("trainer.injected", name=tr(f"inject.{self.inject_name}.label")),
                       "good")

    def set_seat(self, role: str, bot: str | None) -> None:
        """Give a role to a person or a bot."""
        tr = self.app.tr
        state = self.app.state
        name = self.names[role].get_text().strip() or None
        if bot is None and not name:
            name = tr(f"role.{role}")
        state.set_seat(role, bot, name)
        self.app.toast(tr("trainer.seat_set", role=tr(f"role.{role}"),
                          who=tr(f"bot.{bot}") if bot else name), "good")
        self.rebuild()

    def pick_tag(self, tag: str) -> None:
        """Choose the competence tag of the next bookmark."""
        self.tag = tag
        self.mark()

    def do_bookmark(self) -> None:
        """Bookmark this moment."""
        tr = self.app.tr
        if self.tag is None:
            self.app.toast(tr("trainer.pick_tag"), "warn")
            return
        self.app.state.bookmark(self.tag, self.note.get_text().strip())
        self.note.set_text("")
        self.app.toast(tr("trainer.bookmarked"), "good")

    def toggle_projector(self) -> None:
        """Projector mode on or off (rebuilds every screen)."""
        self.app.set_projector(not self.app.projector)

    def toggle_language(self) -> None:
        """Dutch <-> English."""
        self.app.set_language("en" if self.app.lang == "nl" else "nl")

    def toggle_sound(self) -> None:
        """Sounds on or off."""
        if not self.app.sound.set_enabled(not self.app.sound.enabled):
            self.app.toast(self.app.tr("trainer.no_audio"), "warn")
        self.rebuild()

    def design(self, act: str, minutes: float = 0.0) -> None:
        """Give the design phase 5 more minutes of table time, or close it (the starting
        offer holds); logged, and replayed on a resume."""
        self.app.state.design_act(act, minutes)
        self.app.toast(self.app.tr(f"trainer.{act}"), "good")
        self.rebuild()

    def end_round(self) -> None:
        """End the round (asks once more first)."""
        if not self.confirm_end:
            self.confirm_end = True
            self.rebuild()
            self.focus.set("end", self.app.manager)
            return
        self.app.state.end_round()
        self.app.end_session()

    def on_back(self) -> None:
        """Close the panel."""
        self.app.pop(self)

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """Title bar with the session's position."""
        p, c, tr = self.app.painter, self.app.painter.colours, self.app.tr
        surface.fill(c["bg"])
        if not self.unlocked:
            return
        r = p.text(surface, tr("trainer.title"), self.title_rect.midleft, 16, bold=True,
                   anchor="midleft")
        room = self.status_right - r.right - p.px(16)
        for text in self.status_texts():
            if p.font(11).size(text)[0] <= room:
                p.text(surface, text, (self.status_right, self.title_rect.centery), 11,
                       c["muted"], anchor="midright")
                break

    def status_texts(self) -> list[str]:
        """Where the session stands and what the clock does, longest first (the title bar
        shows the first that fits)."""
        tr, state = self.app.tr, self.app.state
        when = tr.when(state.view["start_date"], state.view["hour"])
        status = tr("topbar.paused") if state.paused else tr("topbar.running", speed=state.speed)
        return [f"{when} · {status}", tr.when_short(state.view["start_date"], state.view["hour"])]

    def autoplay(self) -> object:
        """Scripted player: see game.autoplay."""
        return self.app.autoplayer.on_trainer(self) if self.app.autoplayer else None
