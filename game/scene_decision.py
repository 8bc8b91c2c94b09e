"""A decision card: what is asked, what the role knows, the deadline, and the options.

A click on an option (or its number key, or Tab to it and Enter) answers the decision
through the model's ``submit``; Escape puts the card aside (the clock stays stopped until the
decision is answered; the role panel's "decide" button brings the card back).
"""

from __future__ import annotations

from collections import defaultdict

import pygame

from game.assets import load_yaml
from game.forms import VARIANT_FIELDS, fields_for, free_amount_fields, parse_number, variant
from game.play_panels import format_field
from game.scene import Scene
from game.widgets import Column, card, esc, facts_html

COMPACT_OPTIONS = 5  # more options than this: buttons two by two, one line of meaning each


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
        self.hints: list = []  # (x, y, lines) of each option's meaning

    def shot_name(self) -> str:
        """decision-<kind>."""
        return f"decision-{self.point['kind']}"

    # --- content ----------------------------------------------------------------------------
    def facts(self) -> list[tuple[str, str]]:
        """The decision's context, then what the role knows (cards.yaml)."""
        tr = self.app.tr
        rows: list[tuple[str, str]] = []
        ctx = self.point["context"]
        hidden = load_yaml("cards.yaml").get("hide", {}).get(self.point["kind"], [])
        for key, value in ctx.items():
            if key in hidden:
                continue
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
        """Title across; left: the question and what the role knows; right: each option
        as a large button with what it means below it, amounts, the note and "later"."""
        tr, p = self.app.tr, self.app.painter
        kind = self.point["kind"]
        panel, inner = card(self, 2000, 2000)
        col = Column(self, inner, panel)
        col.label(tr(f"decision.{kind}.title"), "#title", height=30)
        gap = p.px(16)
        lw = (inner.w - gap) * 11 // 20
        left = Column(self, pygame.Rect(inner.x, col.y, lw, inner.bottom - col.y), panel)
        right = Column(self, pygame.Rect(inner.x + lw + gap, col.y, inner.w - lw - gap,
                                         inner.bottom - col.y), panel)
        body = (f"{esc(tr(f'decision.{kind}.text'))}<br>"
                f"<b>{esc(tr('card.you_know'))}</b><br>{facts_html(self.facts())}<br>"
                f"<b>{esc(tr('card.deadline'))}</b>")
        left.text(body, left.left)
        options = self.point["options"]
        amounts = {i: spec for i, o in enumerate(options) for spec in free_amount_fields(o)}
        # One amount every option shares (the executor's markup at its posture point) is
        # asked once, below the options.
        shared = len(options) > 1 and len(amounts) == len(options) and len(
            {spec.name for spec in amounts.values()}) == 1
        footer = 2 * (p.px(34) + p.px(8)) + (1 if shared else len(amounts)) * p.px(38)
        hint_lines = max(1, min(3, (right.left - footer) // max(1, len(options))
                                // p.line_height(11) - 1))
        self.hints = []
        self.option_buttons = []
        if len(options) > COMPACT_OPTIONS:
            self.compact_options(right, panel, options)
        for i, o in enumerate(options if len(options) <= COMPACT_OPTIONS else ()):
            (b,) = right.buttons([(f"option.{i}", f"{i + 1}  {tr(f'option.{variant(o)}')}",
                                   (lambda i=i: self.choose(i)), None)], cols=1, height=34)
            self.option_buttons.append(b)
            hint = tr(f"option_hint.{variant(o)}")
            lines = p.wrap(hint, 11, right.rect.w)[:hint_lines]
            self.hints.append((panel.rect.x + right.rect.x, panel.rect.y + right.y, lines))
            right.y += len(lines) * p.line_height(11) + p.px(4)
            if i in amounts and not shared:
                spec = amounts[i]
                self.amounts[i] = right.entry(f"amount.{i}", tr(f"field.{spec.name}"),
                                              self.suggest(o, spec.name), allowed="number")
        if shared:
            spec = amounts[0]
            entry = right.entry("amount.0", tr(f"field.{spec.name}"),
                                self.suggest(options[0], spec.name), allowed="number")
            self.amounts = dict.fromkeys(range(len(options)), entry)
        self.shared_choices(right, options)
        right.y = max(right.y, right.rect.bottom - 2 * (p.px(34) + p.px(8)) - p.px(4))
        self.note = right.entry("note", tr("card.note_short"))
        right.buttons([("later", tr("card.later"), self.on_back, None)], cols=1, height=34)

    def shared_choices(self, right: Column, options: list[dict]) -> None:
        """A choice every option carries alike (the executor's small jobs: tussendoor or
        invoiced) as one row of buttons, preset to the option's value."""
        tr = self.app.tr
        self.choices: dict[str, object] = {}
        self.choice_buttons: dict[str, list] = {}
        for spec in fields_for(options[0]):
            if spec.kind != "choice" or spec.name in VARIANT_FIELDS or spec.name not in options[0]:
                continue
            if len({str(o.get(spec.name)) for o in options}) != 1:
                continue
            self.choices[spec.name] = options[0].get(spec.name, spec.default)
            right.label(tr(f"field.{spec.name}"), height=26)
            specs = [(f"choice.{spec.name}.{v}", tr(f"value.{v}"),
                      (lambda f=spec.name, v=v: self.pick(f, v)), None) for v in spec.choices]
            self.choice_buttons[spec.name] = list(zip(spec.choices, right.buttons(
                specs, cols=len(specs), height=30), strict=True))
        self.show_chosen(self.choice_buttons, self.choices)

    def pick(self, field: str, value: object) -> None:
        """Choose the value of a shared choice."""
        self.choices[field] = value
        self.show_chosen(self.choice_buttons, self.choices)

    def compact_options(self, right: Column, panel: object, options: list[dict]) -> None:
        """Many options (the executor's seven answers to an order): the buttons two by two,
        then one line per option on what it means, numbered like the buttons."""
        tr, p = self.app.tr, self.app.painter
        specs = [(f"option.{i}", f"{i + 1}  {tr(f'option.{variant(o)}')}",
                  (lambda i=i: self.choose(i)), None) for i, o in enumerate(options)]
        self.option_buttons = right.buttons(specs, cols=2, height=34)
        for i, o in enumerate(options):
            hint = f"{i + 1}  {tr(f'option_hint.{variant(o)}')}"
            lines = p.wrap(hint, 11, right.rect.w)[:1]
            self.hints.append((panel.rect.x + right.rect.x, panel.rect.y + right.y, lines))
            right.y += p.line_height(11)

    def draw_top(self, surface: pygame.Surface) -> None:
        """What each option means, below its button."""
        p, c = self.app.painter, self.app.painter.colours
        for x, y, lines in self.hints:
            for line in lines:
                p.text(surface, line, (x, y), 11, c["muted"])
                y += p.line_height(11)
        super().draw_top(surface)

    def default_focus(self) -> str | None:
        """The first option."""
        return "option.0"

    def suggest(self, option: dict, field: str) -> str:
        """Prefill of a free amount: what the invoice claims above the regisseur's estimate;
        otherwise the value the option carries (the executor's current markup)."""
        ctx = self.point["context"]
        if field == "disputed_eur" and "claimed_eur" in ctx:
            gap = ctx["claimed_eur"] - ctx.get("estimated_fair_eur", ctx["claimed_eur"])
            return str(round(max(gap, 0.05 * ctx["claimed_eur"])))
        value = option.get(field)
        return self.app.tr.number(value, 1) if isinstance(value, int | float) else ""

    # --- verbs ----------------------------------------------------------------------------------
    def choose(self, i: int) -> None:
        """Answer with option i (through the model's front door)."""
        tr = self.app.tr
        action = dict(self.point["options"][i]) | getattr(self, "choices", {})
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
