"""`regie host` refuses bad options in one line with exit code 2, before writing anything."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from sim.cli import main


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--tables", "0"], "--tables 0: must be 1 to 12"),
        (["--tables", "13"], "--tables 13: must be 1 to 12"),
        (["--pin", "12"], "--pin: 4 to 32 characters"),
        (["--resume", "nowhere"], "no host.json there"),
        (["--resume", "x", "--seed", "3"], "--resume DIR takes the scenario"),
    ],
)
def test_a_bad_option_is_one_line_and_exit_code_2(tmp_path, monkeypatch, capsys, argv, says):
    monkeypatch.chdir(tmp_path)
    assert main(["host", "--headless", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0] and err[0].startswith("regie host: error:")
    assert not (tmp_path / "sessions").exists()


def test_a_busy_port_is_refused_before_a_session_is_made(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["host", "--headless", "--port", str(port), "--out", str(tmp_path / "s")])
    assert code == 2
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_a_bad_scenario_names_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("weather:\n  days: -5\n")
    assert main(["host", "--headless", str(bad), "--out", str(tmp_path / "s")]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_without_aiohttp_the_game_extra_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "aiohttp", None)
    assert main(["host", "--headless", "--out", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'game' extra" in err[0]


def test_without_a_display_the_projector_window_names_headless(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["SDL_VIDEODRIVER"] = "x11"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sim.cli import main; raise SystemExit(main())",
            "host",
            "--tables",
            "1",
            "--port",
            "0",
            "--out",
            str(tmp_path / "s"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    err = done.stderr.strip().splitlines()
    assert len(err) == 1 and "--headless" in err[0] and "Traceback" not in done.stderr
