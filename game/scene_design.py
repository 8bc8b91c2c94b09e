"""The design screen: gemeente and executor write the contract before the winter (issue
14, sim.design). The board shows the contract on the table (each item with both sides'
standing offers, the open ones marked, whose move, the table clock, the wethouder's
conditions) and, once drafted, the gladheidbestrijdingsplan (reference, the executor's
draft, what the gemeente asked): game.design_board, from the phase's public view. Below,
the person's moves: the wethouder ticks conditions; a side concedes open items (takes
the other side's value) and offers, accepts or walks away; in the plan step the executor
drafts and answers, the regisseur adopts or asks changes (a button per item steps its
value)."""

from __future__ import annotations

import pygame

from game.design_board import Board
from game.design_words import choices, plan_choices, plan_text, term_text
from game.scene import Scene
from game.widgets import Column, esc
from sim.design.plan import PLAN_ITEMS
from sim.design.terms import ITEMS

CONDITIONS = ("salt_rule", "plough_rule", "escalation_committee", "transition")
TERMS_MOVES = ("offer", "accept", "walk")
PLAN_MOVES = ("draft", "adopt", "ask", "accept", "refuse")


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
        self.board_rect = pygame.Rect(0, 0, 1, 1)
        carrying = next((o for o in point["options"] if o.get("plan") is not None), None)
        self.plan = dict(carrying["plan"]) if carrying else None  # the plan being written
        self.plan_buttons: dict[str, object] = {}
        offer = next((o for o in point["options"] if o.get("move") == "offer"), None)
        own = self.ctx.get("own") or (offer["terms"] if offer else None)
        self.terms = dict(own) if own is not None else None  # the offer being written
        self.term_buttons: dict[str, object] = {}

    def shot_name(self) -> str:
        """design-regisseur, design-executor, design-conditions or design-plan-..."""
        return self.point["kind"].replace("_", "-")

    @property
    def plan_point(self) -> bool:
        """Whether this point is a step of the plan (draft, review, answer)."""
        return self.point["kind"].startswith("design_plan_")

    def differing(self) -> list[str]:
        """The items on which the other side's standing offer differs from the person's."""
        other = self.ctx.get("other")
        if other is None or self.plan_point:
            return []
        own = self.ctx.get("own") or next(
            (o["terms"] for o in self.point["options"] if o.get("move") == "offer"), other
        )
        return [i for i in ITEMS if own[i] != other[i]]

    # --- widgets ------------------------------------------------------------------------------
    def build_widgets(self) -> None:
        """Title and hint; the board (painted in draw); the person's moves below it."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        area = pygame.Rect(p.px(16), p.px(8), w - p.px(32), h - p.px(16))
        col = Column(self, area, self.root)
        col.label(tr(f"decision.{self.point['kind']}.title"), "#big", height=40)
        if self.point["kind"] == "design_conditions":
            rows = 2  # the conditions, then "set"
        elif self.plan_point:
            rows = 3 if self.plan is not None else 1  # two rows of plan items, the moves
        else:
            rows = 3 if self.terms is not None else 1  # two rows of items, the moves
        footer = p.px(rows * (38 + 8) + 8)
        foot = Column(self, pygame.Rect(area.x, area.bottom - footer, area.w, footer), self.root)
        if self.point["kind"] == "design_conditions":
            col.text(esc(tr("decision.design_conditions.text")), p.px(64))
            self.conditions_buttons(foot)
        elif self.plan_point:
            self.plan_buttons_row(foot)
        else:
            self.move_buttons(foot)
        self.board_rect = pygame.Rect(
            area.x, col.y + p.px(4), area.w, area.bottom - footer - col.y - p.px(12)
        )

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
        """A button per item that steps its value (an open item's first step takes the
        other side's value: conceding it); offer, accept, walk away."""
        kinds = {o["move"] for o in self.point["options"]}
        if self.terms is not None and "offer" in kinds:
            specs = [
                (f"term.{i}", self.term_label(i), (lambda i=i: self.step_term(i)), None)
                for i in ITEMS
            ]
            self.term_buttons = dict(
                zip(ITEMS, foot.buttons(specs, cols=4, height=38), strict=True)
            )
            self.toggles = {i: self.term_buttons[i] for i in self.differing()}
        foot.buttons(self.move_specs(TERMS_MOVES, kinds, "design.{m}"), cols=3, height=38)

    def term_label(self, item: str) -> str:
        """An item's button: its short name and the value the offer now has."""
        tr, value = self.app.tr, self.terms[item]
        if item == "agreements":
            shown = tr(f"design.agreements_short.{value}")
        else:
            shown = term_text(tr, item, value, self.ctx["start_fee_eur"])
        return f"{tr(f'design.short.{item}')}: {shown}"

    def step_term(self, item: str) -> None:
        """The item's next value: the other side's first (conceding), then round values."""
        other = self.ctx.get("other")
        if other is not None and self.terms[item] != other[item]:
            self.terms[item] = other[item]
        else:
            values = choices(item, self.terms, other)
            now = values.index(self.terms[item]) if self.terms[item] in values else -1
            self.terms[item] = values[(now + 1) % len(values)]
        self.term_buttons[item].set_text(self.term_label(item))

    def plan_buttons_row(self, foot: Column) -> None:
        """In a draft or an ask: a button per plan item that steps its value; the moves."""
        if self.plan is not None:
            specs = [
                (f"plan.{i}", self.plan_label(i), (lambda i=i: self.step_plan(i)), None)
                for i in PLAN_ITEMS
            ]
            self.plan_buttons = dict(
                zip(PLAN_ITEMS, foot.buttons(specs, cols=3, height=38), strict=True)
            )
        kinds = {o["move"] for o in self.point["options"]}
        foot.buttons(self.move_specs(PLAN_MOVES, kinds, "design.plan_move.{m}"), height=38)

    def move_specs(self, moves: tuple[str, ...], kinds: set[str], key: str) -> list[tuple]:
        """The buttons of the moves this point allows, the agreeing one as primary."""
        primary = ("accept", "adopt", "draft")
        return [
            (
                m,
                self.app.tr(key.format(m=m)),
                (lambda m=m: self.move(m)),
                "#primary" if m in primary else None,
            )
            for m in moves
            if m in kinds
        ]

    def plan_label(self, item: str) -> str:
        """A plan button: the item's short name and the value it now has."""
        tr = self.app.tr
        return f"{tr(f'design.plan_short.{item}')}: {plan_text(tr, item, self.plan[item], True)}"

    def step_plan(self, item: str) -> None:
        """The item's next value (round values, the reference's and the draft's)."""
        values = plan_choices(item, self.plan, self.ctx["plan"]["reference"])
        now = values.index(self.plan[item]) if self.plan[item] in values else -1
        self.plan[item] = values[(now + 1) % len(values)]
        self.plan_buttons[item].set_text(self.plan_label(item))

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
        """Offer (own standing terms with the conceded items taken over), accept, walk; in
        the plan step draft or ask (the plan as the buttons set it), adopt, answer."""
        option = next(o for o in self.point["options"] if o.get("move") == kind)
        action = dict(option)
        if kind == "offer":
            action["terms"] = dict(self.terms)
        elif option.get("plan") is not None:
            action["plan"] = dict(self.plan)
        self.submit_card(self.role, action, "", self.app.tr("design.sent"))

    def on_back(self) -> None:
        """Later (the season does not start until the contract is settled)."""
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """The board: the contract on the table and, once drafted, the plan (from the
        public view the state keeps: drawing reads, it changes nothing)."""
        p = self.app.painter
        surface.fill(p.colours["bg"])
        d = self.app.state.view.get("design")
        if d is None:
            return
        board, rect = Board(p, self.app.tr, (13, 16, 13)), self.board_rect
        if self.terms is not None and self.role in d["offers"]:
            # The offer being written stands in the person's column, as it would go on
            # the table (the gemeente's first ask: the start with the wethouder's terms).
            d = {**d, "offers": {**d["offers"], self.role: self.terms}}
        plan = d.get("plan")
        if plan is not None and self.plan_point:  # the plan beside the contract
            plan_view = plan if plan["draft"] is not None else {**plan, "draft": self.plan}
            share = 8 if self.plan_point else 12  # twentieths for the contract's board
            left = pygame.Rect(rect.x, rect.y, rect.w * share // 20, rect.h)
            right = pygame.Rect(
                left.right + p.px(8), rect.y, rect.right - left.right - p.px(8), rect.h
            )
            board.terms(surface, left, d, self.app.tr("design.table"), compact=True)
            board.plan(surface, right, plan_view)
        else:
            board.terms(surface, rect, d, self.app.tr("design.table"), compact=True)

    def autoplay(self) -> object:
        """Scripted player (game.autoplay.on_design)."""
        return self.app.autoplayer.on_design(self) if self.app.autoplayer else None
