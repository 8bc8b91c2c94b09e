"""Stylized facts of procesregie, each a paired comparison over the same 20 seeds.

Each is produced by a mechanism in the model (docs/ODD-procesregie.md, "Stylized facts"),
not written in as an effect: the assertions compare what the runs produce.
"""

from __future__ import annotations

import numpy as np

from sim.procesregie.model import ProcesModel
from tests.procesregie.helpers import SEEDS, kpi, paired, scenario, with_party


def options_at_first_close(sc) -> np.ndarray:
    """Options admitted in the first divergeren, up to the moment the regisseur closes it."""
    counts = []
    for seed in SEEDS:
        model = ProcesModel(sc, seed=seed)
        while model.phase == "divergeren" and not model.finished:
            model.step()
        counts.append(model.options_explored)
    return np.array(counts)


def test_content_conditions_upfront_give_fewer_options() -> None:
    open_ = options_at_first_close(scenario())
    conditioned = options_at_first_close(scenario({"process.content_conditions_upfront": True}))
    assert (conditioned < open_).mean() >= 0.9
    assert conditioned.mean() < 0.8 * open_.mean()


def test_content_conditions_upfront_give_lower_support() -> None:
    open_, conditioned = paired(
        scenario(), scenario({"process.content_conditions_upfront": True}), kpi("support_pct")
    )
    assert conditioned.mean() < open_.mean()
    assert (conditioned <= open_).all()


def test_closing_divergence_early_gives_less_joint_value() -> None:
    hasty = {"regisseur.bot": "haastig"}
    early, late = paired(
        scenario({**hasty, "process.divergence_min_rounds": 1}),
        scenario({**hasty, "process.divergence_min_rounds": 4}),
        kpi("joint_value"),
    )
    assert early.mean() < late.mean()
    assert (early < late).mean() >= 0.7


def test_a_large_stake_party_left_out_blocks_or_lowers_support() -> None:
    steering = {"regisseur.bot": "sturend"}
    invited = scenario(steering)
    left_out = with_party("woningcorporatie", invited=False).model_copy(
        update={"regisseur": invited.regisseur}
    )
    s_in, s_out = paired(invited, left_out, kpi("support_pct"))
    blocks_in, blocks_out = paired(invited, left_out, lambda m: m.blocks)
    assert s_out.mean() < s_in.mean()
    assert blocks_out.sum() > blocks_in.sum()


def test_a_gemeente_taking_part_has_more_influence_than_standing_aside() -> None:
    def gemeente_utility(model: ProcesModel) -> float:
        gemeente = model.party("gemeente")
        if model.final is None:  # no agreement: it is left with its outside option
            return gemeente.spec.outside_option
        return gemeente.utility(model.final)

    taking_part, aside = paired(
        with_party("gemeente", role="participeren"),
        with_party("gemeente", role="niet_meedoen"),
        gemeente_utility,
    )
    assert aside.mean() < taking_part.mean()
    assert (aside < taking_part).mean() >= 0.8
