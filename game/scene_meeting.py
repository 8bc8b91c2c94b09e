"""The meeting screen: the agenda the model built; the people discuss in the room; the
screen records each item's outcome (agree, compromise with an amount, reject, escalate)
and a short note, then submits one ``record_meeting`` action."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.forms import parse_number
from game.scene import Scene
from game.widgets import Column, esc

OUTCOMES = ("agree", "compromise", "reject", "escalate")


class MeetingScene(Scene):
    """Record the outcome of one meeting."""

    name = "meeting"

    def __init__(self, app: object, point: dict) -> None:
        super().__init__(app)
        self.point = point
        self.role = point["role"]
        self.agenda = list(point["context"].get("agenda", []))
        self.outcome: dict[int, str] = {}
        self.buttons: dict[int, list[tuple[str, UIButton]]] = {}
        self.amounts: dict[int, UITextEntryLine] = {}
        self.notes: dict[int, UITextEntryLine] = {}
        self.shown: list[dict] = []

    def shot_name(self) -> str:
        """meeting, or meeting-agenda when there is something to settle."""
        return "meeting-agenda" if self.agenda else "meeting"

    def build_widgets(self) -> None:
        """Header, one block per agenda item, general note, record / later."""
        tr, p, m = self.app.tr, self.app.painter, self.app.manager
        w, h = self.app.screen.get_size()
        ctx = self.point["context"]
        area = pygame.Rect(p.px(24), p.px(16), w - p.px(48), h - p.px(32))
        col = Column(self, area, self.root)
        title = tr("meeting.title", level=tr(f"value.{ctx.get('level', 'operational')}"))
        title = title[:1].upper() + title[1:]
        if ctx.get("committee"):
            title += " " + tr("meeting.committee")
        col.label(title, "#big", height=40)
        when = tr.when(self.app.state.view["start_date"], self.point["hour"])
        intro = tr("meeting.intro") if self.agenda else tr("meeting.empty")
        lines = 1 + len(p.wrap(intro, 14, col.rect.w - p.px(24)))
        col.text(f"{esc(when)}<br>{esc(intro)}", round(lines * p.line_height(14) * 1.3)
                 + p.px(14))
        col.gap(6)
        block = p.px(28 + 32 + 8 + 32 + 14)
        footer = p.px(32 + 6 + 36 + 8 + 10)
        fit = max(1, (col.left - footer) // block) if self.agenda else 0
        self.shown = self.agenda[:fit]
        for n, item in enumerate(self.shown):
            iid = item["item_id"]
            text = tr("meeting.item", n=n + 1, kind=tr(f"value.{item['kind']}"),
                      amount=tr.money(item["amount_eur"]), hardness=item["hardness"],
                      chance=tr.pct(100 * item["resolution_chance"]))
            UILabel(pygame.Rect(col.rect.x, col.y, col.rect.w, p.px(28)), text, m,
                    container=self.root, object_id="#title")
            col.y += p.px(28)
            third = col.rect.w * 3 // 5
            sub = Column(self, pygame.Rect(col.rect.x, col.y, third, p.px(40)), self.root)
            specs = [(f"item.{iid}.{o}", tr(f"outcome.{o}"),
                      (lambda iid=iid, o=o: self.pick(iid, o)), None) for o in OUTCOMES]
            self.buttons[iid] = list(zip(OUTCOMES, sub.buttons(specs, cols=4, height=32),
                                         strict=True))
            amount = Column(self, pygame.Rect(col.rect.x + third + p.px(12), col.y,
                                              col.rect.w - third - p.px(12), p.px(40)), self.root)
            self.amounts[iid] = amount.entry(f"item.{iid}.amount", tr("meeting.amount"),
                                             tr.number(item["amount_eur"] / 2), width=p.px(150),
                                             allowed="number")
            col.y += p.px(32 + 8)
            self.notes[iid] = col.entry(f"item.{iid}.note", tr("meeting.item_note"))
            col.gap(6)
        if len(self.agenda) > len(self.shown):
            col.label(tr("meeting.more", n=len(self.agenda) - len(self.shown)))
        col.y = max(col.y, area.bottom - footer)
        self.note = col.entry("note", tr("meeting.note"))
        col.buttons([("record", tr("meeting.record"), self.record, "#primary"),
                     ("later", tr("card.later"), self.on_back, None)], cols=3)
        self.mark()

    def default_focus(self) -> str | None:
        """The first outcome button, or Record when the agenda is empty."""
        return "record" if not self.shown else super().default_focus()

    def pick(self, item_id: int, outcome: str) -> None:
        """Choose an item's outcome."""
        self.outcome[item_id] = outcome
        self.mark()

    def mark(self) -> None:
        """Show the chosen outcome of each item."""
        self.show_chosen(self.buttons, self.outcome)

    def record(self) -> None:
        """Submit the meeting's outcomes."""
        tr = self.app.tr
        outcomes = []
        for item in self.shown:
            iid = item["item_id"]
            choice = self.outcome.get(iid)
            if choice is None:
                continue
            amount = 0.0
            if choice == "agree":
                amount = float(item["amount_eur"])
            elif choice == "compromise":
                value = parse_number(self.amounts[iid].get_text())
                if value is None or value < 0:
                    self.app.toast(tr("card.bad_number"), "warn")
                    self.focus.set(f"item.{iid}.amount", self.app.manager)
                    return
                amount = value
            outcomes.append({"item_id": iid, "outcome": choice, "amount_eur": amount,
                             "note": self.notes[iid].get_text().strip()})
        action = {"type": "record_meeting", "meeting_id": self.point["ref"],
                  "outcomes": outcomes}
        self.submit_card(self.role, action, self.note.get_text(), tr("meeting.recorded"))

    def on_back(self) -> None:
        """Later (the clock stays stopped until the meeting is recorded)."""
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Plain background (the map stays hidden during the meeting)."""
        surface.fill(self.app.painter.colours["bg"])

    def autoplay(self) -> object:
        """Scripted player: compromise on the first item, agree on the rest, record."""
        return self.app.autoplayer.on_meeting(self) if self.app.autoplayer else None
