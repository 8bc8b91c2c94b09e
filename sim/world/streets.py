"""The town's street graph: an undirected graph kept as networkx.Graph keeps it.

Generating a town needs only adjacency, a breadth-first walk and a connectivity check;
importing networkx for them cost about a tenth of a second of every fresh ``regie run``
(it loads all its algorithms). `StreetGraph` keeps nodes and neighbours in dicts in
insertion order, exactly as ``networkx.Graph`` does, so every walk visits streets in the
same order and a town is the same bit for bit. A town file is still read and checked
with networkx (sim/world/town_file.py) and handed over with `from_networkx`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

Node = Hashable


class StreetGraph:
    """Nodes with attributes and undirected edges with one shared attribute dict each."""

    def __init__(self) -> None:
        self.nodes: dict[Node, dict[str, Any]] = {}
        self.adj: dict[Node, dict[Node, dict[str, Any]]] = {}

    def __len__(self) -> int:
        return len(self.nodes)

    def add_node(self, node: Node, **attr: Any) -> None:
        """Add a node (or update its attributes)."""
        if node not in self.nodes:
            self.nodes[node], self.adj[node] = {}, {}
        self.nodes[node].update(attr)

    def add_edge(self, u: Node, v: Node, **attr: Any) -> None:
        """Add an edge (and its end nodes); a new edge comes last among each end's neighbours."""
        for node in (u, v):
            if node not in self.nodes:
                self.add_node(node)
        data = self.adj[u].get(v, {})
        data.update(attr)
        self.adj[u][v] = self.adj[v][u] = data

    def remove_edge(self, u: Node, v: Node) -> None:
        """Remove an edge (KeyError if there is none)."""
        del self.adj[u][v]
        del self.adj[v][u]

    def degree(self, node: Node) -> int:
        """Number of edges at a node."""
        return len(self.adj[node])

    def edge(self, u: Node, v: Node) -> dict[str, Any]:
        """The attributes of edge u-v (shared by both directions)."""
        return self.adj[u][v]

    def edges(self) -> Iterator[tuple[Node, Node, dict[str, Any]]]:
        """Every edge once, as (u, v, attributes): by u in node order, then u's neighbours in
        their order, leaving out neighbours met earlier (networkx's edge order)."""
        seen: set[Node] = set()
        for u, neighbours in self.adj.items():
            for v, data in neighbours.items():
                if v not in seen:
                    yield u, v, data
            seen.add(u)

    def bfs_edges(self, source: Node, depth_limit: int) -> Iterator[tuple[Node, Node]]:
        """The edges of a breadth-first tree from `source`, at most `depth_limit` links
        deep, in networkx's ``bfs_edges`` order."""
        seen = {source}
        frontier = [source]
        for _ in range(depth_limit):
            reached = []
            for parent in frontier:
                for child in self.adj[parent]:
                    if child not in seen:
                        seen.add(child)
                        reached.append(child)
                        yield parent, child
            frontier = reached

    def has_path(self, u: Node, v: Node) -> bool:
        """Whether v can be reached from u (breadth first: a detour round a block is found
        after a few links)."""
        seen, frontier = {u}, [u]
        while frontier:
            if v in seen:
                return True
            reached = []
            for node in frontier:
                for nbr in self.adj[node]:
                    if nbr not in seen:
                        seen.add(nbr)
                        reached.append(nbr)
            frontier = reached
        return v in seen

    def is_connected(self) -> bool:
        """Whether every node can be reached from every other (False when empty)."""
        if not self.nodes:
            return False
        start = next(iter(self.nodes))
        seen, todo = {start}, [start]
        while todo:
            for nbr in self.adj[todo.pop()]:
                if nbr not in seen:
                    seen.add(nbr)
                    todo.append(nbr)
        return len(seen) == len(self.nodes)

    def relabelled(self) -> StreetGraph:
        """A copy with the nodes numbered 0..n-1 in sorted order, attributes copied, nodes
        kept in their order and edges added in `edges` order (as networkx's
        ``convert_node_labels_to_integers(ordering="sorted")`` does)."""
        number = {node: i for i, node in enumerate(sorted(self.nodes))}
        out = StreetGraph()
        nodes, adj = out.nodes, out.adj
        # `add_node` and `add_edge` written out (a town has a thousand or two of each)
        for node, data in self.nodes.items():
            nodes[number[node]] = dict(data)
            adj[number[node]] = {}
        for u, v, data in self.edges():
            u, v = number[u], number[v]
            attr = adj[u].get(v, {})
            attr.update(data)
            adj[u][v] = adj[v][u] = attr
        return out

    @classmethod
    def from_networkx(cls, graph: Any) -> StreetGraph:
        """The same graph from a ``networkx.Graph`` (nodes in order, edges in edge order:
        neighbours then come in an order that gives the same `edges` and `relabelled`)."""
        out = cls()
        for node, data in graph.nodes(data=True):
            out.add_node(node, **data)
        for u, v, data in graph.edges(data=True):
            out.add_edge(u, v, **data)
        return out
