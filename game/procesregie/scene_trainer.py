"""The trainer panel of a bestuursproces (F2, optional PIN): the clock and the issue of
the day, who holds each seat, bookmarks with the procesregisseur's competences.

The gladheid panel (game.scene_trainer) with the process's injects, seats and rubric;
every act goes through the model's front door or the log as there.
"""

from __future__ import annotations

from game.competences import competence_tags
from game.procesregie import autoplay
from game.scene_trainer import SEVERITIES, TrainerScene
from game.settings import SPEEDS
from game.widgets import Column
from sim.procesregie.actions import REGISSEUR
from sim.procesregie.model import INJECTS


class ProcesTrainerScene(TrainerScene):
    """The trainer's panel for a process."""

    name = "proces-trainer"

    def __init__(self, app: object) -> None:
        super().__init__(app)
        self.inject_name = INJECTS[0]

    def shot_name(self) -> str:
        return "proces-trainer" if self.unlocked else "proces-trainer-pin"

    def fill_clock(self, cols: list[Column]) -> None:
        """Pause and speed (weeks a second), how hard the issue hits, and the button."""
        tr, state = self.app.tr, self.app.state
        c = cols[0]
        c.label(tr("trainer.clock"), "#title", height=28)
        pause = tr("trainer.resume") if state.paused else tr("trainer.pause")
        c.buttons([("pause", pause, self.toggle_pause, "#primary")], cols=1)
        speeds = [s for s in SPEEDS if s <= state.max_speed]
        specs = [(f"speed.{s}", f"{s}×", (lambda s=s: self.set_speed(s)), None) for s in speeds]
        self.group("speed", c.buttons(specs, cols=4, height=32), speeds)
        c = cols[1]
        c.label(tr("trainer.inject"), "#title", height=28)
        specs = [
            (f"inject.{n}", tr(f"inject.{n}.label"), (lambda n=n: self.pick(n)), None)
            for n in INJECTS
        ]
        self.group("inject", c.buttons(specs, cols=1, height=30), INJECTS)
        c.label(tr("trainer.severity"), "#title", height=28)
        specs = [
            (
                f"severity.{s}",
                tr(f"trainer.severity_{int(s * 100)}"),
                (lambda s=s: self.pick_severity(s)),
                None,
            )
            for s in SEVERITIES
        ]
        self.group("severity", c.buttons(specs, cols=4, height=30), SEVERITIES)
        c.buttons([("inject_now", tr("trainer.inject_now"), self.do_inject, "#primary")], cols=1)

    def pick(self, name: str) -> None:
        self.inject_name = name
        self.mark()

    def fill_seats(self, cols: list[Column]) -> None:
        """Who holds each seat (a person or a bot), and the display settings."""
        tr, state, parts = self.app.tr, self.app.state, self.app.parts
        seats = list(state.seats())
        half = (len(seats) + 1) // 2
        for i, seat in enumerate(seats):
            c = cols[0] if i < half else cols[1]
            bot = state.bot_name(seat)
            who = tr("panel.human") if bot is None else parts.bot_label(tr, bot)
            c.label(f"{parts.seat_label(tr, seat)}: {who}", height=28)
            choices = [None, *parts.bots(seat)]
            specs = [
                (
                    f"seat.{seat}.{b or 'human'}",
                    tr("panel.human") if b is None else tr(f"words.proces_bot.{b}"),
                    (lambda s=seat, b=b: self.set_seat(s, b)),
                    None,
                )
                for b in choices
            ]
            self.group(f"seat.{seat}", c.buttons(specs, cols=4, height=30), choices)
        c = cols[1]
        c.label(tr("trainer.display"), "#title", height=28)
        c.buttons(
            [
                (
                    "projector",
                    tr("trainer.projector_off")
                    if self.app.projector
                    else tr("trainer.projector_on"),
                    self.toggle_projector,
                    None,
                ),
                ("language", tr("trainer.language"), self.toggle_language, None),
            ],
            cols=2,
            height=32,
        )

    def fill_bookmark(self, cols: list[Column]) -> None:
        """The procesregisseur's competences (and a party's, when a person holds one)."""
        tr, state = self.app.tr, self.app.state
        humans = set(state.human_roles())
        roles = {"regisseur"} | ({"party"} if humans - {REGISSEUR} else set())
        tags = [t for t in competence_tags("procesregie") if t.role in roles]
        cols[0].label(tr("trainer.bookmark"), "#title", height=28)
        specs = [
            (
                f"tag.{t.id}",
                t.label.get(self.app.lang, t.id),
                (lambda t=t: self.pick_tag(t.id)),
                None,
            )
            for t in tags
        ]
        self.group("tag", cols[0].buttons(specs, cols=1, height=30), [t.id for t in tags])
        c = cols[1]
        c.gap(28)
        self.note = c.entry("bookmark_note", tr("trainer.note"))
        c.buttons([("bookmark", tr("trainer.add_bookmark"), self.do_bookmark, "#primary")], cols=1)

    def mark(self) -> None:
        state = self.app.state
        chosen = {
            "speed": state.speed,
            "inject": self.inject_name,
            "severity": self.severity,
            "tag": self.tag,
            "page": self.page,
        }
        chosen |= {f"seat.{s}": bot for s, bot in state.seats().items()}
        self.show_chosen(self.groups, chosen)

    def set_seat(self, seat: str, bot: str | None) -> None:
        """Give a seat to a person (its name kept) or a bot."""
        tr, state, parts = self.app.tr, self.app.state, self.app.parts
        name = state.names.get(seat) or parts.seat_label(tr, seat)
        state.set_seat(seat, bot, name)
        who = parts.bot_label(tr, bot) if bot else name
        self.app.toast(tr("trainer.seat_set", role=parts.seat_label(tr, seat), who=who), "good")
        self.rebuild()

    def status_texts(self) -> list[str]:
        """The week and the clock (weeks a second)."""
        tr, state = self.app.tr, self.app.state
        status = tr("topbar.paused") if state.paused else tr("proces.per_second", n=state.speed)
        return [tr("proces.event.week", week=state.hour, text=status)]

    def autoplay(self) -> object:
        return autoplay.on_trainer(self.app, self) if self.app.autoplayer else None
