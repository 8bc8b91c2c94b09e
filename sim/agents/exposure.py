"""The citizens' hourly exposure: slippery km on every route and the expected incidents.

One sparse mat-vec a slippery hour (`RouteExposure.km`), bit for bit the values of
scipy's ``csr_matrix @ slipperiness``, with numpy alone (importing scipy.sparse cost about
a tenth of a second of every fresh ``regie run``). scipy's kernel starts every row's sum
from 0.0 and adds its terms in column order; ``np.bincount`` adds the weights of each bin
in input order from 0.0, so the products given to it column by column sum the same way.
In hours when few surfaces are slippery only their columns are summed; the terms left
out are exactly +0 (no entry is negative), so the values are the same. With the compiled
kernels (sim/agents/_exposure_c.pyx) every hour goes by column over the slippery surfaces
only, in C (`ColumnScatter`), and the six counts are summed in C over the routes with
slippery km (`IncidentSums`), numpy taking the expm1 between.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from sim.compiled import kernel

CAR, BIKE, WALK = 0, 1, 2
# Layout of the hourly vector of expected counts (one Poisson draw per hour).
SLIPS, ACCIDENTS, INJURIES, COMPLAINTS = 0, 1, 2, 5  # injuries: 2 car, 3 bike, 4 walk
N_COUNTS = 6
# When at most this share of the surfaces is slippery, the exposure is summed over their
# columns only (most hours with any risk have a few icy spots, not a glazed town) [-].
FEW_SURFACES_SHARE = 0.05
_bincount, _count_nonzero, _empty, _expm1, _multiply, _negative, _repeat, _zeros = (
    np.bincount,
    np.count_nonzero,
    np.empty,
    np.expm1,
    np.multiply,
    np.negative,
    np.repeat,
    np.zeros,
)


@dataclass(frozen=True)
class SparseRows:
    """A sparse matrix as scipy's CSR arrays (`indptr`, `indices`, `data`): row i's entries
    are ``indices[indptr[i]:indptr[i + 1]]`` in their stored order."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_entries(
        cls, row: np.ndarray, col: np.ndarray, data: np.ndarray, shape: tuple[int, int]
    ) -> SparseRows:
        """Entries in any order, each row's in column order, as ``scipy.sparse.csr_matrix(
        (data, (row, col)))`` stores them (no position may come twice)."""
        # By row, then column (one key: faster). The keys of distinct positions differ, so
        # any sort gives this order; the stable one (timsort) is the fastest on entries
        # that come in runs, as routes give them (a fifth of the default's time).
        order = np.argsort(row * shape[1] + col, kind="stable")
        row, col = row[order], col[order]
        if len(row) > 1 and ((row[1:] == row[:-1]) & (col[1:] == col[:-1])).any():
            raise ValueError("an entry's position comes twice")
        indptr = np.zeros(shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=shape[0]), out=indptr[1:])
        return cls(indptr, col.astype(np.int64), np.asarray(data, dtype=float)[order], shape)

    @property
    def nnz(self) -> int:
        """Number of stored entries."""
        return len(self.data)

    def entry_rows(self) -> np.ndarray:
        """The row of every stored entry."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def take_rows(self, rows: np.ndarray) -> SparseRows:
        """The matrix of the given rows, in that order."""
        lengths = np.diff(self.indptr)[rows]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        at = np.repeat(self.indptr[rows] - indptr[:-1], lengths) + np.arange(indptr[-1])
        return SparseRows(indptr, self.indices[at], self.data[at], (len(rows), self.shape[1]))

    def stacked(self, below: SparseRows) -> SparseRows:
        """This matrix with the rows of `below` under it."""
        return SparseRows(
            np.concatenate([self.indptr, self.indptr[-1] + below.indptr[1:]]),
            np.concatenate([self.indices, below.indices]),
            np.concatenate([self.data, below.data]),
            (self.shape[0] + below.shape[0], self.shape[1]),
        )

    def rows_in_column_order(self) -> bool:
        """Whether every row's entries are stored by ascending column."""
        same_row = np.diff(self.entry_rows()) == 0
        return bool((np.diff(self.indices)[same_row] > 0).all())

    def without_columns(self, cols: np.ndarray) -> SparseRows:
        """The matrix without its entries in `cols`; the others keep their order in each row."""
        dropped = np.zeros(self.shape[1], dtype=bool)
        dropped[cols] = True
        keep = ~dropped[self.indices]
        indptr = np.zeros_like(self.indptr)
        np.cumsum(np.bincount(self.entry_rows()[keep], minlength=self.shape[0]), out=indptr[1:])
        return SparseRows(indptr, self.indices[keep], self.data[keep], self.shape)


