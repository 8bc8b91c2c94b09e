"""The classroom without the network: trainer commands refused with a reason, and a resume
that may change the PIN."""

from __future__ import annotations

import pytest

from host.classroom import Classroom
from host.protocol import EndRound, Inject, Pause, ProtocolError, Resume, Seat
from sim.scenario.loader import resolve_scenario


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    made = Classroom.create(
        resolve_scenario(None),
        tmp_path_factory.mktemp("class"),
        tables=2,
        seed=None,
        speed=4,
        pin="4321",
    )
    made.command(EndRound(command="end_round", table=2))
    yield made
    made.close()


@pytest.mark.parametrize(
    ("do", "code", "says"),
    [
        (Inject(command="inject", name="alien_invasion"), "bad_command", "no inject"),
        (
            Seat(command="seat", table=1, role="executor", to="bot", bot="controller"),
            "bad_command",
            "no executor bot 'controller'",
        ),
        (Pause(command="pause", table=3), "unknown_table", "no table 3"),
        (Pause(command="pause", table=2), "bad_command", "ended at table 2"),
    ],
)
def test_a_command_that_cannot_be_done_is_refused_with_its_reason(classroom, do, code, says):
    with pytest.raises(ProtocolError) as refused:
        classroom.command(do)
    assert refused.value.code == code and says in refused.value.message


def test_an_ended_table_is_left_out_of_a_command_for_every_table(classroom):
    classroom.command(Resume(command="resume"))
    assert not classroom.table(1).state.paused and classroom.table(2).state.paused


def test_a_resume_may_give_the_trainer_a_new_pin(tmp_path):
    Classroom.create(
        resolve_scenario(None), tmp_path, tables=1, seed=None, speed=4, pin="4321"
    ).close()
    again = Classroom.resume(tmp_path, pin="9876")
    try:
        assert again.login("9876").trainer
        with pytest.raises(ProtocolError):
            again.login("4321")
    finally:
        again.close()


def test_a_seat_shared_by_many_named_devices_still_resumes(tmp_path):
    made = Classroom.create(
        resolve_scenario(None), tmp_path, tables=1, seed=None, speed=4, pin="4321"
    )
    code = made.table(1).codes["executor"]
    for i in range(8):
        made.join(code, f"{i} " + "x" * 38)
    made.close()
    again = Classroom.resume(tmp_path)  # reads the log: every name in it fits
    try:
        names = again.table(1).names["executor"]
        logged = again.table(1).seat_name("executor")
    finally:
        again.close()
    assert names == [f"{i} " + "x" * 38 for i in range(8)]
    assert logged.startswith("0 xx") and len(logged) == 200
