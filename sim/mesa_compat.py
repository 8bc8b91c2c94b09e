"""Work-arounds for the Mesa release this project pins (mesa 3.3.x).

Mesa 3.3.1 keeps every model that ever had an agent in the class attribute
``mesa.Agent._ids`` (a defaultdict of per-model id counters keyed by the model; mesa issue
#3179, fixed upstream after 3.3.1). A process that makes many models one after another (a
sweep worker, the debrief's ghost runs, ``regie run --seeds``) would keep every finished
one alive, about 4 MB per default season.
"""

from __future__ import annotations

import itertools
import weakref
from typing import Any

__all__ = ["forget_finished_models"]


class _WeakCounters(weakref.WeakKeyDictionary):
    """Mesa's per-model agent id counters, without keeping finished models alive."""

    def __getitem__(self, model: Any) -> Any:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = itertools.count(1)
            return counter


def forget_finished_models() -> None:
    """Let finished models be garbage-collected in a process that makes many of them.

    Swaps ``mesa.Agent._ids`` for the same per-model counters in a weak-keyed mapping:
    identical for live models (ids still count 1, 2, ... per model), and a finished model
    is forgotten. Idempotent; a no-op on a Mesa without the class-level registry.
    """
    import mesa

    ids = getattr(mesa.Agent, "_ids", None)
    if ids is None or isinstance(ids, _WeakCounters):
        return
    counters = _WeakCounters()
    counters.update(ids)
    mesa.Agent._ids = counters