def column_order(matrix: SparseRows) -> np.ndarray:
    """The entries by column, each column's in stored order: ``np.argsort(matrix.indices,
    kind="stable")``, sorted as 16-bit numbers where the columns fit (numpy then takes its
    radix sort: the same order, about a sixth of the time)."""
    indices = matrix.indices
    if matrix.shape[1] <= np.iinfo(np.uint16).max + 1:
        indices = indices.astype(np.uint16)
    return np.argsort(indices, kind="stable")


class MatVec:
    """``matrix @ x`` as scipy's CSR kernel sums it (each row from 0.0, its terms in stored
    order), by np.bincount: over the entries by column if asked (`by_column`, for many rows
    and columns) and every row is stored in column order (x is then spread by np.repeat,
    a third the cost of a gather), else by their place in the row. Either way the adds to
    one row keep their order, and the adds in a row follow each other less closely, which
    a processor runs faster. With `kernel` (scipy's, see `loaded_kernel`), that kernel."""

    def __init__(
        self, matrix: SparseRows, kernel: Callable | None = None, by_column: bool = True
    ) -> None:
        self._matrix, self._kernel = matrix, kernel
        self.n_rows = matrix.shape[0]
        rows = matrix.entry_rows()
        self._by_column = by_column and matrix.rows_in_column_order()
        if self._by_column:  # stable: a column's entries in row order
            order = column_order(matrix)
            self._per_column = np.bincount(matrix.indices, minlength=matrix.shape[1])
        else:  # by place in the row, then row
            order = np.argsort(  # distinct keys: any sort gives this order, stable is faster
                (np.arange(matrix.nnz) - matrix.indptr[rows]) * self.n_rows + rows, kind="stable"
            )
        self._rows = rows[order].astype(np.intp)
        self._cols = matrix.indices[order].astype(np.intp)
        self._data = matrix.data[order]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if self._kernel is not None:
            m, out = self._matrix, np.zeros(self.n_rows)
            self._kernel(m.indptr, m.indices, m.data, x, out)
            return out
        if not len(self._rows):  # (np.bincount of nothing gives integers)
            return np.zeros(self.n_rows)
        terms = _repeat(x, self._per_column) if self._by_column else x.take(self._cols)
        _multiply(terms, self._data, out=terms)  # x a: the product scipy forms, a x
        return _bincount(self._rows, terms, self.n_rows)


def loaded_kernel() -> Callable | None:
    """A compiled CSR mat-vec ``kernel(indptr, indices, data, x, out)`` with the same sums:
    this package's own (sim/agents/_exposure_c.pyx, built at install; sim/compiled.py), or
    scipy's if this process has loaded scipy.sparse anyway (a sweep worker, a notebook),
    else None: numpy's `MatVec`. A plain run does not import scipy for it: that would cost
    more than it saves in one season."""
    compiled = kernel("sim.agents._exposure_c")
    if compiled is not None:
        return compiled.csr_matvec
    if "scipy.sparse" not in sys.modules:
        return None
    try:
        from scipy.sparse._sparsetools import csr_matvec
    except ImportError:  # another scipy layout: numpy's sums
        return None

    def scipy_kernel(indptr, indices, data, x, out):  # noqa: ANN001, ANN202
        csr_matvec(len(indptr) - 1, len(x), indptr, indices, data, x, out)

    return scipy_kernel


