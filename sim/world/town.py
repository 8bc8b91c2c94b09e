"""The town as a road network (a street graph) with per-segment arrays for the vectorised physics.

A generated town is a jittered street grid sized from the population (about 3,000
inhabitants per km2 of built-up area, CBS), with two main axes and a ring (bus
routes), collector streets, cycle routes, residential streets and footpaths near
schools and the hospital, a canal crossed by bridges, and points of interest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sim.scenario.schema import TownConfig
from sim.world.streets import StreetGraph

CATEGORIES: tuple[str, ...] = ("main", "cycle", "secondary", "residential", "footpath")
MAIN, CYCLE, SECONDARY, RESIDENTIAL, FOOTPATH = range(5)

# Treated width per category [m]: carriageway, cycle path or footpath (CROW profiles).
WIDTH_M = np.array([7.0, 2.5, 6.0, 5.0, 2.0])
# Passes a gritter makes over a segment of each category [-]: a carriageway with traffic
# both ways is gritted lane by lane, one pass per direction (the spreader is set to one
# lane so salt does not land on the oncoming traffic and the verge); a cycle route has a
# path on each side of its road; a footpath near a school or the hospital is one path.
# Assumption after Drenthe's 740 km of road in 34 routes done within 2 h (about 22 km of
# road per route, shared/research/domain-facts.md sec. 1), which at 30-40 km/h is two
# passes plus deadhead.
PASSES = np.array([2, 2, 2, 1, 1])
# Relative traffic intensity per category [-]: drives salt spray-off and snow packing.
TRAFFIC = np.array([1.0, 0.35, 0.6, 0.2, 0.1])
PEDESTRIAN_TRAFFIC = 0.05
BRIDGE_OFFSET_C = -1.5  # bridges cool from below and freeze first (CROW)
INHABITANTS_PER_KM2 = 3000.0
POI_KINDS: tuple[str, ...] = ("centre", "hospital", "school", "shop", "work", "depot")


@dataclass
class Town:
    """Road network plus flat arrays indexed by segment (edge) number."""

    graph: StreetGraph
    node_xy: np.ndarray  # [n_nodes, 2] metres
    edge_nodes: np.ndarray  # [n_seg, 2] node indices
    category: np.ndarray  # int8 [n_seg]
    length_m: np.ndarray
    bridge: np.ndarray  # bool
    bus: np.ndarray  # bool
    pois: dict[str, list[int]] = field(default_factory=dict)
    surface_offset_c: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def n_segments(self) -> int:
        """Number of road segments (edges)."""
        return len(self.length_m)

    @property
    def width_m(self) -> np.ndarray:
        """Treated width per segment [m]."""
        return WIDTH_M[self.category]

    @property
    def passes(self) -> np.ndarray:
        """Gritter passes over each segment [-] (see PASSES)."""
        return PASSES[self.category]

    @property
    def priority(self) -> np.ndarray:
        """The priority network: main roads and bus routes, cycle routes, school/hospital paths."""
        cat = self.category
        return (cat == MAIN) | (cat == CYCLE) | (cat == FOOTPATH) | self.bus

    @property
    def traffic(self) -> np.ndarray:
        """Relative traffic on each carriageway [-]."""
        return TRAFFIC[self.category]

    def km_by_category(self) -> dict[str, float]:
        """Network length per category [km]."""
        return {
            name: float(self.length_m[self.category == i].sum() / 1000.0)
            for i, name in enumerate(CATEGORIES)
        }

    def segments_near(self, node: int, links: int) -> list[int]:
        """The segments of a breadth-first tree from `node`, at most `links` links deep."""
        return [int(self.graph.edge(u, v)["idx"]) for u, v in self.graph.bfs_edges(node, links)]


def build_town(cfg: TownConfig, rng: np.random.Generator, base_dir: Path | None = None) -> Town:
    """Generate a town from the scenario, or read it from `cfg.file` (node-link JSON/YAML)."""
    if cfg.file is not None:
        from sim.world.town_file import load_town_file

        path = Path(cfg.file)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        graph = StreetGraph.from_networkx(load_town_file(path))
    else:
        graph = _generate_graph(cfg, rng)
    return _town_from_graph(graph, rng)


def _generate_graph(cfg: TownConfig, rng: np.random.Generator) -> StreetGraph:
    """A jittered grid with axes, ring, collectors, cycle routes, canal and points of interest."""
    area_km2 = cfg.population / INHABITANTS_PER_KM2
    side_m = math.sqrt(area_km2) * 1000.0
    k = max(5, int(round(side_m / cfg.block_m)) + 1)
    mid = k // 2
    ring_lo, ring_hi = max(1, k // 5), min(k - 2, k - 1 - k // 5)
    canal_col = max(1, (2 * k) // 3) if k >= 6 else None
    jitter = cfg.block_m * 0.15

    graph = StreetGraph()
    offsets = rng.uniform(-jitter, jitter, size=(k, k, 2))
    for i in range(k):
        for j in range(k):
            graph.add_node(
                i * k + j,
                x=j * cfg.block_m + offsets[i, j, 0],
                y=i * cfg.block_m + offsets[i, j, 1],
                poi="",
            )

    def line_category(index: int) -> tuple[int, bool]:
        """Category and bus flag for a whole grid line (row or column)."""
        if index == mid:
            return MAIN, True
        if index % 3 == 0:
            return SECONDARY, index % 6 == 0
        if index % 4 == 2:
            return CYCLE, False
        return RESIDENTIAL, False

    for i in range(k):
        for j in range(k):
            for di, dj in ((0, 1), (1, 0)):
                ii, jj = i + di, j + dj
                if ii >= k or jj >= k:
                    continue
                line = i if di == 0 else j  # horizontal edges lie on row i, vertical on column j
                cat, bus = line_category(line)
                on_ring = (di == 0 and i in (ring_lo, ring_hi) and ring_lo <= j < ring_hi) or (
                    dj == 0 and j in (ring_lo, ring_hi) and ring_lo <= i < ring_hi
                )
                if on_ring:
                    cat, bus = MAIN, True
                bridge = canal_col is not None and di == 0 and j == canal_col
                graph.add_edge(
                    i * k + j, ii * k + jj, category=CATEGORIES[cat], bus=bus, bridge=bool(bridge)
                )

    _thin_residential(graph, rng)
    _place_pois(graph, cfg, k, mid, rng)
    _mark_footpaths(graph, cfg.block_m)
    return graph


def _thin_residential(graph: StreetGraph, rng: np.random.Generator) -> None:
    """Remove some residential links (dead ends, parks) while keeping the town connected."""
    residential = sorted((u, v) for u, v, d in graph.edges() if d["category"] == "residential")
    drop = rng.random(len(residential)) < 0.12
    for (u, v), gone in zip(residential, drop, strict=True):
        if gone and graph.degree(u) > 2 and graph.degree(v) > 2:
            data = graph.edge(u, v)
            graph.remove_edge(u, v)
            if not graph.has_path(u, v):
                graph.add_edge(u, v, **data)


def _place_pois(
    graph: StreetGraph, cfg: TownConfig, k: int, mid: int, rng: np.random.Generator
) -> None:
    """Centre, hospital, depot, industrial area, shops and schools at plausible places."""
    centre = mid * k + mid
    graph.nodes[centre]["poi"] = "centre"
    taken = {centre}

    def pick(candidates: list[int], kind: str) -> int:
        free = [n for n in candidates if n not in taken]
        node = int(free[int(rng.integers(len(free)))]) if free else centre
        graph.nodes[node]["poi"] = kind
        taken.add(node)
        return node

    near_centre = [
        i * k + j
        for i in range(max(0, mid - 2), min(k, mid + 3))
        for j in range(max(0, mid - 2), min(k, mid + 3))
    ]
    if cfg.hospital:
        pick(near_centre, "hospital")
    edge_band = [i * k + j for i in range(k) for j in (k - 2, k - 1)]
    pick(edge_band, "depot")
    for _ in range(max(1, k // 4)):
        pick(edge_band, "work")
    for _ in range(max(2, k // 3)):
        pick(
            near_centre
            + [i * k + j for i in range(k) for j in range(k) if (i % 4 == 1 and j % 4 == 1)],
            "shop",
        )
    n_schools = cfg.schools if cfg.schools is not None else max(1, round(cfg.population / 4000))
    grid_nodes = [n for n in range(k * k) if n not in taken]
    for _ in range(n_schools):
        pick(grid_nodes, "school")


def _mark_footpaths(graph: StreetGraph, block_m: float) -> None:
    """Residential links next to a school or the hospital become treated footpaths."""
    targets = [n for n, d in graph.nodes.items() if d["poi"] in ("school", "hospital")]
    for node in targets:
        for u, v in graph.bfs_edges(node, depth_limit=1):
            if graph.edge(u, v)["category"] == "residential":
                graph.edge(u, v)["category"] = "footpath"
    del block_m


def _town_from_graph(graph: StreetGraph, rng: np.random.Generator) -> Town:
    """Flatten the graph into arrays; nodes are relabelled 0..n-1 in sorted order."""
    graph = graph.relabelled()
    node_xy = np.array([[graph.nodes[n]["x"], graph.nodes[n]["y"]] for n in graph.nodes])
    edges = sorted((min(u, v), max(u, v)) for u, v, _ in graph.edges())
    edge_nodes = np.array(edges, dtype=np.int64).reshape(-1, 2)
    data = [graph.edge(u, v) for u, v in edges]  # each edge's attributes, looked up once
    category = np.array([CATEGORIES.index(d["category"]) for d in data], dtype=np.int8)
    length = np.linalg.norm(node_xy[edge_nodes[:, 0]] - node_xy[edge_nodes[:, 1]], axis=1)
    length = np.maximum(length, 1.0)
    bridge = np.array([bool(d.get("bridge", False)) for d in data])
    bus = np.array([bool(d.get("bus", False)) for d in data])
    for idx, (d, length_m) in enumerate(zip(data, length.tolist(), strict=True)):
        d["idx"] = idx
        d["length_m"] = length_m
    pois: dict[str, list[int]] = {kind: [] for kind in POI_KINDS}
    for n, d in graph.nodes.items():
        if d.get("poi"):
            pois.setdefault(d["poi"], []).append(int(n))
    if not pois["centre"]:
        pois["centre"] = [int(np.argmin(np.linalg.norm(node_xy - node_xy.mean(0), axis=1)))]
    if not pois["depot"]:
        pois["depot"] = list(pois["centre"])
    # Local microclimate: shade, open water and exposure shift the surface temperature [degC].
    offset = rng.normal(0.0, 0.4, size=len(edges)) + np.where(bridge, BRIDGE_OFFSET_C, 0.0)
    return Town(graph, node_xy, edge_nodes, category, length, bridge, bus, pois, offset)
