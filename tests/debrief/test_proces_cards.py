"""Briefing cards of the procesregie family (`regie cards` on a procesregie scenario): a
card per party with its own wants, core value and mandate, one for the procesregisseur
with the instruments, an observer card from the family's rubric, in Dutch and English."""

from __future__ import annotations

import re

import pytest

from debrief.i18n import num
from debrief.proces_cards import party_card, regisseur_card, write_cards
from sim import words
from sim.cli import main
from sim.procesregie.schema import DIMENSIONS
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.cdp import Browser, find_chromium
from tests.debrief.test_report import _assert_ink, _shot_dir

CHROMIUM = find_chromium()
SCENARIO = "procesregie_aardgasvrije_wijk"


@pytest.fixture(scope="module")
def sc():
    return load_scenario(resolve_scenario(SCENARIO))


@pytest.fixture(scope="module")
def written(sc, tmp_path_factory):
    return write_cards(sc, tmp_path_factory.mktemp("proces_cards"))


def test_a_card_for_every_seat_in_both_languages(sc, written):
    seats = ["regisseur", *(p.key for p in sc.parties)]
    names = {p.name for p in written}
    assert names == {f"{s}_{lang}.html" for s in seats for lang in ("nl", "en")} | {
        "cards_nl.html",
        "cards_en.html",
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_party_card_states_its_own_mandate_and_first_core_value(sc, lang):
    for spec in sc.parties:
        text = party_card(sc, spec, lang)
        first = max(range(3), key=lambda d: spec.priorities[d])
        ideal = spec.core_values[first]
        lo, hi = max(0.0, ideal - spec.mandate), min(1.0, ideal + spec.mandate)
        assert f"{num(lo, lang, 2)}" in text and f"{num(hi, lang, 2)}" in text, spec.key
        assert words.word("proces_dimension", DIMENSIONS[first], lang) in text
        assert num(spec.outside_option, lang, 2) in text


def test_a_party_card_keeps_the_others_private_figures_off(sc):
    woco = next(p for p in sc.parties if p.key == "woningcorporatie")
    grid = next(p for p in sc.parties if p.key == "netbeheerder")
    assert grid.outside_option != woco.outside_option  # the scenario's figures differ
    text = party_card(sc, woco, "nl")
    assert num(woco.outside_option, "nl", 2) in text
    assert num(grid.outside_option, "nl", 2) not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_regisseurs_card_names_every_instrument(sc, lang):
    text = regisseur_card(sc, lang)
    for action in (
        "invite",
        "leave_out",
        "frame_agenda",
        "set_content_conditions",
        "agree_process_rules",
        "talk_one_to_one",
        "continue_phase",
        "close_phase",
    ):
        assert f"<b>{words.word('proces_action', action, lang)}</b>" in text


def test_no_model_names_reach_a_card(written):
    for path in written:
        page = path.read_text(encoding="utf-8")
        body = re.sub(r"<[^>]+>", " ", page[page.index("</style>") :])
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", body), path.name


def test_the_observer_card_lists_the_procesregisseurs_competences(written):
    text = (written[0].parent / "cards_en.html").read_text(encoding="utf-8")
    for name in (
        "Keeping the process open",
        "Respecting core values",
        "Consolidating within mandates",
        "Choosing the gemeente&#x27;s role",
        "Timing the go/no-go",
    ):
        assert name in text


def test_regie_cards_writes_them_from_the_command_line(tmp_path, capsys):
    code = main(["cards", SCENARIO, "--out", str(tmp_path), "--lang", "en", "--quiet"])
    assert code == 0 and not capsys.readouterr().err
    assert (tmp_path / "regisseur_en.html").exists()


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
def test_every_card_prints_on_one_a4_page_offline(sc, written, tmp_path):
    shots = _shot_dir(tmp_path)
    seats = 1 + len(sc.parties)
    with Browser(CHROMIUM, width=1000, height=1250) as b:
        for path in written:
            if path.name.startswith("cards_"):  # every card breaks to a new page
                b.open(path)
                pages = len(re.findall(rb"/Type\s*/Page\b", b.pdf()))
                assert pages == seats + 1, path.name  # + the observer's card
            elif path.name in ("woningcorporatie_nl.html", "regisseur_en.html"):
                b.open(path)
                name = path.name.replace(".html", ".png").replace("_", "-")
                _assert_ink(b.screenshot(shots / f"cards_procesregie_{name}"))
        assert not b.console_errors() and not b.network_requests()
