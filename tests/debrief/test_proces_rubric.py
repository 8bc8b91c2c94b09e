"""The procesregie rubric (scenarios/rubrics/procesregie.yaml): the procesregisseur's
competences quoting their source texts, and FILE:LINE errors for bad edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debrief.proces_indicators import METRICS
from debrief.proces_rubric import default_rubric_path, load_rubric
from debrief.rubric import load_rubric as load_gladheid_rubric
from sim.inputfile import InputFileError

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SHIPPED = default_rubric_path()
ISSUE_COMPETENCES = {"keep_open", "core_values", "within_mandates", "gemeente_role", "go_timing"}


def test_the_shipped_rubric_has_the_procesregisseurs_competences_and_a_partys():
    rub = load_rubric()
    assert {c.id for c in rub.for_role("regisseur")} == ISSUE_COMPETENCES
    assert rub.for_role("party")
    for c in rub.competences:
        for level in (1, 2, 3, 4):
            assert c.feedback.get(level).nl and c.feedback.get(level).en
        assert all(i.metric in METRICS for i in c.indicators)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts (../shared/seeds) are not here")
def test_every_competence_quotes_its_source_text():
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    for c in load_rubric().competences:
        files = sorted(SEEDS.glob(f"{c.seed.file}_*.txt"))
        assert files and norm(c.seed.passage) in norm(files[0].read_text(encoding="utf-8")), c.id


def _problems(tmp_path: Path, old: str, new: str) -> tuple[list, int]:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_rubric(path)
    assert all(p.file == str(path) for p in err.value.problems)
    return err.value.problems, line


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("metric: divergence_margin", "metric: divergence_margins", "did you mean"),
        ("params: {field: conditions}", "params: {field: weather}", "field"),
        (
            "params: {types: [talk_one_to_one], per_weeks: 4}",
            "params: {types: [choose_role]}",
            "choose_role is not an action of the regisseur",
        ),
        ("family: procesregie", "family: gladheid", "procesregie"),
    ],
)
def test_a_bad_edit_is_refused_with_its_file_and_line(tmp_path, old, new, message):
    problems, line = _problems(tmp_path, old, new)
    assert any(message in p.message and p.line > 0 for p in problems), problems


def test_a_rubric_without_a_party_competence_is_refused(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    cut = text.index("  # " + "-" * 70 + " party")
    path = tmp_path / "rubric.yaml"
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_rubric(path)
    assert "no competence for role(s) party" in err.value.problems[0].message


@pytest.mark.parametrize(
    "load,other", [(load_rubric, "regie.yaml"), (load_gladheid_rubric, "procesregie.yaml")]
)
def test_a_rubric_of_another_family_is_refused_in_one_line(load, other):
    with pytest.raises(InputFileError) as err:
        load(SHIPPED.parent / other)
    assert len(err.value.problems) == 1
    assert err.value.problems[0].key == "family" and err.value.problems[0].line == 1
