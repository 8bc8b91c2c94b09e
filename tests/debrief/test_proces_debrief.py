"""The debrief of a procesregie session (`regie debrief` on its log): the session re-run
from the log, the procesregisseur's competences from the rubric, ghost runs with each
archetype in the person's seat, and one offline HTML report in Dutch and English.

Two scripted regisseurs play the same process (scenario and seed): one keeps it open
(process rules first, a one-to-one talk every round, two rounds beyond the minimum), one
closes it (a content condition in advance, divergeren closed at the minimum, no talks).
The tests compare them; they do not pin figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debrief.logread import read_session
from debrief.proces_report import build_report, prepare
from debrief.proces_rerun import ghost_specs, human_seats, rerun_session
from debrief.proces_rubric import assess, load_rubric
from sim.cli import EXIT_BAD_INPUT, main
from sim.driver import Driver, EachHour, Trainer, TrainerAct
from sim.scenario.loader import load_scenario, resolve_scenario
from sim.session import SessionLog
from tests.debrief.cdp import Browser, find_chromium
from tests.debrief.test_report import _assert_clean, _assert_ink, _shot_dir

pytestmark = pytest.mark.xdist_group(name="proces_debrief")
CHROMIUM = find_chromium()
SCENARIO = "procesregie_aardgasvrije_wijk"
SEED = 4


def keeps_open(m) -> None:
    """Rules first, a talk with the least trusting party each round, 2 extra rounds."""
    if not m.rules.agreed:
        m.submit("regisseur", {"type": "agree_process_rules"})
    if m.week_in_round == 0 and not m.rules.talked_this_round:
        trust = m.observe("regisseur")["trust_in_gemeente"]
        others = {k: v for k, v in trust.items() if k != "gemeente"}
        m.submit("regisseur", {"type": "talk_one_to_one", "party": min(others, key=others.get)})
    if m.waiting_for_humans():
        extra = m.rounds_in_phase >= m.scenario.process.divergence_min_rounds + 2
        m.submit("regisseur", {"type": "close_phase" if extra else "continue_phase"})


def closes(m) -> None:
    """A content condition before the start, divergeren closed at the minimum."""
    if m.week == 0 and not m.rules.conditions:
        m.submit("regisseur", {"type": "set_content_conditions", "on": True})
    if m.waiting_for_humans():
        done = m.rounds_in_phase >= m.scenario.process.divergence_min_rounds
        m.submit("regisseur", {"type": "close_phase" if done else "continue_phase"})


def gives_its_word(m) -> None:
    """A party's person consents to every shortlisted option its mandate allows, once."""
    for act in m.legal_actions("woningcorporatie"):
        if act["type"] == "declare_consent" and act.get("consent"):
            m.submit("woningcorporatie", act)


def record(path: Path, person, seats: dict, until: int | None = None, acts=()) -> Path:
    sc = load_scenario(resolve_scenario(SCENARIO))
    log = SessionLog.create(path, sc, SEED, controllers=seats, fsync_checkpoints=False)
    driver = Driver(log.new_model(), log=log, sources=[Trainer(list(acts)), EachHour(person)])
    driver.run(until=None if until is None else (0, until))
    log.close(driver.model)
    return path


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("proces_logs")
    return {
        "open": record(d / "open.jsonl", keeps_open, {"regisseur": None}),
        "closed": record(d / "closed.jsonl", closes, {"regisseur": None}),
        "party": record(d / "party.jsonl", gives_its_word, {"woningcorporatie": None}),
        "cut": record(d / "cut.jsonl", keeps_open, {"regisseur": None}, until=9),
        # the person hands the regisseur's seat to a bot after two weeks
        "brief": record(
            d / "brief.jsonl",
            lambda m: None,
            {"regisseur": None},
            acts=[TrainerAct(0, 2, "seat", {"role": "regisseur", "bot": "open"})],
        ),
    }


@pytest.fixture(scope="module")
def traces(logs):
    return {k: rerun_session(read_session(p)) for k, p in logs.items()}


