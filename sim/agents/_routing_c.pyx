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



cdef Py_ssize_t _walk(const int32_t[:, ::1] pred, int64_t tree, int64_t cur, int64_t goal,
                      int64_t* cur_at, int64_t* next_at) noexcept nogil:
    """The steps from `cur` along tree `tree` to `goal` or where the tree ends; with
    `cur_at`, each step's two nodes are written there and at `next_at`."""
    cdef Py_ssize_t steps = 0
    cdef int64_t nxt
    while cur != goal:
        nxt = pred[tree, cur]
        if nxt < 0 or nxt >= pred.shape[1]:
            break
        if cur_at != NULL:
            cur_at[steps], next_at[steps] = cur, nxt
        steps += 1
        cur = nxt
    return steps


def walk_paths(const int32_t[:, ::1] pred, const int64_t[::1] tree, const int64_t[::1] start,
               const int64_t[::1] goal, const int64_t[::1] sorted_keys,
               const int64_t[::1] by_key, int64_t n_nodes):
    """`routing.walk_paths`: path i from start[i] along tree pred[tree[i]] to goal[i] (or
    to where the tree ends); returns (path, edge) of every step, path by path in order."""
    cdef Py_ssize_t k = start.shape[0], n_keys = sorted_keys.shape[0]
    cdef Py_ssize_t i, j, n_steps = 0, at = 0, steps, lo, hi, mid
    cdef int64_t a, b, key
    if tree.shape[0] != k or goal.shape[0] != k:
        raise ValueError("one tree, start and goal per path expected")
    for i in range(k):
        if not (0 <= tree[i] < pred.shape[0] and 0 <= start[i] < pred.shape[1]
                and 0 <= goal[i] < pred.shape[1]):
            raise ValueError("a path's tree or node is out of range")
    with nogil:  # the steps, to size the result
        for i in range(k):
            n_steps += _walk(pred, tree[i], start[i], goal[i], NULL, NULL)
    path_a = np.empty(n_steps, dtype=np.int64)
    edge_a = np.empty(n_steps, dtype=np.int64)
    nodes_a = np.empty(n_steps, dtype=np.int64)  # each step's next node
    cdef int64_t[::1] path = path_a
    cdef int64_t[::1] edge = edge_a  # each step's first node, then its edge
    cdef int64_t[::1] nodes = nodes_a
    with nogil:
        for i in range(k):
            steps = _walk(pred, tree[i], start[i], goal[i], &edge[at] if n_steps else NULL,
                          &nodes[at] if n_steps else NULL)
            for j in range(at, at + steps):
                a, b = edge[j], nodes[j]
                key = (a if a < b else b) * n_nodes + (b if a < b else a)
                lo, hi = 0, n_keys  # np.searchsorted(sorted_keys, key): the first not below
                while lo < hi:
                    mid = (lo + hi) >> 1
                    if sorted_keys[mid] < key:
                        lo = mid + 1
                    else:
                        hi = mid
                path[j] = i
                edge[j] = by_key[lo] if lo < n_keys else -1
            at += steps
    if (edge_a < 0).any():
        raise ValueError("a step has no edge")
    return path_a, edge_a
