"""Briefing cards (`regie cards`): one A4 page per role in both languages, the game's own
action names, moments instead of deadlines, only the options the scenario has, and an
observer card with what to watch per competence."""

from __future__ import annotations

import html
import re

import pytest

from debrief.cards import card, observer_card, options_for, write_cards
from debrief.indicators_design import is_design
from debrief.rubric import load_rubric
from game.i18n import Translator
from sim.actions import ALLOWED_ROLES, ROLES
from sim.governance.decisions import KINDS
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.cdp import Browser, find_chromium

CHROMIUM = find_chromium()
DEFAULT = "gladheid_gedwongen_winkelnering"


def scenario(*overrides: str):
    return load_scenario(resolve_scenario(DEFAULT), list(overrides))


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_cards(scenario(), tmp_path_factory.mktemp("cards"))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
def test_every_card_prints_on_one_a4_page(written):
    pages = {}
    with Browser(CHROMIUM, width=1200, height=900) as b:
        for path in written:
            b.open(path)
            pages[path.name] = len(re.findall(rb"/Type\s*/Page\b", b.pdf()))
    roles = {f"{r}_{lang}.html": 1 for r in ROLES for lang in ("nl", "en")}
    assert pages == roles | {"cards_nl.html": 4, "cards_en.html": 4}  # + the observer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_actions_carry_the_names_of_the_games_buttons(lang):
    tr = Translator(lang)
    answer_types = {v[1] for v in KINDS.values()}
    for role in ROLES:
        html = card(scenario(), role, lang)
        for action, roles in ALLOWED_ROLES.items():
            if role in roles and action not in answer_types:
                assert f"<strong>{tr(f'action.{action}.label')}</strong>" in html
        for kind, (owner, action_type, _, _) in KINDS.items():
            if owner == role and not kind.startswith("design_"):  # no design phase here
                for option in options_for(scenario(), action_type):
                    word = tr.get(f"option.{option}", "") or tr(f"outcome.{option}")
                    assert f"<b>{word}</b>" in html
    assert not tr.missing


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cards_give_moments_not_deadlines_in_hours(lang):
    for role in ROLES:
        html = card(scenario(), role, lang)
        assert not re.search(r"(binnen|within) \d+ (uur|hours)", html)
    clock = "staat de klok stil" if lang == "nl" else "the clock stands still"
    assert clock in card(scenario(), "regisseur", lang)


def test_no_escalation_committee_when_the_contract_has_none():
    without = card(scenario("contract.escalation_committee=false"), "wethouder", "nl")
    with_it = card(scenario("contract.escalation_committee=true"), "wethouder", "nl")
    word = Translator("nl")("option.committee")
    assert f"<b>{word}</b>" not in without
    assert f"<b>{word}</b>" in with_it


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_observer_card_lists_each_competence_with_what_to_watch(lang):
    rubric = load_rubric()
    text = observer_card(scenario(), lang, rubric)
    for c in rubric.competences:
        if is_design(c):  # the design phase's: on their own page, see test_card_design
            continue
        assert html.escape(c.name.get(lang)) in text
        assert html.escape(c.indicators[0].name.get(lang)) in text
