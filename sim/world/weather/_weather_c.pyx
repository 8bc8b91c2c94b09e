# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled kernels of the weather: the first-order filter of sim/world/weather/arrays.py
and the normal CDF of sim/normal.py, element by element with the same operations in the
same order (and the C library's exp, which sim.normal calls too), so the same values bit
for bit."""

from libc.math cimport copysign, exp, fabs

import numpy as np

from sim.normal import _P, _Q, _R, _S, _T, _U, MAXLOG, SQRT1_2

# The coefficients as C arrays: (count, c[0], ..., c[count - 1]) each.
cdef double P[16]
cdef double Q[16]
cdef double R[16]
cdef double S[16]
cdef double T[16]
cdef double U[16]
cdef double C_MAXLOG = MAXLOG
cdef double C_SQRT1_2 = SQRT1_2


cdef void _load(double* into, tuple coef):
    into[0] = len(coef)
    for i, c in enumerate(coef):
        into[i + 1] = c


_load(P, _P)
_load(Q, _Q)
_load(R, _R)
_load(S, _S)
_load(T, _T)
_load(U, _U)


cdef inline double polevl(double x, const double* coef) noexcept nogil:
    """coef[0] x^n + ... + coef[n] by Horner's rule (sim.normal._polevl)."""
    cdef int i, n = <int>coef[0]
    cdef double ans = coef[1]
    for i in range(2, n + 1):
        ans = ans * x + coef[i]
    return ans


cdef inline double p1evl(double x, const double* coef) noexcept nogil:
    """x^n + coef[0] x^(n-1) + ... + coef[n-1] (sim.normal._p1evl)."""
    cdef int i, n = <int>coef[0]
    cdef double ans = x + coef[1]
    for i in range(2, n + 1):
        ans = ans * x + coef[i]
    return ans


def ndtr(a):
    """sim.normal.ndtr(a): the standard normal CDF at every element, the same values."""
    x_in = np.ascontiguousarray(a, dtype=float)
    out = np.empty_like(x_in)
    cdef const double[::1] src = x_in.reshape(-1)
    cdef double[::1] dst = out.reshape(-1)
    cdef Py_ssize_t i, n = src.shape[0]
    cdef double x, z, s, s2, minus_sq, e, p, q, erfc, half
    with nogil:
        for i in range(n):
            x = src[i] * C_SQRT1_2
            z = fabs(x)
            if z != z:  # NaN: numpy's path gives NaN
                dst[i] = z
            elif z < 1.0:  # 0.5 + 0.5 erf(x), erf odd: computed on |x| and given x's sign
                s2 = z * z
                dst[i] = 0.5 + 0.5 * copysign(z * polevl(s2, T) / p1evl(s2, U), x)
            else:  # 0.5 erfc(|x|), and 1 minus that above the median
                s = 27.0 if z > 27.0 else z
                minus_sq = -s * s
                e = exp(minus_sq)
                if s < 8.0:
                    p, q = polevl(s, P), p1evl(s, Q)
                else:
                    p, q = polevl(s, R), p1evl(s, S)
                erfc = e * p / q
                if minus_sq < -C_MAXLOG:
                    erfc = 0.0
                half = 0.5 * erfc
                dst[i] = 1.0 - half if x > 0 else half
    return out


def first_order(x, double gain, double pole, state):
    """sim.world.weather.arrays.first_order(x, gain, pole, state) along the last axis:
    y[k] = s + gain * x[k], then s = pole * y[k], from `state` (a number, or one per row)."""
    x_in = np.ascontiguousarray(x, dtype=float)
    lead = tuple(x_in.shape)[:x_in.ndim - 1]  # (no negative indices: wraparound is off)
    rows_in = x_in.reshape(int(np.prod(lead)), x_in.shape[x_in.ndim - 1])
    out = np.empty_like(rows_in)
    starts = np.ascontiguousarray(np.broadcast_to(np.asarray(state, dtype=float), lead),
                                  dtype=float).reshape(rows_in.shape[0])
    cdef const double[:, ::1] src = rows_in
    cdef double[:, ::1] dst = out
    cdef const double[::1] s0 = starts
    cdef Py_ssize_t r, k, rows = src.shape[0], cols = src.shape[1]
    cdef double s, y
    with nogil:
        for r in range(rows):
            s = s0[r]
            for k in range(cols):
                y = s + gain * src[r, k]
                dst[r, k] = y
                s = pole * y
    return out.reshape(x_in.shape)
