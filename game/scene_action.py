"""The form of a free action (inspect, buy salt, call a meeting, ...): its fields, a note,
and a button that submits it through ``model.submit``."""

from __future__ import annotations

from game.forms import fields_for, parse_number
from game.scene import Scene
from game.widgets import Column, card, esc


class ActionScene(Scene):
    """Fill in and submit one free action."""

    name = "action"
    overlay = True

    def __init__(self, app: object, role: str, template: dict) -> None:
        super().__init__(app)
        self.role = role
        self.template = dict(template)
        self.choices: dict[str, object] = {}
        self.entries: dict[str, object] = {}
        self.choice_buttons: dict[str, list] = {}

    def build_widgets(self) -> None:
        """Explanation, a row of choices or an entry per field, note, do / cancel."""
        tr, p = self.app.tr, self.app.painter
        kind = self.template["type"]
        fields = fields_for(self.template)
        help_h = 96
        rows = sum(24 + 40 * ((len(f.choices) + 3) // 4) if f.kind == "choice" else 38
                   for f in fields)
        height = 32 + 30 + help_h + 8 + rows + 38 + 4 + 44 + 12
        panel, inner = card(self, 640, height)
        col = Column(self, inner, panel)
        col.label(tr(f"action.{kind}.label"), "#title", height=30)
        col.text(esc(tr(f"action.{kind}.help")), p.px(help_h))
        col.gap(8)
        for spec in fields:
            label = tr(f"field.{spec.name}")
            if spec.kind == "choice":
                self.choices.setdefault(spec.name, spec.default)
                col.label(label, height=24)
                specs = [(f"choice.{spec.name}.{v}", tr(f"value.{v}"),
                          (lambda n=spec.name, v=v: self.pick(n, v)), None) for v in spec.choices]
                self.choice_buttons[spec.name] = list(zip(
                    spec.choices, col.buttons(specs, cols=min(4, len(specs)), height=32),
                    strict=True))
            else:
                initial = "" if spec.default is None else tr.number(float(spec.default), 0)
                self.entries[spec.name] = col.entry(f"field.{spec.name}", label, initial,
                                                    width=p.px(180), allowed="number")
        self.note = col.entry("note", tr("card.note"))
        col.gap(4)
        col.buttons([("do", tr("form.do"), self.submit, "#primary"),
                     ("cancel", tr("form.cancel"), self.on_back, None)], cols=2)
        self.mark_choices()

    def default_focus(self) -> str | None:
        """The submit button when there is nothing to fill in."""
        return "do" if not self.choices and not self.entries else super().default_focus()

    def pick(self, field: str, value: object) -> None:
        """Choose a value of a choice field."""
        self.choices[field] = value
        self.mark_choices()

    def mark_choices(self) -> None:
        """Show which value of each choice field is chosen."""
        self.show_chosen(self.choice_buttons, self.choices)

    def submit(self) -> None:
        """Submit the action for the role."""
        tr = self.app.tr
        action = dict(self.template)
        action.update(self.choices)
        for name, box in self.entries.items():
            value = parse_number(box.get_text())
            if value is None:
                self.app.toast(tr("card.bad_number"), "warn")
                self.focus.set(f"field.{name}", self.app.manager)
                return
            action[name] = value
        self.submit_card(self.role, action, self.note.get_text(),
                         tr("form.done", action=tr(f"action.{action['type']}.label")))

    def on_back(self) -> None:
        """Cancel."""
        self.app.pop(self)

    def autoplay(self) -> object:
        """Scripted player: submit as filled in."""
        return self.app.autoplayer.on_form(self) if self.app.autoplayer else None
