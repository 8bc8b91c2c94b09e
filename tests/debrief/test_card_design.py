"""The design phase's cards: each role's brief (what it wants, what it may give, what it
does not know) and the observer's design competences, on pages of their own, only for a
scenario that plays the phase; every card still prints on one A4 page."""

from __future__ import annotations

import html
import re

import pytest

from debrief.card_design import GIVE, UNKNOWN, WANT, design_card
from debrief.cards import card, observer_card, write_cards
from debrief.indicators_design import is_design
from debrief.rubric import load_rubric
from sim.actions import ROLES
from sim.scenario.loader import load_scenario, resolve_scenario
from tests.debrief.cdp import Browser, find_chromium

CHROMIUM = find_chromium()
CLASS = "gladheid_koudegolf_klas"


def scenario(*overrides: str):
    return load_scenario(resolve_scenario(CLASS), list(overrides))


@pytest.fixture(scope="module")
def designed():
    return scenario("design.skip=false", "design.minutes=40")


@pytest.fixture(scope="module")
def written(designed, tmp_path_factory):
    return write_cards(designed, tmp_path_factory.mktemp("design-cards"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_role_is_briefed_for_the_design_phase(designed, lang):
    heads = {
        "nl": ("Wat u wilt", "Wat u kunt geven", "Wat u niet weet"),
        "en": ("What you want", "What you may give", "What you do not know"),
    }[lang]
    for role in ROLES:
        text = design_card(designed, role, lang)
        for head in heads:
            assert f"<h2>{head}</h2>" in text, (role, head)
        first = (WANT, GIVE, UNKNOWN)
        for table in first:
            line = table[role][1 if lang == "en" else 0][0].split("{")[0]
            assert html.escape(line) in text, (role, line)
        assert ("40 minuten" if lang == "nl" else "40 minutes") in text  # the trainer's clock


def test_the_starting_offer_is_the_scenarios_contract(designed):
    with_rule = scenario(
        "design.skip=false", "contract.escalation_committee=true", "contract.transition_months=3"
    )
    text = design_card(with_rule, "regisseur", "en")
    assert re.search(r"Escalation committee</td><td>yes", text)
    assert re.search(r"Transition period with a joint team</td><td>3 months", text)
    assert re.search(r"Escalation committee</td><td>no", design_card(designed, "regisseur", "en"))


def test_no_design_card_without_a_design_phase():
    plain = scenario()
    for role in ROLES:
        assert design_card(plain, role, "nl") == ""
    assert observer_card(plain, "nl", design=True) == ""


def test_the_winter_card_leaves_the_design_moves_to_the_design_card(designed):
    for role in ROLES:
        assert "Ontwerp:" not in card(designed, role, "nl")
        assert "Ontwerp:" in design_card(designed, role, "nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_observer_watches_the_design_competences_on_their_own_page(designed, lang):
    rubric = load_rubric()
    design = [c for c in rubric.competences if is_design(c)]
    assert {c.id for c in design} == {"design_gedoebestendig", "transition_period"}
    page = observer_card(designed, lang, rubric, design=True)
    winter = observer_card(designed, lang, rubric)
    for c in design:
        assert html.escape(c.name.get(lang)) in page
        assert html.escape(c.name.get(lang)) not in winter


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
def test_every_design_card_prints_on_its_own_a4_page(written, tmp_path):
    pages = {}
    with Browser(CHROMIUM, width=1000, height=1400) as b:
        for path in written:
            b.open(path)
            pages[path.name] = len(re.findall(rb"/Type\s*/Page\b", b.pdf()))
            assert not b.console_errors()
        b.open(next(p for p in written if p.name == "regisseur_en.html"))
        top = b.evaluate(
            "document.querySelector('.card.design').getBoundingClientRect().top + scrollY"
        )
        shot = b.screenshot(tmp_path / "design-card.png", y=top, height=700)
        assert len(shot) > 20_000  # a drawn page, not a blank one
    roles = {f"{r}_{lang}.html": 2 for r in ROLES for lang in ("nl", "en")}  # winter + design
    assert pages == roles | {"cards_nl.html": 8, "cards_en.html": 8}  # + two observer pages
