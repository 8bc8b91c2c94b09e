"""A command whose optional part (pyproject's extras) is not installed says which extra to
install in one line, exit code 2, no traceback; the base install alone runs the debrief
and the cards.

Each case runs `regie` in a fresh Python whose import system refuses the extra's modules
(a `sitecustomize` on PYTHONPATH puts a blocking finder first on `sys.meta_path`), as a
virtual environment without that extra would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GAME = ("pygame", "pygame_gui", "aiohttp", "segno")
RESEARCH = ("dask", "distributed", "SALib")

BLOCKER = '''
import os
import sys

BLOCKED = set(os.environ["REGIE_TEST_BLOCK"].split(","))


class _Blocker:
    """Refuse the listed top-level modules as if they were not installed."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _Blocker())
'''


def regie(tmp_path: Path, blocked: tuple[str, ...], *args: str) -> subprocess.CompletedProcess:
    """Run `regie ARGS` in a fresh process where the `blocked` modules cannot be imported."""
    site = tmp_path / "blocker"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(site), str(REPO)]),
        REGIE_TEST_BLOCK=",".join(blocked),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from sim.cli import main; sys.exit(main(sys.argv[1:]))",
            *args,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_names_extra(proc: subprocess.CompletedProcess, extra: str) -> None:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert f'pip install ".[{extra}]"' in lines[0]
    assert "Traceback" not in proc.stderr


def test_the_blocker_really_blocks(tmp_path):
    proc = regie(tmp_path, GAME, "scenarios")
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "blocker"
    env = dict(os.environ, PYTHONPATH=str(site), REGIE_TEST_BLOCK="pygame")
    check = subprocess.run(
        [sys.executable, "-c", "import pygame"], env=env, capture_output=True, text=True, timeout=60
    )
    assert check.returncode != 0 and "No module named 'pygame'" in check.stderr


def test_play_without_the_game_extra_names_it(tmp_path):
    proc = regie(tmp_path, GAME, "play", "--headless", "--frames", "1")
    assert_names_extra(proc, "game")


def test_host_without_the_game_extra_names_it(tmp_path):
    proc = regie(tmp_path, GAME, "host", "--headless", "--port", "0")
    assert_names_extra(proc, "game")


def test_a_sweep_on_a_cluster_without_the_research_extra_names_it(tmp_path):
    proc = regie(
        tmp_path,
        RESEARCH,
        "sweep",
        str(REPO / "experiments" / "quick_check.yaml"),
        "--scheduler",
        "127.0.0.1:1",
        "--out",
        str(tmp_path / "out"),
    )
    assert_names_extra(proc, "research")


def test_a_sobol_sweep_without_the_research_extra_names_it(tmp_path):
    proc = regie(
        tmp_path,
        RESEARCH,
        "sweep",
        str(REPO / "experiments" / "sobol_trust_politics.yaml"),
        "--out",
        str(tmp_path / "out"),
    )
    assert_names_extra(proc, "research")


def test_the_debrief_and_the_cards_need_no_extra(tmp_path):
    missing = GAME + RESEARCH
    from sim.bots.play import record_session
    from sim.scenario.loader import load_scenario, resolve_scenario

    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"), ["weather.days=3"])
    log = record_session(tmp_path / "s.jsonl", sc, 1, {})
    proc = regie(
        tmp_path, missing, "debrief", str(log), "--out", "r.html", "--no-ghosts", "--quiet"
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.html").stat().st_size > 10_000
    proc = regie(tmp_path, missing, "cards", "gladheid_koudegolf_klas", "--out", "cards", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "cards").glob("*.html"))) >= 6
