"""The meeting screen: the agenda the model built, each item with both sides' standing
positions (the executor's claim, the gemeente's offer). Each side makes one move per item
(a new offer with its amount, accept the other's position, hold its own, escalate) with a
short note: the executor before the meeting (``table_positions``), the regisseur in the
room (``record_meeting``); the outcome follows from both moves (sim.governance.negotiation)."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.assets import load_yaml
from game.forms import MOVES, parse_number
from game.play_panels import format_field
from game.scene import Scene
from game.widgets import Column, esc, facts_html


class MeetingScene(Scene):
    """Record the outcome of one meeting."""

    name = "meeting"

    def __init__(self, app: object, point: dict) -> None:
        super().__init__(app)
        self.point = point
        self.role = point["role"]
        self.agenda = list(point["context"].get("agenda", []))
        self.executor = point["kind"] == "meeting_position"  # tabling its positions
        self.outcome: dict[int, str] = {}
        self.buttons: dict[int, list[tuple[str, UIButton]]] = {}
        self.amounts: dict[int, UITextEntryLine] = {}
        self.notes: dict[int, UITextEntryLine] = {}
        self.shown: list[dict] = []

    def shot_name(self) -> str:
        """meeting, meeting-agenda when there is something to settle, meeting-position for
        the executor's moves."""
        if self.executor:
            return "meeting-position"
        return "meeting-agenda" if self.agenda else "meeting"

    def build_widgets(self) -> None:
        """Title across; left: one block per agenda item; right: when, how it works and
        what the regisseur knows; below: the general note, record and later."""
        tr, p = self.app.tr, self.app.painter
        w, h = self.app.area().size
        ctx = self.point["context"]
        area = pygame.Rect(p.px(16), p.px(8), w - p.px(32), h - p.px(16))
        col = Column(self, area, self.root)
        title = tr("meeting.title", level=tr(f"value.{ctx.get('level', 'operational')}"))
        title = title[:1].upper() + title[1:]
        if ctx.get("committee"):
            title += " " + tr("meeting.committee")
        col.label(title, "#big", height=40)
        footer = p.px(34 + 8 + 38 + 8)
        gap = p.px(16)
        lw = (area.w - gap) * 3 // 5
        side = pygame.Rect(area.x + lw + gap, col.y, area.w - lw - gap,
                           area.bottom - footer - col.y)
        when = tr.when(self.app.state.view["start_date"], self.point["hour"])
        intro = tr("meeting.positions_intro" if self.executor else "meeting.intro") \
            if self.agenda else tr("meeting.empty")
        facts = facts_html(self.facts())
        Column(self, side, self.root).text(
            f"<b>{esc(when)}</b><br>{esc(intro)}<br><b>{esc(tr('card.you_know'))}</b><br>"
            f"{facts}", side.h)
        left = Column(self, pygame.Rect(area.x, col.y, lw, side.h), self.root)
        block = p.px(30 + 28 + 40 + 44 + 10)
        fit = max(1, left.left // block) if self.agenda else 0
        self.shown = self.agenda[:fit]
        for n, item in enumerate(self.shown):
            self.item_block(left, n, item)
        if len(self.agenda) > len(self.shown):
            left.label(tr("meeting.more", n=len(self.agenda) - len(self.shown)))
        foot = Column(self, pygame.Rect(area.x, area.bottom - footer, area.w, footer),
                      self.root)
        self.note = foot.entry("note", tr("meeting.note"))
        record = tr("meeting.positions_record" if self.executor else "meeting.record")
        foot.buttons([("record", record, self.record, "#primary"),
                      ("later", tr("card.later"), self.on_back, None)], cols=2, height=34)
        self.mark()

    def item_block(self, col: Column, n: int, item: dict) -> None:
        """An agenda item: what is disputed and both standing positions, the four moves,
        the amount of a new offer and a note."""
        tr, p, m = self.app.tr, self.app.painter, self.app.manager
        iid = item["item_id"]
        times = tr("meeting.first") if not item["hardness"] else \
            tr("meeting.again", n=item["hardness"])
        text = tr("meeting.item", n=n + 1, kind=tr(f"value.{item['kind']}"),
                  amount=tr.money(item["amount_eur"]), times=times)
        UILabel(pygame.Rect(col.rect.x, col.y, col.rect.w, p.px(30)), text, m,
                container=self.root)
        col.y += p.px(30)
        claim = item.get("claim_eur", item["amount_eur"])
        offer = item.get("offer_eur", 0.0)
        UILabel(pygame.Rect(col.rect.x, col.y, col.rect.w, p.px(26)),
                tr("meeting.standing", claim=tr.money(claim), offer=tr.money(offer)), m,
                container=self.root)
        col.y += p.px(28)
        specs = [(f"item.{iid}.{o}", tr(f"option.{o}"),
                  (lambda iid=iid, o=o: self.pick(iid, o)), None) for o in MOVES]
        self.buttons[iid] = list(zip(MOVES, col.buttons(specs, cols=4, height=32),
                                     strict=True))
        half = col.rect.w * 9 // 20
        amount = Column(self, pygame.Rect(col.rect.x, col.y, half, p.px(40)), self.root)
        self.amounts[iid] = amount.entry(f"item.{iid}.amount", tr("meeting.offer_amount"),
                                         tr.number((claim + offer) / 2), allowed="number")
        note = Column(self, pygame.Rect(col.rect.x + half + p.px(10), col.y,
                                        col.rect.w - half - p.px(10), p.px(40)), self.root)
        self.notes[iid] = note.entry(f"item.{iid}.note", tr("meeting.item_note"))
        col.y += p.px(44 + 10)

    def facts(self) -> list[tuple[str, str]]:
        """What the role knows that matters at the table (cards.yaml)."""
        tr = self.app.tr
        obs = self.app.state.observe(self.role)
        rows = []
        for path in load_yaml("cards.yaml")["knows"].get(self.point["kind"], []):
            section, key = path.split(".")
            if key in obs.get(section, {}):
                rows.append((tr(f"field.{key}"), format_field(tr, key, obs[section][key])))
        return rows

    def default_focus(self) -> str | None:
        """The first outcome button, or Record when the agenda is empty."""
        return "record" if not self.shown else super().default_focus()

    def pick(self, item_id: int, outcome: str) -> None:
        """Choose the move on an item."""
        self.outcome[item_id] = outcome
        self.mark()

    def mark(self) -> None:
        """Show the chosen move on each item."""
        self.show_chosen(self.buttons, self.outcome)

    def record(self) -> None:
        """Submit the moves: the executor's positions, or the meeting's record."""
        tr = self.app.tr
        moves = []
        for item in self.shown:
            iid = item["item_id"]
            move = self.outcome.get(iid)
            if move is None:
                continue
            amount = 0.0
            if move == "offer":
                value = parse_number(self.amounts[iid].get_text())
                if value is None or value < 0:
                    self.app.toast(tr("card.bad_number"), "warn")
                    self.focus.set(f"item.{iid}.amount", self.app.manager)
                    return
                amount = value
            moves.append({"item_id": iid, "move": move, "amount_eur": amount,
                          "note": self.notes[iid].get_text().strip()})
        if self.executor:
            action = {"type": "table_positions", "meeting_id": self.point["ref"],
                      "moves": moves}
            done = tr("meeting.positions_recorded")
        else:
            action = {"type": "record_meeting", "meeting_id": self.point["ref"],
                      "outcomes": moves}
            done = tr("meeting.recorded")
        self.submit_card(self.role, action, self.note.get_text(), done)

    def on_back(self) -> None:
        """Later (the clock stays stopped until the meeting is recorded)."""
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        """Plain background (the map stays hidden during the meeting)."""
        surface.fill(self.app.painter.colours["bg"])

    def autoplay(self) -> object:
        """Scripted player: a new offer on the first item, accept the rest, record."""
        return self.app.autoplayer.on_meeting(self) if self.app.autoplayer else None
