"""Read a real or hand-drawn town from a node-link file (JSON or YAML), checked by pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import networkx as nx
from pydantic import Field, model_validator

from sim.inputfile import InputFileError, Problem, load_yaml_model
from sim.scenario.schema import StrictModel

Category = Literal["main", "cycle", "secondary", "residential", "footpath"]
Poi = Literal["", "centre", "hospital", "school", "shop", "work", "depot"]


class NodeSpec(StrictModel):
    """A junction: id, position in metres, optional point of interest."""

    id: int = Field(ge=0)
    x: float
    y: float
    poi: Poi = ""


class EdgeSpec(StrictModel):
    """A road segment between two junctions."""

    source: int
    target: int
    category: Category
    bus: bool = False
    bridge: bool = False


class TownFile(StrictModel):
    """Node-link town: `nodes` and `edges` (JSON is valid YAML, so both formats work)."""

    nodes: list[NodeSpec] = Field(min_length=2, max_length=200_000)
    edges: list[EdgeSpec] = Field(min_length=1, max_length=500_000)

    @model_validator(mode="after")
    def _consistent(self) -> TownFile:
        ids = [n.id for n in self.nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("node ids must be unique")
        known = set(ids)
        for i, e in enumerate(self.edges):
            if e.source not in known or e.target not in known:
                raise ValueError(f"edge {i} refers to an unknown node")
            if e.source == e.target:
                raise ValueError(f"edge {i} is a loop")
        return self


def load_town_file(path: Path) -> nx.Graph:
    """Load, validate and return the town graph; raises InputFileError with file:line."""
    spec = load_yaml_model(path, TownFile, max_bytes=50_000_000)
    assert isinstance(spec, TownFile)
    graph = nx.Graph()
    for n in spec.nodes:
        graph.add_node(n.id, x=n.x, y=n.y, poi=n.poi)
    for e in spec.edges:
        graph.add_edge(e.source, e.target, category=e.category, bus=e.bus, bridge=e.bridge)
    if not nx.is_connected(graph):
        raise InputFileError([Problem(str(path), 1, "edges", "the road network is not connected")])
    return graph
