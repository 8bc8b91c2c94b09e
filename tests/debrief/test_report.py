"""The debrief report and the briefing cards: content, self-containment, and rendering in
headless Chromium (screenshot not blank, no console errors, no network requests).

The browser tests need the Debian package `chromium` (`apt-get install -y chromium`); they
are skipped, with that reason, only when no Chromium binary is on the PATH. Run with
REGIE_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/debrief_*.png.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from debrief.report import build_report, default_seeds
from sim.bots import SCRIPTED
from sim.bots.play import record_session
from sim.cli import main
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.cdp import Browser, find_chromium, ink
from tests.debrief.conftest import REPO, _dir

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium binary on the PATH (install: apt-get install -y "
                             "chromium); the rendering tests need it")
# The reports (nl and en, with their re-runs and ghost runs) are built once per test
# process: every test that reads them, here and in test_presentable.py, runs on one worker
# (pytest -n 2 --dist loadgroup), so they are built once per suite.
REPORT_GROUP = pytest.mark.xdist_group("debrief_report")
pytestmark = REPORT_GROUP
SHOTS = REPO / "docs" / "screenshots"
DAY = 24
CLASS_SEED = 7


@cache
def classroom_log() -> Path:
    """A classroom session: regisseur and executor played (by scripts), with the trainer's
    bookmarks and an extra inject."""
    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"))
    path = _dir() / "classroom.jsonl"
    record_session(path, sc, CLASS_SEED,
                   {"regisseur": SCRIPTED["regisseur"]["relational"](),
                    "executor": SCRIPTED["executor"]["flattering"]()},
                   names={"regisseur": "Anna de Vries", "executor": "Bas <b>Jansen</b>"},
                   trainer=[(DAY * 1 + 9, {"act": "bookmark", "tag": "Start koudegolf",
                                           "note": "Let op de eerste briefing"}),
                            (DAY * 4 + 10, {"act": "bookmark", "tag": "Geheim",
                                            "note": "GEHEIME-NOTITIE", "private": True}),
                            (DAY * 8 + 20, {"inject": "staff_sickness", "severity": 0.7}),
                            (DAY * 12 + 9, {"act": "bookmark", "tag": "Zout op?"})],
                   scenario_name="gladheid_koudegolf_klas")
    return path


@cache
def report(lang: str) -> Path:
    out = _dir() / f"report_{lang}.html"
    return build_report(classroom_log(), out, lang=lang, seeds=[CLASS_SEED, CLASS_SEED + 1],
                        workers=2)


# --- content ---------------------------------------------------------------------------
def test_report_has_every_section():
    text = report("nl").read_text(encoding="utf-8")
    for section in ("summary", "overview", "moments", "kpis", "timeline", "competences",
                    "ghosts", "method"):
        assert f'id="{section}"' in text
    assert '<html lang="nl">' in text
    assert "Anna de Vries" in text
    assert "Bas &lt;b&gt;Jansen&lt;/b&gt;" in text  # names are escaped, never markup
    assert "Start koudegolf" in text and "Zout op?" in text
    assert "GEHEIME-NOTITIE" not in text  # private trainer notes stay out
    assert text.count("<svg") >= 6
    for comp in ("Niet op de stoel van de uitvoerder", "Transparantie van de uitvoerder"):
        assert comp in text
    assert "Wethouder" in text and "incidentgedreven (bot)" in text


def test_report_states_the_ghost_runs_and_their_seeds():
    text = report("en").read_text(encoding="utf-8")
    # two human roles x three archetypes x two seeds
    assert "12 ghost runs" in text and "2 variants of chance" in text
    assert f"<td>Random seeds</td><td>{CLASS_SEED}, {CLASS_SEED + 1}</td>" in text
    assert "weather checked" in text
    assert text.count("Ghost runs: 6 (3 × 2)") == 2


def test_english_report_speaks_english():
    text = report("en").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "Not sitting in the executor's chair" in text
    assert "Session overview" in text and "Overzicht van de sessie" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_is_self_contained(lang):
    text = report(lang).read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", text, re.I)
    assert scripts == ["<script>"]  # the presentation mode, inline
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"<img\b", text, re.I)
    assert not re.search(r"@import|@font-face", text, re.I)
    assert not re.search(r"url\(\s*['\"]?(?!data:|#)", text, re.I)
    assert not re.search(r"(src|href)\s*=\s*['\"](?!#|data:)", text, re.I)
    assert "@media print" in text and "@page" in text


def test_default_ghosts_are_five_seeds_per_archetype(tmp_path):
    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"), ["weather.days=6"])
    log = record_session(tmp_path / "short.jsonl", sc, 3,
                         {"wethouder": SCRIPTED["wethouder"]["meddling"]()})
    out = build_report(log, tmp_path / "r.html", lang="en", workers=1)
    text = out.read_text(encoding="utf-8")
    assert default_seeds(3) == [3, 4, 5, 6, 7]
    assert "15 ghost runs" in text and "<td>Random seeds</td><td>3, 4, 5, 6, 7</td>" in text


def test_bot_only_and_unfinished_logs_still_give_a_report(tmp_path):
    sc = load_scenario(resolve_scenario("gladheid_koudegolf_klas"), ["weather.days=5"])
    log = record_session(tmp_path / "bots.jsonl", sc, 2, {})
    text = build_report(log, tmp_path / "bots.html", workers=1).read_text(encoding="utf-8")
    assert "de bots worden beoordeeld" in text and "Geen spookritten" in text
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[: len(lines) // 2]) + lines[len(lines) // 2][:10],
                   encoding="utf-8")  # an interrupted writer: half a line at the end
    text = build_report(cut, tmp_path / "cut.html", workers=1).read_text(encoding="utf-8")
    assert "niet afgesloten" in text


def test_regie_debrief_command(tmp_path, capsys):
    out = tmp_path / "cli.html"
    code = main(["debrief", str(classroom_log()), "--out", str(out), "--lang", "en",
                 "--seeds", f"{CLASS_SEED}", "--workers", "2"])
    assert code == 0 and out.is_file()
    assert "6 ghost runs" in out.read_text(encoding="utf-8")
    assert main(["debrief", str(tmp_path / "nope.jsonl"), "--out", str(out)]) == 2
    assert "nope.jsonl: no such file" in capsys.readouterr().err
    assert main(["debrief", str(classroom_log()), "--out", str(out), "--seeds", "x"]) == 2


def test_regie_cards_command(tmp_path):
    assert main(["cards", "gladheid_koudegolf_klas", "--out", str(tmp_path), "--quiet"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([f"{r}_{lang}.html" for r in ("regisseur", "executor", "wethouder")
                            for lang in ("nl", "en")] + ["cards_nl.html", "cards_en.html"])
    reg = (tmp_path / "regisseur_nl.html").read_text(encoding="utf-8")
    exe = (tmp_path / "executor_en.html").read_text(encoding="utf-8")
    assert "De situatie (voor iedereen)" in reg and "Alleen voor u" in reg
    assert "Inspectie" in reg and "Maandrapportage" not in reg
    assert "Monthly report" in exe and "Inspection" not in exe
    assert "salt_supplier_fails" not in reg and "Zoutleverancier" not in reg  # injects secret
    assert main(["cards", "no_such_scenario", "--out", str(tmp_path)]) == 2


# --- in the browser -----------------------------------------------------------------------
def _shot_dir(tmp_path: Path) -> Path:
    """docs/screenshots with REGIE_UPDATE_SCREENSHOTS=1 (or the directory it names)."""
    where = os.environ.get("REGIE_UPDATE_SCREENSHOTS")
    if where:
        out = SHOTS if where == "1" else Path(where)
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path


def _assert_clean(b: Browser) -> None:
    assert b.console_errors() == []
    assert b.network_requests() == []
    assert b.requests() and all(u.startswith("file://") for u in b.requests())


def _assert_ink(png: bytes) -> None:
    share, colours = ink(png)
    assert share > 0.02 and colours > 20, (share, colours)


@needs_chromium
def test_cards_render_in_chromium(tmp_path):
    out = tmp_path / "cards"
    main(["cards", "gladheid_gedwongen_winkelnering", "--out", str(out), "--quiet"])
    shots = _shot_dir(tmp_path)
    with Browser(CHROMIUM, width=1000, height=1300) as b:
        b.open(out / "cards_nl.html")
        _assert_clean(b)
        _assert_ink(b.screenshot(shots / "debrief_cards.png"))
        pdf = b.pdf()
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3  # a page per role


def test_both_languages_from_one_set_of_runs(tmp_path):
    from debrief.report import build_reports

    out = build_reports(classroom_log(), tmp_path, langs=("nl", "en"), seeds=[CLASS_SEED],
                        workers=2)
    assert sorted(out) == ["en", "nl"]
    assert '<html lang="nl">' in out["nl"].read_text(encoding="utf-8")
    assert "6 ghost runs" in out["en"].read_text(encoding="utf-8")


def test_a_log_the_model_cannot_replay_is_bad_input(tmp_path, capsys):
    import json

    lines = classroom_log().read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines[1:], start=1):
        e = json.loads(line)
        if e["kind"] == "inject" and e["source"] == "trainer":
            e["name"] = "alien_invasion"
            lines[n] = json.dumps(e)
            break
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["debrief", str(bad), "--out", str(tmp_path / "r.html"), "--no-ghosts"])
    err = capsys.readouterr().err
    assert code == 2 and f"{bad}:{n + 1}: " in err and "alien_invasion" in err
    assert "Traceback" not in err
