"""Reading session logs: the project's reader when it is there, the own reader otherwise;
both give the same session, and bad logs come back as FILE:LINE problems."""

from __future__ import annotations

import json
import sys

import pytest

from debrief.logread import _read_own, read_session
from debrief.scripted import SCRIPTED, record_session
from sim.inputfile import InputFileError
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.conftest import session_log


def test_own_reader_agrees_with_read_session():
    path = session_log("regisseur", "relational")
    a, b = read_session(path), _read_own(path)
    assert a.events == b.events
    assert a.seed == b.seed and a.human_roles() == b.human_roles() == ["regisseur"]
    assert a.scenario == b.scenario
    assert a.player_name("regisseur") == "Relational (script)"


def test_without_sim_session_the_documented_format_is_written_and_read(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sim.session", None)  # import fails: the fallbacks run
    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"), ["weather.days=4"])
    path = record_session(tmp_path / "own.jsonl", sc, 3,
                          {"regisseur": SCRIPTED["regisseur"]["micromanager"]()},
                          trainer=[(30, {"act": "bookmark", "tag": "x"})])
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["kind"] == "header" and lines[0]["format_version"] == 1
    assert [e["seq"] for e in lines[1:]] == list(range(len(lines) - 1))
    assert lines[-1]["kind"] == "end"
    s = read_session(path)
    assert s.human_roles() == ["regisseur"]
    from debrief.rerun import rerun_session

    assert rerun_session(s).divergence is None


@pytest.mark.parametrize("edit,line,message", [
    (lambda ls: ls[:1] + ls[2:], 2, "expected seq 0"),
    (lambda ls: [ls[0], "{not json\n", *ls[2:]], 2, "not valid JSON"),
    (lambda ls: ["{}\n", *ls[1:]], 1, "not a session log"),
    (lambda ls: [ls[0].replace('"seed":5', '"seed":-1'), *ls[1:]], 1, "seed"),
])
def test_bad_logs_name_file_and_line(tmp_path, edit, line, message):
    src = session_log("regisseur", "relational").read_text(encoding="utf-8")
    lines = src.splitlines(keepends=True)
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(edit(lines)), encoding="utf-8")
    for reader in (_read_own,):
        with pytest.raises(InputFileError) as err:
            reader(path)
        p = err.value.problems[0]
        assert p.file == str(path) and p.line == line and message in str(p), p


def test_an_interrupted_last_line_is_dropped_and_noted(tmp_path):
    src = session_log("regisseur", "relational").read_text(encoding="utf-8")
    path = tmp_path / "cut.jsonl"
    path.write_text(src[: len(src) // 2], encoding="utf-8")
    s = _read_own(path)
    assert s.dropped and "incomplete last line" in s.dropped
    assert s.end is None
