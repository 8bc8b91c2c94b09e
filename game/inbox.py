"""The inbox: model events turned into messages, each visible to the roles that may know it.

Reads ``model.governance.events`` (the same events the session log gets) and the daily
time series; builds items with a translation key and values, never text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.settings import INBOX_MAX

if TYPE_CHECKING:
    from sim.model import RegieModel

ALL = ("regisseur", "executor", "wethouder")
# Who reads which decision point in the inbox (the owner, and who else would hear of it).
DP_READERS = {
    "forecast_briefing": ("executor",),
    "monthly_report": ("executor", "regisseur"),
    "invoice": ("regisseur", "executor"),
    "meerwerk_request": ("regisseur", "executor"),
    "meeting": ("regisseur", "executor"),
    "council_question": ("regisseur", "wethouder"),
    "incident": ("wethouder",),
}


@dataclass
class Item:
    """One inbox message: a translation key, its values, who may read it."""

    tick: int
    key: str
    values: dict = field(default_factory=dict)
    readers: tuple[str, ...] = ALL
    point_id: int | None = None  # the decision point it announces, if any
    category: str = "news"  # news | decision | complaint | media | trainer | own


class InboxFeed:
    """Collects inbox items from the model as it runs (call `update` each frame)."""

    def __init__(self, model: RegieModel) -> None:
        self.model = model
        self.items: list[Item] = []
        self._cursor = 0
        self._days = 0

    def rebind(self, model: RegieModel) -> None:
        """Follow a new model object (a resumed session) from its current position."""
        self.model = model

    def update(self) -> bool:
        """Read new events; True if any item was added."""
        events = self.model.governance.events
        before = len(self.items)
        while self._cursor < len(events):
            self._add(events[self._cursor])
            self._cursor += 1
        rows = self.model.datacollector.model_vars.get("complaints", [])
        while self._days < len(rows):
            day = self._days
            complaints = int(rows[day])
            injuries = int(self.model.datacollector.model_vars["injuries"][day])
            if complaints or injuries:
                self.items.append(Item((day + 1) * 24 - 1, "inbox.complaints",
                                       {"complaints": complaints, "injuries": injuries},
                                       category="complaint"))
            self._days += 1
        if len(self.items) > INBOX_MAX:
            del self.items[: len(self.items) - INBOX_MAX]
        return len(self.items) != before

    def visible(self, role: str | None, limit: int = 50) -> list[Item]:
        """Newest first; role None (observer, trainer) sees everything."""
        out = [i for i in reversed(self.items) if role is None or role in i.readers]
        return out[:limit]

    def is_open(self, item: Item) -> bool:
        """Whether the decision point an item announces still waits for an answer."""
        if item.point_id is None:
            return False
        points = self.model.governance.board.points
        return item.point_id < len(points) and not points[item.point_id].answered

    def _add(self, e: dict) -> None:
        kind, tick = e.get("kind"), e.get("tick", 0)
        if kind == "decision_point":
            self.items.append(Item(tick, f"inbox.dp.{e['dp_kind']}", {"ref": e["ref"]},
                                   DP_READERS.get(e["dp_kind"], (e["role"],)), e["id"],
                                   "decision"))
        elif kind == "media":
            self.items.append(Item(tick, "inbox.media", {"injuries": e.get("injuries", 0),
                                                          "complaints": e.get("complaints", 0)},
                                   category="media"))
        elif kind == "inject":
            self.items.append(Item(tick, f"inject.{e['name']}.news", {},
                                   category="trainer" if e.get("source") == "trainer"
                                   else "news"))
        elif kind == "dispute":
            self.items.append(Item(tick, "inbox.dispute",
                                   {"kind": e["dispute_kind"], "amount": e["amount_eur"]},
                                   ("regisseur", "executor")))
        elif kind == "meeting_outcome":
            self.items.append(Item(tick, "inbox.meeting_outcome", {"level": e["level"]},
                                   ("regisseur", "executor")))
        elif kind == "bypass":
            self.items.append(Item(tick, "inbox.bypass", {}))
        elif kind == "rule_applied":
            self.items.append(Item(tick, f"inbox.rule.{e['rule']}",
                                   {"amount": e["amount_eur"], "spent": e["spent_eur"]},
                                   ("regisseur", "executor")))
        elif kind == "controller":
            self.items.append(Item(tick, "inbox.controller_human" if e["bot"] is None
                                   else "inbox.controller_bot",
                                   {"role": e["role"], "bot": e["bot"] or ""},
                                   category="trainer"))
        elif kind == "tender":
            self.items.append(Item(tick, f"inbox.tender_{e['outcome']}", {}))
        elif kind == "action":
            self.items.append(Item(tick, "inbox.action", {"role": e["role"],
                                                           "type": e["action"]["type"]},
                                   (e["role"],), category="own"))
        elif kind == "rejected" and e.get("by") == "human":
            self.items.append(Item(tick, "inbox.rejected", {"role": e["role"]}, (e["role"],),
                                   category="own"))
