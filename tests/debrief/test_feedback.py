"""Feedback generated from the indicator values: every sentence matches the level of the
indicator it talks about (nl and en); n = 0 is "not observed" and never scored; a short
session is not judged on rates or season figures; money is weighted by amount."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from debrief import feedback as fb
from debrief.indicator_params import InvoiceParams, NoParams
from debrief.indicators import Context, Measure, invoice_judgement, invoice_markup
from debrief.rubric import CompetenceResult, IndicatorResult, load_rubric

RUBRIC = load_rubric()
INDICATORS = [(c, i) for c in RUBRIC.competences for i in c.indicators]
LANGS = ("nl", "en")


def value_at(indicator, level: int) -> float:
    """A value in the middle of a level's band (beyond the outer boundaries by half a band)."""
    a, b, c = indicator.thresholds
    return {1: a - (b - a) / 2, 2: (a + b) / 2, 3: (b + c) / 2, 4: c + (c - b) / 2}[level]


def result(
    indicator, value: float | None, n: int = 5, played: float = 60.0, season: float = 120.0
) -> IndicatorResult:
    status = fb.judge(indicator.metric, value, n, played, season)
    return IndicatorResult(indicator, Measure(value, n), status, played, season)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_indicator_sentence_states_its_value_and_its_own_level(lang, level):
    for comp, ind in INDICATORS:
        ir = result(ind, value_at(ind, level))
        assert ir.level == level, (comp.id, ind.id)
        text = fb.sentence(ir, RUBRIC.levels, lang)
        assert fb.shown_value(ind, ir.value, lang) in text, text
        assert RUBRIC.levels.get(level).get(lang) in text, text
        others = [RUBRIC.levels.get(x).get(lang) for x in (1, 2, 3, 4) if x != level]
        assert not any(o in text for o in others), text
        t1, t2, t3 = (fb.shown_value(ind, x, lang) for x in ind.thresholds)
        bound = {1: t1, 2: t1, 3: t2, 4: t3}[level]
        assert bound in text, text


@pytest.mark.parametrize(
    ("lang", "below", "above"), [("nl", "onder", "boven"), ("en", "below", "above")]
)
def test_a_level_one_sentence_says_which_side_of_the_boundary_the_value_is(lang, below, above):
    for _, ind in INDICATORS:
        text = fb.sentence(result(ind, value_at(ind, 1)), RUBRIC.levels, lang)
        assert (below if ind.better == "higher" else above) in text, text


def test_no_contact_at_all_is_never_called_contact_now_and_then():
    ind = RUBRIC.competence("trust_building").indicators[0]
    assert ind.id == "contact_rate"
    ir = result(ind, 0.0, n=75)
    assert ir.level == 1
    nl, en = (fb.sentence(ir, RUBRIC.levels, lang) for lang in LANGS)
    assert "0,0" in nl and "Beginnend" in nl and "af en toe" not in nl
    assert "0.0" in en and "Beginning" in en and "now and then" not in en


def test_few_street_signals_taken_up_is_not_called_mostly_quick():
    ind = next(
        i for i in RUBRIC.competence("outcome_steering").indicators if i.id == "street_response"
    )
    ir = result(ind, 0.071, n=14)
    text = fb.sentence(ir, RUBRIC.levels, "nl")
    assert ir.level == 1 and "7,1\u00a0%" in text and "meestal snel" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_observed_is_not_scored(lang):
    for _, ind in INDICATORS:
        for value, n in ((None, 0), (0.0, 0)):
            ir = result(ind, value, n=n)
            assert ir.status == fb.NOT_OBSERVED and ir.score is None and ir.level is None
            text = fb.sentence(ir, RUBRIC.levels, lang)
            assert ("niet waargenomen" if lang == "nl" else "not observed") in text
            assert not any(RUBRIC.levels.get(x).get(lang) in text for x in (1, 2, 3, 4))


def test_a_competence_with_nothing_observed_has_no_level():
    comp = RUBRIC.competence("businesslike_contracting")
    res = CompetenceResult(comp, [result(i, None, n=0) for i in comp.indicators])
    assert res.score is None and res.level is None


def test_a_short_session_is_judged_on_the_days_it_played():
    comp = RUBRIC.competence("trust_building")
    rate = next(i for i in comp.indicators if i.metric == "action_rate")
    season = next(i for i in comp.indicators if i.metric == "series_stat")
    share = next(
        i for c in RUBRIC.competences for i in c.indicators if i.metric == "invoice_judgement"
    )
    for played, rate_ok in ((5.0, False), (fb.MIN_PLAYED_DAYS, True)):
        assert (result(rate, 3.0, played=played, season=21).status == fb.SCORED) == rate_ok
    assert result(season, 0.5, played=8, season=21).status == fb.TOO_SHORT
    assert result(season, 0.5, played=11, season=21).status == fb.SCORED
    assert result(share, 0.8, n=2, played=5, season=120).status == fb.SCORED  # on its n
    short = result(rate, 3.0, played=5, season=21)
    assert short.score is None
    nl = fb.sentence(short, RUBRIC.levels, "nl")
    assert "te kort om te beoordelen" in nl and "5 dagen" in nl and "vanaf 7 dagen" in nl
    en = fb.sentence(result(season, 0.5, played=8, season=21), RUBRIC.levels, "en")
    assert "too short to judge" in en and "8 of 21 days" in en and "half the season" in en
    assert fb.short_session_note(5, "en").startswith("Short session")
    assert fb.short_session_note(30, "nl") is None


def _invoices(rows):
    """A trace-like object with invoices (claimed, fair) all in the player's seat."""
    invoices = [
        {"id": n, "season": 0, "t": 24 * n, "claimed": c, "fair": f, "status": "approved"}
        for n, (c, f) in enumerate(rows, start=1)
    ]
    trace = SimpleNamespace(
        extras={"invoices": invoices}, seat={"executor": [(0, 10_000, None)]}, events=[]
    )
    return Context(trace=trace, role="executor", human=True)


def test_markup_is_weighted_by_invoice_value():
    # five large invoices 0-6 % over, one small one 200 % over
    rows = [
        (100_000, 100_000),
        (103_000, 100_000),
        (106_000, 100_000),
        (101_000, 100_000),
        (104_000, 100_000),
        (3_000, 1_000),
    ]
    m = invoice_markup(_invoices(rows), NoParams())
    claimed, fair = sum(c for c, _ in rows), sum(f for _, f in rows)
    assert m.value == pytest.approx(100 * (claimed / fair - 1))
    assert m.value < 5.0 < 100 * sum(c / f - 1 for c, f in rows) / len(rows)
    assert m.n == 6


def test_invoice_judgement_weighs_each_call_by_its_amount():
    rows = [(100_000, 100_000), (3_000, 1_000)]  # a fair large one, an inflated small one
    ctx = _invoices(rows)
    ctx.trace.events = [
        {
            "kind": "action",
            "role": "regisseur",
            "by": "human",
            "t": 30 + n,
            "season": 0,
            "seq": n,
            "action": {"type": "review_invoice", "invoice_id": n, "decision": "approve"},
        }
        for n in (1, 2)
    ]
    ctx = Context(trace=ctx.trace, role="regisseur", human=True)
    m = invoice_judgement(ctx, InvoiceParams(measure="accuracy"))
    assert m.value == pytest.approx(100_000 / 103_000)  # right on the large one only
