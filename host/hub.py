"""Who is connected, and what each connection is sent: welcome, acks, state and class views.

A seat's devices get the `state` of their own role only; the trainer gets `class`. Views
are rebuilt when a table changed (an hour, an event, the clock, a seat), at most
STATE_HZ / CLASS_HZ times a second per connection and at once after an ack, and built
once per (table, role) for all the seat's devices.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from game.settings import SPEEDS
from host import describe, design
from host import protocol as p
from host.family import injects_of
from sim import words

if TYPE_CHECKING:
    from host.classroom import Classroom, Who
    from host.server import Connection
    from host.table import Table

STATE_HZ = 4.0  # state pushes per second per seat device, at most [1/s]
CLASS_HZ = 2.0  # class pushes per second per trainer connection, at most [1/s]


class Hub:
    """The connections of a classroom and the views they are sent."""

    def __init__(self, classroom: Classroom, url: str) -> None:
        self.classroom = classroom
        self.url = url
        self.connections: dict[int, Connection] = {}
        self.parts = classroom.parts
        feed = self.parts.part("feed") if self.parts.feed else None
        self.feeds = {t.number: feed(t.state) for t in classroom.tables} if feed else {}

    def join_url(self, code: str) -> str:
        """The address a QR code for a join code holds."""
        return f"{self.url}?code={code}"

    # --- connections ------------------------------------------------------------------------
    def attach(self, conn: Connection, who: Who) -> None:
        """A connection has identified itself: welcome it and send its first view."""
        if conn.who is not None:
            self.detach(conn)
        conn.who = who
        self.connections[conn.id] = conn
        info = {
            "scenario": {
                "nl": self.classroom.scenario.meta.title_nl,
                "en": self.classroom.scenario.meta.title_en,
            }
        }
        if not who.trainer:
            seat_table = self.classroom.table(who.table)
            seat_table.devices[who.role].add(conn.id)
            seat_table.revision += 1
            seat_word = self.parts.part("seat_word")
            info["role_label"] = {lang: seat_word(who.role, lang) for lang in words.LANGS}
        conn.send(
            p.welcome_msg(
                who.token,
                role="trainer" if who.trainer else who.role,
                table=who.table,
                name=who.name,
                info=info,
            )
        )
        self.push(conn.id, force=True)

    def detach(self, conn: Connection) -> None:
        """A connection closed (or identified itself again)."""
        self.connections.pop(conn.id, None)
        who = conn.who
        if who is not None and not who.trainer:
            seat_table = self.classroom.table(who.table)
            seat_table.devices[who.role].discard(conn.id)
            seat_table.revision += 1

    def acknowledged(
        self, conn: Connection, request_id: str, ok: bool, reason: str, table: Table | None = None
    ) -> None:
        """The reply to an act or command (already on the disk), then fresh views; an
        act's ack carries its table's `version` after it (the state that shows it)."""
        msg = p.ack_msg(request_id, ok, reason)
        if table is not None:
            msg["version"] = table.state.version[1]
        if reason:
            msg["reason_text"] = describe.reason_text(reason)
        conn.send(msg)
        # After the writer has sent the ack: the views of the acting table (all, after a
        # command) are rebuilt in a later callback, so building them never delays the ack.
        number = None if table is None else table.number
        asyncio.get_running_loop().call_soon(lambda: self.push(table=number, force=True))

    # --- views ----------------------------------------------------------------------------------
    def table_key(self, table: Table) -> tuple:
        """Changes whenever anything a table's devices see changes."""
        s = table.state
        return (
            s.version,
            s.paused,
            s.speed,
            s.running,
            s.finished,
            s.hold_hour,
            len(table.messages),
            table.revision,
            self.classroom.revision,
        )

    def push(
        self, only: int | None = None, *, table: int | None = None, force: bool = False
    ) -> int:
        """Send fresh views to the connections whose view changed (all, or connection
        `only`, or the devices of `table` and the trainers); `force` ignores the rate.
        Returns how many were sent."""
        now = asyncio.get_running_loop().time()
        built: dict[tuple, str] = {}
        class_text: str | None = None
        sent = 0
        for conn in list(self.connections.values()):
            if only is not None and conn.id != only:
                continue
            who = conn.who
            if table is not None and who.table not in (None, table):
                continue
            if who.trainer:
                if any(t.busy for t in self.classroom.tables):
                    continue  # a job has a model: the class view waits for the next tick
                key = tuple(self.table_key(t) for t in self.classroom.tables)
                hz = CLASS_HZ
            else:
                seat_table = self.classroom.table(who.table)
                if seat_table.busy:
                    continue
                key = (self.table_key(seat_table), who.role)
                hz = STATE_HZ
            if key == conn.pushed_key or (not force and now - conn.last_push < 1.0 / hz):
                continue
            if who.trainer:
                class_text = class_text or p.dumps(self.class_message())
                text = class_text
            else:
                if key not in built:
                    built[key] = p.dumps(self.state_message(seat_table, who.role))
                text = built[key]
            conn.pushed_key, conn.last_push = key, now
            conn.send_state(text)
            sent += 1
        return sent

    def state_message(self, table: Table, role: str) -> dict:
        """The `state` of one seat (its family's)."""
        return self.parts.part("state_message")(self, table, role)

    def new_messages(self, before: dict[int, int]) -> None:
        """Send the trainer texts added since `before` (table -> count) to the tables'
        devices at once (they are in the next `state` too)."""
        for table in self.classroom.tables:
            fresh = table.messages[before.get(table.number, 0) :]
            for conn in self.connections.values():
                if fresh and conn.who is not None and conn.who.table == table.number:
                    for msg in fresh:
                        conn.send(msg)

    def class_message(self) -> dict:
        """The `class` view for the trainer."""
        c = self.classroom
        tables = []
        parts = self.parts
        scoreboard = parts.part("scoreboard")
        for t in c.tables:
            waiting = t.clock()["waiting"]
            seats = {
                r: {
                    **t.seat(r),
                    "code": t.codes[r],
                    "connected": t.connected(r),
                    "waiting": r in waiting,
                }
                for r in t.seats
            }
            tables.append(
                {
                    "table": t.number,
                    "clock": t.clock(),
                    "seats": seats,
                    "kpis": scoreboard(t),
                    "bookmarks": t.bookmarks,
                    "design": design.summary(t.state.view.get("design")),
                }
            )
        seat_names = c.tables[0].seats
        bots = {r: parts.labels("bot_word", parts.part("bots")(r)) for r in seat_names}
        injects = [
            {"name": n, "label": {lang: words.word("inject", n, lang, n) for lang in words.LANGS}}
            for n in injects_of(parts)
        ]
        hold = None if c.hold is None else c.hold.model_dump()
        return {
            "type": "class",
            "url": self.url,
            "hold": hold,
            "speeds": [s for s in SPEEDS if s <= c.tables[0].state.max_speed],
            "injects": injects,
            "bots": bots,
            "family": parts.name,
            "seat_labels": parts.labels("seat_word", seat_names),
            "hold_unit": parts.hold_unit,
            "kpi_labels": parts.part("kpi_labels")(),
            "tables": tables,
        }


def gladheid_state_message(hub: Hub, table: Table, role: str) -> dict:
    """A winter seat's `state`, with its inbox (game.inbox.InboxFeed)."""
    feed = hub.feeds[table.number]
    feed.update()
    return describe.state_message(
        table, role, feed.visible(role, describe.FEED_ITEMS), table.state.version[1]
    )


def gladheid_scoreboard(table: Table) -> dict[str, float]:
    """A winter table's indicators for the class view."""
    return {k: v["value"] for k, v in table.state.kpis(None).items()}
