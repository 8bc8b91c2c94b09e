"""Rubric validity: scripted behaviours that should score high do, those that should score
low do, for every competence, on the same winter (the model's numbers may move; the order
of the behaviours must not).
"""

from __future__ import annotations

import pytest

from sim.bots import SCRIPTED
from tests.debrief.conftest import played, rubric, score

MARGIN = 0.5  # score points (1..4) between the better and the worse behaviour

# competence -> (role, behaviour that shows it, behaviour that does not, variant)
CASES = {
    "outcome_steering": ("regisseur", "outcome", "absent", "season"),
    "businesslike_contracting": ("regisseur", "businesslike", "absent", "opportunist"),
    "trust_building": ("regisseur", "relational", "controller", "season"),
    "not_in_executors_chair": ("regisseur", "relational", "micromanager", "season"),
    "designing_for_trouble": ("regisseur", "relational", "controller", "season"),
    "design_gedoebestendig": ("regisseur", "gedoebestendig", "naive", "design"),
    "transition_period": ("regisseur", "gedoebestendig", "naive", "design"),
    "early_signalling": ("regisseur", "outcome", "absent", "season"),
    "politics_proper_place": ("regisseur", "relational", "controller", "season"),
    "interests_not_positions": ("regisseur", "relational", "controller", "season"),
    "executor_transparency": ("executor", "honest", "flattering", "season"),
    "executor_business": ("executor", "honest", "flattering", "season"),
    "executor_partnership": ("executor", "honest", "flattering", "season"),
    "executor_reliability": ("executor", "honest", "flattering", "season"),
    "executor_development": ("executor", "honest", "flattering", "season"),
    "wethouder_proper_channel": ("wethouder", "procedural", "meddling", "media"),
    "wethouder_restraint": ("wethouder", "procedural", "meddling", "media"),
}


def test_every_competence_has_a_validity_case():
    assert {c.id for c in rubric().competences} == set(CASES)


@pytest.mark.parametrize("competence", sorted(CASES))
def test_good_behaviour_scores_high(competence):
    role, good, bad, variant = CASES[competence]
    hi, lo = score(role, good, competence, variant), score(role, bad, competence, variant)
    assert hi is not None, f"{good} {role}: {competence} not observed"
    assert hi >= 2.5, f"{good} {role} should reach level 3 or 4 on {competence}: {hi:.2f}"
    assert lo is None or hi >= lo + MARGIN, f"{good} {hi:.2f} vs {bad} {lo:.2f}"


@pytest.mark.parametrize("competence", sorted(CASES))
def test_bad_behaviour_scores_low(competence):
    role, good, bad, variant = CASES[competence]
    lo, hi = score(role, bad, competence, variant), score(role, good, competence, variant)
    assert lo is not None, f"{bad} {role}: {competence} not observed"
    assert lo < 2.5, f"{bad} {role} should stay at level 1 or 2 on {competence}: {lo:.2f}"
    assert lo <= hi - MARGIN


def test_micromanager_scores_lowest_on_the_executors_chair():
    scores = {p: score("regisseur", p, "not_in_executors_chair") for p in SCRIPTED["regisseur"]}
    assert min(scores, key=scores.get) == "micromanager", scores
    assert scores["micromanager"] < 1.5  # level 1


def test_relational_builds_more_trust_than_a_controller():
    assert (score("regisseur", "relational", "trust_building")
            > score("regisseur", "controller", "trust_building") + MARGIN)
    # ... and the executor's trust in the gemeente shows it over the season
    rel = played("regisseur", "relational")[1].daily["trust_executor_in_gemeente"]
    con = played("regisseur", "controller")[1].daily["trust_executor_in_gemeente"]
    assert sum(rel) > sum(con)


def test_flattering_executor_scores_low_on_transparency():
    assert score("executor", "flattering", "executor_transparency") < 1.5  # level 1
    assert score("executor", "honest", "executor_transparency") >= 3.5  # level 4


def test_only_the_players_own_actions_count():
    """A bot in another seat does not make the player look better or worse."""
    _, trace = played("regisseur", "relational")
    contacts = [e for e in trace.events if e["kind"] == "action"
                and e["action"]["type"] == "direct_contact"]
    assert any(e["role"] == "executor" for e in contacts)  # the executor bot talks too
    from debrief.indicators import Context, RateParams, action_rate

    ctx = Context(trace=trace, role="regisseur", human=True)
    m = action_rate(ctx, RateParams(types=["direct_contact"]))
    own = sum(1 for e in contacts if e["role"] == "regisseur" and e["by"] == "human")
    assert len(m.evidence) == own
    assert m.value == own * 30 / ctx.seat_days
    assert m.n == round(ctx.seat_days)  # a rate rests on the days in the seat
    assert all(x["event"]["role"] == "regisseur" for x in m.evidence)
