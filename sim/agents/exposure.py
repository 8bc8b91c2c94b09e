"""The citizens' hourly exposure: slippery km on every route and the expected incidents.

One sparse mat-vec a slippery hour (`RouteExposure.km`), bit for bit the values of
``matrix @ slipperiness``: scipy's kernel is called directly and every sum runs in column
order from zero. In hours when few surfaces are slippery only their columns are summed;
the terms left out are exactly +0 (no entry is negative), so the values are the same.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

CAR, BIKE, WALK = 0, 1, 2
# Layout of the hourly vector of expected counts (one Poisson draw per hour).
SLIPS, ACCIDENTS, INJURIES, COMPLAINTS = 0, 1, 2, 5  # injuries: 2 car, 3 bike, 4 walk
N_COUNTS = 6
# When at most this share of the surfaces is slippery, the exposure is summed over their
# columns only (most hours with any risk have a few icy spots, not a glazed town) [-].
FEW_SURFACES_SHARE = 0.05
try:  # scipy's kernels behind `csr_matrix @ vector` and `csc_matrix @ vector`, called directly
    from scipy.sparse._sparsetools import csc_matvec as _csc_matvec
    from scipy.sparse._sparsetools import csr_matvec as _csr_matvec
except ImportError:  # another scipy layout: the public operator, same values
    _csr_matvec = _csc_matvec = None
_count_nonzero, _expm1, _multiply, _negative = (np.count_nonzero, np.expm1, np.multiply,
                                                np.negative)


def _matvec(matrix: sparse.csr_matrix, x: np.ndarray) -> np.ndarray:
    """`matrix @ x` for a float CSR matrix and vector: the same kernel and the same values
    (scipy starts from zeros and sums each row in its stored order), called directly."""
    if _csr_matvec is None:
        return matrix @ x
    n_rows, n_cols = matrix.shape
    out = np.zeros(n_rows)
    _csr_matvec(n_rows, n_cols, matrix.indptr, matrix.indices, matrix.data, x, out)
    return out


class ByColumn:
    """A non-negative CSR matrix by column (sorted), for `matrix @ x` where x is zero
    outside a few columns: each row adds its terms in column order from zero, as the CSR
    kernel does, and leaves out only terms that are exactly +0, so the values are the same
    bit for bit."""

    def __init__(self, matrix: sparse.csr_matrix) -> None:
        by_column = matrix.tocsc()
        by_column.sort_indices()
        self.n_rows = matrix.shape[0]
        self._lengths = np.diff(by_column.indptr)
        # Each column's rows and entries, as views (a few columns are joined per hour).
        bounds = list(zip(by_column.indptr[:-1].tolist(), by_column.indptr[1:].tolist(),
                          strict=True))
        self._rows = [by_column.indices[a:b] for a, b in bounds]
        self._data = [by_column.data[a:b] for a, b in bounds]

    def matvec(self, x: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """`matrix @ x` for x zero outside `cols` (ascending)."""
        out = np.zeros(self.n_rows)
        listed = cols.tolist()
        if listed:
            ptr = np.zeros(len(listed) + 1, dtype=self._lengths.dtype)
            np.cumsum(self._lengths[cols], out=ptr[1:])
            rows, data = self._rows, self._data
            _csc_matvec(self.n_rows, len(listed), ptr,
                        np.concatenate([rows[j] for j in listed]),
                        np.concatenate([data[j] for j in listed]), x[cols], out)
        return out


def _count_matrix(mode: np.ndarray, people: np.ndarray, injury_p: np.ndarray,
                  travel_at: np.ndarray, n_entries: int) -> sparse.csr_matrix:
    """The counts x exposure-entries matrix of `RouteExposure.counts`: slips (bikes,
    walkers) and accidents (cars) weighted by each route's residents, injuries per mode by
    their summed injury propensity; each row holds its routes in route order, at the entry
    of their travelled km (`travel_at`), so every count sums its routes in that order."""
    rows = [mode != CAR, mode == CAR, mode == CAR, mode == BIKE, mode == WALK]
    weights = [people, people, injury_p, injury_p, injury_p]  # SLIPS .. INJURIES + WALK
    routes = [np.flatnonzero(r) for r in rows] + [np.zeros(0, np.int64)]  # + COMPLAINTS
    indptr = np.zeros(N_COUNTS + 1, dtype=np.int32)
    np.cumsum([len(r) for r in routes], out=indptr[1:])
    data = np.concatenate([w[r] for w, r in zip(weights, routes, strict=False)])
    indices = travel_at[np.concatenate(routes)].astype(np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(N_COUNTS, n_entries))


def _without_columns(matrix: sparse.csr_matrix, cols: np.ndarray) -> sparse.csr_matrix:
    """`matrix` without its entries in `cols`; the other entries keep their columns and
    their order in each row."""
    dropped = np.zeros(matrix.shape[1], dtype=bool)
    dropped[cols] = True
    keep = ~dropped[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    indptr = np.zeros_like(matrix.indptr)
    np.cumsum(np.bincount(rows[keep], minlength=matrix.shape[0]), out=indptr[1:])
    return sparse.csr_matrix((matrix.data[keep], matrix.indices[keep], indptr),
                             shape=matrix.shape)


class RouteExposure:
    """Per route: the slippery km travelled and on the treated roads along it, and what
    one trip's incident probability adds to each expected count.

    `travelled` and `service` are route x surface km matrices (walkers travel on the
    pavements; their treated roads are the carriageways alongside; for cars and bikes the
    two are the same). `priority` marks the priority network's segments: their
    carriageways carry most routes, and they are often all clear (salted first) while side
    streets and pavements are not.
    """

    def __init__(self, travelled: sparse.csr_matrix, service: sparse.csr_matrix,
                 mode: np.ndarray, hazard: np.ndarray, people: np.ndarray,
                 injury_p: np.ndarray, priority: np.ndarray) -> None:
        n_routes = len(mode)
        self.n_routes = n_routes
        walk = np.flatnonzero(mode == WALK)
        # One mat-vec gives every route's slippery km on its treated roads (first n_routes
        # entries; for cars and bikes the surfaces they travel), then the slippery km
        # walkers walk (their pavements), one entry per walkers' route.
        self.matrix = sparse.vstack([service, travelled[walk]], format="csr")
        # Where each route's travelled km sit in that result, and each entry's hazard
        # (walkers' treated-road entries get one too; nothing reads them).
        travel_at = np.arange(n_routes)
        travel_at[walk] = n_routes + np.arange(len(walk))
        self._minus_hazard = np.empty(n_routes + len(walk))
        self._minus_hazard[:n_routes] = -hazard
        self._minus_hazard[travel_at] = -hazard
        self._count_matrix = _count_matrix(mode, people, injury_p, travel_at,
                                           len(self._minus_hazard))
        # The same in CSC form, for hours with few slippery surfaces: only where the CSR
        # rows are in column order and no entry is negative.
        self.by_column = None
        if (_csc_matvec is not None and self.matrix.has_sorted_indices
                and not (self.matrix.data < 0).any()):
            self.by_column = ByColumn(self.matrix)
        # The matrix without the priority carriageways' columns, for hours when they are all
        # clear (their terms are then exactly +0): a fifth to a third of the entries.
        self._priority = np.flatnonzero(priority)
        self._side_streets = _without_columns(self.matrix, self._priority)

    def km(self, slip: np.ndarray) -> np.ndarray:
        """`matrix @ slip`: every route's slippery km on its treated roads, then the
        walkers' on their pavements (over the slippery surfaces' columns when few)."""
        if self.by_column is not None and (
            _count_nonzero(slip) <= FEW_SURFACES_SHARE * len(slip)
        ):  # counted first: finding the indices costs more, and is needed only then
            slippery = (slip != 0.0).nonzero()[0]  # = np.flatnonzero(slip), cheaper on floats
            return self.by_column.matvec(slip, slippery)
        if self.by_column is not None and not _count_nonzero(slip.take(self._priority)):
            return _matvec(self._side_streets, slip)  # the priority roads are all clear
        return _matvec(self.matrix, slip)

    def counts(self, km: np.ndarray) -> np.ndarray:
        """Expected slips, accidents and injuries per mode if every resident made one trip
        over the slippery `km` (from `km`): per count, the sum over its routes in route
        order of residents (or injury propensity) x one trip's incident probability
        1 - exp(-hazard x km). Complaints, the last entry, are 0 here."""
        q = _multiply(self._minus_hazard, km)
        _expm1(q, out=q)  # minus each trip's incident probability
        # Summing the negated terms gives the negated sums exactly (rounding is symmetric
        # in sign), so one negation of the six sums replaces one of every route's.
        out = _matvec(self._count_matrix, q)
        return _negative(out, out=out)