class ColumnScatter:
    """`matrix @ x` by the compiled `ColumnSums`: column by column over the columns where x
    is not 0, each adding its terms to its rows. For a matrix whose rows are stored in
    column order and whose entries are finite (`applies`), every row then adds the terms
    of scipy's kernel in its order, less terms data x 0 that change no sum: the same
    values bit for bit."""

    def __init__(self, matrix: SparseRows, compiled: ModuleType) -> None:
        order = column_order(matrix)  # by column, rows in order
        rows = matrix.entry_rows()[order]
        data = matrix.data[order]
        colptr = np.zeros(matrix.shape[1] + 1, dtype=np.int32)
        np.cumsum(np.bincount(matrix.indices, minlength=matrix.shape[1]), out=colptr[1:])
        # Each column's one value where all its entries have the same bits (a surface's km)
        first = np.zeros(matrix.shape[1])
        has = colptr[:-1] < colptr[1:]
        first[has] = data[colptr[:-1][has]]
        uniform = data.tobytes() == np.repeat(first, np.diff(colptr)).tobytes()
        narrow = matrix.shape[0] <= np.iinfo(np.uint16).max + 1
        self._sums = compiled.ColumnSums(
            colptr,
            rows.astype(np.uint16 if narrow else np.int32),
            first if uniform else np.zeros(0),
            np.zeros(0) if uniform else data,
            matrix.shape[0],
        )
        self.n_rows = matrix.shape[0]

    @staticmethod
    def applies(matrix: SparseRows) -> bool:
        """Rows stored in column order, finite entries (inf x 0 would be NaN, not 0)."""
        return matrix.rows_in_column_order() and bool(np.isfinite(matrix.data).all())

    def __call__(self, x: np.ndarray) -> np.ndarray:
        out = _zeros(self.n_rows)
        self._sums.matvec(x, out)
        return out


