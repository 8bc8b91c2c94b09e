"""The design score (issue 14): did the contract the class agreed foresee what the winter
brought; what the gaps cost in ghost runs of the same winter; the design competences,
not scored where the scenario skips the phase; the report's section (nl, en, Chromium)
and the class report's table."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from debrief import design_score as ds
from debrief.classreport import build_class_report
from debrief.feedback import sentence
from debrief.logread import read_session
from debrief.report_data import prepare_many
from debrief.report_html import render_html
from debrief.rerun import rerun_session
from debrief.rubric import assess
from sim.bots.play import record_session
from tests.debrief.cdp import Browser, find_chromium
from tests.debrief.conftest import SEED, played, player, rubric, scenario, session_log
from tests.debrief.test_classreport import shots_dir

CHROMIUM = find_chromium()
pytestmark = pytest.mark.xdist_group("debrief_design")
# A wethouder's risk forecast while the contract was written (sim.design.classroom).
ROOM = {"act": "note", "tag": "risks:wethouder:Piet", "note": "salt_runs_out council_incident"}


def competence(trace, cid: str):
    (res,) = [r for r in assess(rubric(), trace, "regisseur") if r.competence.id == cid]
    return res


def test_the_contract_is_read_from_contract_agreed_and_the_risks_from_the_winter():
    _, good = played("regisseur", "gedoebestendig", "design")
    _, naive = played("regisseur", "naive", "design")
    g, n = ds.score(good), ds.score(naive)
    assert g.designed and n.designed and g.outcome == n.outcome == "agreed"
    # The same winter brings the same risks: the supplier fails, snow, the press, a new
    # executor; whether the contract foresaw them is the class's doing.
    assert [r.brought for r in g.risks] == [r.brought for r in n.risks]
    assert {r.id for r in g.brought} >= {"salt", "snow", "politics", "learning"}
    assert [r.id for r in g.gaps] == []
    assert {r.id for r in n.gaps} == {r.id for r in n.brought}
    (salt,) = [r for r in g.risks if r.id == "salt"]
    assert any(e["kind"] == "inject" and e["name"] == "salt_supplier_fails" for e in salt.evidence)
    assert ds.played_contract(good).decision_rules  # the rules the class wrote
    assert not ds.played_contract(naive).decision_rules


def test_a_gap_filled_adds_exactly_that_term():
    _, naive = played("regisseur", "naive", "design")
    contract = ds.played_contract(naive)
    for _, term, _ in ds.RISKS:
        filled = ds.with_term(contract, term)
        assert ds.has_term(filled, term)
        others = [t for _, t, _ in ds.RISKS if t != term]
        assert [ds.has_term(filled, t) for t in others] == [
            ds.has_term(contract, t) for t in others
        ]
        assert filled.fixed_fee_eur_per_season == contract.fixed_fee_eur_per_season


def short_winter(days: int):
    """The design variant's cold spell cut to its first `days` days."""
    from sim.scenario.schema import Scenario

    data = scenario("design").model_dump(mode="json")
    data["weather"]["days"] = days
    return Scenario.model_validate(data)


def test_designing_gedoebestendig_scores_higher_over_several_seeds(tmp_path):
    """Over three seeds of a short cold spell, the class that asks for every term for the
    unforeseen scores higher on both design competences than the class that asks none."""
    sc = short_winter(10)
    for seed in (1, 2, 3):
        got = {}
        for policy in ("gedoebestendig", "naive"):
            seat = player("regisseur", policy)
            log = record_session(
                tmp_path / f"{policy}-{seed}.jsonl",
                sc,
                seed,
                {"regisseur": seat},
                on_model=lambda model, seat=seat: setattr(seat, "model", model),
            )
            trace = rerun_session(read_session(log))
            got[policy] = [
                competence(trace, c).score for c in ("design_gedoebestendig", "transition_period")
            ]
        for good, naive in zip(got["gedoebestendig"], got["naive"], strict=True):
            assert good >= 2.5 > naive, (seed, got)


