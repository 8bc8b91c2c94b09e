# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled shortest-path trees (sim/agents/routing.py `_tree_predecessors`): the same
predecessors, or None where that function finds a tie.

Distances by Dijkstra from each source: with positive weights they are the one fixed point
of routing.py's relaxation, the same floats (each is d(u) + weight in double, no fused
multiply-add). The predecessor of each node is then chosen by routing.py's rule, edge by
edge: among the edges u -> w with d(u) + weight == d(w) and d(u) finite, the one with the
smallest d(u); two such, or one with d(u) >= d(w), is a tie (None).
"""

import numpy as np

from libc.math cimport INFINITY
from libc.stdint cimport int32_t, int64_t
from libc.stdlib cimport free, malloc

DEF UNREACHED = -9999  # routing.UNREACHED


cdef inline void _push(double* key, int32_t* node, Py_ssize_t* size, double d,
                       int32_t v) noexcept nogil:
    """Put (d, v) in the binary heap of `size` entries."""
    cdef Py_ssize_t i = size[0], parent
    size[0] += 1
    while i > 0:
        parent = (i - 1) >> 1
        if key[parent] <= d:
            break
        key[i], node[i] = key[parent], node[parent]
        i = parent
    key[i], node[i] = d, v


cdef inline void _pop(double* key, int32_t* node, Py_ssize_t* size) noexcept nogil:
    """Remove the heap's first entry (read it before)."""
    cdef Py_ssize_t n = size[0] - 1, i = 0, child
    cdef double d = key[n]
    cdef int32_t v = node[n]
    size[0] = n
    while True:
        child = 2 * i + 1
        if child >= n:
            break
        if child + 1 < n and key[child + 1] < key[child]:
            child += 1
        if d <= key[child]:
            break
        key[i], node[i] = key[child], node[child]
        i = child
    key[i], node[i] = d, v


cdef void _dijkstra(Py_ssize_t n_nodes, const int64_t* out_ptr, const int32_t* out_head,
                    const double* out_weight, Py_ssize_t source, double* dist,
                    char* done, double* key, int32_t* node) noexcept nogil:
    """Every node's distance from `source` (INFINITY where no path leads)."""
    cdef Py_ssize_t i, e, size = 0
    cdef int32_t u, w
    cdef double d
    for i in range(n_nodes):
        dist[i] = INFINITY
        done[i] = 0
    dist[source] = 0.0
    _push(key, node, &size, 0.0, <int32_t>source)
    while size:
        u = node[0]
        _pop(key, node, &size)
        if done[u]:
            continue
        done[u] = 1
        for e in range(out_ptr[u], out_ptr[u + 1]):
            w = out_head[e]
            d = dist[u] + out_weight[e]
            if d < dist[w]:
                dist[w] = d
                _push(key, node, &size, d, w)


def tree_predecessors(Py_ssize_t n_nodes, tail, head, weight, sources):
    """`routing._tree_predecessors(n_nodes, tail, head, weight, sources)`: pred[i, node]
    as int32, or None where a tie leaves a predecessor open."""
    cdef Py_ssize_t i, s, w, e, n_chosen
    cdef int32_t chosen_from
    cdef double via, nearest, dw
    cdef bint tie = False
    t_a = np.ascontiguousarray(tail, dtype=np.int64)
    h_a = np.ascontiguousarray(head, dtype=np.int64)
    w_a = np.ascontiguousarray(weight, dtype=np.float64)
    cdef const int64_t[::1] t = t_a
    cdef const int64_t[::1] h = h_a
    cdef const double[::1] wt = w_a
    cdef const int64_t[::1] src = np.ascontiguousarray(sources, dtype=np.int64)
    cdef Py_ssize_t n_edges = t.shape[0], n_src = src.shape[0]
    if h.shape[0] != n_edges or wt.shape[0] != n_edges:
        raise ValueError("one head and one weight per tail expected")
    for i in range(n_edges):
        if not (0 <= t[i] < n_nodes and 0 <= h[i] < n_nodes):
            raise ValueError("an edge's node is out of range")
    for i in range(n_src):
        if not 0 <= src[i] < n_nodes:
            raise ValueError("a source is out of range")
    # Edges out of each node (for Dijkstra) and into each node (for the predecessors).
    out_ptr_a = np.zeros(n_nodes + 1, dtype=np.int64)
    in_ptr_a = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(t_a, minlength=n_nodes), out=out_ptr_a[1:])
    np.cumsum(np.bincount(h_a, minlength=n_nodes), out=in_ptr_a[1:])
    by_tail = np.argsort(t_a, kind="stable")
    by_head = np.argsort(h_a, kind="stable")
    cdef const int64_t[::1] out_ptr = out_ptr_a
    cdef const int64_t[::1] in_ptr = in_ptr_a
    cdef const int32_t[::1] out_head = h_a[by_tail].astype(np.int32)
    cdef const double[::1] out_weight = w_a[by_tail]
    cdef const int32_t[::1] in_tail = t_a[by_head].astype(np.int32)
    cdef const double[::1] in_weight = w_a[by_head]
    pred_a = np.empty((n_src, n_nodes), dtype=np.int32)
    cdef int32_t[:, ::1] pred = pred_a
    dist_a = np.empty(n_nodes)
    cdef double[::1] dist = dist_a
    heap_key_a = np.empty(n_edges + 1)
    heap_node_a = np.empty(n_edges + 1, dtype=np.int32)
    cdef double[::1] heap_key = heap_key_a
    cdef int32_t[::1] heap_node = heap_node_a
    cdef char* done = <char*>malloc(n_nodes + 1)
    if done == NULL:
        raise MemoryError()
    try:
        with nogil:
            for s in range(n_src):
                _dijkstra(n_nodes, &out_ptr[0], &out_head[0] if n_edges else NULL,
                          &out_weight[0] if n_edges else NULL, src[s], &dist[0], done,
                          &heap_key[0], &heap_node[0])
                for w in range(n_nodes):
                    dw = dist[w]
                    nearest = INFINITY
                    n_chosen = 0
                    chosen_from = UNREACHED
                    for e in range(in_ptr[w], in_ptr[w + 1]):
                        via = dist[in_tail[e]]
                        if via + in_weight[e] == dw and via < INFINITY:
                            if via < nearest:
                                nearest, n_chosen, chosen_from = via, 1, in_tail[e]
                            elif via == nearest:
                                n_chosen += 1
                    if n_chosen > 1 or (n_chosen == 1 and nearest >= dw):
                        tie = True
                        break
                    pred[s, w] = chosen_from
                if tie:
                    break
                pred[s, src[s]] = UNREACHED
    finally:
        free(done)
    return None if tie else pred_a
