"""Shortest-path trees over the street graph, as scipy's Dijkstra gives them, without scipy.

`predecessors` returns what ``scipy.sparse.csgraph.dijkstra(graph, indices=sources,
return_predecessors=True)`` returns for a graph of positive edge weights, ties included:
importing scipy.sparse for it cost about a tenth of a second of every fresh ``regie run``.

Distances: Bellman-Ford, all sources at once (every node's distance is relaxed from its
neighbours until nothing changes). With positive weights the distances Dijkstra computes,
d(w) = d(u) + weight(u, w) in floating point along the tree, are the one fixed point of
that relaxation, so both give the same floats. Predecessors: scipy's Dijkstra pops nodes
in order of distance and replaces a node's predecessor only by a strictly shorter way, so
a node's predecessor is, among the neighbours u with d(u) + weight(u, w) == d(w), the one
with the smallest d(u). Where two such neighbours are equally far (a tie the heap's order
would settle) or a weight is not positive, the graph goes to scipy's own Dijkstra: the
result is scipy's in every case. With the compiled kernels (sim/agents/_routing_c.pyx)
the distances come from Dijkstra in C (the same floats: the one fixed point) and the
predecessors by the same rule.
"""

from __future__ import annotations

import numpy as np

from sim.compiled import kernel

UNREACHED = -9999  # scipy's predecessor of a source and of an unreachable node


def predecessors(
    n_nodes: int, u: np.ndarray, v: np.ndarray, weights: np.ndarray, sources: np.ndarray
) -> np.ndarray:
    """pred[i, node]: the node before `node` on a shortest path from `sources[i]` over the
    undirected edges u-v with `weights` (each weighted the same both ways); UNREACHED at
    the source and where no path leads."""
    tail = np.concatenate([u, v])  # directed edges tail -> head, both ways
    head = np.concatenate([v, u])
    weight = np.concatenate([weights, weights]).astype(float)
    if (
        len(sources) == 0
        or not (weight > 0).all()
        or len(np.unique(tail * n_nodes + head)) != len(tail)
    ):  # loops, multi-edges
        return _scipy_predecessors(n_nodes, tail, head, weight, sources)
    compiled = kernel("sim.agents._routing_c")  # the same trees by Dijkstra in C, or None
    tree = _tree_predecessors if compiled is None else compiled.tree_predecessors
    pred = tree(n_nodes, tail, head, weight, np.asarray(sources))
    if pred is None:  # a tie between equally far neighbours
        return _scipy_predecessors(n_nodes, tail, head, weight, sources)
    return pred


def _tree_predecessors(
    n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray, sources: np.ndarray
) -> np.ndarray | None:
    """Predecessors from the relaxation's fixed point; None where a tie leaves them open."""
    # The edges into each node in slots [slot, node]; empty slots come from node n_nodes,
    # which nothing reaches (its distance stays infinite).
    order = np.argsort(head, kind="stable")
    tail, head, weight = tail[order], head[order], weight[order]
    first = np.searchsorted(head, head)  # each edge's rank among the edges into its head
    slot = np.arange(len(head)) - first
    n_slots = int(slot.max()) + 1 if len(slot) else 1
    from_ = np.full((n_slots, n_nodes), n_nodes)
    from_[slot, head] = tail
    length = np.ones((n_slots, n_nodes))
    length[slot, head] = weight
    length = length[:, :, None]
    # Distances as [node, source]: a step gathers whole rows; row n_nodes stays infinite.
    n_src = len(sources)
    dist = np.full((n_nodes + 1, n_src), np.inf)
    dist[sources, np.arange(n_src)] = 0.0
    now = dist[:n_nodes]
    while True:
        via = dist[from_]
        best = np.minimum.reduce(via + length, axis=0)  # d(u) + weight(u, w), as Dijkstra adds
        np.minimum(best, now, out=best)
        if np.array_equal(best, now):
            break
        now[:] = best
    # Each node's predecessor: the nearest neighbour through which its distance is reached.
    via = dist[from_]
    reach = (via + length == now) & (via < np.inf)
    near = np.where(reach, via, np.inf)
    chosen = reach & (near == near.min(axis=0))
    if (chosen.sum(axis=0) > 1).any() or (chosen & (via >= now)).any():
        return None  # equally near neighbours, or one as far as the node itself
    pred = np.where(
        chosen.any(axis=0),
        np.take_along_axis(
            np.broadcast_to(from_[:, :, None], chosen.shape), chosen.argmax(axis=0)[None], 0
        )[0],
        UNREACHED,
    ).T.astype(np.int32)
    pred[np.arange(n_src), sources] = UNREACHED
    return pred


def _scipy_predecessors(
    n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray, sources: np.ndarray
) -> np.ndarray:
    """scipy's Dijkstra on the same graph (imported here, for the graphs that need it)."""
    from scipy import sparse
    from scipy.sparse import csgraph

    graph = sparse.csr_matrix((weight, (tail, head)), shape=(n_nodes, n_nodes))
    _, pred = csgraph.dijkstra(graph, indices=sources, return_predecessors=True)
    return pred


def walk_paths(
    pred: np.ndarray,
    tree: np.ndarray,
    start: np.ndarray,
    goal: np.ndarray,
    sorted_keys: np.ndarray,
    by_key: np.ndarray,
    n_nodes: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every step of path i, from node start[i] along the tree pred[tree[i]] to goal[i] (or
    to where the tree ends, in a town of separate parts): (i, edge) for each step, each
    path's steps in their order. The edge between nodes a < b is by_key[j] where
    sorted_keys[j] == a * n_nodes + b."""
    compiled = kernel("sim.agents._routing_c")  # the same steps, path by path, in C
    if compiled is not None:
        pred = np.ascontiguousarray(pred, dtype=np.int32)
        return compiled.walk_paths(pred, tree, start, goal, sorted_keys, by_key, n_nodes)
    cur = start.copy()
    active = np.flatnonzero(cur != goal)
    paths, edges = [], []
    while len(active):  # all paths a step at a time
        nxt = pred[tree[active], cur[active]]
        active = active[nxt >= 0]  # unreachable homes (disconnected file towns) stop
        nxt = nxt[nxt >= 0]
        key = np.minimum(cur[active], nxt) * n_nodes + np.maximum(cur[active], nxt)
        paths.append(active)
        edges.append(by_key[np.searchsorted(sorted_keys, key)])
        cur[active] = nxt
        active = active[nxt != goal[active]]
    if not paths:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(paths), np.concatenate(edges)