def test_a_scenario_without_design_phase_says_so_instead_of_scoring_zero():
    _, trace = played("regisseur", "relational", "media")  # the cold spell, no design phase
    assert not ds.score(trace).designed
    for cid in ("design_gedoebestendig",):
        res = competence(trace, cid)
        assert res.score is None
        for lang, words in (("nl", "slaat de ontwerpfase over"), ("en", "skips the design phase")):
            said = [sentence(ir, rubric().levels, lang) for ir in res.indicators]
            assert all(words in s for s in said), said


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The naive class's report on the first eight days of the cold spell (the supplier
    fails, it snows), with ghost runs on the session's seed: the design ghosts (its
    contract, the bots' contract, each gap filled) and the role's archetypes."""
    folder = tmp_path_factory.mktemp("design-report")
    seat = player("regisseur", "naive")
    log = record_session(
        folder / "naive.jsonl",
        short_winter(8),
        SEED,
        {"regisseur": seat},
        on_model=lambda model: setattr(seat, "model", model),
        trainer=[(0, ROOM)],
    )
    data, charts = prepare_many(log, seeds=[SEED], workers=1, langs=("nl", "en"))
    out = {}
    for lang in ("nl", "en"):
        out[lang] = folder / f"report_{lang}.html"
        out[lang].write_text(render_html(data, charts[lang], lang), encoding="utf-8")
    return data, out


def test_the_gaps_cost_is_measured_in_ghost_runs_of_the_same_winter(report):
    data, _ = report
    runs = {r.key: r for r in data.design_runs}
    gaps = [r.term for r in data.design.gaps]
    assert set(runs) == {"played", "bots", *gaps}
    assert data.weather_digest  # every design ghost ran on the session's weather
    played_contract = ds.played_contract(runs["played"].traces[0])
    assert played_contract == ds.played_contract(data.trace)  # the class's contract, bots play
    assert ds.agreed_event(runs["bots"].traces[0]) is not None  # the bots designed theirs
    for term in gaps:
        assert ds.has_term(ds.played_contract(runs[term].traces[0]), term)
        assert not ds.has_term(played_contract, term)
    for run in runs.values():
        assert run.traces[0].seed == SEED and run.mean("cost_total_eur") > 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_shows_each_risk_its_term_and_what_the_gap_cost(report, lang):
    from debrief.design_html import RISK_WORDS, TERM_WORDS, W

    data, out = report
    text = out[lang].read_text(encoding="utf-8")
    pick = 1 if lang == "en" else 0
    assert html.escape(W["title"][pick]) in text
    for rid, term, _ in ds.RISKS:
        assert html.escape(RISK_WORDS[rid][pick]) in text
        assert html.escape(TERM_WORDS[term][pick]) in text
    assert text.count('<tr class="gap">') == len(data.design.gaps)
    assert text.count(html.escape(W["with_term"][pick].split(":")[0])) == len(data.design.gaps)
    assert html.escape(W["bots"][pick]) in text
    # What the room expected stands beside what came: the wethouder ticked salt, not snow.
    design = text[text.index('id="design"') :].split("</section>")[0]
    rows = {
        rid: next(r for r in design.split("</tr>") if html.escape(RISK_WORDS[rid][pick]) in r)
        for rid, _, _ in ds.RISKS
    }
    assert html.escape(W["expected"][pick]) in text
    one, none = (f"1 {'of' if lang == 'en' else 'van'} 1", f"0 {'of' if lang == 'en' else 'van'} 1")
    assert one in rows["salt"] and none in rows["snow"]


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
def test_the_design_section_reads_in_the_browser(report, tmp_path):
    _, out = report
    with Browser(CHROMIUM, width=1366, height=900) as b:
        for lang in ("nl", "en"):
            b.open(out[lang])
            top = b.evaluate(
                "document.getElementById('design').getBoundingClientRect().top + scrollY"
            )
            name = "debrief_design" + ("_en" if lang == "en" else "")
            shot = b.screenshot(shots_dir(tmp_path) / f"{name}.png", y=top, height=900)
            assert len(shot) > 30_000, "blank"
            assert not b.console_errors() and not b.network_requests()
            wide = b.evaluate(
                "document.querySelector('#design table').scrollWidth"
                " <= document.querySelector('#design').clientWidth + 1"
            )
            assert wide, "the risk table fits the page at laptop width"


def test_the_class_report_lists_per_table_what_its_contract_foresaw(tmp_path):
    logs = [session_log("regisseur", p, "design") for p in ("gedoebestendig", "naive")]
    out = build_class_report(
        logs, tmp_path / "klas.html", lang="en", ghosts=False, table_reports=False
    )
    text = out.read_text(encoding="utf-8")
    section = text[text.index('id="design"') :]
    rows = section.split("</tr>")
    salt = next(r for r in rows if "Salt runs out" in r)
    assert salt.count(">foreseen<") == 1 and salt.count(">gap<") == 1
    assert Path(out).exists()


def test_a_session_stopped_inside_the_design_phase_is_not_scored_as_skipped(tmp_path):
    from debrief.design_html import intro
    from sim.session import SessionLog

    log = SessionLog.create(
        tmp_path / "stopped.jsonl",
        short_winter(2),
        SEED,
        controllers={"regisseur": {"type": "human", "name": "Anna"}},
    )
    with log:
        model = log.new_model()
        model.set_controller("regisseur", None, "Anna")
        assert model.waiting_for_humans()  # the phase waits for the person's ask
        log.close(model)
    trace = rerun_session(read_session(log.path))
    score = ds.score(trace)
    assert score.unfinished and not score.designed
    assert "stopped in the design phase" in intro(score, "en")
    res = competence(trace, "design_gedoebestendig")
    assert res.score is None
    said = sentence(res.indicators[0], rubric().levels, "nl")
    assert "voordat het contract was afgesproken" in said


def test_the_played_contracts_ghost_is_the_sessions_winter_with_its_plan(tmp_path):
    """With bots in every seat, the baseline ghost (the agreed contract and the adopted
    plan put in the scenario, no design phase) runs the session's winter again, KPI for
    KPI: what the gaps' ghosts are compared with is the class's own contract."""
    from debrief import design_ghosts as dg
    from debrief.rerun import run_ghost
    from sim.scenario.loader import load_scenario, resolve_scenario

    sc = load_scenario(
        resolve_scenario("gladheid_klas_ontwerp"),
        ["weather.days=6", "roles.executor.bot=bureaucratic", "roles.regisseur.bot=relational"],
    )
    session = read_session(record_session(tmp_path / "bots.jsonl", sc, 3, {}))
    trace = rerun_session(session)
    score = ds.score(trace)
    assert score.plan and score.plan["changes"]  # the executor's plan is not the reference
    assert dg.adopted_plan(session.scenario, score.plan)["executor"] != (
        session.scenario.executor.model_dump(mode="json")
    )
    played = dg.variant_scenarios(session, score)["played"]
    ghost = run_ghost(played, session.base_dir, dg.specs(session, [session.seed])[0])
    assert ghost.kpis == trace.kpis
