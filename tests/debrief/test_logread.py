"""Reading session logs for the debrief (through sim.session.read_log): what the report
needs from a log, and bad logs as FILE:LINE problems with exit code 2."""

from __future__ import annotations

import pytest

from debrief.logread import read_session
from sim.cli import main
from sim.inputfile import InputFileError
from tests.debrief.conftest import session_log


def test_session_gives_what_the_report_needs():
    s = read_session(session_log("regisseur", "relational"))
    assert s.human_roles() == ["regisseur"]
    assert s.player_name("regisseur") == "Relational (script)"
    assert s.controllers["executor"] == {"type": "bot", "bot": "cooperative"}
    assert s.end is not None and s.events[-1]["kind"] == "end"
    assert [e["seq"] for e in s.events] == list(range(len(s.events)))


@pytest.mark.parametrize("edit,line", [
    (lambda ls: ls[:1] + ls[2:], 2),  # a line taken out: seq jumps
    (lambda ls: [ls[0], "{not json\n", *ls[2:]], 2),
    (lambda ls: ["{}\n", *ls[1:]], 1),
])
def test_bad_logs_name_file_and_line(tmp_path, capsys, edit, line):
    lines = session_log("regisseur", "relational").read_text(encoding="utf-8").splitlines(
        keepends=True)
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(edit(lines)), encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        read_session(path)
    assert err.value.problems[0].file == str(path) and err.value.problems[0].line == line
    assert main(["debrief", str(path), "--out", str(tmp_path / "r.html")]) == 2
    assert capsys.readouterr().err.startswith(f"{path}:{line}: ")
    assert not (tmp_path / "r.html").exists()


def test_an_interrupted_last_line_is_dropped_and_noted(tmp_path):
    src = session_log("regisseur", "relational").read_text(encoding="utf-8")
    path = tmp_path / "cut.jsonl"
    path.write_text(src[: len(src) // 2], encoding="utf-8")
    s = read_session(path)
    assert s.dropped and s.notes == [s.dropped]
    assert s.end is None
