"""Thin adapter between the game and the session log (``sim.session``).

The game writes its session through ``sim.session.SessionLog``: human actions, injects
and seat changes reach the log as model events (everything goes through
``model.submit`` / ``model.inject`` / ``model.set_controller``); trainer acts that do not
change the model (pause, speed, bookmark, end of round) go through :meth:`Logbook.trainer`.
The clock is the one :class:`sim.driver.Driver` on this log (:meth:`Logbook.driver`).
This module also finds unfinished sessions for the start screen, by reading only the
first and last line of each log (the full check happens when one is opened).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.driver import Driver
    from sim.model import RegieModel
    from sim.scenario.schema import Scenario

SESSION_GLOB = "*.jsonl"


def now_iso() -> str:
    """The wall-clock time for a log header (the game may read the clock; sim/ may not)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_session_dir() -> Path:
    """Where the game keeps session logs unless told otherwise."""
    return Path.home() / ".regiekamer" / "sessions"


def new_log_path(directory: Path) -> Path:
    """A fresh, sortable file name for a new session."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"sessie-{stamp}.jsonl"
    n = 1
    while path.exists():
        n += 1
        path = directory / f"sessie-{stamp}-{n}.jsonl"
    return path


class Logbook:
    """The session log of one game, seen from the game."""

    def __init__(self, log: object, path: Path) -> None:
        self._log = log
        self.path = Path(path)

    @classmethod
    def create(cls, path: Path, scenario: Scenario, seed: int, controllers: dict,
               scenario_name: str, language: str, base_dir: Path | None
               ) -> tuple[RegieModel, Logbook]:
        """A new log (header written) and the model it records, seats applied."""
        from sim.session import SessionLog

        log = SessionLog.create(path, scenario, seed, controllers, created=now_iso(),
                                scenario_name=scenario_name, language=language,
                                base_dir=base_dir)
        model = log.new_model()
        return model, cls(log, path)

    @classmethod
    def open(cls, path: Path) -> tuple[RegieModel, Logbook]:
        """Rebuild a session from its log; the model stands where the log ends."""
        from sim.session import open_session

        model, log = open_session(path)
        return model, cls(log, path)

    @property
    def header(self) -> dict:
        """The log's header line as a dict."""
        return self._log.header.model_dump(mode="json")

    @property
    def ended(self) -> bool:
        """Whether the log has its `end` event."""
        return bool(self._log.ended)

    def driver(self, model: RegieModel) -> Driver:
        """The game's clock: the one driver, stepping `model` through this log (daily
        checkpoints). The people at the game act between hours through ``model.submit``."""
        from sim.driver import Driver

        return Driver(model, log=self._log)

    def trainer(self, act: str, *, tag: str = "", note: str = "", private: bool = False,
                value: float | None = None) -> None:
        """A trainer act that does not change the model."""
        self._log.log_trainer(act, tag=tag, note=note, private=private, value=value)

    def close(self, model: RegieModel) -> None:
        """Write the `end` event and close the file."""
        self._log.close(model)

    def abandon(self) -> None:
        """Stop writing without an `end` event (the session can be continued later)."""
        self._log.abandon()


@dataclass(frozen=True)
class Unfinished:
    """A session log without an `end` event, as the start screen lists it."""

    path: Path
    scenario_name: str
    created: str
    tick: int
    players: tuple[str, ...]
    language: str


def _last_line(path: Path, limit: int = 1 << 16) -> str:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - limit))
        tail = fh.read().decode("utf-8", "replace").splitlines()
    complete = [ln for ln in tail if ln.strip()]
    # The very last line may be cut off by a crash: take the last that parses.
    for line in reversed(complete):
        try:
            json.loads(line)
        except ValueError:
            continue
        return line
    return ""


def summarise(path: Path) -> Unfinished | None:
    """The start-screen entry of a log, or None if it ended (or is not a session log)."""
    try:
        with path.open("rb") as fh:
            header = json.loads(fh.readline().decode("utf-8"))
        if header.get("kind") != "header" or header.get("format") != "regiekamer-session":
            return None
        last = _last_line(path)
        event = json.loads(last) if last else {}
    except (OSError, ValueError):
        return None
    if event.get("kind") == "end":
        return None
    players = tuple(f"{role}: {spec.get('name') or '?'}"
                    for role, spec in header.get("controllers", {}).items()
                    if spec.get("type") == "human")
    return Unfinished(path=path, scenario_name=header.get("scenario_name", ""),
                      created=header.get("created") or "", tick=int(event.get("tick", 0)),
                      players=players, language=header.get("language", "nl"))


def unfinished_sessions(directory: Path) -> list[Unfinished]:
    """Logs in `directory` that have no `end` event, newest first."""
    if not directory.is_dir():
        return []
    found = [summarise(p) for p in sorted(directory.glob(SESSION_GLOB), reverse=True)]
    return [u for u in found if u is not None]
