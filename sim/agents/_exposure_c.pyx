# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled kernels of the citizens' exposure (sim/agents/exposure.py): the sums in the
order that module documents, so the values equal its numpy path bit for bit."""

from libc.stdint cimport int64_t


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
