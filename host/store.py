"""The host's own file, ``DIR/host.json``: join codes, token hashes, the hold, for --resume.

Tokens and the PIN are kept only as SHA-256 hashes and compared in constant time; the
file is replaced atomically (write, fsync, rename) and readable by its owner only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from host.protocol import CODE_ALPHABET, CODE_LENGTH, MAX_NAME_CHARS, MAX_TABLES, SeatName
from sim.actions import ROLES

HOST_FILE = "host.json"
FORMAT = "regiekamer-host"


def digest(secret: str) -> str:
    """SHA-256 (hex) of a token or PIN: what the host keeps instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh seat or trainer token (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def new_pin() -> str:
    """A fresh 6-digit trainer PIN."""
    return f"{secrets.randbelow(10**6):06d}"


def table_log(directory: Path, number: int) -> Path:
    """Where table `number` (1-based) keeps its session log."""
    return directory / f"table-{number}.jsonl"


class SeatGrant(BaseModel):
    """What a seat token opens: one seat at one table, with the name the device gave."""

    model_config = ConfigDict(extra="forbid")
    table: int = Field(ge=1, le=MAX_TABLES)
    role: SeatName
    name: str = Field("", max_length=MAX_NAME_CHARS)


class HoldState(BaseModel):
    """The class is held at the start of `day` with a discussion question."""

    model_config = ConfigDict(extra="forbid")
    day: int = Field(ge=0)
    question: str = ""


class HostFile(BaseModel):
    """The contents of ``DIR/host.json`` (docs/network.md, "Files")."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["regiekamer-host"] = FORMAT
    version: Literal[1] = 1
    scenario_file: str
    seed: int
    tables: int = Field(ge=1, le=MAX_TABLES)
    speed: int
    lang: Literal["nl", "en"] = "nl"
    pin_sha256: str
    codes: dict[str, dict[str, str]]  # table number (text) -> role -> code
    tokens: dict[str, SeatGrant] = Field(default_factory=dict)  # token hash -> seat
    trainer_tokens: list[str] = Field(default_factory=list)  # token hashes
    hold: HoldState | None = None

    def check_pin(self, pin: str) -> bool:
        """Whether `pin` is the trainer's PIN."""
        return hmac.compare_digest(digest(pin), self.pin_sha256)

    def seat_of(self, token: str) -> SeatGrant | None:
        """The seat a token opens, or None."""
        return self.tokens.get(digest(token))

    def is_trainer(self, token: str) -> bool:
        """Whether the token is a trainer token."""
        d = digest(token)
        return any(hmac.compare_digest(d, t) for t in self.trainer_tokens)

    def seat_for_code(self, code: str) -> tuple[int, str] | None:
        """(table, role) of a join code, or None."""
        for table, roles in self.codes.items():
            for role, c in roles.items():
                if hmac.compare_digest(c, code):
                    return int(table), role
        return None

    def code(self, table: int, role: str) -> str:
        """The join code of a seat."""
        return self.codes[str(table)][role]


def new_codes(tables: int, seats: tuple[str, ...] = ROLES) -> dict[str, dict[str, str]]:
    """A distinct random join code for every seat of every table."""
    seen: set[str] = set()
    out: dict[str, dict[str, str]] = {}
    for table in range(1, tables + 1):
        out[str(table)] = {}
        for role in seats:
            code = ""
            while not code or code in seen:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            seen.add(code)
            out[str(table)][role] = code
    return out


_LOCK = threading.Lock()  # one change of the host file at a time (worker threads)


def update(directory: Path, data: HostFile, change: Callable[[HostFile], None]) -> None:
    """Change the host file's contents and save them, one thread at a time."""
    with _LOCK:
        change(data)
        save(directory, data)


def save(directory: Path, data: HostFile) -> None:
    """Replace ``DIR/host.json`` atomically (a crash leaves the old or the new file)."""
    path = directory / HOST_FILE
    tmp = path.with_suffix(".json.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data.model_dump(mode="json"), indent=1))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load(directory: Path) -> HostFile:
    """Read ``DIR/host.json`` (strict YAML/JSON and the schema: errors name file and line)."""
    from sim.inputfile import load_yaml_model

    return load_yaml_model(directory / HOST_FILE, HostFile, strict=True)
