"""A decision card: what is asked, what the role knows, the deadline, and the options.

A click on an option (or its number key, or Tab to it and Enter) answers the decision
through the model's ``submit``; Escape puts the card aside (the clock stays stopped until the
decision is answered; the role panel's "decide" button brings the card back).
"""

from __future__ import annotations

from collections import defaultdict

from game.assets import load_yaml
from game.forms import free_amount_fields, parse_number, variant
from game.play_panels import format_field
from game.scene import Scene
from game.widgets import Column, card, esc, facts_html


class DecisionScene(Scene):
    """One open decision point of the active role."""

    name = "decision"
    overlay = True

    def __init__(self, app: object, point: dict) -> None:
        super().__init__(app)
        self.point = point
        self.role = point["role"]
        self.amounts: dict[int, object] = {}
        self.option_buttons: list = []

    def shot_name(self) -> str:
        """decision-<kind>."""
        return f"decision-{self.point['kind']}"

    # --- content ----------------------------------------------------------------------------
    def facts(self) -> list[tuple[str, str]]:
        """The decision's context, then what the role knows (cards.yaml)."""
        tr = self.app.tr
        rows: list[tuple[str, str]] = []
        ctx = self.point["context"]
        for key, value in ctx.items():
            if key == "lines":
                rows.extend(self.invoice_lines(value))
            elif key == "note":
                if value:
                    rows.append((tr("field.note"), str(value)))
            elif key != "agenda":
                label = tr.get(f"context.{self.point['kind']}.{key}", "") or tr(f"field.{key}")
                rows.append((label, format_field(tr, key, value)))
        obs = self.app.state.observe(self.role)
        for path in load_yaml("cards.yaml")["knows"].get(self.point["kind"], []):
            section, key = path.split(".")
            if key in obs.get(section, {}):
                rows.append((tr(f"field.{key}"), format_field(tr, key, obs[section][key])))
        return rows

    def invoice_lines(self, lines: list) -> list[tuple[str, str]]:
        """Invoice lines grouped by what they bill."""
        tr = self.app.tr
        total: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        for what, amount in lines:
            total[what] += float(amount)
            count[what] += 1
        out = []
        for what, amount in total.items():
            label = tr.get(f"invoice_line.{what}", what)
            if count[what] > 1:
                label = f"{label} × {count[what]}"
            out.append((label, tr.money(amount)))
        return out

    def build_widgets(self) -> None:
        """Title, facts, options with their hints, amount and note entries."""
        tr, p = self.app.tr, self.app.painter
        kind = self.point["kind"]
        panel, inner = card(self, 780, 680)
        col = Column(self, inner, panel)
        col.label(tr(f"decision.{kind}.title"), "#title", height=30)
        deadline = tr.when(self.app.state.view["start_date"], self.point["deadline_hour"])
        options = self.point["options"]
        hints = "<br>".join(
            f"<b>{i + 1}</b> {esc(tr(f'option.{variant(o)}'))}: "
            f"{esc(tr(f'option_hint.{variant(o)}'))}" for i, o in enumerate(options))
        body = (f"{esc(tr(f'decision.{kind}.text'))}<br><br>"
                f"<b>{esc(tr('card.you_know'))}</b><br>{facts_html(self.facts())}<br><br>"
                f"<b>{esc(tr('card.options'))}</b><br>{hints}<br><br>"
                f"{esc(tr('card.deadline', when=deadline))}")
        amounts = [(i, spec) for i, o in enumerate(options) for spec in free_amount_fields(o)]
        rows = (len(options) + 1 + 3) // 4  # the options and "later", four to a row
        reserved = (len(amounts) + 1) * p.px(32 + 6) + rows * p.px(36 + 8) + p.px(8)
        col.text(body, max(p.px(120), col.left - reserved))
        col.gap(8)
        for i, spec in amounts:
            option = options[i]
            label = tr("card.amount_for", option=tr(f"option.{variant(option)}"),
                       field=tr(f"field.{spec.name}"))
            self.amounts[i] = col.entry(f"amount.{i}", label, self.suggest(option, spec.name),
                                        width=p.px(160), allowed="number")
        self.note = col.entry("note", tr("card.note"))
        specs = [(f"option.{i}", f"{i + 1}  {tr(f'option.{variant(o)}')}",
                  (lambda i=i: self.choose(i)), None) for i, o in enumerate(options)]
        specs.append(("later", tr("card.later"), self.on_back, None))
        buttons = col.buttons(specs, cols=min(4, len(specs)))
        self.option_buttons = buttons[:-1]

    def default_focus(self) -> str | None:
        """The first option."""
        return "option.0"

    def suggest(self, option: dict, field: str) -> str:
        """Prefill of a free amount: what the invoice claims above the regisseur's estimate."""
        ctx = self.point["context"]
        if field == "disputed_eur" and "claimed_eur" in ctx:
            gap = ctx["claimed_eur"] - ctx.get("estimated_fair_eur", ctx["claimed_eur"])
            return str(round(max(gap, 0.05 * ctx["claimed_eur"])))
        return ""

    # --- verbs ----------------------------------------------------------------------------------
    def choose(self, i: int) -> None:
        """Answer with option i (through the model's front door)."""
        tr = self.app.tr
        action = dict(self.point["options"][i])
        if i in self.amounts:
            value = parse_number(self.amounts[i].get_text())
            if value is None:
                self.app.toast(tr("card.bad_number"), "warn")
                self.focus.set(f"amount.{i}", self.app.manager)
                return
            for spec in free_amount_fields(action):
                action[spec.name] = value
        self.submit_card(self.role, action, self.note.get_text(),
                         tr("card.recorded", option=tr(f"option.{variant(action)}")))

    def on_back(self) -> None:
        """Put the card aside."""
        self.app.pop(self)

    def on_option(self, n: int) -> None:
        """Number key: that option."""
        if 1 <= n <= len(self.point["options"]):
            self.focus.current = f"option.{n - 1}"
            self.choose(n - 1)

    def autoplay(self) -> object:
        """Scripted player: alternate between a click and the keyboard."""
        return self.app.autoplayer.on_decision(self) if self.app.autoplayer else None
