"""Citizens as a vectorised population: trips by car, bike and foot, slips, injuries, complaints.

Each simulated resident stands for population/agents inhabitants (super-individuals).
Routes are shortest paths (per mode) from home to a destination, precomputed once into
a sparse route x surface matrix of kilometres, so the hourly exposure of every trip is
one sparse mat-vec: slippery kilometres = R @ slipperiness. No per-citizen Python loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import networkx as nx
import numpy as np
from scipy import sparse

from sim.scenario.schema import CitizensConfig
from sim.world.town import CYCLE, FOOTPATH, MAIN, Town

if TYPE_CHECKING:
    from sim.model import RegieModel

CAR, BIKE, WALK = 0, 1, 2
MODES = ("car", "bike", "walk")
# Share of the day's trips starting in each hour, weekday and weekend (after OViN/ODiN).
WEEKDAY_PROFILE = np.array([0.2, 0.1, 0.1, 0.1, 0.3, 1.0, 3.5, 8.5, 9.0, 5.5, 5.0, 5.5,
                            6.5, 6.0, 6.0, 7.0, 8.5, 8.5, 6.5, 4.5, 3.5, 2.5, 1.5, 0.6])
WEEKEND_PROFILE = np.array([0.6, 0.4, 0.2, 0.1, 0.1, 0.3, 0.8, 2.0, 4.0, 7.0, 9.0, 9.5,
                            9.0, 8.5, 8.5, 8.0, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5, 1.0])
WEEKDAY_PROFILE = WEEKDAY_PROFILE / WEEKDAY_PROFILE.sum()
WEEKEND_PROFILE = WEEKEND_PROFILE / WEEKEND_PROFILE.sum()
ELDERLY_INJURY_FACTOR = 1.8  # nearly half of slip injuries are 55+ (VeiligheidNL 2010)
BAD_TRIP_SLIPPERINESS = 0.3  # mean slipperiness along a trip that residents notice [-]
SATISFACTION_BASELINE = 0.78
SATISFACTION_RATE = 0.15  # weight of one bad trip in a resident's satisfaction [-]
SATISFACTION_RECOVERY_PER_DAY = 0.08
ACCESS_NORM_M = 500.0  # max distance from home to a treated route (Raalte 500 m, Delft 400 m)
DRY_EPS = 0.02  # below this slipperiness everywhere, trips carry no risk worth drawing


class CitizenPopulation(mesa.Agent):
    """All residents at once; one Mesa agent holding numpy arrays."""

    def __init__(self, model: RegieModel, cfg: CitizensConfig, town: Town, population: int,
                 treated: np.ndarray) -> None:
        super().__init__(model)
        self.cfg = cfg
        rng = model.rng
        n = cfg.agents
        self.scale = population / n
        self.home = self._draw_homes(town, n, rng)
        self.mode = rng.choice(3, size=n, p=[cfg.mode_share_car, cfg.mode_share_bike,
                                             cfg.mode_share_walk])
        self.elderly = rng.random(n) < cfg.share_elderly
        dest = self._draw_destinations(town, rng)
        self.route, self.route_matrix, self.route_km = self._build_routes(town, dest)
        self.far_from_route = self._distance_to_treated(town, treated) > ACCESS_NORM_M
        self.satisfaction = np.full(n, SATISFACTION_BASELINE)
        self.hazard = np.array([cfg.crash_hazard_car, cfg.slip_hazard_bike, cfg.slip_hazard_walk])
        self.injury_p = np.where(self.elderly, ELDERLY_INJURY_FACTOR, 1.0) * np.where(
            self.mode == CAR, cfg.injury_given_crash, cfg.injury_given_slip)
        self.complain_p = cfg.complaint_propensity * np.where(self.elderly, 2.0, 1.0) * np.where(
            self.far_from_route, 1.6, 1.0)
        self.clearing_share = cfg.self_clearing_share
        self.trips = 0.0
        self.slips = 0
        self.accidents = 0
        self.injuries = 0
        self.complaints = 0
        self.today = {"slips": 0, "accidents": 0, "injuries": 0, "complaints": 0}

    # --- set-up -----------------------------------------------------------------------
    @staticmethod
    def _draw_homes(town: Town, n: int, rng: np.random.Generator) -> np.ndarray:
        """Homes on nodes, weighted by the residential street length around each node."""
        weight = np.zeros(len(town.node_xy))
        residential = town.category >= 2  # secondary, residential, footpath
        np.add.at(weight, town.edge_nodes[residential, 0], town.length_m[residential])
        np.add.at(weight, town.edge_nodes[residential, 1], town.length_m[residential])
        weight += 1.0
        return rng.choice(len(weight), size=n, p=weight / weight.sum())

    def _draw_destinations(self, town: Town, rng: np.random.Generator) -> np.ndarray:
        """Walkers go to the nearest shop or school; others to work, school, shops or centre."""
        pois = town.pois
        near = pois["shop"] + pois["school"] + pois["centre"]
        far = pois["work"] + pois["school"] + pois["shop"] + pois["centre"] + pois["hospital"]
        xy = town.node_xy
        near_xy = xy[near]
        d = np.linalg.norm(xy[self.home][:, None, :] - near_xy[None, :, :], axis=2)
        nearest = np.asarray(near)[np.argmin(d, axis=1)]
        anywhere = np.asarray(far)[rng.integers(len(far), size=len(self.home))]
        return np.where(self.mode == WALK, nearest, anywhere)

    def _build_routes(self, town: Town, dest: np.ndarray
                      ) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray]:
        """Unique (mode, destination, home) paths into a sparse route x surface km matrix."""
        n_seg = town.n_segments
        keys = np.stack([self.mode, dest, self.home], axis=1)
        unique, route_of = np.unique(keys, axis=0, return_inverse=True)
        rows, cols, vals = [], [], []
        route_km = np.zeros(len(unique))
        for mode in range(3):
            graph = _mode_graph(town, mode)
            for d in np.unique(unique[unique[:, 0] == mode, 1]):
                _, paths = nx.single_source_dijkstra(graph, int(d), weight="w")
                for r in np.flatnonzero((unique[:, 0] == mode) & (unique[:, 1] == d)):
                    path = paths[int(unique[r, 2])]
                    segs = np.array([town.graph.edges[u, v]["idx"]
                                     for u, v in zip(path[:-1], path[1:], strict=True)],
                                    dtype=np.int64)
                    if len(segs) == 0:
                        continue
                    surf = segs.copy()
                    if mode == WALK:  # pedestrians walk on pavements except on footpaths
                        surf = np.where(town.category[segs] == FOOTPATH, segs, segs + n_seg)
                    km = town.length_m[segs] / 1000.0
                    rows.append(np.full(len(segs), r))
                    cols.append(surf)
                    vals.append(km)
                    route_km[r] = km.sum()
        matrix = sparse.csr_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(unique), 2 * n_seg))
        return route_of.ravel(), matrix, np.maximum(route_km, 0.05)

    def _distance_to_treated(self, town: Town, treated: np.ndarray) -> np.ndarray:
        """Straight-line distance from each home to the nearest treated segment's midpoint [m]."""
        if not treated.any():
            return np.full(len(self.home), np.inf)
        mids = town.node_xy[town.edge_nodes[treated]].mean(axis=1)
        homes = town.node_xy[np.unique(self.home)]
        dist = np.min(np.linalg.norm(homes[:, None, :] - mids[None, :, :], axis=2), axis=1)
        lookup = dict(zip(np.unique(self.home).tolist(), dist.tolist(), strict=True))
        return np.array([lookup[h] for h in self.home.tolist()])

    # --- the hourly script ------------------------------------------------------------
    def step(self) -> None:
        """Residents travel; on slippery routes some slip, crash, get hurt or complain."""
        if self.model.hour % 24 == 0:
            self.start_day()
        if self.model.hour % 24 == 9:
            self.clear_own_pavements()
        self.travel()

    def start_day(self) -> None:
        """Reset the day's counters; satisfaction recovers slowly towards its baseline."""
        self.today = {"slips": 0, "accidents": 0, "injuries": 0, "complaints": 0}
        self.satisfaction += SATISFACTION_RECOVERY_PER_DAY * (
            SATISFACTION_BASELINE - self.satisfaction)

    def clear_own_pavements(self) -> None:
        """Residents who do so shovel the snow off their own pavement in the morning."""
        roads = self.model.roads
        n = roads.n_segments
        if self.clearing_share > 0 and roads.snow_cm[n:].max() > 0.5:
            roads.clear_pavements(np.arange(n, 2 * n), self.clearing_share)

    def travel(self) -> None:
        """Draw this hour's trips and their incidents."""
        model = self.model
        profile = WEEKEND_PROFILE if model.is_weekend else WEEKDAY_PROFILE
        p_travel = self.cfg.trips_per_day * profile[model.hour % 24]
        slip = model.roads.slipperiness
        if slip.max() < DRY_EPS:
            self.trips += p_travel * len(self.home)  # expected trips; nothing to draw on dry roads
            return
        travellers = np.flatnonzero(model.rng.random(len(self.home)) < p_travel)
        self.trips += len(travellers)
        if len(travellers) == 0:
            return
        exposure = self.route_matrix @ slip  # slippery km per route
        route = self.route[travellers]
        slippery_km = exposure[route]
        mode = self.mode[travellers]
        p_incident = 1.0 - np.exp(-self.hazard[mode] * slippery_km)
        self.count_incidents(p_incident, mode, travellers)
        mean_slip = slippery_km / self.route_km[route]
        bad = mean_slip > BAD_TRIP_SLIPPERINESS
        if bad.any():
            who = travellers[bad]
            experience = 1.0 - np.minimum(1.5 * mean_slip[bad], 1.0)
            self.satisfaction[who] += SATISFACTION_RATE * (experience - self.satisfaction[who])
            self.add("complaints", model.rng.poisson(self.scale * self.complain_p[who].sum()))

    def count_incidents(self, p: np.ndarray, mode: np.ndarray, who: np.ndarray) -> None:
        """Expected incidents scaled to the whole town, drawn as Poisson counts."""
        rng = self.model.rng
        car = mode == CAR
        self.add("slips", rng.poisson(self.scale * p[~car].sum()))
        self.add("accidents", rng.poisson(self.scale * p[car].sum()))
        self.add("injuries", rng.poisson(self.scale * (p * self.injury_p[who]).sum()))

    def add(self, kind: str, count: int) -> None:
        """Add to today's and the season's counters."""
        count = int(count)
        self.today[kind] += count
        setattr(self, kind, getattr(self, kind) + count)

    @property
    def mean_satisfaction(self) -> float:
        """Average satisfaction of residents [0..1]."""
        return float(self.satisfaction.mean())


def _mode_graph(town: Town, mode: int) -> nx.Graph:
    """The network with a routing weight per mode: cars prefer main roads, bikes cycle routes."""
    factor = {CAR: {MAIN: 0.6, CYCLE: 5.0, FOOTPATH: 50.0},
              BIKE: {CYCLE: 0.6, MAIN: 1.2},
              WALK: {}}[mode]
    graph = nx.Graph()
    for u, v, d in town.graph.edges(data=True):
        cat = int(town.category[d["idx"]])
        graph.add_edge(u, v, w=d["length_m"] * factor.get(cat, 1.0))
    return graph
