"""The street graph walks a town in networkx's order, so a generated town stays the same."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sim.world.streets import StreetGraph


def _twin_graphs(seed: int) -> tuple[nx.Graph, StreetGraph]:
    """The same random edits (adds, removals, re-adds) on a networkx and a street graph."""
    rng = np.random.default_rng(seed)
    ours, theirs = StreetGraph(), nx.Graph()
    ids = [int(i) for i in rng.permutation(60)[:40]]
    for node in ids:
        ours.add_node(node, poi="")
        theirs.add_node(node, poi="")
    for _ in range(120):
        u, v = (ids[int(i)] for i in rng.integers(len(ids), size=2))
        if u == v:
            continue
        if theirs.has_edge(u, v) and rng.random() < 0.3:
            ours.remove_edge(u, v)
            theirs.remove_edge(u, v)
        else:
            length = float(rng.random())
            ours.add_edge(u, v, length=length)
            theirs.add_edge(u, v, length=length)
    return theirs, ours


@pytest.mark.parametrize("seed", range(5))
def test_edges_neighbours_and_degrees_in_networkx_order(seed):
    theirs, ours = _twin_graphs(seed)
    assert list(ours.edges()) == list(theirs.edges(data=True))
    for node in theirs:
        assert list(ours.adj[node]) == list(theirs.adj[node])
        assert ours.degree(node) == theirs.degree(node)


@pytest.mark.parametrize("seed", range(5))
def test_breadth_first_walk_and_paths_as_networkx(seed):
    theirs, ours = _twin_graphs(seed)
    nodes = list(theirs)
    for source in nodes[:10]:
        for depth in (1, 2, 3):
            assert list(ours.bfs_edges(source, depth)) == list(
                nx.bfs_edges(theirs, source, depth_limit=depth))
        for target in nodes[-5:]:
            assert ours.has_path(source, target) == nx.has_path(theirs, source, target)
    assert ours.is_connected() == nx.is_connected(theirs)


@pytest.mark.parametrize("seed", range(5))
def test_relabelled_like_networkx_sorted_integer_labels(seed):
    theirs, ours = _twin_graphs(seed)
    relabelled = nx.convert_node_labels_to_integers(theirs, ordering="sorted")
    mine = ours.relabelled()
    assert list(mine.nodes.items()) == list(relabelled.nodes(data=True))
    for node in relabelled:
        assert list(mine.adj[node].items()) == list(relabelled.adj[node].items())


def test_from_networkx_keeps_the_edge_order():
    theirs, _ = _twin_graphs(7)
    copied = StreetGraph.from_networkx(theirs)
    assert list(copied.edges()) == list(theirs.edges(data=True))
    assert list(copied.relabelled().edges()) == list(
        nx.convert_node_labels_to_integers(theirs, ordering="sorted").edges(data=True))


def test_an_empty_or_split_graph_is_not_connected():
    graph = StreetGraph()
    assert not graph.is_connected()
    graph.add_edge(1, 2)
    graph.add_edge(3, 4)
    assert not graph.is_connected()
    assert not graph.has_path(1, 4)
    graph.add_edge(2, 3)
    assert graph.is_connected() and graph.has_path(1, 4)
