"""The host's WebSocket protocol: every message both ways as a pydantic model, and the limits.

Messages are JSON objects with a ``type``; :func:`parse` turns one text frame from a device
into a typed message or raises :class:`ProtocolError` with a code the page translates.
Replies are built with the ``*_msg`` helpers so their shape lives in one place.
docs/network.md is the specification, with examples of every message.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.settings import SPEEDS
from sim.design.classroom import RISKS

PROTOCOL = "regiekamer-host"
PROTOCOL_VERSION = 1

# Limits (docs/network.md, "Limits").
MAX_MESSAGE_BYTES = 16 * 1024  # a longer text frame gets error "too_large" [bytes]
MAX_FRAME_BYTES = 64 * 1024  # aiohttp closes the connection (1009) above this [bytes]
RATE_PER_S = 20.0  # messages per second a connection may send, sustained [1/s]
RATE_BURST = 40  # messages a connection may send at once [count]
FLOOD_CLOSE = 200  # refused messages after which the connection is closed (1008) [count]
MAX_FAILED_JOINS = 10  # wrong codes, tokens or PINs per address before a lock-out [count]
LOCKOUT_S = 60.0  # how long an address is locked out after that [s]
MAX_DEVICES_PER_SEAT = 8  # devices that may share one seat (a team round one role) [count]
MAX_NAME_CHARS = 40  # a participant's name [characters]
MAX_TRAINER_TEXT = 500  # an inject's text or a discussion question [characters]
MAX_TABLES = 12  # tables one host runs [count]
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 4  # characters of a join code
MAX_EXTEND_MIN = 60.0  # the most table time one extension of the design phase gives [min]

ERROR_CODES: tuple[str, ...] = (
    "bad_json",  # the frame is not a JSON object
    "bad_message",  # the object does not match any message (field named in `message`)
    "too_large",  # longer than MAX_MESSAGE_BYTES
    "rate_limited",  # more than RATE_PER_S sustained; the message was dropped
    "locked_out",  # too many wrong codes, tokens or PINs from this address
    "bad_code",  # no seat has this join code
    "bad_token",  # no seat (or trainer) has this token
    "bad_pin",  # wrong trainer PIN
    "seat_full",  # MAX_DEVICES_PER_SEAT devices share this seat already
    "not_joined",  # join, rejoin or log in first
    "not_allowed",  # this connection may not do that (another seat, table, or trainer only)
    "seat_with_bot",  # the seat is played by a bot now; the trainer can hand it back
    "table_ended",  # the round at this table has ended
    "unknown_table",  # no table with that number
    "bad_command",  # the trainer's command cannot be done (reason in `message`)
)

Code = Annotated[
    str, Field(min_length=CODE_LENGTH, max_length=CODE_LENGTH, pattern=f"^[{CODE_ALPHABET}]+$")
]
Token = Annotated[str, Field(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
RequestId = Annotated[str, Field(max_length=32)]
TableNo = Annotated[int, Field(ge=1, le=MAX_TABLES)]
SeatName = Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,39}$")]
"""A seat of a table (a gladheid role, the procesregisseur, a party's key); the
classroom checks it against the table's seats."""
TrainerText = Annotated[str, Field(max_length=MAX_TRAINER_TEXT)]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --- device -> host -------------------------------------------------------------------------
class Join(_Msg):
    """Take a seat with the join code shown on the projector; the reply holds a seat token."""

    type: Literal["join"]
    code: Code
    name: str = Field("", max_length=MAX_NAME_CHARS)


class Rejoin(_Msg):
    """Reclaim a seat (or the trainer's console) with the token a welcome gave."""

    type: Literal["rejoin"]
    token: Token


class Login(_Msg):
    """The trainer logs in with the PIN; the reply holds a trainer token."""

    type: Literal["login"]
    pin: str = Field(min_length=1, max_length=32)


class Act(_Msg):
    """An action for the device's own seat: a template from `state.actions` or a decision
    option, fields filled in. Checked by the model (sim.actions, sim.governance)."""

    type: Literal["act"]
    id: RequestId
    action: dict[str, Any]


class Risks(_Msg):
    """The risks one person at a seat expects the winter to bring (ticked during the
    design phase; logged as a note for the debrief, sim.design.classroom.RISKS)."""

    type: Literal["risks"]
    id: RequestId
    risks: list[Literal[RISKS]] = Field(max_length=len(RISKS))  # type: ignore[valid-type]


class Ping(_Msg):
    """Keep-alive; answered with pong."""

    type: Literal["ping"]
    id: RequestId = ""


# --- trainer commands (inside a `command` message) -------------------------------------------
class Pause(_Msg):
    """Stop the clock of one table (or every table: table null)."""

    command: Literal["pause"]
    table: TableNo | None = None


class Resume(_Msg):
    """Start the clock of one table (or every table)."""

    command: Literal["resume"]
    table: TableNo | None = None


class Speed(_Msg):
    """Set the speed [simulated hours per real second] of one table (or every table)."""

    command: Literal["speed"]
    table: TableNo | None = None
    value: Literal[SPEEDS]  # type: ignore[valid-type]


class Inject(_Msg):
    """An event from the inject library now, with the trainer's own text (a headline, a
    council question) shown to the table's devices."""

    command: Literal["inject"]
    table: TableNo | None = None
    name: str = Field(max_length=60)
    severity: float = Field(0.5, ge=0.0, le=1.0)
    text: TrainerText = ""


class Hold(_Msg):
    """Hold every table when it reaches the start of `day` (0 = the first day) and show a
    discussion question on the projector and the devices."""

    command: Literal["hold"]
    day: int = Field(ge=0, le=366)
    question: TrainerText = ""


class Release(_Msg):
    """Lift the hold: every table runs on (unless paused)."""

    command: Literal["release"]


class Seat(_Msg):
    """Hand a seat to its devices (`to` "device") or to a bot (the scenario's archetype for
    the role unless `bot` names one of the role's archetypes)."""

    command: Literal["seat"]
    table: TableNo
    role: SeatName
    to: Literal["device", "bot"]
    bot: str | None = Field(None, max_length=40)


class Bookmark(_Msg):
    """Mark this moment of one table (or every table) for the debrief (private)."""

    command: Literal["bookmark"]
    table: TableNo | None = None
    tag: str = Field("", max_length=60)
    note: str = Field("", max_length=2000)


class EndRound(_Msg):
    """End the round at one table (or every table): its log gets its end event."""

    command: Literal["end_round"]
    table: TableNo | None = None


class DesignClose(_Msg):
    """Close the design phase of one table (or every table): the starting offer holds."""

    command: Literal["design_close"]
    table: TableNo | None = None


class DesignExtend(_Msg):
    """Give the design phase of one table (or every table) more table time [min]."""

    command: Literal["design_extend"]
    table: TableNo | None = None
    minutes: float = Field(gt=0.0, le=MAX_EXTEND_MIN)


TrainerCommand = Annotated[
    Pause
    | Resume
    | Speed
    | Inject
    | Hold
    | Release
    | Seat
    | Bookmark
    | EndRound
    | DesignClose
    | DesignExtend,
    Field(discriminator="command"),
]


class Command(_Msg):
    """A trainer command (trainer connections only); answered with ack or error."""

    type: Literal["command"]
    id: RequestId
    do: TrainerCommand


ClientMessage = Annotated[
    Join | Rejoin | Login | Act | Risks | Ping | Command, Field(discriminator="type")
]
_CLIENT = TypeAdapter(ClientMessage)


class ProtocolError(Exception):
    """A message refused: `code` from ERROR_CODES, `message` for people reading logs."""

    def __init__(self, code: str, message: str, request_id: str = "") -> None:
        assert code in ERROR_CODES, code
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id


def parse(text: str | bytes) -> Join | Rejoin | Login | Act | Risks | Ping | Command:
    """One frame from a device as a typed message; raises :class:`ProtocolError`."""
    if isinstance(text, bytes):
        raise ProtocolError("bad_json", "send text frames holding JSON, not binary")
    if len(text.encode("utf-8", "replace")) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"a message may hold at most {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as err:
        raise ProtocolError("bad_json", f"not JSON: {err}") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_json", "a message is a JSON object with a type")
    request_id = data.get("id") if isinstance(data.get("id"), str) else ""
    try:
        return _CLIENT.validate_python(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "message"
        raise ProtocolError("bad_message", f"{where}: {first['msg']}", request_id[:32]) from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


# --- host -> device ---------------------------------------------------------------------------
def error_msg(code: str, message: str, request_id: str = "") -> dict:
    """A refusal: the page shows its own words for `code`."""
    assert code in ERROR_CODES, code
    out: dict[str, Any] = {"type": "error", "code": code, "message": message}
    if request_id:
        out["id"] = request_id
    return out


def ack_msg(request_id: str, ok: bool, reason: str = "") -> dict:
    """An action or command logged (and fsynced) and done (ok) or refused by the model."""
    return {"type": "ack", "id": request_id, "ok": ok, "reason": reason}


def welcome_msg(
    token: str, *, role: str, table: int | None, name: str = "", info: dict | None = None
) -> dict:
    """The reply to join, rejoin or login: the token to keep, and who this device is."""
    return {
        "type": "welcome",
        "protocol": PROTOCOL,
        "version": PROTOCOL_VERSION,
        "token": token,
        "role": role,
        "table": table,
        "name": name,
        **(info or {}),
    }


def pong_msg(request_id: str = "") -> dict:
    """The answer to ping."""
    return {"type": "pong", "id": request_id}


def dumps(message: dict) -> str:
    """A host message as one compact JSON text frame."""
    # ASCII: a lone surrogate someone typed (valid JSON escape, invalid UTF-8) cannot break
    # the frame; allow_nan=False: every number a browser gets is valid JSON.
    return json.dumps(message, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
