"""The inbox: model events turned into messages, each visible to the roles that may know it.

Reads the events feed of the projector view (``GameState.feed``: the same events the
session log gets, each with the roles that may read it, decided in ``sim.observation``)
and the daily complaints; builds items with a translation key and values, never text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.settings import INBOX_MAX

if TYPE_CHECKING:
    from game.state import GameState

ALL = ("regisseur", "executor", "wethouder")


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
    """Collects inbox items from the game's view as the model runs (`update` each frame)."""

    def __init__(self, state: GameState) -> None:
        self.state = state
        self.items: list[Item] = []
        self._cursor = 0
        self._days = 0

    def update(self) -> bool:
        """Read new events and closed days; True if any item was added."""
        view = self.state.view
        before = len(self.items)
        if self._cursor < view["events"]:
            for event in self.state.feed(self._cursor):
                self._add(event)
            self._cursor = view["events"]
        daily = view["daily"]
        while self._days < len(daily["complaints"]):
            day = self._days
            complaints = int(daily["complaints"][day])
            injuries = int(daily["injuries"][day])
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
        return item.point_id is not None and item.point_id in self.state.view["open_points"]

    def _add(self, e: dict) -> None:
        """The message of one event, if the inbox shows its kind."""
        kind = e.get("kind")
        if kind == "rejected" and e.get("by") != "human":
            return  # a bot's rejected move is the bot's business
        message = MESSAGES.get(kind)
        if message is None:
            return
        key, values, category = message(e)
        self.items.append(Item(e.get("tick", 0), key, values, tuple(e["readers"]),
                               e["id"] if kind == "decision_point" else None, category))


def _point(e: dict) -> tuple[str, dict, str]:
    return f"inbox.dp.{e['dp_kind']}", {"ref": e["ref"]}, "decision"


def _inject(e: dict) -> tuple[str, dict, str]:
    return (f"inject.{e['name']}.news", {},
            "trainer" if e.get("source") == "trainer" else "news")


def _action(e: dict) -> tuple[str, dict, str]:
    """What a role did; the executor's answers the other side reads as what it did."""
    action = e["action"]
    if action["type"] == "respond_order":
        return f"inbox.order.{action['response']}", {}, "news"
    if action["type"] == "table_positions":
        return "inbox.positions", {}, "news"
    return "inbox.action", {"role": e["role"], "type": action["type"]}, "own"


def _meeting(e: dict) -> tuple[str, dict, str]:
    """A meeting's result: how many items were settled and what was paid on them."""
    results = e.get("outcomes", [])
    if not results:
        return "inbox.meeting_outcome", {"level": e["level"]}, "news"
    settled = [r for r in results if r["outcome"] in ("agree", "compromise")]
    return "inbox.settled", {"settled": len(settled), "items": len(results),
                             "paid": sum(r["amount_eur"] for r in settled)}, "news"


def _controller(e: dict) -> tuple[str, dict, str]:
    key = "inbox.controller_human" if e["bot"] is None else "inbox.controller_bot"
    return key, {"role": e["role"], "bot": e["bot"] or ""}, "trainer"


# Event kind -> (translation key, values, category) of its message; who reads it comes with
# the event (sim.observation.event_readers).
MESSAGES = {
    "decision_point": _point,
    "media": lambda e: ("inbox.media", {"injuries": e.get("injuries", 0),
                                        "complaints": e.get("complaints", 0)}, "media"),
    "inject": _inject,
    "dispute": lambda e: ("inbox.dispute", {"kind": e["dispute_kind"],
                                            "amount": e["amount_eur"]}, "news"),
    "meeting_outcome": _meeting,
    "bypass": lambda e: ("inbox.bypass", {}, "news"),
    "rule_applied": lambda e: (f"inbox.rule.{e['rule']}", {"amount": e["amount_eur"],
                                                           "spent": e["spent_eur"]}, "news"),
    "rule_not_applied": lambda e: (f"inbox.rule_not_applied.{e['reason']}", {}, "news"),
    "controller": _controller,
    "tender": lambda e: (f"inbox.tender_{e['outcome']}", {}, "news"),
    "action": _action,
    "rejected": lambda e: ("inbox.rejected", {"role": e["role"]}, "own"),
}
