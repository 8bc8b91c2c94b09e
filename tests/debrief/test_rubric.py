"""The rubric file: content from the seed texts, and FILE:LINE errors for bad edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debrief.indicators import METRICS
from debrief.rubric import Indicator, default_rubric_path, level_of, load_rubric
from sim.actions import ROLES
from sim.cli import EXIT_BAD_INPUT, main
from sim.inputfile import InputFileError

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SHIPPED = default_rubric_path()
DESIGN_COMPETENCES = {  # ../shared/DESIGN.md, Competences (regisseur), plus the other roles
    "outcome_steering", "businesslike_contracting", "trust_building",
    "not_in_executors_chair", "designing_for_trouble", "early_signalling",
    "politics_proper_place", "interests_not_positions"}


def test_shipped_rubric_is_complete():
    rub = load_rubric()
    ids = {c.id for c in rub.competences}
    assert ids >= DESIGN_COMPETENCES
    assert "executor_transparency" in ids
    for role in ROLES:
        assert rub.for_role(role), f"no competence for {role}"
    for c in rub.competences:
        assert c.description.nl and c.description.en
        for level in (1, 2, 3, 4):
            assert c.feedback.get(level).nl and c.feedback.get(level).en
        for i in c.indicators:
            assert i.metric in METRICS
            assert i.name.nl and i.name.en


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts (../shared/seeds) are not here")
def test_every_seed_reference_quotes_its_seed_text():
    rub = load_rubric()
    for c in rub.competences:
        files = sorted(SEEDS.glob(f"{c.seed.file}_*.txt"))
        assert files, f"{c.id}: no seed {c.seed.file}"
        text = _norm(files[0].read_text(encoding="utf-8"))
        assert _norm(c.seed.passage) in text, f"{c.id}: passage not in seed {c.seed.file}"


def test_scores_and_levels_follow_the_thresholds():
    up = Indicator.model_validate({"id": "x", "name": {"nl": "x", "en": "x"},
                                   "metric": "action_rate", "params": {"types": ["inspect"]},
                                   "better": "higher", "thresholds": [1, 2, 3]})
    down = Indicator.model_validate({"id": "y", "name": {"nl": "y", "en": "y"},
                                     "metric": "action_rate", "params": {"types": ["inspect"]},
                                     "better": "lower", "thresholds": [3, 2, 1]})
    values = [-5, 0, 0.99, 1, 1.5, 2, 2.5, 3, 4, 100]
    ups = [up.score(v) for v in values]
    downs = [down.score(v) for v in values]
    assert ups == sorted(ups) and downs == sorted(downs, reverse=True)
    assert all(1.0 <= s <= 4.0 for s in ups + downs)
    for v, lv in ((0.5, 1), (1, 2), (1.99, 2), (2, 3), (3, 4), (9, 4)):
        assert level_of(up.score(v)) == lv, v
    for v, lv in ((5, 1), (3, 2), (2, 3), (1, 4), (0, 4)):
        assert level_of(down.score(v)) == lv, v


# --- bad rubric files: FILE:LINE: key: message, exit code 2 -----------------------------
def _edit(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """The shipped rubric with one edit; returns the file and the edited line (1-based)."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    pos = text.index(old)
    line = text.count("\n", 0, pos) + 1
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path, line


def _problems(path: Path) -> list:
    with pytest.raises(InputFileError) as err:
        load_rubric(path)
    return err.value.problems


CASES = [  # (old, new, key ends with, message contains)
    ("metric: action_rate\n        params: {types: [inspect]}",
     "metric: action_rat\n        params: {types: [inspect]}", "metric",
     "did you mean 'action_rate'"),
    ("thresholds: [0.2, 0.5, 0.9]", "thresholds: [0.9, 0.5, 0.2]", "thresholds", "must rise"),
    ("thresholds: [6, 2, 0.5]", "thresholds: [6, 2]", "thresholds", "at least 3"),
    ("params: {types: [micromanage]}", "params: {types: [micromange]}", "params", "types.0"),
    ("params: {kpi: outcome_score}", "params: {kpi: outcome_scor}", "params",
     "did you mean 'outcome_score'"),
    ("    better: higher\n        thresholds: [1, 3, 6]",
     "    better: upward\n        thresholds: [1, 3, 6]", "better", "'higher' or 'lower'"),
    ("        weight: 3\n", "        wieght: 3\n", "wieght", "did you mean 'weight'"),
    ("      level4:\n        nl: \"Sturen op resultaat en van de uitvoering",
     "      levelfour:\n        nl: \"Sturen op resultaat en van de uitvoering", "levelfour",
     "unknown key"),
    ("role: wethouder\n    name:\n      nl: \"Via de afgesproken route\"",
     "role: mayor\n    name:\n      nl: \"Via de afgesproken route\"", "role", "regisseur"),
    ("file: \"003\"", "file: 3", "file", "string"),
]


@pytest.mark.parametrize("old,new,key,message", CASES, ids=[c[3][:24] for c in CASES])
def test_bad_rubric_names_file_line_and_key(tmp_path, old, new, key, message):
    path, line = _edit(tmp_path, old, new)
    problems = _problems(path)
    assert problems, "expected a problem"
    assert all(p.file == str(path) for p in problems)
    hits = [p for p in problems if p.key.endswith(key) and message in p.message]
    assert hits, problems
    assert line <= hits[0].line <= line + 1, (hits[0], line)


def test_action_of_another_role_is_refused(tmp_path):
    path, line = _edit(tmp_path, "params: {types: [call_executor]}", "params: {types: [inspect]}")
    p = _problems(path)[0]
    assert "inspect is not an action of the wethouder" in p.message
    assert 0 < p.line < line


def test_yaml_syntax_error_names_its_line(tmp_path):
    path, line = _edit(tmp_path, "better: lower\n        thresholds: [4, 1.5, 0.5]",
                       "better: lower\n        thresholds: [4, 1.5, 0.5\n")
    p = _problems(path)[0]
    assert "invalid YAML" in p.message and p.line >= line


def test_missing_role_and_duplicate_ids(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    cut = text.index("  # " + "-" * 66 + " wethouder")
    path = tmp_path / "rubric.yaml"
    path.write_text(text[:cut], encoding="utf-8")
    assert "no competence for role(s) wethouder" in _problems(path)[0].message
    path.write_text(text.replace("id: trust_building", "id: outcome_steering"), encoding="utf-8")
    assert "used twice: outcome_steering" in _problems(path)[0].message


def test_regie_debrief_with_a_bad_rubric_exits_2(tmp_path, capsys):
    path, line = _edit(tmp_path, "thresholds: [0.2, 0.5, 0.9]", "thresholds: [0.9, 0.5, 0.2]")
    log = tmp_path / "missing.jsonl"  # the rubric is checked before the log is needed
    from tests.debrief.conftest import session_log

    log = session_log("regisseur", "relational")
    code = main(["debrief", str(log), "--out", str(tmp_path / "r.html"), "--rubric", str(path),
                 "--no-ghosts", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT
    assert err and err[0].startswith(f"{path}:{line}: ")
    assert "Traceback" not in "\n".join(err)
    assert not (tmp_path / "r.html").exists()
