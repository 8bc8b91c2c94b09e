"""The instruments of a seat as buttons: the regisseur's (invite or leave out, frame the
agenda, content conditions, process rules, one-to-one talks) or a party's role choice.

Each button is one legal action (the model's ``legal_actions``), submitted as it is; the
card stays open and shows what is possible now, so several moves can follow each other.
"""

from __future__ import annotations

import pygame

from game.procesregie import autoplay
from game.procesregie.panels import action_detail
from game.scene import Scene
from game.widgets import Column, card, esc, fitted_columns
from sim.procesregie.actions import REGISSEUR

TIME_ACTIONS = ("continue_phase", "close_phase")
# Left and right column of the card: the instruments that talk, and those that set the table.
LEFT = (
    "talk_one_to_one",
    "agree_process_rules",
    "frame_agenda",
    "choose_role",
    "declare_consent",
)
RIGHT = ("invite", "leave_out", "set_content_conditions", "choose_gemeente_role")


class InstrumentsScene(Scene):
    """Overlay card: the seat's legal moves, grouped by instrument."""

    name = "proces-instruments"
    overlay = True

    def __init__(self, app: object, seat: str) -> None:
        super().__init__(app)
        self.seat = seat
        self.legal: list[dict] = []

    def build_widgets(self) -> None:
        tr, p = self.app.tr, self.app.painter
        state = self.app.state
        self.legal = [a for a in state.legal_actions(self.seat) if a["type"] not in TIME_ACTIONS]
        panel, inner = card(self, 2000, 2000)
        col = Column(self, inner, panel)
        key = "proces.instruments_title" if self.seat == REGISSEUR else "proces.moves_title"
        col.label(tr(key, seat=self.app.seat_label(self.seat)), "#title", height=30)
        col.text(
            esc(tr("proces.instruments_help" if self.seat == REGISSEUR else "proces.moves_help")),
            p.line_height(11) * 3 + p.px(8),
        )
        foot = p.px(36 + 16)
        body = pygame.Rect(inner.x, col.y, inner.w, inner.bottom - col.y - foot)
        half = (body.w - p.px(16)) // 2
        rects = [
            pygame.Rect(body.x, body.y, half, body.h),
            pygame.Rect(body.x + half + p.px(16), body.y, half, body.h),
        ]
        self.container = panel
        self._fitted(rects)
        Column(
            self, pygame.Rect(inner.x, inner.bottom - p.px(40), inner.w, p.px(40)), panel
        ).buttons([("close", tr("proces.close"), self.on_back, "#primary")], cols=3)

    def _fitted(self, rects: list[pygame.Rect]) -> None:
        root = self.root
        self.root = self.container  # the columns live on the card
        try:
            fitted_columns(self, rects, self.fill)
        finally:
            self.root = root

    def fill(self, cols: list[Column]) -> None:
        tr = self.app.tr
        for col, types in zip(cols, (LEFT, RIGHT), strict=True):
            for kind in types:
                acts = [a for a in self.legal if a["type"] == kind]
                if not acts:
                    continue
                col.label(tr(f"words.proces_action.{kind}"), "#title", height=30)
                specs = [
                    (
                        f"act.{kind}.{i}",
                        action_detail(tr, a) or tr("proces.do"),
                        (lambda a=a: self.do(a)),
                        None,
                    )
                    for i, a in enumerate(acts)
                ]
                col.buttons(specs, cols=3, height=32)
                col.gap(4)
        if not self.legal:
            cols[0].label(tr("proces.nothing_now"), None, height=26)

    def do(self, action: dict) -> None:
        """Submit one move; the card shows what is possible after it."""
        tr = self.app.tr
        result = self.app.state.submit(self.seat, dict(action))
        if result.ok:
            detail = action_detail(tr, action)
            what = tr(f"words.proces_action.{action['type']}") + (f" ({detail})" if detail else "")
            self.app.toast(tr("proces.done", what=what), "good")
        else:
            self.app.toast(tr("proces.not_possible"), "bad")
        self.teardown()
        self.build()

    def on_back(self) -> None:
        self.app.pop(self)

    def autoplay(self) -> object:
        return autoplay.on_instruments(self.app, self) if self.app.autoplayer else None
