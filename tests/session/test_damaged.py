"""Damaged session logs: a clear `FILE:LINE: message`, exit code 2, no traceback, and the
file exactly as it was (bytes and modification time), for every command that reads logs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from sim.cli import main
from sim.session import FORMAT_VERSION, MAX_LINE_BYTES, SessionLogError, read_log, run_logged
from tests.session.conftest import scenario

Builder = Callable[[bytes], bytes]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "good.jsonl"
    run_logged(scenario(6), 3, path)
    return path.read_bytes()


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _header(data: bytes, **change: object) -> bytes:
    lines = _lines(data)
    header = json.loads(lines[0])
    header.update(change)
    return json.dumps(header).encode() + b"\n" + b"".join(lines[1:])


def _scenario_edit(data: bytes) -> bytes:
    lines = _lines(data)
    header = json.loads(lines[0])
    header["scenario"]["executor"]["trucks"] += 1  # hash left as it was
    return json.dumps(header).encode() + b"\n" + b"".join(lines[1:])


def _event_edit(index: int, **change: object) -> Builder:
    def build(data: bytes) -> bytes:
        lines = _lines(data)
        event = json.loads(lines[index])
        event.update(change)
        lines[index] = json.dumps(event).encode() + b"\n"
        return b"".join(lines)

    return build


def _trust_of_the_wethouder(data: bytes) -> bytes:
    lines = _lines(data)
    lines[1] = json.dumps({"seq": 0, "tick": 0, "kind": "trust", "who": "wethouder",
                           "reason": "direct contact", "before": 0.5, "after": 0.6}
                          ).encode() + b"\n"
    return b"".join(lines)


def _drop_line(index: int) -> Builder:
    return lambda data: b"".join(ln for i, ln in enumerate(_lines(data)) if i != index)


def _swap(i: int, j: int) -> Builder:
    def build(data: bytes) -> bytes:
        lines = _lines(data)
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)

    return build


def _garbage(data: bytes) -> bytes:
    return np.random.default_rng(7).integers(0, 256, 5000, dtype=np.uint8).tobytes()


def _huge(data: bytes) -> bytes:
    return _lines(data)[0] + b'{"seq":0,"note":"' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n'


def _cut_last(data: bytes) -> bytes:
    return data[: len(data) - len(_lines(data)[-1]) // 2]


ALL = ("replay", "export", "resume")
# name, how to damage a good log, what the message must say, commands that must refuse it
TABLE: list[tuple[str, Builder, str, tuple[str, ...]]] = [
    ("empty", lambda d: b"", "empty file", ALL),
    ("header only", lambda d: _lines(d)[0], "incomplete: no `end` event", ("replay",)),
    ("binary garbage", _garbage, "not a session log", ALL),
    ("NUL bytes", lambda d: _lines(d)[0] + b"\x00" * 300 + b"\n", ":2: not valid JSON", ALL),
    ("huge line", _huge, f":2: line longer than {MAX_LINE_BYTES} bytes", ALL),
    ("trust of a third party", _trust_of_the_wethouder, ":2: who: Input should be", ALL),
    ("wrong version", lambda d: _header(d, format_version=FORMAT_VERSION + 1),
     f":1: format_version: format version {FORMAT_VERSION + 1} is not supported", ALL),
    ("wrong scenario hash", lambda d: _header(d, scenario_hash="0" * 64),
     ":1: scenario_hash: does not match the embedded scenario", ALL),
    ("edited scenario", _scenario_edit, ":1: scenario_hash: does not match", ALL),
    ("truncated last line", _cut_last, "incomplete last line", ("replay",)),
    ("not JSONL", lambda d: b"kind: header\nformat: x\n", ":1: not a session log", ALL),
    ("JSON array", lambda d: b"[1, 2]\n", ":1: expected a JSON object", ALL),
    ("other format", lambda d: _header(d, format="something-else"), ":1: not a session log",
     ALL),
    ("unknown bot", lambda d: _header(d, controllers={
        "regisseur": {"type": "bot", "bot": "dictator"},
        "executor": {"type": "bot", "bot": "cooperative"},
        "wethouder": {"type": "bot", "bot": "hands_off"}}), "no regisseur bot named", ALL),
    ("bad JSON line", lambda d: b"".join(_lines(d)[:3]) + b'{"seq": 2,\n'
     + b"".join(_lines(d)[4:]), ":4: not valid JSON", ALL),
    ("line removed", _drop_line(3), ":4: seq: seq 3 where 2 was expected", ALL),
    ("lines reordered", _swap(2, 3), ":3: seq: seq 2 where 1 was expected", ALL),
    ("bad checkpoint hash", _event_edit(-2, hash="xyz"), "hash: String should match", ALL),
    ("negative tick", _event_edit(2, tick=-4), "tick: Input should be greater", ALL),
    ("event after end", lambda d: d + _lines(d)[-1], "event after the `end` event", ALL),
]


def _args(command: str, path: Path) -> list[str]:
    if command == "replay":
        return ["replay", str(path), "--verify", "--quiet"]
    if command == "export":
        return ["export", str(path), "--anonymise", "--out", str(path.with_suffix(".out"))]
    return ["resume", str(path), "--quiet"]


@pytest.mark.parametrize(("name", "build", "message", "commands"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_damaged_log_is_refused_cleanly(tmp_path: Path, good: bytes, name: str,
                                        build: Builder, message: str,
                                        commands: tuple[str, ...],
                                        capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "damaged.jsonl"
    data = build(good)
    path.write_bytes(data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    for command in commands:
        code = main(_args(command, path))
        err = capsys.readouterr().err
        assert code == 2, f"{command}: exit {code}\n{err}"
        assert "Traceback" not in err
        assert str(path) in err and message in err, f"{command}: {err}"
        assert path.read_bytes() == data, f"{command} changed the file"
        assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000
        assert not path.with_suffix(".out").exists()


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    for target, message in ((tmp_path / "nope.jsonl", "no such file"),
                            (tmp_path, "is a directory")):
        for command in ALL:
            assert main(_args(command, target)) == 2
            err = capsys.readouterr().err
            assert message in err and "Traceback" not in err


def test_read_log_reports_and_drops_a_truncated_last_line(tmp_path: Path, good: bytes) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_bytes(_cut_last(good))
    sf = read_log(path)
    assert sf.dropped and "incomplete last line" in sf.dropped
    assert len(sf.events) == len(_lines(good)) - 2
    assert sf.valid_bytes == len(good) - len(_lines(good)[-1])
    with pytest.raises(SessionLogError):
        read_log(tmp_path / "missing.jsonl")
