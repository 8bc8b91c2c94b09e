"""Citizens' hourly exposure (sim/agents/exposure.py): the shortcut for hours with few
slippery surfaces, and the sums over all of them, give scipy's sparse matrix product's
values bit for bit (scipy is imported here only, as the referee)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from sim.agents.exposure import (
    CAR,
    FEW_SURFACES_SHARE,
    SLIPS,
    WALK,
    ByColumn,
    MatVec,
    RouteExposure,
    SparseRows,
)
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def citizens():
    """The default scenario's population."""
    return RegieModel(load_scenario(resolve_scenario(None))).citizens


@pytest.fixture(scope="module", params=["numpy", "compiled", "scipy's kernel"])
def exposure(citizens, request):
    """Its exposure, summed by numpy (no compiled kernel built, scipy not loaded), by this
    package's compiled kernel, or by scipy's (a process that has loaded scipy.sparse)."""
    import sim.agents.exposure as module
    from sim import compiled

    with pytest.MonkeyPatch.context() as patch:
        if request.param == "numpy":
            patch.setattr(module, "loaded_kernel", lambda: None)
        elif request.param == "compiled":
            if compiled.kernel("sim.agents._exposure_c") is None:
                pytest.skip("the compiled kernels are not built here (no C compiler)")
            assert module.loaded_kernel() is not None
        else:
            patch.setattr(module, "kernel", lambda name: None)
            assert module.loaded_kernel() is not None
        return RouteExposure(
            citizens.route_matrix,
            citizens.service_matrix,
            citizens.route_mode,
            citizens.route_hazard,
            citizens.route_people,
            citizens.route_injury_p,
            citizens.model.town.priority,
        )


def scipy_matrix(matrix: SparseRows) -> sparse.csr_matrix:
    """The same matrix as scipy's CSR matrix (the same arrays)."""
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=matrix.shape)


def slippery(n: int, count: int, seed: int) -> np.ndarray:
    """Slipperiness with `count` random surfaces slippery, the rest exactly 0."""
    rng = np.random.default_rng(seed)
    slip = np.zeros(n)
    slip[rng.choice(n, size=count, replace=False)] = rng.random(count)
    return slip


@pytest.mark.parametrize("seed", range(5))
def test_few_slippery_surfaces_give_the_matrix_product_bit_for_bit(exposure, seed):
    n = exposure.matrix.shape[1]
    count = max(1, int(FEW_SURFACES_SHARE * n) - seed)
    slip = slippery(n, count, seed)
    assert exposure.by_column is not None  # the shortcut is taken
    assert exposure.km(slip).tobytes() == (scipy_matrix(exposure.matrix) @ slip).tobytes()


def test_many_slippery_surfaces_give_the_matrix_product(exposure):
    n = exposure.matrix.shape[1]
    slip = slippery(n, n // 2, 7)
    assert exposure.km(slip).tobytes() == (scipy_matrix(exposure.matrix) @ slip).tobytes()


def test_clear_priority_roads_give_the_matrix_product_bit_for_bit(exposure):
    n = exposure.matrix.shape[1]
    slip = slippery(n, n // 2, 11)
    slip[exposure._priority] = 0.0
    assert exposure.km(slip).tobytes() == (scipy_matrix(exposure.matrix) @ slip).tobytes()


def test_route_matrices_are_stored_as_scipy_stores_them(citizens):
    """Entries given in any order are kept per row in column order, as csr_matrix keeps
    them, so every row's sum adds its terms in the same order."""
    matrix = citizens.route_matrix
    rows = matrix.entry_rows()
    shuffle = np.random.default_rng(3).permutation(matrix.nnz)
    args = (rows[shuffle], matrix.indices[shuffle], matrix.data[shuffle])
    ours = SparseRows.from_entries(*args, matrix.shape)
    theirs = sparse.csr_matrix((args[2], (args[0], args[1])), shape=matrix.shape)
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(ours, name), getattr(theirs, name))
    with pytest.raises(ValueError, match="twice"):
        SparseRows.from_entries(np.array([0, 0]), np.array([1, 1]), np.ones(2), (1, 2))


def test_slips_sum_bikes_and_walkers_on_what_they_travel_in_route_order(citizens, exposure):
    km = exposure.km(slippery(exposure.matrix.shape[1], 400, 3))
    n_routes, walkers = exposure.n_routes, 0
    slips = 0.0
    for route, mode in enumerate(citizens.route_mode.tolist()):
        entry = route if mode != WALK else n_routes + walkers  # walkers: their pavements
        walkers += mode == WALK
        if mode != CAR:  # residents x one trip's incident probability 1 - exp(-hazard x km)
            p = -np.expm1(-citizens.route_hazard[route] * km[entry])
            slips += citizens.route_people[route] * p
    assert exposure.counts(km)[SLIPS] == slips  # bit for bit
    assert slips > 0


def test_a_matrix_without_entries_gives_float_zeros() -> None:
    """(An in-house executor's town can leave a form of the matrix empty.)"""
    empty = SparseRows(np.zeros(4, np.int64), np.zeros(0, np.int64), np.zeros(0), (3, 5))
    x = np.ones(5)
    for km in (MatVec(empty)(x), ByColumn(empty).matvec(x, np.array([1, 2]))):
        assert km.dtype == float and km.tobytes() == np.zeros(3).tobytes()


@pytest.mark.parametrize("rows_in_column_order", [True, False])
def test_a_mat_vec_sums_each_row_in_its_stored_order(rows_in_column_order: bool) -> None:
    """Rows stored in column order are summed by column; others in the order they are
    stored, as scipy's kernel does (it never sorts them)."""
    rng = np.random.default_rng(8)
    dense = rng.random((40, 30)) * (rng.random((40, 30)) < 0.3)
    matrix = sparse.csr_matrix(dense)
    if not rows_in_column_order:
        for i in range(40):  # reverse each row's entries
            a, b = matrix.indptr[i], matrix.indptr[i + 1]
            matrix.indices[a:b], matrix.data[a:b] = (
                matrix.indices[a:b][::-1],
                matrix.data[a:b][::-1],
            )
        matrix.has_sorted_indices = False
    ours = SparseRows(matrix.indptr, matrix.indices, matrix.data, matrix.shape)
    x = rng.random(30) * 1e3
    assert MatVec(ours)._by_column is rows_in_column_order
    for by_column in (True, False):
        assert MatVec(ours, by_column=by_column)(x).tobytes() == (matrix @ x).tobytes()
