"""Citizens' hourly exposure (sim/agents/exposure.py): the shortcut for hours with few
slippery surfaces, and the sums over all of them, give scipy's sparse matrix product's
values bit for bit (scipy is imported here only, as the referee)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from sim.agents.exposure import (
    ACCIDENTS,
    CAR,
    FEW_SURFACES_SHARE,
    INJURIES,
    SLIPS,
    WALK,
    ByColumn,
    ColumnScatter,
    MatVec,
    RouteExposure,
    SparseRows,
    column_order,
)
from sim.model import RegieModel
from sim.scenario.loader import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def citizens():
    """The default scenario's population."""
    return RegieModel(load_scenario(resolve_scenario(None))).citizens


@pytest.fixture(scope="module", params=["numpy", "compiled", "scipy's kernel"])
def build(citizens, request):
    """Builds the exposure of the population's routes, in a given order, summed by numpy
    (no compiled kernel, scipy not loaded), by this package's compiled kernels, or by
    scipy's (a process that has loaded scipy.sparse)."""
    import sim.agents.exposure as module
    from sim import compiled

    if request.param == "compiled" and compiled.kernel("sim.agents._exposure_c") is None:
        pytest.skip("the compiled kernels are not built here (no C compiler)")

    def exposure_of(routes: np.ndarray) -> RouteExposure:
        with pytest.MonkeyPatch.context() as patch:
            if request.param == "numpy":
                patch.setattr(module, "kernel", lambda name: None)
                patch.setattr(module, "loaded_kernel", lambda: None)
            elif request.param == "scipy's kernel":
                patch.setattr(module, "kernel", lambda name: None)
            assert (module.loaded_kernel() is None) == (request.param == "numpy")
            return RouteExposure(
                citizens.route_matrix.take_rows(routes),
                citizens.service_matrix.take_rows(routes),
                citizens.route_mode[routes],
                citizens.route_hazard[routes],
                citizens.route_people[routes],
                citizens.route_injury_p[routes],
                citizens.model.town.priority,
            )

    return exposure_of


@pytest.fixture(scope="module")
def exposure(citizens, build):
    """The exposure of the population's routes as stored."""
    return build(np.arange(len(citizens.route_mode)))


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
    assert exposure.by_column is not None or exposure.scatter is not None  # a shortcut
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


def expected_counts(citizens, routes: np.ndarray, km: np.ndarray) -> np.ndarray:
    """The counts as documented: per count, over its routes in route order, residents
    (slips: bikes and walkers; accidents: cars) or injury propensity (injuries per mode)
    x one trip's incident probability 1 - exp(-hazard x km), the km travelled (walkers:
    their pavements, after every route's treated roads); summed as negative terms from
    0.0 and then negated (the same values; an empty sum is -0.0)."""
    n_routes, walkers = len(routes), 0
    sums = [0.0] * 6
    for i, route in enumerate(routes.tolist()):
        mode = int(citizens.route_mode[route])
        entry = i if mode != WALK else n_routes + walkers
        walkers += mode == WALK
        minus_p = np.expm1(-citizens.route_hazard[route] * km[entry])
        sums[SLIPS if mode != CAR else ACCIDENTS] += citizens.route_people[route] * minus_p
        sums[INJURIES + mode] += citizens.route_injury_p[route] * minus_p
    return -np.array(sums)


@pytest.mark.parametrize("count", [0, 40, 400, 1606])
def test_the_counts_sum_every_route_in_route_order_bit_for_bit(citizens, exposure, count):
    routes = np.arange(exposure.n_routes)
    km = exposure.km(slippery(exposure.matrix.shape[1], count, count))
    counts = exposure.counts(km)
    assert counts.tobytes() == expected_counts(citizens, routes, km).tobytes()
    assert exposure.counts(km.copy()).tobytes() == counts.tobytes()  # km from elsewhere
    assert (counts[SLIPS] > 0) == (count > 0)


def test_routes_not_stored_by_mode_give_the_counts_in_their_order(citizens, build):
    """(The compiled sums need the routes stored by mode; other orders take numpy's.)"""
    routes = np.random.default_rng(5).permutation(len(citizens.route_mode))
    shuffled = build(routes)
    assert shuffled._incidents is None
    slip = slippery(shuffled.matrix.shape[1], 300, 9)
    km = shuffled.km(slip)
    assert km.tobytes() == (scipy_matrix(shuffled.matrix) @ slip).tobytes()
    assert shuffled.counts(km).tobytes() == expected_counts(citizens, routes, km).tobytes()


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


@pytest.mark.parametrize(
    ("n_rows", "uniform"), [(40, True), (40, False), (70_000, True)]
)  # 70,000 rows: row numbers wider than 16 bits
def test_the_compiled_mat_vec_by_column_gives_scipys_sums(n_rows: int, uniform: bool) -> None:
    """Over the columns where x is not 0 only, entries of one value per column or not."""
    from sim import compiled

    kernels = compiled.kernel("sim.agents._exposure_c")
    if kernels is None:
        pytest.skip("the compiled kernels are not built here (no C compiler)")
    rng = np.random.default_rng(n_rows)
    n_entries = 400
    rows, cols = rng.integers(n_rows, size=n_entries), rng.integers(30, size=n_entries)
    keep = np.unique(rows * 30 + cols, return_index=True)[1]
    per_column = rng.random(30)
    data = per_column[cols[keep]] if uniform else rng.random(len(keep))
    matrix = SparseRows.from_entries(rows[keep], cols[keep], data, (n_rows, 30))
    x = slippery(30, 12, 4) * 1e3
    assert ColumnScatter.applies(matrix)
    km = ColumnScatter(matrix, kernels)(x)
    assert km.tobytes() == (scipy_matrix(matrix) @ x).tobytes()
    empty = SparseRows(np.zeros(4, np.int64), np.zeros(0, np.int64), np.zeros(0), (3, 5))
    assert ColumnScatter(empty, kernels)(np.ones(5)).tobytes() == np.zeros(3).tobytes()


def test_a_matrix_with_rows_out_of_column_order_is_not_summed_by_column() -> None:
    matrix = SparseRows(np.array([0, 2]), np.array([1, 0]), np.ones(2), (1, 2))
    assert not ColumnScatter.applies(matrix)
    assert not ColumnScatter.applies(
        SparseRows(matrix.indptr, np.array([0, 1]), np.array([1.0, np.inf]), (1, 2))
    )


@pytest.mark.parametrize("n_cols", [1606, 70_000])
def test_the_column_order_is_the_stable_argsort_of_the_columns(n_cols: int) -> None:
    """Narrow matrices are sorted as 16-bit columns, wide ones as they are: the same order."""
    rng = np.random.default_rng(n_cols)
    row, col = rng.integers(0, 300, 20_000), rng.integers(0, n_cols, 20_000)
    key = np.unique(row * n_cols + col)
    matrix = SparseRows.from_entries(key // n_cols, key % n_cols, np.ones(len(key)), (300, n_cols))
    assert np.array_equal(column_order(matrix), np.argsort(matrix.indices, kind="stable"))