@pytest.fixture(scope="module")
def scores(traces):
    rubric = load_rubric()
    return {
        k: {c.competence.id: c.score for c in assess(rubric, tr, "regisseur")}
        for k, tr in traces.items()
        if k != "party"
    }


def test_the_rerun_reproduces_the_logged_process(traces, logs):
    for name, trace in traces.items():
        assert trace.divergence is None, name
        end = read_session(logs[name]).end
        assert trace.kpis == pytest.approx(end["kpis"]), name


def test_keeping_the_process_open_scores_higher_than_closing_it(scores):
    for cid in ("keep_open", "core_values", "within_mandates"):
        assert scores["open"][cid] > scores["closed"][cid], cid


def test_only_the_persons_own_moves_count(traces):
    rubric = load_rubric()
    res = {c.competence.id: c for c in assess(rubric, traces["closed"], "regisseur")}
    talks = next(i for i in res["within_mandates"].indicators if i.indicator.id == "one_to_one")
    assert talks.value == 0.0  # the scripted person never talked; no bot holds the seat


def test_a_party_seat_is_assessed_on_the_partys_competence(traces):
    rubric = load_rubric()
    res = assess(rubric, traces["party"], "woningcorporatie")
    assert [c.competence.role for c in res] == ["party"]
    assert all(c.score is not None for c in res)


def test_ghosts_put_every_archetype_of_the_seats_kind_in_the_persons_seat(logs):
    session = read_session(logs["party"])
    assert human_seats(session) == ["woningcorporatie"]
    specs = ghost_specs(session, [SEED, SEED + 1])
    assert {s.archetype for s in specs} == {"constructief", "afwachtend", "dwarsligger"}
    assert all(dict(s.seats0)["regisseur"] == "open" for s in specs)
    assert {s.seed for s in specs} == {SEED, SEED + 1}


def test_a_session_cut_short_stops_its_ghosts_at_the_same_week(logs):
    data = prepare(logs["cut"], seeds=[SEED], workers=1)
    assert data.ghosts and all(g.stop_week == data.trace.stop_week for g in data.ghosts)


@pytest.fixture(scope="module")
def reports(logs, tmp_path_factory):
    d = tmp_path_factory.mktemp("proces_reports")
    return {
        lang: build_report(
            logs["open"], d / f"r_{lang}.html", lang=lang, seeds=[SEED, SEED + 1], workers=1
        )
        for lang in ("nl", "en")
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_has_every_competence_with_its_source(reports, lang):
    text = reports[lang].read_text(encoding="utf-8")
    rubric = load_rubric()
    for c in rubric.for_role("regisseur"):
        assert c.name.get(lang).replace("'", "&#x27;") in text
        assert rubric.source_of(c.seed.file).split(",")[0] in text
    assert "“PGM-open 7 februari 2019: workshop procesregie”" in text


def test_the_report_shows_no_model_names(reports):
    for path in reports.values():
        page = path.read_text(encoding="utf-8")
        body = page[page.index("<main>") : page.index("</main>")]
        body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", body)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), path.name


def _shot_at(b: Browser, selector: str, path: Path) -> None:
    y = b.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().top + scrollY")
    _assert_ink(b.screenshot(path, y=y - 8))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_reads_on_a_desktop_and_a_projector_and_prints(reports, lang, tmp_path):
    shots, suffix = _shot_dir(tmp_path), "" if lang == "nl" else "_en"
    with Browser(CHROMIUM, width=1366, height=768) as b:
        b.open(reports[lang])
        _assert_clean(b)
        top = b.evaluate("document.getElementById('summary-regisseur').getBoundingClientRect().top")
        assert 0 < top < 768
        _assert_ink(b.screenshot(shots / f"debrief_procesregie{suffix}.png"))
        _shot_at(
            b, "#c-regisseur-core_values", shots / f"debrief_procesregie_competence{suffix}.png"
        )
        _shot_at(b, "#ghosts", shots / f"debrief_procesregie_ghosts{suffix}.png")
        assert len(b.pdf()) > 10_000
        b.evaluate("document.getElementById('present').click()")
        assert b.evaluate("document.body.classList.contains('presenting')")
        slides = b.evaluate("document.querySelectorAll('main > .slide').length")
        assert slides >= 1 + 1 + 5 + 1  # outcomes, the seat's summary, 5 competences, ghosts
        _assert_ink(b.screenshot(shots / f"debrief_procesregie_present{suffix}.png"))


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium")
def test_on_a_phone_no_part_of_the_report_is_wider_than_the_screen(reports, tmp_path):
    with Browser(CHROMIUM, width=390, height=844) as b:
        b.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
            session=True,
        )
        b.open(reports["nl"])
        assert b.evaluate("document.documentElement.scrollWidth") <= 390
        _assert_ink(b.screenshot(_shot_dir(tmp_path) / "debrief_procesregie_phone.png"))


