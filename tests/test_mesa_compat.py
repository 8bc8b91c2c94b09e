"""The Mesa 3.3.1 work-around: finished models are released, live ones count ids as before."""

from __future__ import annotations

import gc
import weakref

import mesa

from sim.mesa_compat import forget_finished_models


class _Walker(mesa.Agent):
    pass


def _model_with_agents(n: int) -> mesa.Model:
    model = mesa.Model(rng=1)
    for _ in range(n):
        _Walker(model)
    return model


def test_a_finished_model_is_garbage_collected() -> None:
    forget_finished_models()
    ref = weakref.ref(_model_with_agents(3))
    gc.collect()
    assert ref() is None


def test_live_models_keep_counting_their_own_agent_ids() -> None:
    forget_finished_models()
    forget_finished_models()  # idempotent
    a, b = _model_with_agents(2), _model_with_agents(1)
    assert sorted(x.unique_id for x in a.agents) == [1, 2]
    assert [x.unique_id for x in b.agents] == [1]
    _Walker(a)
    assert sorted(x.unique_id for x in a.agents) == [1, 2, 3]
