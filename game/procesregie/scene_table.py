"""The table round: a multi-party meeting at the end of a round of divergeren.

Who sits at the table and in which role, who is left out, the options on the table and
the bar the council sets; the regisseur may use its instruments first and then decides
on time: another round of divergeren, or close it and start convergeren (possible after
the rounds the process rules ask for). The clock waits for this choice.
"""

from __future__ import annotations

import pygame

from game.procesregie import autoplay
from game.procesregie.panels import party_name
from game.scene import Scene
from game.widgets import Column, card, esc
from sim.procesregie.actions import REGISSEUR


class TableScene(Scene):
    """Overlay card of the table round (the regisseur's decision on time)."""

    name = "proces-table"
    overlay = True

    def build_widgets(self) -> None:
        tr, p = self.app.tr, self.app.painter
        state = self.app.state
        view = state.view
        legal = {a["type"] for a in state.legal_actions(REGISSEUR)}
        panel, inner = card(self, 1100, 2000)
        col = Column(self, inner, panel)
        col.label(
            tr("proces.table_title", n=view["rounds_in_phase"], min=view["min_rounds"]),
            "#title",
            height=30,
        )
        col.text(self.body(view), col.left - p.px(40 + 8) * 3 - p.px(16))
        col.gap(6)
        specs = [
            (
                "continue",
                tr("words.proces_action.continue_phase"),
                self.more,
                None if "close_phase" in legal else "#primary",
            )
        ]
        if "close_phase" in legal:
            specs.append(
                ("close", tr("words.proces_action.close_phase"), self.close_phase, "#primary")
            )
        col.buttons(specs, cols=2, height=40)
        col.buttons(
            [
                ("instruments", tr("proces.instruments_open"), self.instruments, None),
                ("later", tr("proces.later"), self.on_back, None),
            ],
            cols=2,
            height=36,
        )

    def body(self, view: dict) -> str:
        """The table in sentences: present, away, options, the council's bar."""
        tr = self.app.tr
        present = [
            f"{party_name(tr, q['key'])} ({tr('words.proces_role.' + q['role'])})"
            for q in view["parties"]
            if q["at_table"]
        ]
        away = [party_name(tr, q["key"]) for q in view["parties"] if not q["at_table"]]
        lines = [tr("proces.table_present", names=", ".join(present))]
        if away:
            lines.append(tr("proces.table_away", names=", ".join(away)))
        lines.append(tr("proces.options", n=view["options"], explored=view["options_explored"]))
        if view["rounds_in_phase"] < view["min_rounds"]:
            lines.append(tr("proces.table_min", min=view["min_rounds"]))
        else:
            lines.append(tr("proces.table_choice"))
        lines.append(tr("proces.go_bar", pct=tr.pct(view["go_support_pct"])))
        return "<br>".join(esc(x) for x in lines)

    def choose(self, kind: str) -> None:
        tr = self.app.tr
        result = self.app.state.submit(REGISSEUR, {"type": kind})
        if result.ok:
            self.app.toast(tr("proces.done", what=tr(f"words.proces_action.{kind}")), "good")
            self.app.pop(self)
        else:
            self.app.toast(tr("proces.not_possible"), "bad")

    def more(self) -> None:
        """Another round of divergeren."""
        self.choose("continue_phase")

    def close_phase(self) -> None:
        """Close divergeren: the table starts convergeren."""
        self.choose("close_phase")

    def instruments(self) -> None:
        from game.procesregie.scene_instruments import InstrumentsScene

        self.app.push(InstrumentsScene(self.app, REGISSEUR))

    def on_back(self) -> None:
        """Later: the card closes, the clock keeps waiting (the panel reopens it)."""
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Nothing below the card but the dimmed play screen."""

    def autoplay(self) -> object:
        return autoplay.on_table(self.app, self) if self.app.autoplayer else None