class ByColumn:
    """A non-negative matrix by column, for `matrix @ x` where x is zero outside a few
    columns: each row adds its terms in column order from zero, as the CSR kernel does,
    and leaves out only terms that are exactly +0, so the values are the same bit for
    bit."""

    def __init__(self, matrix: SparseRows) -> None:
        order = column_order(matrix)  # by column, rows in order
        rows, data = matrix.entry_rows()[order].astype(np.intp), matrix.data[order]
        bounds = np.searchsorted(matrix.indices[order], np.arange(matrix.shape[1] + 1))
        self.n_rows = matrix.shape[0]
        self._lengths = np.diff(bounds)
        # Each column's rows and entries, as views (a few columns are joined per hour).
        pairs = list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))
        self._rows = [rows[a:b] for a, b in pairs]
        self._data = [data[a:b] for a, b in pairs]

    def matvec(self, x: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """`matrix @ x` for x zero outside `cols` (ascending)."""
        listed = cols.tolist()
        if not self._lengths[cols].any():  # (np.bincount of nothing gives integers)
            return np.zeros(self.n_rows)
        terms = np.concatenate([self._data[j] for j in listed])
        terms *= np.repeat(x[cols], self._lengths[cols])
        return _bincount(np.concatenate([self._rows[j] for j in listed]), terms, self.n_rows)


def _count_matrix(
    mode: np.ndarray,
    people: np.ndarray,
    injury_p: np.ndarray,
    travel_at: np.ndarray,
    n_entries: int,
) -> SparseRows:
    """The counts x exposure-entries matrix of `RouteExposure.counts`: slips (bikes,
    walkers) and accidents (cars) weighted by each route's residents, injuries per mode by
    their summed injury propensity; each row holds its routes in route order, at the entry
    of their travelled km (`travel_at`), so every count sums its routes in that order."""
    rows = [mode != CAR, mode == CAR, mode == CAR, mode == BIKE, mode == WALK]
    weights = [people, people, injury_p, injury_p, injury_p]  # SLIPS .. INJURIES + WALK
    routes = [np.flatnonzero(r) for r in rows] + [np.zeros(0, np.int64)]  # + COMPLAINTS
    indptr = np.zeros(N_COUNTS + 1, dtype=np.int64)
    np.cumsum([len(r) for r in routes], out=indptr[1:])
    data = np.concatenate([w[r] for w, r in zip(weights, routes, strict=False)])
    indices = travel_at[np.concatenate(routes)].astype(np.int64)
    return SparseRows(indptr, indices, data, (N_COUNTS, n_entries))


class RouteExposure:
    """Per route: the slippery km travelled and on the treated roads along it, and what
    one trip's incident probability adds to each expected count.

    `travelled` and `service` are route x surface km matrices (walkers travel on the
    pavements; their treated roads are the carriageways alongside; for cars and bikes the
    two are the same). `priority` marks the priority network's segments: their
    carriageways carry most routes, and they are often all clear (salted first) while side
    streets and pavements are not.
    """

    def __init__(
        self,
        travelled: SparseRows,
        service: SparseRows,
        mode: np.ndarray,
        hazard: np.ndarray,
        people: np.ndarray,
        injury_p: np.ndarray,
        priority: np.ndarray,
    ) -> None:
        n_routes = len(mode)
        self.n_routes = n_routes
        walk = np.flatnonzero(mode == WALK)
        # One mat-vec gives every route's slippery km on its treated roads (first n_routes
        # entries; for cars and bikes the surfaces they travel), then the slippery km
        # walkers walk (their pavements), one entry per walkers' route.
        self.matrix = service.stacked(travelled.take_rows(walk))
        # Where each route's travelled km sit in that result, and each entry's hazard
        # (walkers' treated-road entries get one too; nothing reads them).
        travel_at = np.arange(n_routes)
        travel_at[walk] = n_routes + np.arange(len(walk))
        self._minus_hazard = np.empty(n_routes + len(walk))
        self._minus_hazard[:n_routes] = -hazard
        self._minus_hazard[travel_at] = -hazard
        self._priority = np.flatnonzero(priority)
        compiled = kernel("sim.agents._exposure_c")
        self.scatter = self.by_column = self._incidents = None
        if compiled is not None and ColumnScatter.applies(self.matrix):
            self.scatter = ColumnScatter(self.matrix, compiled)  # every hour, by column in C
        else:
            self._numpy_forms()
        minus_hazard = np.zeros(3)  # per mode (a route's hazard is its mode's)
        minus_hazard[mode] = -hazard
        if (
            compiled is not None
            and (np.diff(mode) >= 0).all()  # routes stored by mode, as `IncidentSums` needs
            and minus_hazard[mode].tobytes() == (-hazard).tobytes()
        ):
            per_mode = np.bincount(mode, minlength=3).tolist()  # cars, bikes, walkers
            self._incidents = compiled.IncidentSums(
                *per_mode, minus_hazard, people.astype(float), injury_p.astype(float)
            )
        else:
            self._counts = MatVec(
                _count_matrix(mode, people, injury_p, travel_at, len(self._minus_hazard)),
                loaded_kernel(),
                by_column=False,  # six rows: by place, the adds to one row are farther apart
            )

    def _numpy_forms(self) -> None:
        """The mat-vec's three forms without the compiled `ColumnScatter`."""
        csr_kernel = loaded_kernel()
        self._all = MatVec(self.matrix, csr_kernel)
        # The same by column, for hours with few slippery surfaces: only where no entry is
        # negative (then the terms left out are +0).
        if not (self.matrix.data < 0).any():
            self.by_column = ByColumn(self.matrix)
        # The matrix without the priority carriageways' columns, for hours when they are all
        # clear (their terms are then exactly +0): a fifth to a third of the entries.
        self._side_streets = MatVec(self.matrix.without_columns(self._priority), csr_kernel)

    def km(self, slip: np.ndarray) -> np.ndarray:
        """`matrix @ slip`: every route's slippery km on its treated roads, then the
        walkers' on their pavements (over the slippery surfaces' columns when few)."""
        if self.scatter is not None:
            return self.scatter(slip)
        if self.by_column is not None and (
            _count_nonzero(slip) <= FEW_SURFACES_SHARE * len(slip)
        ):  # counted first: finding the indices costs more, and is needed only then
            slippery = (slip != 0.0).nonzero()[0]  # = np.flatnonzero(slip), cheaper on floats
            return self.by_column.matvec(slip, slippery)
        if self.by_column is not None and not _count_nonzero(slip.take(self._priority)):
            return self._side_streets(slip)  # the priority roads are all clear
        return self._all(slip)

    def counts(self, km: np.ndarray, per_trip: float = 1.0) -> np.ndarray:
        """Expected slips, accidents and injuries per mode if every resident made one trip
        over the slippery `km` (from `km`): per count, the sum over its routes in route
        order of residents (or injury propensity) x one trip's incident probability
        1 - exp(-hazard x km); times `per_trip`. Complaints, the last entry, are 0 here."""
        if self._incidents is not None:  # the same in C, over the routes with slippery km
            incidents = self._incidents
            q = incidents.values[: incidents.risks(km)]
            _expm1(q, out=q)  # (elementwise: a value does not depend on the others)
            out = _empty(N_COUNTS)
            incidents.sums(out, per_trip)
            return out
        q = _multiply(self._minus_hazard, km)
        _expm1(q, out=q)  # minus each trip's incident probability
        # Summing the negated terms gives the negated sums exactly (rounding is symmetric
        # in sign), so one negation of the six sums replaces one of every route's.
        out = self._counts(q)
        _negative(out, out=out)
        return _multiply(out, per_trip, out=out)
