"""`regie play` as a command: light imports, options, exit codes; sim stays free of pygame."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.cli import parse_seats, scenario_seats

RUN = [sys.executable, "-c", "import sys; from sim.cli import main; sys.exit(main())"]


def test_imports_stay_light_and_sim_never_imports_pygame():
    code = ("import sys, sim.cli, sim.model, sim.session, game.cli, game.state, game.inbox, "
            "game.forms, game.logbook; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_help_lists_the_options():
    done = subprocess.run([*RUN, "play", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for option in ("--headless", "--autoplay", "--until", "--screenshot-dir", "--scenario",
                   "--lang", "--seed", "--log", "--resume", "--projector", "--pin"):
        assert option in done.stdout


@pytest.mark.parametrize("args", [["--until", "3"], ["--human", "mayor"],
                                  ["--bot", "executor=lazy"], ["--resume", "/no/such/log"],
                                  ["--size", "big"]])
def test_bad_options_exit_2(args):
    done = subprocess.run([*RUN, "play", "--headless", *args], capture_output=True, text=True)
    assert done.returncode == 2
    assert "regie play: error:" in done.stderr
    assert "Traceback" not in done.stderr


def test_parse_seats():
    seats = parse_seats(["regisseur=Anna", "wethouder"], ["executor=opportunistic"])
    assert seats == {"regisseur": {"type": "human", "name": "Anna"},
                     "wethouder": {"type": "human", "name": None},
                     "executor": {"type": "bot", "bot": "opportunistic"}}
    with pytest.raises(ValueError):
        parse_seats(["executor"], ["executor=cooperative"])


def test_one_headless_frame(tmp_path):
    done = subprocess.run([*RUN, "play", "--headless", "--frames", "2", "--session-dir",
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "first_frame_s=" in done.stdout


def test_parse_seats_takes_the_seats_of_a_procesregie_scenario():
    seat_bots = scenario_seats("procesregie_klas_wyberen")
    assert list(seat_bots)[0] == "regisseur" and "woningcorporatie" in seat_bots
    seats = parse_seats(["woningcorporatie=Bram"], ["regisseur=haastig"], seat_bots)
    assert seats == {"woningcorporatie": {"type": "human", "name": "Bram"},
                     "regisseur": {"type": "bot", "bot": "haastig"}}
    with pytest.raises(ValueError, match="executor"):
        parse_seats(["executor"], [], seat_bots)


def test_pyproject_lists_every_game_package():
    """A game sub-package (a family's screens) missing from pyproject's explicit list would
    be missing from a non-editable install."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    on_disk = {".".join(d.relative_to(root).parts) for d in [root / "game",
               *(root / "game").rglob("*")] if d.is_dir() and any(d.glob("*.py"))}
    assert on_disk <= listed, sorted(on_disk - listed)