def test_regie_debrief_on_a_procesregie_log(logs, tmp_path, capsys):
    out = tmp_path / "r.html"
    code = main(["debrief", str(logs["party"]), "--out", str(out), "--no-ghosts", "--quiet"])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "Woningcorporatie" in text
    assert "Instemmen of niet (binnen het mandaat): optie 1 van de kortste lijst, ja" in text


def test_a_damaged_log_is_refused_with_its_line(logs, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    lines = logs["open"].read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], "{not json", *lines[2:]]) + "\n", encoding="utf-8")
    code = main(["debrief", str(bad), "--out", str(tmp_path / "x.html")])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT
    assert f"{bad}:2" in err and "Traceback" not in err


def test_a_class_report_puts_the_tables_of_one_process_side_by_side(logs, tmp_path):
    from debrief.classreport import build_class_report

    out = build_class_report(
        [logs["open"], logs["closed"]], tmp_path / "klas.html", lang="en", ghosts=False, workers=1
    )
    text = out.read_text(encoding="utf-8")
    assert "Table 1" in text and "Table 2" in text and "Keeping the process open" in text
    assert (tmp_path / "klas-1-open.html").exists() and (tmp_path / "klas-2-closed.html").exists()


def test_a_class_report_refuses_a_log_of_another_process(logs, tmp_path, capsys):
    other = record(tmp_path / "other.jsonl", closes, {"regisseur": None}, until=3)
    lines = other.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(f'"seed":{SEED},', f'"seed":{SEED + 7},', 1)
    other.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "k.html"
    code = main(["debrief", str(logs["open"]), str(other), "--out", str(out), "--no-ghosts"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "another process" in err, err


def test_build_reports_writes_both_languages_for_a_procesregie_log(logs, tmp_path):
    from debrief.report import build_reports

    out = build_reports(logs["party"], tmp_path, ghosts=False, workers=1)
    assert set(out) == {"nl", "en"}
    assert '<html lang="en">' in out["en"].read_text(encoding="utf-8")
    assert out["nl"].name == "party_nl.html"


def test_the_report_shows_each_partys_role_from_the_start_to_the_end(logs):
    from debrief.proces_story import parties
    from sim import words

    data = prepare(logs["closed"], ghosts=False, workers=1)
    specs = data.session.scenario.parties
    # the content condition set in week 0 made parties step back a role at once
    assert data.trace.weekly[0]["roles"] != {p.key: p.role for p in specs}
    rows = parties(data, "en").split("</tr>")[1:-1]
    assert len(rows) == len(specs)
    for spec, row in zip(specs, rows, strict=True):
        cells = re.findall(r"<td>([^<]*)</td>", row)
        assert cells[1] == words.word("proces_role", spec.role, "en"), spec.key
        assert cells[2] == words.word("proces_role", data.trace.weekly[-1]["roles"][spec.key], "en")


def test_a_seat_held_briefly_is_not_judged_on_the_whole_processs_outcome(traces):
    rubric = load_rubric()
    res = assess(rubric, traces["brief"], "regisseur")
    by_id = {i.indicator.id: i for c in res for i in c.indicators}
    assert traces["brief"].seat_weeks("regisseur", True) == 2
    for final in ("options_explored", "support", "gemeente_gain", "joint_value", "lead_time"):
        assert by_id[final].status == "too_short", final
    assert by_id["process_rules_early"].status == "not_observed"  # two weeks: not yet late
    assert by_id["stakeholders_at_table"].status == "scored"
