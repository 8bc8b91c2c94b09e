"""The class: N tables of one winter, who holds which seat, and the trainer's commands.

No networking here: the server (host/server.py) turns messages into these calls, and the
clock (host/clock.py) calls :meth:`Classroom.advance`. Every change to a table goes
through its model's front door or its session log, fsynced before the call returns, so a
caller that acknowledges after the call acknowledges only what is on the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from host import store
from host.family import HostParts, injects_of, parts_of
from host.protocol import MAX_DEVICES_PER_SEAT, ProtocolError
from host.store import HoldState, HostFile, SeatGrant
from host.table import Table, new_table, resume_table
from sim.actions import ROLES

T = TypeVar("T")


@dataclass(frozen=True)
class Who:
    """What a connection is: a seat (table, role) or the trainer (table and role None)."""

    token: str
    table: int | None = None
    role: str | None = None
    name: str = ""

    @property
    def trainer(self) -> bool:
        """Whether this is the trainer."""
        return self.role is None


class Classroom:
    """The tables, the host file and the trainer's commands (docs/network.md)."""

    def __init__(self, directory: Path, data: HostFile, tables: list[Table], scenario) -> None:
        self.directory = directory
        self.data = data
        self.tables = tables
        self.scenario = scenario
        self.revision = 0  # bumped by every trainer command (a table's own: Table.revision)
        self.parts: HostParts = parts_of(scenario)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="regie-host")
        self._set_hold_hours()

    # --- making --------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        scenario_path: Path,
        directory: Path,
        *,
        tables: int,
        seed: int | None,
        speed: int,
        pin: str,
        lang: str = "nl",
    ) -> Classroom:
        """A new session in `directory` (which must not hold one): host file and logs."""
        from sim.scenario.loader import load_scenario, scenario_base_dir

        scenario = load_scenario(scenario_path)
        seed = scenario.seed if seed is None else seed
        seats = tuple(parts_of(scenario).part("seats")(scenario))
        if (directory / store.HOST_FILE).exists():
            raise FileExistsError(f"{directory} holds a session already; use --resume")
        directory.mkdir(parents=True, exist_ok=True)
        data = HostFile(
            scenario_file=str(scenario_path.absolute()),
            seed=seed,
            tables=tables,
            speed=speed,
            lang=lang,
            pin_sha256=store.digest(pin),
            codes=store.new_codes(tables, seats),
        )
        store.save(directory, data)
        made = [
            new_table(
                n,
                store.table_log(directory, n),
                scenario,
                seed,
                data.codes[str(n)],
                scenario_name=scenario_path.stem,
                lang=lang,
                base_dir=scenario_base_dir(scenario_path),
                speed=speed,
            )
            for n in range(1, tables + 1)
        ]
        return cls(directory, data, made, scenario)

    @classmethod
    def resume(cls, directory: Path, pin: str | None = None) -> Classroom:
        """The session in `directory` rebuilt from its host file and its tables' logs;
        `pin` replaces the trainer's PIN (trainer tokens stay valid)."""
        data = store.load(directory)
        if pin is not None:
            store.update(directory, data, lambda d: setattr(d, "pin_sha256", store.digest(pin)))
        names: dict[int, dict[str, list[str]]] = {n: {} for n in range(1, data.tables + 1)}
        for grant in data.tokens.values():  # in the order the devices joined
            seat = names[grant.table].setdefault(grant.role, [])
            if grant.name and grant.name not in seat:
                seat.append(grant.name)
        made = [
            resume_table(n, store.table_log(directory, n), data.codes[str(n)], data.speed, names[n])
            for n in range(1, data.tables + 1)
        ]
        return cls(directory, data, made, made[0].model.scenario)

    def close(self) -> None:
        """Stop writing: logs flushed and left resumable (no end event unless ended)."""
        self._pool.shutdown(wait=True)
        for table in self.tables:
            if table.ended:
                table.state.close()
            else:
                table.state.log.abandon()

    # --- who is who ----------------------------------------------------------------------
    def join(self, code: str, name: str) -> Who:
        """A device takes a seat with its join code; a new seat token."""
        seat = self.data.seat_for_code(code)
        if seat is None:
            raise ProtocolError("bad_code", "no seat has this join code")
        number, role = seat
        table = self.table(number)
        if table.connected(role) >= MAX_DEVICES_PER_SEAT:
            raise ProtocolError(
                "seat_full", f"{MAX_DEVICES_PER_SEAT} devices share this seat already"
            )
        token = store.new_token()
        name = " ".join(name.split())
        grant = SeatGrant(table=number, role=role, name=name)
        store.update(
            self.directory, self.data, lambda d: d.tokens.__setitem__(store.digest(token), grant)
        )
        if name and name not in table.names[role]:
            table.names[role].append(name)
            if not table.with_bot(role) and not table.ended:
                table.model.set_controller(role, None, table.seat_name(role))
                table.state.refresh()
        table.revision += 1
        return Who(token, number, role, name)

    def rejoin(self, token: str) -> Who:
        """A device or the trainer comes back with its token."""
        grant = self.data.seat_of(token)
        if grant is not None:
            return Who(token, grant.table, grant.role, grant.name)
        if self.data.is_trainer(token):
            return Who(token)
        raise ProtocolError("bad_token", "no seat or trainer has this token")

    def login(self, pin: str) -> Who:
        """The trainer logs in with the PIN; a new trainer token."""
        if not self.data.check_pin(pin):
            raise ProtocolError("bad_pin", "wrong PIN")
        token = store.new_token()
        store.update(
            self.directory, self.data, lambda d: d.trainer_tokens.append(store.digest(token))
        )
        return Who(token)

    def table(self, number: int | None) -> Table:
        """Table `number` (1-based)."""
        if number is None or not 1 <= number <= len(self.tables):
            raise ProtocolError(
                "unknown_table", f"no table {number}; tables are 1 to {len(self.tables)}"
            )
        return self.tables[number - 1]

    def chosen(self, number: int | None) -> list[Table]:
        """The tables a command names: one, or every table (None)."""
        return list(self.tables) if number is None else [self.table(number)]

    # --- a device acts --------------------------------------------------------------------
    def act(self, who: Who, action: dict) -> tuple[bool, str]:
        """The seat's action through the model's front door; logged and fsynced when this
        returns. (ok, reason): the model's verdict."""
        if who.trainer:
            raise ProtocolError("not_allowed", "the trainer acts through commands")
        table = self.table(who.table)
        if table.ended:
            raise ProtocolError("table_ended", "the round has ended at this table")
        if table.with_bot(who.role):
            raise ProtocolError("seat_with_bot", "a bot plays this seat now")
        result = table.state.submit(who.role, action)
        return result.ok, result.reason

    def risks(self, who: Who, risks: list[str]) -> None:
        """A person's forecast of the winter's risks, logged (and fsynced) for the debrief."""
        if who.trainer:
            raise ProtocolError("not_allowed", "the trainer has no seat to forecast for")
        table = self.table(who.table)
        if table.ended:
            raise ProtocolError("table_ended", "the round has ended at this table")
        table.state.risks(who.role, who.name, list(risks))

    # --- the clock ------------------------------------------------------------------------
    async def on_tables(self, numbers: Iterable[int], fn: Callable[..., T], *args) -> T:
        """`fn(*args)` in a worker thread while these tables' clocks and views wait (one
        job a table at a time): a slow fsync never holds up the other tables or the
        network. Exceptions (a ProtocolError) come through."""
        tables = [self.table(n) for n in sorted(set(numbers))]
        for table in tables:
            await table.lock.acquire()
            table.busy = True
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)
        finally:
            for table in tables:
                table.busy = False
                table.lock.release()

    def advance(self, dt: float) -> list[Table]:
        """Let `dt` real seconds pass at every table not busy with a job; those that moved."""
        return [table for table in self.tables if self.advance_table(table, dt)]

    def advance_table(self, table: Table, dt: float) -> bool:
        """Let `dt` real seconds pass at one table (not while a job has it); whether it
        moved. A table whose winter has ended gets its end event."""
        if table.busy:
            return False
        moved = table.state.advance(dt) > 0
        if table.model.finished and not table.ended:
            table.state.close()
            table.revision += 1
        return moved

    @property
    def hold(self) -> HoldState | None:
        """The class hold (day and question), or None."""
        return self.data.hold

    def _set_hold_hours(self) -> None:
        hold, per_day = self.data.hold, self.parts.ticks_per_day
        hour = None if hold is None else hold.day * per_day
        for table in self.tables:
            table.state.hold_hour = hour

    # --- the trainer ------------------------------------------------------------------------
    def command(self, do) -> None:
        """Do one trainer command (host.protocol); everything logged when this returns."""
        handler = getattr(self, f"_do_{do.command}")
        handler(do)
        for table in self.chosen(getattr(do, "table", None)):
            table.state.refresh()
        self.revision += 1

    def _open(self, number: int | None) -> list[Table]:
        tables = [t for t in self.chosen(number) if not t.ended]
        if number is not None and not tables:
            raise ProtocolError("bad_command", f"the round has ended at table {number}")
        return tables

    def _do_pause(self, do) -> None:
        for table in self._open(do.table):
            table.state.set_paused(True)

    def _do_resume(self, do) -> None:
        for table in self._open(do.table):
            table.state.set_paused(False)

    def _do_speed(self, do) -> None:
        for table in self._open(do.table):
            try:
                table.state.set_speed(do.value)
            except ValueError as err:  # faster than the family's clock goes
                raise ProtocolError("bad_command", str(err)) from None

    def _do_inject(self, do) -> None:
        injects = injects_of(self.parts)
        if do.name not in injects:
            raise ProtocolError(
                "bad_command", f"no inject {do.name!r}; choose from {sorted(injects)}"
            )
        for table in self._open(do.table):
            if do.text:
                table.state.log.trainer("note", tag=f"inject:{do.name}", note=do.text)
                table.add_message("inject", do.text)
            table.state.inject(do.name, do.severity)

    def _do_hold(self, do) -> None:
        hold = HoldState(day=do.day, question=do.question)
        store.update(self.directory, self.data, lambda d: setattr(d, "hold", hold))
        for table in self._open(None):
            table.state.log.trainer("note", tag="hold", note=do.question, value=do.day)
            if do.question:
                table.add_message("question", do.question)
        self._set_hold_hours()

    def _do_release(self, do) -> None:
        store.update(self.directory, self.data, lambda d: setattr(d, "hold", None))
        for table in self._open(None):
            table.state.log.trainer("note", tag="release")
        self._set_hold_hours()

    def _do_seat(self, do) -> None:
        table = self._open(do.table)[0]
        if do.role not in table.seats:
            raise ProtocolError(
                "bad_command", f"no seat {do.role!r}; seats are {', '.join(table.seats)}"
            )
        if do.to == "device":
            if not table.with_bot(do.role):
                return
            name = table.seat_name(do.role) or None
            table.state.set_seat(do.role, None, name)
            return
        bot = do.bot or self.parts.part("default_bot")(table.model.scenario, do.role)
        bots = self.parts.part("bots")(do.role)
        if bot not in bots:
            raise ProtocolError(
                "bad_command", f"no {do.role} bot {bot!r}; choose from {sorted(bots)}"
            )
        table.state.set_seat(do.role, bot)

    def _do_bookmark(self, do) -> None:
        for table in self._open(do.table):
            table.state.bookmark(do.tag, do.note)
            table.bookmarks += 1

    def _do_design_close(self, do) -> None:
        self._design(do, "design_close", 0.0)

    def _do_design_extend(self, do) -> None:
        self._design(do, "design_extend", do.minutes)

    def _design(self, do, act: str, minutes: float) -> None:
        """Close or extend the design phase at the tables that play one now."""
        tables = [
            t
            for t in self._open(do.table)
            if (t.state.view.get("design") or {}).get("status") == "open"
        ]
        if do.table is not None and not tables:
            raise ProtocolError("bad_command", f"table {do.table} plays no design phase now")
        for table in tables:
            try:
                table.state.design_act(act, minutes)
            except ValueError as err:
                raise ProtocolError("bad_command", str(err)) from None

    def _do_end_round(self, do) -> None:
        for table in self._open(do.table):
            table.state.end_round()


__all__ = ["ROLES", "Classroom", "Who"]
