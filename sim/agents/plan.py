"""The gladheidbestrijdingsplan: which segments are treated, in which routes, in which order.

Priority 1 (preventive, every action): main roads and bus routes, cycle routes,
footpaths near schools and the hospital. Priority 2 (snow or lasting ice, once
priority 1 is under control): secondary roads. Residential streets and pavements
are not treated (common Dutch practice: salt needs traffic, parked cars block trucks).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from sim.world.town import CYCLE, SECONDARY, Town

if TYPE_CHECKING:
    from sim.design.config import PlanConfig

# Driving between the segments of a route that do not join up, turning at dead ends and
# the way back to the depot, as a share of the treated length [-]. Assumption: an
# angle-swept route over a street grid is not a closed circuit (a route planner's
# deadhead share on town networks is 20-40 %).
DEADHEAD_FACTOR = 1.3


@dataclass(frozen=True)
class Route:
    """One truck's route: segments in driving order and their cumulative distance."""

    id: int
    priority: int
    segments: np.ndarray
    cum_km: np.ndarray  # distance driven when each segment is finished [km]
    area_m2: np.ndarray  # treated area of each segment [m2]
    approach_km: float = 0.0  # driven empty from the depot to the first segment [km]

    @property
    def length_km(self) -> float:
        """Driving length including deadhead [km]."""
        return float(self.cum_km[-1]) if len(self.cum_km) else 0.0

    def hours(self, empty_kmh: float, gritting_kmh: float) -> float:
        """Driving time of the whole route: the approach empty, the rest gritting [h]."""
        return self.approach_km / empty_kmh + (self.length_km - self.approach_km) / gritting_kmh

    def salt_t(self, dose_g_m2: float) -> float:
        """Salt needed to treat the whole route at this dose [t]."""
        return float(self.area_m2.sum() * dose_g_m2 / 1e6)


@dataclass(frozen=True)
class GladheidPlan:
    """All routes; routes[i] of priority 1 is driven by truck i % trucks."""

    routes: tuple[Route, ...]
    trucks: int

    def by_priority(self, priority: int) -> list[Route]:
        """Routes of one priority level."""
        return [r for r in self.routes if r.priority == priority]

    def treated_mask(self, n_segments: int) -> np.ndarray:
        """Boolean mask of segments that are on some route."""
        mask = np.zeros(n_segments, dtype=bool)
        for r in self.routes:
            mask[r.segments] = True
        return mask

    def round_salt_t(self, priority: int, dose_g_m2: float) -> float:
        """Salt for one round of all routes of a priority [t]."""
        # Route.salt_t per route, from each route's area summed once (asked every hour).
        return sum(float(area * dose_g_m2 / 1e6) for area in self._areas_m2.get(priority, ()))

    @cached_property
    def _areas_m2(self) -> dict[int, list[np.float64]]:
        """Treated area of each route [m2], per priority, in route order."""
        areas: dict[int, list[np.float64]] = {}
        for r in self.routes:
            areas.setdefault(r.priority, []).append(r.area_m2.sum())
        return areas


def route_levels(town: Town, levels: PlanConfig | None = None) -> dict[int, np.ndarray]:
    """The segments of each priority level. The usual plan (`levels` None): the priority
    network first, the secondary roads second; a negotiated plan may move the cycle
    routes to the second level or the secondary roads to the first (sim.design.plan)."""
    secondary = (town.category == SECONDARY) & ~town.priority
    cycle = (town.category == CYCLE) & ~town.bus
    first, second = town.priority, secondary
    if levels is not None and levels.cycle_priority == 2:
        first, second = first & ~cycle, second | cycle
    if levels is not None and levels.secondary_priority == 1:
        first, second = first | secondary, second & ~secondary
    return {1: np.flatnonzero(first), 2: np.flatnonzero(second)}


def draft_plan(town: Town, trucks: int, levels: PlanConfig | None = None) -> GladheidPlan:
    """Split each priority level into `trucks` routes of about equal length, swept by angle."""
    depot = town.node_xy[town.pois["depot"][0]]
    centre = town.node_xy[town.pois["centre"][0]]
    mid_xy = town.node_xy[town.edge_nodes].mean(axis=1)
    angle = np.arctan2(mid_xy[:, 1] - centre[1], mid_xy[:, 0] - centre[0])
    dist_depot = np.linalg.norm(mid_xy - depot, axis=1)
    routes: list[Route] = []
    for priority, segs in route_levels(town, levels).items():
        if len(segs) == 0:
            continue
        order = segs[np.lexsort((dist_depot[segs], angle[segs]))]
        cum = np.cumsum(town.length_m[order])
        bounds = np.searchsorted(cum, np.linspace(0, cum[-1], trucks + 1)[1:-1])
        for chunk in np.split(order, bounds):
            if len(chunk) == 0:
                continue
            # Within a route, drive outward from the depot.
            chunk = chunk[np.argsort(dist_depot[chunk], kind="stable")]
            approach_km = float(dist_depot[chunk[0]] / 1000.0)
            driven = town.length_m[chunk] * town.passes[chunk]
            cum_km = approach_km + np.cumsum(driven) / 1000.0 * DEADHEAD_FACTOR
            area = town.length_m[chunk] * town.width_m[chunk]
            routes.append(
                Route(
                    id=len(routes),
                    priority=priority,
                    segments=chunk,
                    cum_km=cum_km,
                    area_m2=area,
                    approach_km=approach_km,
                )
            )
    return GladheidPlan(routes=tuple(routes), trucks=trucks)
