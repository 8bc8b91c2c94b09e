"""Shortest-path trees (sim/agents/routing.py) are scipy's Dijkstra's, ties included
(scipy is imported here only, as the referee)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse import csgraph

from sim import compiled
from sim.agents.citizens import MODE_WEIGHT
from sim.agents.routing import _tree_predecessors, predecessors, walk_paths
from sim.scenario.loader import load_scenario, resolve_scenario
from sim.world.town import build_town


def scipy_predecessors(
    n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, sources: np.ndarray
) -> np.ndarray:
    graph = sparse.csr_matrix(
        (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
    )
    return csgraph.dijkstra(graph, indices=sources, return_predecessors=True)[1]


def town_graphs(seed: int) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """A generated town's graph for each mode: (nodes, u, v, weights, 30 sources or fewer)."""
    town = build_town(load_scenario(resolve_scenario(None)).town, np.random.default_rng(seed))
    n, (u, v) = len(town.node_xy), town.edge_nodes.T
    sources = np.unique(np.random.default_rng(seed).choice(n, 30))
    for mode in range(3):
        yield n, u, v, town.length_m * MODE_WEIGHT[mode][town.category], sources


@pytest.mark.parametrize("seed", range(4))
def test_the_generated_towns_trees_are_scipys_for_every_mode(seed: int) -> None:
    for n, u, v, w, sources in town_graphs(seed):
        directed = (np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w]))
        assert _tree_predecessors(n, *directed, sources) is not None  # no tie: numpy alone
        ours = predecessors(n, u, v, w, sources)
        assert np.array_equal(ours, scipy_predecessors(n, u, v, w, sources))


def grid(k: int) -> tuple[np.ndarray, np.ndarray]:
    """The edges of a k x k grid of nodes."""
    node = np.arange(k * k).reshape(k, k)
    u = np.concatenate([node[:, :-1].ravel(), node[:-1, :].ravel()])
    v = np.concatenate([node[:, 1:].ravel(), node[1:, :].ravel()])
    return u, v


def test_equal_lengths_leave_ties_to_scipy() -> None:
    """On a regular grid many nodes are reached by two equally long ways; which one scipy
    keeps depends on its heap, so the tree is scipy's own."""
    u, v = grid(6)
    w = np.full(len(u), 100.0)
    sources = np.array([0, 14])
    directed = (np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w]))
    assert _tree_predecessors(36, *directed, sources) is None
    assert np.array_equal(
        predecessors(36, u, v, w, sources), scipy_predecessors(36, u, v, w, sources)
    )


def test_unreachable_nodes_and_the_source_have_no_predecessor() -> None:
    u, v = grid(3)
    u, v = np.append(u, 9), np.append(v, 10)  # a separate pair of nodes
    w = 100.0 + np.arange(len(u))
    pred = predecessors(11, u, v, w, np.array([4]))
    assert np.array_equal(pred, scipy_predecessors(11, u, v, w, np.array([4])))
    assert pred[0, 4] == pred[0, 9] == pred[0, 10] == -9999


ROUTING_KERNEL = compiled.kernel("sim.agents._routing_c")
needs_kernel = pytest.mark.skipif(ROUTING_KERNEL is None, reason="routing kernel not built")


def directed(u: np.ndarray, v: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    return np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w]).astype(float)


def same_trees(n: int, edges: tuple[np.ndarray, ...], sources: np.ndarray) -> bool:
    ours = ROUTING_KERNEL.tree_predecessors(n, *edges, sources)
    numpy_trees = _tree_predecessors(n, *edges, sources)
    if ours is None or numpy_trees is None:
        return ours is None and numpy_trees is None
    return ours.dtype == numpy_trees.dtype and ours.tobytes() == numpy_trees.tobytes()


@needs_kernel
@pytest.mark.parametrize("seed", range(3))
def test_the_compiled_trees_are_numpys_on_the_generated_towns(seed: int) -> None:
    for n, u, v, w, sources in town_graphs(seed):
        edges = directed(u, v, w)
        assert ROUTING_KERNEL.tree_predecessors(n, *edges, sources) is not None
        assert same_trees(n, edges, sources)


@needs_kernel
def test_the_compiled_trees_find_numpys_ties_and_unreachable_nodes() -> None:
    """Whole-number weights on a grid with a separate pair: some draws tie (both give None),
    others do not (both give the same trees)."""
    u, v = grid(7)
    u, v = np.append(u, 49), np.append(v, 50)
    rng = np.random.default_rng(5)
    outcomes = set()
    for _ in range(40):
        edges = directed(u, v, rng.integers(1, 4, len(u)) * 50.0)
        sources = np.unique(rng.choice(51, 3))
        assert same_trees(51, edges, sources)
        outcomes.add(ROUTING_KERNEL.tree_predecessors(51, *edges, sources) is None)
    assert outcomes == {True, False}


@needs_kernel
def test_the_compiled_trees_refuse_nodes_out_of_range() -> None:
    u, v = grid(2)
    with pytest.raises(ValueError, match="out of range"):
        ROUTING_KERNEL.tree_predecessors(3, *directed(u, v, np.ones(len(u))), np.array([0]))


@needs_kernel
def test_the_compiled_walk_takes_numpys_steps_path_by_path() -> None:
    """Homes to destinations along the trees, a separate pair unreachable: the same steps of
    each path in the same order (the kernel lists them path by path, numpy step by step)."""
    u, v = grid(6)
    u, v = np.append(u, 36), np.append(v, 37)
    w = 100.0 + np.random.default_rng(2).random(len(u))
    dests = np.array([0, 20, 36])
    pred = predecessors(38, u, v, w, dests)
    rng = np.random.default_rng(3)
    tree, start = rng.integers(0, 3, 60), rng.integers(0, 38, 60)
    key = np.minimum(u, v) * 38 + np.maximum(u, v)
    by_key = np.argsort(key)
    args = (pred, tree, start, dests[tree], key[by_key], by_key, 38)
    ours = ROUTING_KERNEL.walk_paths(*args)
    with compiled.pure_python():
        path, edge = walk_paths(*args)
    order = np.argsort(path, kind="stable")
    assert np.array_equal(ours[0], path[order]) and np.array_equal(ours[1], edge[order])
    assert len(path) > 60 and set(path) < set(range(60))  # some start at their goal or cut off
