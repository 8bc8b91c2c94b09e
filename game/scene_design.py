"""The design screen: gemeente and executor write the contract before the winter (issue
14, sim.design). Each item with both sides' standing offers and whether it is still open,
the wethouder's conditions and the table time left; the person concedes items (takes the
other side's value), then makes the offer, or accepts the other's offer, or walks away.
The wethouder's turn: the conditions the contract must hold."""

from __future__ import annotations

import pygame

from game.scene import Scene
from game.widgets import Column, esc
from sim.design.terms import ITEMS

CONDITIONS = ("salt_rule", "plough_rule", "escalation_committee", "transition")


class DesignScene(Scene):
    """One design point of the active role (a person's turn in the design phase)."""

    name = "design"

    def __init__(self, app: object, point: dict) -> None:
        super().__init__(app)
        self.point = point
        self.role = point["role"]
        self.ctx = point["context"]
        self.chosen: dict[str, bool] = {}
        self.toggles: dict[str, object] = {}

    def shot_name(self) -> str:
        """design-regisseur, design-executor or design-conditions."""
        return self.point["kind"].replace("_", "-")

    # --- content ----------------------------------------------------------------------------
    def value(self, item: str, terms: dict | None) -> str:
        """One term in words (the price as the season's fee)."""
        tr = self.app.tr
        if terms is None:
            return "—"
        v = terms[item]
        if v is None:
            return tr("design.none")
        if isinstance(v, bool):
            return tr("value.yes" if v else "value.no")
        if item == "price_factor":
            return tr.money(v * self.ctx["start_fee_eur"])
        if item == "agreements":
            return tr(f"value.{v}")
        unit = {
            "route_norm_h": "design.hours",
            "salt_rule_t": "design.tonnes",
            "plough_rule_cm": "design.cm",
            "transition_months": "design.months",
        }[item]
        return tr(unit, n=tr.number(v))

    def table_html(self) -> str:
        """One line an item: the gemeente's and the executor's standing offer, open items
        marked (the gemeente's first ask starts from the scenario's contract)."""
        tr = self.app.tr
        mine = self.ctx.get("own") or next(
            (o["terms"] for o in self.point["options"] if o["move"] == "offer"), None
        )
        theirs = self.ctx.get("other")
        gemeente, executor = (mine, theirs) if self.role == "regisseur" else (theirs, mine)
        rows = [
            f"<b>{esc(tr('design.item'))}</b>: {esc(tr('design.gemeente'))} | "
            f"{esc(tr('design.executor'))}"
        ]
        for item in ITEMS:
            differ = gemeente is None or executor is None or gemeente[item] != executor[item]
            mark = f" <b>{esc(tr('design.open'))}</b>" if differ else ""
            rows.append(
                f"{esc(tr(f'words.design_item.{item}'))}: "
                f"{esc(self.value(item, gemeente))} | "
                f"{esc(self.value(item, executor))}{mark}"
            )
        return "<br>".join(rows)

    def differing(self) -> list[str]:
        """The items on which the other side's standing offer differs from the person's."""
        other = self.ctx.get("other")
        if other is None:
            return []
        own = self.ctx.get("own") or next(
            (o["terms"] for o in self.point["options"] if o["move"] == "offer"), other
        )
        return [i for i in ITEMS if own[i] != other[i]]

    def status_line(self) -> str:
        """The table time left and the wethouder's conditions, in one line."""
        tr = self.app.tr
        conditions = ", ".join(tr(f"words.condition.{c}") for c in self.ctx["conditions"])
        clock = tr(
            "design.clock",
            left=tr.number(self.ctx["minutes_left"]),
            per=tr.number(self.ctx["minutes_per_move"]),
        )
        return f"{clock} · {tr('design.conditions')}: {conditions or tr('design.none')}"

    # --- widgets ------------------------------------------------------------------------------
    def build_widgets(self) -> None:
        """Title; the clock and conditions; every item with both offers; the moves."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        area = pygame.Rect(p.px(16), p.px(8), w - p.px(32), h - p.px(16))
        col = Column(self, area, self.root)
        col.label(tr(f"decision.{self.point['kind']}.title"), "#big", height=40)
        footer = p.px(2 * (38 + 8) + 8)  # a row of choices above the row of moves
        foot = Column(self, pygame.Rect(area.x, area.bottom - footer, area.w, footer), self.root)
        if self.point["kind"] == "design_conditions":
            body = area.bottom - footer - col.y
            col.text(esc(tr("decision.design_conditions.text")), body)
            self.conditions_buttons(foot)
            return
        col.label(self.status_line(), height=30)
        col.text(self.table_html(), area.bottom - footer - col.y)
        self.move_buttons(foot)

    def conditions_buttons(self, foot: Column) -> None:
        """One toggle a condition, then set them."""
        tr = self.app.tr
        specs = [
            (f"cond.{c}", tr(f"words.condition.{c}"), (lambda c=c: self.toggle(c)), None)
            for c in CONDITIONS
        ]
        self.toggles = dict(zip(CONDITIONS, foot.buttons(specs, cols=4, height=38), strict=True))
        foot.buttons([("set", tr("design.set"), self.set_conditions, "#primary")], height=38)

    def move_buttons(self, foot: Column) -> None:
        """Concede an open item (take the other side's value); offer, accept, walk away."""
        tr = self.app.tr
        kinds = {o["move"] for o in self.point["options"]}
        open_items = self.differing()
        specs = [
            (
                f"concede.{i}",
                tr(f"design.short.{i}"),
                (lambda i=i: self.toggle(i)),
                None,
            )
            for i in open_items[:4]
        ]
        self.toggles = dict(
            zip(open_items[:4], foot.buttons(specs, cols=4, height=38), strict=True)
        )
        moves = [
            (
                m,
                tr(f"design.{m}"),
                (lambda m=m: self.move(m)),
                "#primary" if m == "accept" else None,
            )
            for m in ("offer", "accept", "walk")
            if m in kinds
        ]
        foot.buttons(moves, cols=3, height=38)

    def toggle(self, key: str) -> None:
        """Select or unselect a condition or a concession."""
        self.chosen[key] = not self.chosen.get(key, False)
        for name, button in self.toggles.items():
            if self.chosen.get(name):
                button.select()
            else:
                button.unselect()

    # --- verbs --------------------------------------------------------------------------------
    def set_conditions(self) -> None:
        """Submit the wethouder's conditions."""
        conditions = [c for c in CONDITIONS if self.chosen.get(c)]
        self.submit_card(
            self.role,
            {"type": "set_conditions", "design_id": self.point["ref"], "conditions": conditions},
            "",
            self.app.tr("design.sent"),
        )

    def move(self, kind: str) -> None:
        """Offer (own standing terms with the conceded items taken over), accept, walk."""
        action = {"type": "design_move", "design_id": self.point["ref"], "move": kind}
        if kind == "offer":
            own = dict(
                self.ctx.get("own")
                or next(o["terms"] for o in self.point["options"] if o["move"] == "offer")
            )
            other = self.ctx.get("other") or {}
            own.update({i: other[i] for i, yes in self.chosen.items() if yes and i in other})
            action["terms"] = own
        self.submit_card(self.role, action, "", self.app.tr("design.sent"))

    def on_back(self) -> None:
        """Later (the season does not start until the contract is settled)."""
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Plain background (no map before the winter)."""
        surface.fill(self.app.painter.colours["bg"])

    def autoplay(self) -> object:
        """Scripted player (game.autoplay.on_design)."""
        return self.app.autoplayer.on_design(self) if self.app.autoplayer else None
