# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled kernels of the citizens' exposure (sim/agents/exposure.py): the sums in the
order that module documents, so the values equal its numpy path bit for bit."""

import numpy as np

from libc.stdint cimport int32_t, int64_t, uint16_t


def csr_matvec(const int64_t[::1] indptr, const int64_t[::1] indices,
               const double[::1] data, const double[::1] x, double[::1] out):
    """out[i] = sum over row i's stored entries, in stored order from 0.0, of data * x:
    scipy's CSR kernel (sparsetools csr_matvec), so the same sums bit for bit."""
    cdef Py_ssize_t i, jj, n = out.shape[0]
    cdef double total
    with nogil:
        for i in range(n):
            total = 0.0
            for jj in range(indptr[i], indptr[i + 1]):
                total = total + data[jj] * x[indices[jj]]
            out[i] = total


ctypedef fused row_t:
    uint16_t
    int32_t


cdef void _scatter(const int32_t* colptr, const row_t* rows, const double* value,
                   const double* data, bint uniform, Py_ssize_t n, const double* x,
                   int32_t* nonzero, double* out) noexcept nogil:
    """`ColumnSums.matvec` on raw arrays, for either width of row numbers."""
    cdef Py_ssize_t i, j, k, m = 0
    cdef double xj, v
    for j in range(n):  # the columns to sum, without branches (they are unpredictable)
        nonzero[m] = <int32_t>j
        m += x[j] != 0.0
    for i in range(m):
        j = nonzero[i]
        xj = x[j]
        if uniform:
            v = value[j] * xj  # = data x x of every entry of the column
            for k in range(colptr[j], colptr[j + 1]):
                out[rows[k]] = out[rows[k]] + v
        else:
            for k in range(colptr[j], colptr[j + 1]):
                out[rows[k]] = out[rows[k]] + data[k] * xj


cdef class ColumnSums:
    """matrix @ x by column, over the columns where x is not 0: column j's entries are rows
    [colptr[j]:colptr[j + 1]], each of value `value[j]` (the route matrices hold a surface's
    km in its column: 2-4 bytes of memory an entry instead of 12), or `data` if not uniform.
    Row numbers as uint16 where they fit (half the memory to read), else int32.

    With out at +0.0 and every row stored in column order, each row adds the CSR kernel's
    terms in its order, leaving out only terms data x 0 = ±0, which change no sum started
    at +0.0 (such a sum is never -0.0): the same sums bit for bit, for finite data."""

    cdef const int32_t[::1] colptr
    cdef object rows  # uint16 or int32 numbers, kept alive for the pointer below
    cdef const uint16_t* rows16
    cdef const int32_t* rows32
    cdef const double[::1] value
    cdef const double[::1] data
    cdef bint uniform
    cdef int32_t[::1] nonzero
    cdef tuple args
    cdef readonly Py_ssize_t n_rows

    def __init__(self, colptr_array, rows, value_array, data_array, Py_ssize_t n_rows):
        cdef const int32_t[::1] colptr = colptr_array
        cdef const double[::1] value = value_array
        cdef const double[::1] data = data_array
        cdef const uint16_t[::1] narrow
        cdef const int32_t[::1] wide
        cdef Py_ssize_t n = colptr.shape[0] - 1, nnz = colptr[n], e
        self.args = (colptr_array, rows, value_array, data_array, n_rows)
        self.uniform = data.shape[0] == 0
        if (self.uniform and value.shape[0] != n) or (not self.uniform and data.shape[0] != nnz):
            raise ValueError("one value per column, or one datum per entry")
        for e in range(n):
            if not 0 <= colptr[e] <= colptr[e + 1]:
                raise ValueError("columns out of order")
        self.rows16, self.rows32 = NULL, NULL
        if rows.dtype == np.uint16:
            narrow = rows
            if narrow.shape[0] != nnz:
                raise ValueError("one row number per entry")
            for e in range(nnz):
                if narrow[e] >= n_rows:
                    raise ValueError("a row out of range")
            self.rows16 = &narrow[0] if nnz else NULL
        else:
            wide = rows
            if wide.shape[0] != nnz:
                raise ValueError("one row number per entry")
            for e in range(nnz):
                if not 0 <= wide[e] < n_rows:
                    raise ValueError("a row out of range")
            self.rows32 = &wide[0] if nnz else NULL
        self.colptr, self.rows, self.value, self.data = colptr, rows, value, data
        self.n_rows = n_rows
        self.nonzero = np.empty(n, dtype=np.int32)

    def __reduce__(self):
        return ColumnSums, self.args  # (a model is deep-copied: the same arrays, copied)

    def matvec(self, const double[::1] x, double[::1] out):
        """out += matrix @ x (out: n_rows values, all +0.0 for the sums above)."""
        cdef Py_ssize_t n = self.colptr.shape[0] - 1
        if x.shape[0] != n or out.shape[0] != self.n_rows:
            raise ValueError("x must have one value per column, out one per row")
        if self.colptr[n] == 0:
            return
        cdef const double* value = NULL
        cdef const double* data = NULL
        if self.uniform:
            value = &self.value[0]
        else:
            data = &self.data[0]
        with nogil:
            if self.rows16 != NULL:
                _scatter(&self.colptr[0], self.rows16, value, data, self.uniform, n, &x[0],
                         &self.nonzero[0], &out[0])
            else:
                _scatter(&self.colptr[0], self.rows32, value, data, self.uniform, n, &x[0],
                         &self.nonzero[0], &out[0])


