"""The class report: tables of one winter side by side, each table's own report beside
it, logs of another winter refused; checked in headless Chromium at phone width."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from debrief.classreport import build_class_report, expand_logs
from sim.bots import SCRIPTED
from sim.bots.play import record_session
from sim.cli import main
from sim.inputfile import InputFileError
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.cdp import Browser, find_chromium

NAME = "gladheid_gedwongen_winkelnering"
SEED = 3
POLICIES = ("relational", "controller", "absent")  # the regisseur at tables 1, 2, 3
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shots_dir(tmp: Path) -> Path:
    """docs/screenshots with REGIE_UPDATE_SCREENSHOTS=1 (or the folder it names), else `tmp`,
    so a test run leaves the work tree as it was."""
    where = os.environ.get("REGIE_UPDATE_SCREENSHOTS")
    if not where:
        return tmp
    out = SHOTS if where == "1" else Path(where)
    out.mkdir(parents=True, exist_ok=True)
    return out
# The class's logs and report are made once per test process: the module runs on one
# worker (pytest -n 2 --dist loadgroup), so they are made once, with one browser.
pytestmark = pytest.mark.xdist_group("debrief_classreport")


@cache
def class_logs(days: int = 12, seed: int = SEED) -> tuple[Path, ...]:
    """Three tables of one short winter, each with another scripted regisseur; table 1's
    player typed markup into her name."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"regie-class-{days}-{seed}-"))
    sc = load_scenario(resolve_scenario(NAME), [f"weather.days={days}"])
    out = []
    for n, policy in enumerate(POLICIES, start=1):
        name = "<b>Anna</b> & co" if n == 1 else f"Speler {n}"
        out.append(
            record_session(
                folder / f"tafel{n}.jsonl",
                sc,
                seed,
                {"regisseur": SCRIPTED["regisseur"][policy]()},
                names={"regisseur": name},
                scenario_name=NAME,
            )
        )
    return tuple(out)


@cache
def class_report(lang: str = "nl") -> Path:
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="regie-class-out-")) / "klas.html"
    return build_class_report(list(class_logs()), out, lang=lang, ghosts=False, workers=2)


def test_the_tables_stand_side_by_side_with_their_own_reports_beside_them():
    page = class_report().read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f"Tafel {n}" in page
        own = class_report().with_name(f"klas-tafel{n}.html")
        assert own.exists() and f'href="{own.name}"' in page
    assert "Speler 2" in page and "Speler 3" in page


def test_a_players_typed_name_is_shown_as_text_not_markup():
    page = class_report().read_text(encoding="utf-8")
    assert "&lt;b&gt;Anna&lt;/b&gt; &amp; co" in page
    assert "<b>Anna</b>" not in page


def test_the_best_value_of_a_row_is_marked_and_only_there():
    page = class_report().read_text(encoding="utf-8")
    rows = re.findall(r"<tr><th>([^<]*)</th>(.*?)</tr>", page, flags=re.S)
    marked = {name: cells.count("▲") for name, cells in rows if "▲" in cells}
    assert marked, "some outcome differs between the tables"
    assert all(n >= 1 for n in marked.values())
    for name, cells in rows:
        values = re.findall(r'<td class="num[^"]*">([^<]*)', cells)
        if len(set(values)) == 1 and len(values) == 3:
            assert "▲" not in cells, name


def test_english_on_request():
    page = class_report("en").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Class debrief" in page and "Table 3" in page


def test_logs_of_another_winter_are_refused_with_exit_2(tmp_path, capsys):
    other = class_logs(seed=SEED + 1)[0]
    code = main(
        [
            "debrief",
            str(class_logs()[0]),
            str(other),
            "--out",
            str(tmp_path / "klas.html"),
            "--no-ghosts",
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert f"{other}:1: seed: another winter" in err and "Traceback" not in err
    assert not (tmp_path / "klas.html").exists()


def test_a_folder_stands_for_the_logs_in_it(tmp_path):
    folder = class_logs()[0].parent
    assert expand_logs([folder]) == sorted(folder.glob("*.jsonl"))
    with pytest.raises(InputFileError, match="no session logs"):
        expand_logs([tmp_path])


def test_the_command_writes_the_class_report_from_a_folder(tmp_path):
    out = tmp_path / "klas.html"
    code = main(
        [
            "debrief",
            str(class_logs()[0].parent),
            "--out",
            str(out),
            "--no-ghosts",
            "--quiet",
            "--workers",
            "1",
        ]
    )
    assert code == 0 and out.exists()
    assert len(list(tmp_path.glob("klas-*.html"))) == 3


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module's screen sizes (a start costs about a second)."""
    with Browser(find_chromium()) as b:
        yield b


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium")
@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_the_class_report_fits_a_phone_and_a_laptop_in_chromium(width, height, chromium,
                                                               tmp_path):
    b = chromium
    b.viewport(width, height, mobile=width < 600)
    b.open(class_report())
    assert b.console_errors() == [] and b.network_requests() == []
    assert b.evaluate("document.documentElement.scrollWidth") <= width
    assert b.evaluate("document.querySelectorAll('svg').length") == 1
    b.screenshot(
        shots_dir(tmp_path) / f"host-class-report-{width}.png",
        height=min(b.evaluate("document.documentElement.scrollHeight"), 2400),
    )
