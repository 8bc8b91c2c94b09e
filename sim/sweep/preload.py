"""Imported once by the local pool's fork server, before it forks any worker.

It imports what a run needs, so workers start in milliseconds, and then freezes the
garbage collector's view of those objects (``gc.freeze``, as the Python docs advise before
forking): the workers' full collections no longer walk the ~130,000 objects of numpy,
scipy, Mesa and the model's modules (about 70 ms each, once every run or two), and the
pages holding them are not copied on write by the collector.
"""

from __future__ import annotations

import gc

import sim.seasons  # noqa: F401  (imported for the workers)
import sim.sweep.worker  # noqa: F401
from sim.compiled import kernel

# A worker runs season after season. Where the package's compiled kernels were not built
# (no C compiler at install), scipy's compiled sparse mat-vec is about half the cost of
# numpy's (sim.agents.exposure.loaded_kernel takes it once loaded; the same sums); with
# the kernels, scipy would only lengthen the fork server's start.
if kernel("sim.agents._exposure_c") is None:
    import scipy.sparse  # noqa: F401

gc.freeze()
