"""Reading a session log for the debrief (format: docs/session-log.md, versions 1 and 2).

`read_session(path)` returns a :class:`Session`: the header, the validated scenario and the
events in `seq` order, as `sim.session.read_log` (the project's validating reader) reads
them. An incomplete last line (the writer was interrupted) is dropped and noted. Anything
that makes the log unusable raises :class:`~sim.inputfile.InputFileError` with
``FILE:LINE: key: message`` problems (the `regie` command prints them, exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sim.actions import ROLES


@dataclass
class Session:
    """A session log as the debrief needs it."""

    path: Path
    header: dict
    scenario: object  # sim.scenario.schema.Scenario
    events: list[dict]
    dropped: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def seed(self) -> int:
        """The session's run seed."""
        return int(self.header["seed"])

    @property
    def format_version(self) -> int:
        """The log's format version (1: written before logs held `trust` events)."""
        return int(self.header.get("format_version", 1))

    @property
    def seasons(self) -> int:
        """Winters the session was meant to run."""
        return int(self.header.get("seasons", 1))

    @property
    def controllers(self) -> dict[str, dict]:
        """Seats at the start: role -> {"type": "human"|"bot", "bot": ..., "name": ...}."""
        return dict(self.header.get("controllers", {}))

    @property
    def base_dir(self) -> Path | None:
        """Where relative paths in the scenario (a town file) start."""
        base = self.header.get("base_dir")
        return Path(base) if base else None

    @property
    def end(self) -> dict | None:
        """The `end` event, if the session was closed."""
        return self.events[-1] if self.events and self.events[-1]["kind"] == "end" else None

    def human_roles(self) -> list[str]:
        """Roles a person held at any time of the session, in the fixed role order."""
        held = {r for r, c in self.controllers.items() if c.get("type") == "human"}
        held |= {e["role"] for e in self.events
                 if e["kind"] == "controller" and e.get("bot") is None}
        return [r for r in ROLES if r in held]

    def player_name(self, role: str) -> str | None:
        """The name of the (last) person in a role, if one was given."""
        name = self.controllers.get(role, {}).get("name")
        for e in self.events:
            if e["kind"] == "controller" and e["role"] == role and e.get("bot") is None:
                name = e.get("name") or name
        return name


def read_session(path: str | Path) -> Session:
    """Read a session log (validated by `sim.session.read_log`); raises InputFileError."""
    from sim.session import read_log

    sf = read_log(Path(path))
    notes = [sf.dropped] if sf.dropped else []
    return Session(path=sf.path, header=dict(sf.header_raw), scenario=sf.scenario,
                   events=list(sf.events), dropped=sf.dropped, notes=notes)
