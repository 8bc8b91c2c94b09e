"""A go/no-go moment: the college and the council decide on the step's agreement.

The card shows the agreement on each value dimension, the support it has against the
bar the council sets, who committed to it and who did not, who blocked it, and the
verdict: the next step (go), or back to divergeren (no-go). The clock waits until it is
read.
"""

from __future__ import annotations

from game.procesregie import autoplay
from game.procesregie.panels import party_name
from game.scene import Scene
from game.widgets import Column, card, esc


class GoNoGoScene(Scene):
    """Overlay card of one go/no-go moment."""

    name = "proces-gonogo"
    overlay = True

    def __init__(self, app: object, event: dict, blocks: list[dict]) -> None:
        super().__init__(app)
        self.event = event
        self.blocks = blocks
        self.view = app.state.view  # as it stood at the moment

    def build_widgets(self) -> None:
        tr, p = self.app.tr, self.app.painter
        panel, inner = card(self, 1100, 2000)
        col = Column(self, inner, panel)
        col.label(
            tr("proces.gonogo_title", step=self.event.get("step", 0) + 1), "#title", height=30
        )
        col.label(tr(self.verdict()), "#big", height=40)
        col.text(self.body(), col.left - p.px(52))
        col.gap(6)
        col.buttons([("next", tr("proces.next"), self.on_back, "#primary")], cols=3)

    def verdict(self) -> str:
        """Go to the next step, go on the last step (done), or no-go."""
        if self.event["kind"] != "go":
            return "proces.verdict_no_go"
        last = self.event.get("step", 0) + 1 >= self.view["steps"]
        return "proces.verdict_go_final" if last else "proces.verdict_go"

    def body(self) -> str:
        tr, view = self.app.tr, self.view
        lines = []
        if view["agreement"] is not None:
            values = ", ".join(
                f"{tr('words.proces_dimension.' + d)} {tr.number(v, 2)}"
                for d, v in zip(view["dimensions"], view["agreement"], strict=True)
            )
            lines.append(tr("proces.agreement", values=values))
        lines.append(
            tr(
                "proces.support_vs",
                support=tr.pct(view["agreement_support_pct"]),
                bar=tr.pct(view["go_support_pct"]),
            )
        )
        yes = [party_name(tr, q["key"]) for q in view["parties"] if q["consented"]]
        no = [party_name(tr, q["key"]) for q in view["parties"] if not q["consented"]]
        lines.append(tr("proces.committed", names=", ".join(yes) or "-"))
        if no:
            lines.append(tr("proces.not_committed", names=", ".join(no)))
        for block in self.blocks:
            names = ", ".join(party_name(tr, k) for k in block.get("parties", []))
            lines.append(tr("proces.blocked", names=names))
        if view["issue"]:
            lines.append(tr("proces.issue_raised"))
        return "<br>".join(esc(x) for x in lines)

    def on_back(self) -> None:
        self.app.pop(self)

    def autoplay(self) -> object:
        return autoplay.on_card(self.app, self) if self.app.autoplayer else None
