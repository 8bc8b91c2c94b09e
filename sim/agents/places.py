"""Places a wethouder names: a school route, the pavements near the hospital, a shopping
street, or wherever the trouble is now.

A place is the streets within PLACE_LINKS links of a school, the hospital or a shop, with
their pavements. Its trouble is the slipperiness residents meet there (carriageways and
pavements, length-weighted): what makes them slip, crash and complain. A targeted job
(`place_route`) treats a place's streets and pavements in one short route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.agents.plan import DEADHEAD_FACTOR, Route

if TYPE_CHECKING:
    from sim.model import RegieModel
    from sim.world.town import Town

# The kinds of place (sim.actions.PlaceKind) and the building each is around; "hotspot"
# is the place of any kind with the most trouble now.
POI_OF_PLACE: dict[str, str] = {"school_route": "school", "hospital": "hospital", "street": "shop"}
PLACE_LINKS = 2  # a place: the streets within this many links of its building (assumption)
PAVEMENT_WIDTH_M = 1.5  # each of the two pavements along a street (CROW profile) [m]
JOB_ROUTE_ID = 1000  # targeted jobs' routes are numbered from here (plan routes from 0)


@dataclass(frozen=True)
class Place:
    """One place: its kind, its building's node and its streets (segment numbers)."""

    index: int  # its number among the town's places
    kind: str
    node: int
    segments: np.ndarray


def town_places(town: Town) -> tuple[Place, ...]:
    """Every place of the town, by kind in POI_OF_PLACE order and node number."""
    out: list[Place] = []
    for kind, poi in POI_OF_PLACE.items():
        for node in sorted(town.pois.get(poi, [])):
            segs = sorted(town.segments_near(node, PLACE_LINKS))
            if segs:
                out.append(Place(len(out), kind, node, np.array(segs, dtype=np.int64)))
    return tuple(out)


def of_kind(all_places: tuple[Place, ...], kind: str) -> list[Place]:
    """The places of a kind (all of them for "hotspot")."""
    return [p for p in all_places if kind in ("hotspot", p.kind)]


def trouble(model: RegieModel, place: Place) -> float:
    """Length-weighted slipperiness of a place's carriageways and pavements [-]."""
    n, segs = model.town.n_segments, place.segments
    slip = model.roads.slipperiness
    weights = model.town.length_m[segs]
    return float((slip[segs] + slip[segs + n]) @ weights / (2.0 * weights.sum()))


def worst_place(model: RegieModel, kind: str = "hotspot") -> Place | None:
    """The place of this kind with the most trouble now (the first one on a tie)."""
    found = of_kind(model.wethouder.places, kind)
    if not found:
        return None
    scores = [trouble(model, p) for p in found]
    return found[int(np.argmax(scores))]


def trouble_kind(model: RegieModel) -> str:
    """The kind of the place with the most trouble now ("hotspot" if the town has none)."""
    place = worst_place(model)
    return place.kind if place is not None else "hotspot"


def place_route(town: Town, place: Place) -> Route:
    """A targeted job's route: the place's streets, nearest the depot first; the treated
    area takes in both pavements (salted by the crew along with the street)."""
    depot = town.node_xy[town.pois["depot"][0]]
    mid = town.node_xy[town.edge_nodes[place.segments]].mean(axis=1)
    order = place.segments[np.argsort(np.linalg.norm(mid - depot, axis=1), kind="stable")]
    approach_km = float(np.linalg.norm(town.node_xy[place.node] - depot)) / 1000.0
    length_km = town.length_m[order] / 1000.0
    cum_km = approach_km + np.cumsum(length_km * DEADHEAD_FACTOR)
    area = town.length_m[order] * (town.width_m[order] + 2.0 * PAVEMENT_WIDTH_M)
    return Route(
        id=JOB_ROUTE_ID + place.index,
        priority=0,
        segments=order,
        cum_km=cum_km,
        area_m2=area,
        approach_km=approach_km,
    )