cdef class IncidentSums:
    """The six expected counts' sums of exposure._count_matrix (slips over the routes of
    bikes and walkers, accidents over the cars', injuries per mode, each in route order
    from 0.0, of residents or injury propensity x the route's -incident probability
    expm1(-hazard x km)), for routes stored by mode (`n_cars` cars, then bikes, then
    walkers, whose travelled km follow every route's treated km): `risks` lists
    -hazard x km of the routes whose travelled km are not 0, numpy takes expm1 of
    `values[:m]` in place, `sums` adds them up. The routes left out add -0.0
    (= expm1(-hazard x 0)) to sums that start at +0.0, which changes none of them."""

    cdef Py_ssize_t n, n_cars, first_walker, m, m_cars, m_bikes
    cdef double minus_hazard[3]
    cdef const double[::1] people
    cdef const double[::1] injury_p
    cdef int32_t[::1] listed  # the routes with km, in route order
    cdef double[::1] q
    cdef tuple args
    cdef readonly object values

    def __init__(self, Py_ssize_t n_cars, Py_ssize_t n_bikes, Py_ssize_t n_walkers,
                 minus_hazard_array, people, injury_p):
        cdef const double[::1] minus_hazard = minus_hazard_array
        cdef Py_ssize_t r
        self.args = (n_cars, n_bikes, n_walkers, minus_hazard_array, people, injury_p)
        self.people, self.injury_p = people, injury_p
        self.n = n_cars + n_bikes + n_walkers
        if min(n_cars, n_bikes, n_walkers) < 0 or minus_hazard.shape[0] != 3 \
                or self.people.shape[0] != self.n or self.injury_p.shape[0] != self.n:
            raise ValueError("one value per route, -hazard per mode expected")
        self.n_cars, self.first_walker = n_cars, n_cars + n_bikes
        for r in range(3):
            self.minus_hazard[r] = minus_hazard[r]
        self.listed = np.empty(self.n, dtype=np.int32)
        self.values = np.empty(self.n)
        self.q = self.values
        self.m = self.m_cars = self.m_bikes = 0

    def __reduce__(self):
        return IncidentSums, self.args  # (a model is deep-copied: the same arrays, copied)

    def risks(self, const double[::1] km):
        """values[:m] = -hazard x km of the routes whose travelled km are not 0, in route
        order; returns m. km: every route's treated km, then the walkers' travelled km."""
        cdef Py_ssize_t r, m = 0, n = self.n, walker = self.n - self.first_walker
        cdef double k
        if km.shape[0] != n + (n - self.first_walker):
            raise ValueError("km must have a value per route and one more per walker")
        if n == 0:
            return 0
        cdef const double* x = &km[0]
        cdef double* q = &self.q[0]
        cdef int32_t* listed = &self.listed[0]
        with nogil:  # no branches: which routes have km is not predictable
            m = _list(x, 0, self.n_cars, 0, self.minus_hazard[0], q, listed, m)
            self.m_cars = m
            m = _list(x, self.n_cars, self.first_walker, 0, self.minus_hazard[1], q, listed, m)
            self.m_bikes = m - self.m_cars
            m = _list(x, self.first_walker, n, walker, self.minus_hazard[2], q, listed, m)
        self.m = m
        return m

    def sums(self, double[::1] out, double per_trip):
        """out = minus the six sums over the routes `risks` listed, their values taken
        expm1 of (the cars' and the others' side by side: two chains of adds at once),
        times `per_trip`."""
        if out.shape[0] != 6:
            raise ValueError("six counts")
        cdef double slips = 0.0, accidents = 0.0, car = 0.0, bike = 0.0, walk = 0.0
        if self.m:
            with nogil:
                slips, accidents, car, bike, walk = _five_sums(
                    &self.listed[0], &self.q[0], &self.people[0], &self.injury_p[0],
                    self.m_cars, self.m_cars + self.m_bikes, self.m)
        out[0], out[1], out[2] = -slips * per_trip, -accidents * per_trip, -car * per_trip
        out[3], out[4], out[5] = -bike * per_trip, -walk * per_trip, -0.0 * per_trip


cdef inline Py_ssize_t _list(const double* x, Py_ssize_t start, Py_ssize_t stop,
                             Py_ssize_t shift, double minus_hazard, double* q,
                             int32_t* listed, Py_ssize_t m) noexcept nogil:
    """Routes start..stop-1 (their km at x[route + shift]) into the list from place m."""
    cdef Py_ssize_t r
    cdef double k
    for r in range(start, stop):
        k = x[r + shift]
        q[m] = minus_hazard * k
        listed[m] = <int32_t>r
        m += k != 0.0
    return m


cdef (double, double, double, double, double) _five_sums(
        const int32_t* listed, const double* v, const double* people,
        const double* injury_p, Py_ssize_t m_cars, Py_ssize_t m_walkers,
        Py_ssize_t m) noexcept nogil:
    """`IncidentSums.sums` on raw arrays: the cars' values are v[:m_cars], the bikes'
    v[m_cars:m_walkers], the walkers' v[m_walkers:m]."""
    cdef Py_ssize_t a = 0, b = m_cars
    cdef int32_t r
    cdef double slips = 0.0, accidents = 0.0, car = 0.0, bike = 0.0, walk = 0.0
    while a < m_cars or b < m:
        if a < m_cars:
            r = listed[a]
            accidents = accidents + people[r] * v[a]
            car = car + injury_p[r] * v[a]
            a += 1
        if b < m:
            r = listed[b]
            slips = slips + people[r] * v[b]
            if b < m_walkers:  # a bike
                bike = bike + injury_p[r] * v[b]
            else:
                walk = walk + injury_p[r] * v[b]
            b += 1
    return slips, accidents, car, bike, walk
