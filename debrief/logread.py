"""Reading a session log for the debrief (format: docs/session-log.md, version 1).

`read_session(path)` returns a :class:`Session`: the header, the validated scenario and the
events in `seq` order. It uses `sim.session.read_log` (the project's validating reader)
when that module is installed, and otherwise a small reader of its own that follows
docs/session-log.md: header on line 1, then one event per line with `seq` 0, 1, 2, ...
without gaps. An incomplete last line (the writer was interrupted) is dropped and noted.
Anything else that makes the log unusable raises :class:`~sim.inputfile.InputFileError`
with ``FILE:LINE: key: message`` problems (the `regie` command prints them, exit 2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sim.actions import ROLES
from sim.inputfile import InputFileError, Problem

FORMAT = "regiekamer-session"
FORMAT_VERSION = 1
MAX_LINE_BYTES = 16 * 1024 * 1024


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
    """Read a session log (validating it); raises InputFileError for an unusable file."""
    path = Path(path)
    try:
        from sim.session import read_log
    except ImportError:
        return _read_own(path)
    sf = read_log(path)
    notes = [sf.dropped] if sf.dropped else []
    return Session(path=sf.path, header=dict(sf.header_raw), scenario=sf.scenario,
                   events=list(sf.events), dropped=sf.dropped, notes=notes)


# ----------------------------------------------------------------- the own reader -----
def _problem(path: Path, line: int, message: str, key: str = "") -> InputFileError:
    return InputFileError([Problem(str(path), line, key, message)])


def _read_own(path: Path) -> Session:
    """The small reader that follows docs/session-log.md (used without sim.session)."""
    try:
        raw_lines = _split(path)
    except IsADirectoryError:
        raise _problem(path, 0, "is a directory, not a session log") from None
    except FileNotFoundError:
        raise _problem(path, 0, "no such file") from None
    except OSError as err:
        raise _problem(path, 0, f"cannot read: {err.strerror or err}") from None
    if not raw_lines:
        raise _problem(path, 0, "empty file: not a session log")
    dropped = None
    if not raw_lines[-1].endswith(b"\n"):
        if len(raw_lines) == 1:
            raise _problem(path, 1, "not a session log: no complete header line")
        dropped = (f"line {len(raw_lines)}: incomplete last line dropped "
                   "(the writer was interrupted)")
        raw_lines = raw_lines[:-1]
    objs = []
    for n, raw in enumerate(raw_lines, start=1):
        if len(raw) > MAX_LINE_BYTES:
            raise _problem(path, n, f"line longer than {MAX_LINE_BYTES} bytes")
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise _problem(path, n, "not UTF-8 text") from None
        except (json.JSONDecodeError, RecursionError) as err:
            msg = getattr(err, "msg", "nesting too deep")
            what = "not a session log: " if n == 1 else ""
            raise _problem(path, n, f"{what}not valid JSON ({msg})") from None
        if not isinstance(obj, dict):
            raise _problem(path, n, "expected a JSON object")
        objs.append(obj)
    header = objs[0]
    scenario = _check_header(path, header)
    events = objs[1:]
    for i, e in enumerate(events):
        line = i + 2
        if e.get("seq") != i:
            raise _problem(path, line, f"expected seq {i}, got {e.get('seq')!r}", "seq")
        tick = e.get("tick")
        if not isinstance(tick, int) or isinstance(tick, bool) or tick < 0:
            raise _problem(path, line, f"tick must be an integer >= 0, got {tick!r}", "tick")
        kind = e.get("kind")
        if not isinstance(kind, str) or not kind:
            raise _problem(path, line, "every event needs a `kind`", "kind")
        if kind in ("action", "rejected", "controller") and e.get("role") not in ROLES:
            raise _problem(path, line, f"unknown role {e.get('role')!r}", "role")
        if kind == "action" and not isinstance(e.get("action"), dict):
            raise _problem(path, line, "an action event needs an `action` object", "action")
        if kind == "end" and i != len(events) - 1:
            raise _problem(path, line + 1, "event after the `end` event")
    return Session(path=path, header=header, scenario=scenario, events=events,
                   dropped=dropped, notes=[dropped] if dropped else [])


def _split(path: Path) -> list[bytes]:
    with path.open("rb") as fh:
        return fh.read().splitlines(keepends=True)


def _check_header(path: Path, header: dict) -> object:
    from pydantic import ValidationError

    from sim.scenario.loader import scenario_hash
    from sim.scenario.schema import Scenario

    if header.get("kind") != "header" or header.get("format") != FORMAT:
        raise _problem(path, 1, "not a session log (line 1 is not a regiekamer-session header)")
    if header.get("format_version") != FORMAT_VERSION:
        raise _problem(path, 1, f"format_version {header.get('format_version')!r} is not "
                                f"supported (expected {FORMAT_VERSION})", "format_version")
    seed = header.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise _problem(path, 1, f"seed must be an integer >= 0, got {seed!r}", "seed")
    try:
        scenario = Scenario.model_validate(header.get("scenario"))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in ("scenario", *first["loc"]))
        raise _problem(path, 1, first["msg"], where) from None
    if header.get("scenario_hash") not in (None, scenario_hash(scenario)):
        raise _problem(path, 1, "the embedded scenario does not match scenario_hash "
                                "(edited after the session?)", "scenario_hash")
    controllers = header.get("controllers")
    if not isinstance(controllers, dict) or set(controllers) != set(ROLES):
        raise _problem(path, 1, f"controllers must name each role {list(ROLES)}",
                       "controllers")
    from sim.bots import BOTS

    for role, spec in controllers.items():
        if not isinstance(spec, dict) or spec.get("type") not in ("human", "bot"):
            raise _problem(path, 1, "type must be human or bot", f"controllers.{role}")
        if spec["type"] == "bot" and spec.get("bot") not in BOTS[role]:
            raise _problem(path, 1, f"no {role} bot named {spec.get('bot')!r}",
                           f"controllers.{role}.bot")
    return scenario
