"""The procesregie model's front door and process: typed actions checked against the
moment, a person's seat that stops the clock, wyberen in order, determinism."""

from __future__ import annotations

import numpy as np

from sim.driver import Driver
from sim.procesregie.model import ProcesModel
from sim.procesregie.trust import TRUST_EFFECTS
from tests.procesregie.helpers import scenario, with_party


def person_regisseur(**overrides: object) -> ProcesModel:
    return ProcesModel(scenario({"regisseur.bot": None, **overrides}), seed=2)


def test_a_person_in_the_regisseur_seat_stops_the_clock_after_a_round_of_divergeren() -> None:
    model = person_regisseur()
    assert Driver(model).run() == "waiting"
    assert model.phase == "divergeren" and model.rounds_in_phase == 1


def test_divergeren_cannot_close_before_its_minimum_rounds() -> None:
    model = person_regisseur(**{"process.divergence_min_rounds": 2})
    driver = Driver(model)
    driver.run()
    ok, reason = model.submit("regisseur", {"type": "close_phase"})
    assert not ok and "close_phase" in reason
    assert model.submit("regisseur", {"type": "continue_phase"}) == (True, "")
    assert driver.run() == "waiting"
    assert model.submit("regisseur", {"type": "close_phase"}) == (True, "")
    assert model.phase == "convergeren"


def test_content_conditions_can_be_set_only_before_the_process_opens() -> None:
    model = person_regisseur()
    assert model.submit("regisseur", {"type": "set_content_conditions", "on": True})[0]
    Driver(model).run()
    ok, _ = model.submit("regisseur", {"type": "set_content_conditions", "on": False})
    assert not ok and model.rules.conditions


def test_a_refused_or_malformed_action_changes_nothing() -> None:
    model = person_regisseur()
    before = model.trust.copy()
    for seat, action in [
        ("regisseur", {"type": "talk_one_to_one", "party": "gemeente"}),
        ("regisseur", {"type": "invite", "party": "nobody"}),
        ("regisseur", {"type": "choose_role", "role": "initieren"}),
        ("netbeheerder", {"type": "close_phase"}),
        ("executor", {"type": "choose_role", "role": "initieren"}),
        ("regisseur", {"type": "frame_agenda", "dimension": "weer"}),
    ]:
        ok, reason = model.submit(seat, action)
        assert not ok and reason
    assert np.array_equal(model.trust, before)
    assert [e["kind"] for e in model.events] == ["rejected"] * 6  # logged, nothing else


def test_legal_actions_are_accepted() -> None:
    model = person_regisseur()
    for seat in ("regisseur", "woningcorporatie"):
        for action in model.legal_actions(seat):
            probe = person_regisseur()
            assert probe.submit(seat, action) == (True, ""), action


def test_a_one_to_one_talk_raises_trust_both_ways() -> None:
    model = person_regisseur()
    corp, gem = model.party("woningcorporatie").index, model.party("gemeente").index
    before = model.trust[corp, gem], model.trust[gem, corp]
    model.submit("regisseur", {"type": "talk_one_to_one", "party": "woningcorporatie"})
    assert model.trust[corp, gem] > before[0] and model.trust[gem, corp] > before[1]
    assert TRUST_EFFECTS["one_to_one"][0] > 0


def test_the_phases_follow_wyberen_and_each_step_ends_at_go_or_no_go() -> None:
    model = ProcesModel(scenario(), seed=3)
    phases = []
    while not model.finished:
        model.step()
        if not phases or phases[-1] != model.phase:
            phases.append(model.phase)
    order = ["divergeren", "convergeren", "consolideren"]
    assert phases[:3] == order
    assert {e["kind"] for e in model.events} >= {"go", "action"}
    assert sum(e["kind"] == "go" for e in model.events) == model.scenario.process.steps


def test_the_same_seed_gives_the_same_process_and_another_seed_another() -> None:
    def run(seed: int) -> dict:
        return ProcesModel(scenario(), seed=seed).run()

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_a_party_standing_aside_proposes_nothing() -> None:
    model = ProcesModel(with_party("ondernemers", role="niet_meedoen"), seed=1)
    assert model.party("ondernemers") not in model.table()
    rng = np.random.default_rng(0)
    assert model.party("ondernemers").propose(rng, model.table()) == []


def test_framing_the_agenda_opens_parties_up_on_that_dimension() -> None:
    party = ProcesModel(scenario(), seed=1).party("woningcorporatie")
    others = [p for p in ProcesModel(scenario(), seed=1).parties if p.key != party.key]
    first = party.first_priority

    def spread(agenda: int | None) -> float:
        rng = np.random.default_rng(4)
        values = [o[first] for _ in range(300) for o in party.propose(rng, others, agenda)]
        return float(np.mean(np.abs(np.array(values) - party.core[first])))

    assert spread(first) > spread(None)


def test_a_party_seat_may_be_a_person_who_chooses_a_role() -> None:
    model = ProcesModel(with_party("provincie", bot=None), seed=1)
    assert "provincie" not in model.bots
    assert model.submit("provincie", {"type": "choose_role", "role": "initieren"}) == (True, "")
    assert model.party("provincie").role == "initieren"


def at_consolidation(**changes: object) -> ProcesModel:
    """A run with a person in the woningcorporatie's seat, stopped once the table consolidates."""
    model = ProcesModel(with_party("woningcorporatie", bot=None, **changes), seed=3)
    Driver(model).run(lambda d: d.model.phase == "consolideren")
    return model


def test_a_person_who_withholds_consent_is_not_among_those_who_consented() -> None:
    model = at_consolidation()
    corporatie = model.party("woningcorporatie")
    assert all(corporatie.consents(o) for o in model.shortlist)  # its interests say yes
    for i in range(len(model.shortlist)):
        assert model.submit(
            "woningcorporatie", {"type": "declare_consent", "option": i, "consent": False}
        ) == (True, "")
    Driver(model).run(lambda d: any(e["kind"] == "consolidated" for e in d.model.events))
    (event,) = [e for e in model.events if e["kind"] == "consolidated"]
    assert "woningcorporatie" not in event["consented"]
    assert not model.party("woningcorporatie").consented


def test_consent_outside_the_mandate_is_refused() -> None:
    model = at_consolidation(mandate=0.0)
    legal = model.legal_actions("woningcorporatie")
    assert {"type": "declare_consent", "option": 0, "consent": False} in legal
    assert not any(a["type"] == "declare_consent" and a["consent"] for a in legal)
    ok, reason = model.submit(
        "woningcorporatie", {"type": "declare_consent", "option": 0, "consent": True}
    )
    assert not ok and "mandate" in reason


def test_the_regisseur_chooses_the_gemeente_s_role() -> None:
    model = person_regisseur()
    assert model.party("gemeente").role == "initieren"
    legal = model.legal_actions("regisseur")
    assert {"type": "choose_gemeente_role", "role": "initieren"} not in legal
    choice = {"type": "choose_gemeente_role", "role": "faciliteren"}
    assert model.submit("regisseur", choice) == (True, "")
    assert model.party("gemeente").role == "faciliteren"
    assert model.events[-1]["role"] == "regisseur"


def test_an_issue_of_the_day_raises_the_bar_every_seat_sees() -> None:
    model = person_regisseur()
    before = model.observe("regisseur")["go_bar"]
    model.inject("issue_of_the_day", 1.0)
    for seat in ("regisseur", "netbeheerder"):
        seen = model.observe(seat)
        assert seen["issue"] and seen["go_bar"] > before
    assert model.events[-1]["kind"] == "inject"
