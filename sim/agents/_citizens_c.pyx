# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled kernel of the citizens' hour (sim/agents/citizens.py): the same elementwise
operations in the same order as its numpy path, so the same values bit for bit."""

import numpy as np

from libc.math cimport exp, sqrt
from libc.stdint cimport int32_t, int64_t


cdef class TripJudge:
    """Which routes' trips are bad this hour (mean slipperiness service km / route km
    above `bad_above`), and what that does to their residents' satisfaction."""

    cdef const double[::1] route_km
    cdef const float[::1] surely_fine  # (float: half the memory to read each hour)
    cdef const double[::1] complain_p
    cdef double[::1] listed
    cdef int32_t[::1] candidates
    cdef double bad_above
    cdef tuple args
    cdef readonly object bad_complain_p

    def __init__(self, route_km, double bad_above, surely_fine, complain_p):
        self.args = (route_km, bad_above, surely_fine, complain_p)
        self.route_km, self.bad_above = route_km, bad_above
        self.surely_fine, self.complain_p = surely_fine, complain_p
        cdef Py_ssize_t n = self.route_km.shape[0]
        if self.surely_fine.shape[0] != n or self.complain_p.shape[0] != n:
            raise ValueError("one value per route expected")
        self.bad_complain_p = np.empty(n)
        self.listed = self.bad_complain_p
        self.candidates = np.empty(n, dtype=np.int32)

    def __reduce__(self):
        return TripJudge, self.args  # (a model is deep-copied: the same arrays, copied)

    def judge(self, const double[::1] service_km, double[::1] satisfaction, double rate):
        """On routes with a bad trip satisfaction moves towards the trip's experience
        1 - min(1.5 x mean slipperiness, 1) by `rate`, and the route's complaint
        propensity is listed in `bad_complain_p`, in route order; returns how many.
        `surely_fine` is a little below bad_above x route_km: no division is needed at or
        below it (the exact quotient is then below bad_above, so its rounding is too)."""
        cdef Py_ssize_t i, r, n = self.route_km.shape[0], n_bad = 0, m = 0
        cdef double mean, experience, sat
        if service_km.shape[0] < n or satisfaction.shape[0] != n:
            raise ValueError("one value per route expected")
        with nogil:
            for r in range(n):  # the candidates, without branches (they are unpredictable)
                self.candidates[m] = <int32_t>r
                m += service_km[r] > self.surely_fine[r]
            for i in range(m):
                r = self.candidates[i]
                mean = service_km[r] / self.route_km[r]
                if mean > self.bad_above:
                    experience = 1.5 * mean
                    experience = 1.0 - (experience if experience < 1.0 else 1.0)
                    sat = satisfaction[r]
                    satisfaction[r] = sat + rate * (experience - sat)
                    self.listed[n_bad] = self.complain_p[r]
                    n_bad += 1
        return n_bad


def poisson_counts(const double[::1] uniforms, const double[::1] means, double large_mean,
                   int64_t[::1] counts):
    """citizens._poisson_counts in C (libm's exp and sqrt, as Python's math module): the
    Poisson count at each uniform, by inverting the CDF. Returns the counts' total, or -1
    without counting if a mean is above `large_mean` (the normal approximation is the
    caller's)."""
    cdef Py_ssize_t i, n = means.shape[0], total = 0
    cdef int64_t k
    cdef double u, mean, pmf, cdf, limit
    if uniforms.shape[0] != n or counts.shape[0] != n:
        raise ValueError("one uniform and one count per mean expected")
    for i in range(n):
        if means[i] > large_mean:
            return -1
    for i in range(n):
        u, mean, k = uniforms[i], means[i], 0
        if mean > 0.0:
            pmf = exp(-mean)
            cdf = pmf
            if u > cdf:  # (the usual case, u <= cdf: rare events, none this hour)
                limit = mean + 12.0 * sqrt(mean) + 12.0  # beyond it the tail is < 1e-15
                while u > cdf and k < limit:
                    k += 1
                    pmf = pmf * (mean / k)
                    cdf = cdf + pmf
        counts[i] = k
        total += k
    return total
