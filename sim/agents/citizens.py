"""Citizens as a vectorised population: trips by car, bike and foot, slips, injuries, complaints.

Each simulated resident stands for population/agents inhabitants (super-individuals).
Routes are shortest paths (per mode) from home to a destination, precomputed once into
a sparse route x surface matrix of kilometres, so the hourly exposure of every trip is
one sparse mat-vec: slippery kilometres = R @ slipperiness. No per-citizen Python loop.

Each hour a resident makes a trip with probability trips_per_day x the hour's share of the
day's trips. Incidents and complaints are rare events, drawn as Poisson counts whose mean
is the town-scaled sum over all residents of (trip probability x incident probability on
their route): residents on one route (same mode, home and destination) share it, so the
sums run over routes, not residents. Satisfaction: on a route that is a bad trip this
hour it moves towards the trip's experience by the trip probability times SATISFACTION_RATE
(the expected update); residents on one route therefore stay equally satisfied and it is
kept per route. All draws come from the model's "citizens" stream, a fixed number per hour
(inverse-CDF Poisson), so two runs with the same seed stay aligned whatever the roads do.

Walkers walk on the pavements, which nobody treats (residents clear their own), so their
slips depend on the pavement; complaints and satisfaction judge the service, the
carriageway or path the gemeente treats, which for a walker is the street alongside.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.agents.exposure import (
    BIKE,
    CAR,
    COMPLAINTS,
    INJURIES,
    N_COUNTS,
    WALK,
    RouteExposure,
    SparseRows,
)
from sim.agents.routing import predecessors, walk_paths
from sim.compiled import kernel
from sim.normal import ndtri
from sim.scenario.schema import CitizensConfig
from sim.state_parts import plain_values
from sim.world.town import CYCLE, FOOTPATH, MAIN, Town

if TYPE_CHECKING:
    from sim.model import RegieModel

MODES = ("car", "bike", "walk")
# Share of the day's trips starting in each hour, weekday and weekend (after OViN/ODiN).
# fmt: off
WEEKDAY_PROFILE = np.array([0.2, 0.1, 0.1, 0.1, 0.3, 1.0, 3.5, 8.5, 9.0, 5.5, 5.0, 5.5,
                            6.5, 6.0, 6.0, 7.0, 8.5, 8.5, 6.5, 4.5, 3.5, 2.5, 1.5, 0.6])
WEEKEND_PROFILE = np.array([0.6, 0.4, 0.2, 0.1, 0.1, 0.3, 0.8, 2.0, 4.0, 7.0, 9.0, 9.5,
                            9.0, 8.5, 8.5, 8.0, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5, 1.0])
# fmt: on
WEEKDAY_PROFILE = WEEKDAY_PROFILE / WEEKDAY_PROFILE.sum()
WEEKEND_PROFILE = WEEKEND_PROFILE / WEEKEND_PROFILE.sum()
ELDERLY_INJURY_FACTOR = 1.8  # nearly half of slip injuries are 55+ (VeiligheidNL 2010)
BAD_TRIP_SLIPPERINESS = 0.3  # mean slipperiness along a trip that residents notice [-]
SATISFACTION_BASELINE = 0.78
SATISFACTION_RATE = 0.15  # weight of one bad trip in a resident's satisfaction [-]
SATISFACTION_RECOVERY_PER_DAY = 0.08
ACCESS_NORM_M = 500.0  # max distance from home to a treated route (Raalte 500 m, Delft 400 m)
# Routing weight per mode and road category (main, cycle, secondary, residential,
# footpath) as a factor on length: cars prefer main roads and avoid cycle paths and
# footpaths, bikes prefer cycle routes, walkers take the shortest way.
MODE_WEIGHT = np.ones((3, 5))
MODE_WEIGHT[CAR, [MAIN, CYCLE, FOOTPATH]] = (0.6, 5.0, 50.0)
MODE_WEIGHT[BIKE, [CYCLE, MAIN]] = (0.6, 1.2)
DRY_EPS = 0.02  # below this slipperiness everywhere, trips carry no risk worth drawing
LARGE_POISSON_MEAN = 500.0
# Not hashed: which day's trip profile is loaded (a cache), the kernel or None (numpy's).
_NOT_STATE = frozenset({"_profile_day", "_trip_judge", "_poisson"})
_add, _divide = np.add, np.divide
_minimum, _greater = np.minimum, np.greater


def _distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Straight-line distances between the points `a` and `b` (n x 2, m x 2), n x m: the
    values of ``np.linalg.norm(a[:, None] - b[None], axis=2)``, without the n x m x 2 array."""
    dx = np.subtract.outer(a[:, 0], b[:, 0])
    dy = np.subtract.outer(a[:, 1], b[:, 1])
    dx *= dx
    dy *= dy
    dx += dy
    return np.sqrt(dx, out=dx)


def _nearest_distances(a: np.ndarray, b: np.ndarray, block: int = 64) -> np.ndarray:
    """The distance from each point of `a` to the nearest of `b`: the values of
    ``_distances(a, b).min(axis=1)``, a block of rows at a time (the arrays stay in the
    cache) and the square root taken of each row's least square (the root is monotonic and
    correctly rounded, so it is the least root)."""
    out = np.empty(len(a))
    bx, by = b[:, 0], b[:, 1]
    for lo in range(0, len(a), block):
        dx = np.subtract.outer(a[lo : lo + block, 0], bx)
        dy = np.subtract.outer(a[lo : lo + block, 1], by)
        dx *= dx
        dy *= dy
        dx += dy
        np.min(dx, axis=1, out=out[lo : lo + block])
    return np.sqrt(out, out=out)


class CitizenPopulation(mesa.Agent):
    """All residents at once; one Mesa agent holding numpy arrays."""

    def __init__(
        self,
        model: RegieModel,
        cfg: CitizensConfig,
        town: Town,
        population: int,
        treated: np.ndarray,
    ) -> None:
        super().__init__(model)
        self.cfg = cfg
        rng = model.streams["citizens"]
        self._rng = rng
        n = cfg.agents
        self.scale = population / n
        self.home = self._draw_homes(town, n, rng)
        self.mode = rng.choice(
            3, size=n, p=[cfg.mode_share_car, cfg.mode_share_bike, cfg.mode_share_walk]
        )
        self.elderly = rng.random(n) < cfg.share_elderly
        dest = self._draw_destinations(town, rng)
        (self.route, self.route_matrix, self.route_km, self.route_mode, self.service_matrix) = (
            self._build_routes(town, dest)
        )
        self.far_from_route = self._distance_to_treated(town, treated) > ACCESS_NORM_M
        self.hazard = np.array([cfg.crash_hazard_car, cfg.slip_hazard_bike, cfg.slip_hazard_walk])
        self.injury_p = np.where(self.elderly, ELDERLY_INJURY_FACTOR, 1.0) * np.where(
            self.mode == CAR, cfg.injury_given_crash, cfg.injury_given_slip
        )
        self.complain_p = (
            cfg.complaint_propensity
            * np.where(self.elderly, 2.0, 1.0)
            * np.where(self.far_from_route, 1.6, 1.0)
        )
        # Per route: residents on it and their summed injury and complaint propensities.
        n_routes = len(self.route_km)
        self.route_people = np.bincount(self.route, minlength=n_routes).astype(float)
        self.route_injury_p = np.bincount(self.route, weights=self.injury_p, minlength=n_routes)
        self.route_complain_p = np.bincount(self.route, weights=self.complain_p, minlength=n_routes)
        self.route_hazard = self.hazard[self.route_mode]
        # Trip probability per hour of the day [-]; the day's table is chosen by `travel`.
        self._p_travel_weekday = cfg.trips_per_day * WEEKDAY_PROFILE
        self._p_travel_weekend = cfg.trips_per_day * WEEKEND_PROFILE
        self._p_travel, self._profile_day = self._p_travel_weekday, -1
        self._exposure = RouteExposure(
            self.route_matrix,
            self.service_matrix,
            self.route_mode,
            self.route_hazard,
            self.route_people,
            self.route_injury_p,
            town.priority,
        )
        # Residents on one route share every trip's experience, so their satisfaction is
        # equal: it is kept per route (the resident view is `satisfaction`).
        self.route_satisfaction = np.full(n_routes, SATISFACTION_BASELINE)
        self._trip_judge = compiled_trip_judge(self.route_km, self.route_complain_p)
        compiled = kernel("sim.agents._citizens_c")  # `_poisson_counts` in C, or None
        self._poisson = None if compiled is None else compiled.poisson_counts
        self._drawn = np.zeros(N_COUNTS, dtype=np.int64)  # its counts of the hour
        self._uniforms = np.zeros(N_COUNTS)  # the hour's uniforms (drawn into, not anew)
        self._people_share = self.route_people / max(self.route_people.sum(), 1.0)
        self.clearing_share = cfg.self_clearing_share
        self.trips = 0.0
        self.slips = 0
        self.accidents = 0
        self.injuries = 0
        self.complaints = 0
        self.injuries_by_mode = np.zeros(3, dtype=np.int64)  # car, bike, walk [count]
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
        nodes, at = np.unique(self.home, return_inverse=True)  # residents share homes
        d = _distances(town.node_xy[nodes], town.node_xy[near])
        nearest = np.asarray(near)[np.argmin(d, axis=1)][at.ravel()]
        anywhere = np.asarray(far)[rng.integers(len(far), size=len(self.home))]
        return np.where(self.mode == WALK, nearest, anywhere)

    def _build_routes(
        self, town: Town, dest: np.ndarray
    ) -> tuple[np.ndarray, SparseRows, np.ndarray, np.ndarray, SparseRows]:
        """Unique (mode, destination, home) paths into sparse route x surface km matrices.

        Shortest paths per mode (Dijkstra's trees from every destination, sim.agents.routing),
        from each home along the predecessor tree, all routes of a mode at once.
        Returns each resident's route, the matrix of the surfaces travelled (walkers on the
        pavement except on footpaths), the route lengths [km], each route's mode, and the
        matrix of the treated surfaces alongside (walkers: the carriageway next to them).
        """
        n_seg = town.n_segments
        # The (mode, destination, home) rows in lexicographic order, as one integer each
        # (the order of np.unique(..., axis=0), at a fraction of its cost).
        n_nodes = len(town.node_xy)
        keys = (self.mode.astype(np.int64) * n_nodes + dest) * n_nodes + self.home
        codes, route_of = np.unique(keys, return_inverse=True)
        unique = np.stack(
            [codes // (n_nodes * n_nodes), codes // n_nodes % n_nodes, codes % n_nodes], axis=1
        )
        n_routes = len(unique)
        u, v = town.edge_nodes[:, 0], town.edge_nodes[:, 1]
        edge_key = np.minimum(u, v) * n_nodes + np.maximum(u, v)
        by_key = np.argsort(edge_key)
        sorted_keys = edge_key[by_key]
        rows, cols = [], []
        for mode in range(3):
            sel = np.flatnonzero(unique[:, 0] == mode)
            if len(sel) == 0:
                continue
            w = town.length_m * MODE_WEIGHT[mode][town.category]
            dests, dest_row = np.unique(unique[sel, 1], return_inverse=True)
            pred = predecessors(n_nodes, u, v, w, dests)
            path, edge = walk_paths(
                pred, dest_row, unique[sel, 2], dests[dest_row], sorted_keys, by_key, n_nodes
            )
            rows.append(sel[path])
            cols.append(edge)
        row = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, np.int64)
        km = town.length_m[col] / 1000.0
        shape = (n_routes, 2 * n_seg)
        service = SparseRows.from_entries(row, col, km, shape)
        # Pedestrians walk on pavements except on footpaths.
        walk = (unique[row, 0] == WALK) & (town.category[col] != FOOTPATH)
        travelled = SparseRows.from_entries(row, np.where(walk, col + n_seg, col), km, shape)
        route_km = np.bincount(row, weights=km, minlength=n_routes)
        return (
            route_of.ravel(),
            travelled,
            np.maximum(route_km, 0.05),
            unique[:, 0].astype(np.int64),
            service,
        )

    def _distance_to_treated(self, town: Town, treated: np.ndarray) -> np.ndarray:
        """Straight-line distance from each home to the nearest treated segment's midpoint [m]."""
        if not treated.any():
            return np.full(len(self.home), np.inf)
        mids = town.node_xy[town.edge_nodes[treated]].mean(axis=1)
        nodes, at = np.unique(self.home, return_inverse=True)
        return _nearest_distances(town.node_xy[nodes], mids)[at.ravel()]

    # --- the hourly script ------------------------------------------------------------
    def hash_parts(self) -> list:
        """What the state hash takes from the population: counters and today's tallies."""
        return [plain_values(self, _NOT_STATE), self.today]

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
        self.route_satisfaction += SATISFACTION_RECOVERY_PER_DAY * (
            SATISFACTION_BASELINE - self.route_satisfaction
        )

    def clear_own_pavements(self) -> None:
        """Residents who do so shovel the snow off their own pavement in the morning."""
        roads = self.model.roads
        n = roads.n_segments
        if self.clearing_share > 0 and roads.snow_cm[n:].max() > 0.5:
            roads.clear_pavements(np.arange(n, 2 * n), self.clearing_share)

    def travel(self) -> None:
        """This hour's trips: incidents on the surfaces walked or ridden, complaints and
        satisfaction from the state of the treated roads along the way."""
        model = self.model
        hour = model.hour
        if hour // 24 != self._profile_day:  # the day's profile: weekday or weekend
            self._profile_day = hour // 24
            self._p_travel = self._p_travel_weekend if model.is_weekend else self._p_travel_weekday
        p_travel = self._p_travel[hour % 24]
        self.trips += p_travel * len(self.home)  # expected trips
        roads = model.roads
        if roads.max_slipperiness() < DRY_EPS:
            # Dry roads: no risk worth counting; the hour's uniforms are still drawn so that
            # the stream stays aligned between runs.
            self._rng.random(out=self._uniforms)
            return
        km = self._exposure.km(roads.slipperiness)
        expected = self.count_incidents(km, p_travel)
        self.judge_trips(km, p_travel, expected)
        self.draw_counts(expected)

    def judge_trips(self, km: np.ndarray, p_travel: float, expected: np.ndarray) -> None:
        """Bad trips (mean slipperiness on the treated roads above BAD_TRIP_SLIPPERINESS)
        move their residents' satisfaction and make the hour's expected complaints."""
        judge = self._trip_judge
        if judge is not None:  # the same steps as below, in C
            n_bad = judge.judge(km, self.route_satisfaction, p_travel * SATISFACTION_RATE)
            if n_bad:
                listed = judge.bad_complain_p[:n_bad]
                expected[COMPLAINTS] = self.scale * p_travel * _add.reduce(listed)
            return
        service = km[: len(self.route_km)]  # walkers: the treated road alongside
        mean_slip = _divide(service, self.route_km, out=service)
        bad = _greater(mean_slip, BAD_TRIP_SLIPPERINESS).nonzero()[0]
        if len(bad):  # some trips are bad (a few hundred routes at most: work on those)
            expected[COMPLAINTS] = self.scale * p_travel * _add.reduce(self.route_complain_p[bad])
            experience = 1.0 - _minimum(1.5 * mean_slip[bad], 1.0)
            sat = self.route_satisfaction
            sat[bad] += (p_travel * SATISFACTION_RATE) * (experience - sat[bad])

    def count_incidents(self, km: np.ndarray, p_travel: float) -> np.ndarray:
        """Expected slips, accidents and injuries per mode this hour, scaled to the town.

        `km` are the slippery km of every route (`RouteExposure.km`); every resident makes
        a trip with probability `p_travel`. (Complaints, the last entry, are 0 here.)
        """
        return self._exposure.counts(km, self.scale * p_travel)

    def draw_counts(self, expected: np.ndarray) -> None:
        """Poisson counts of slips, accidents, injuries (car, bike, walk) and complaints.

        One uniform per count through the inverse Poisson CDF: every hour takes the same
        number of draws, so runs that differ only in what happens on the roads get the same
        random numbers (common random numbers for paired comparisons).
        """
        uniforms, poisson, drawn = self._rng.random(out=self._uniforms), self._poisson, self._drawn
        total = -1 if poisson is None else poisson(uniforms, expected, LARGE_POISSON_MEAN, drawn)
        if total == 0:  # the usual hour: nothing happened
            return
        counts = (
            drawn.tolist() if total > 0 else _poisson_counts(uniforms.tolist(), expected.tolist())
        )
        if not any(counts):
            return
        slips, accidents, car, bike, walk, complaints = counts  # N_COUNTS layout
        if car or bike or walk:
            self.injuries_by_mode += counts[INJURIES : INJURIES + 3]
        injuries = car + bike + walk
        today = self.today
        today["slips"] += slips
        today["accidents"] += accidents
        today["injuries"] += injuries
        today["complaints"] += complaints
        self.slips += slips
        self.accidents += accidents
        self.injuries += injuries
        self.complaints += complaints

    @property
    def mean_satisfaction(self) -> float:
        """Average satisfaction of residents [0..1]."""
        return float(np.einsum("r,r->", self.route_satisfaction, self._people_share))

    @property
    def satisfaction(self) -> np.ndarray:
        """Satisfaction of each resident [0..1] (that of their route)."""
        return self.route_satisfaction[self.route]


def compiled_trip_judge(route_km: np.ndarray, complain_p: np.ndarray) -> object | None:
    """The compiled trip judgement of `travel` (sim/agents/_citizens_c.pyx), or None.
    Service km at or below its `surely_fine` give a mean slipperiness below the bad trip's:
    that bound, a float32 rounded down, is below the exact product by far more than the
    product's rounding, so the kernel divides only above it."""
    compiled = kernel("sim.agents._citizens_c")
    if compiled is None:
        return None
    bound = route_km * (BAD_TRIP_SLIPPERINESS * (1.0 - 2.0**-40))
    surely_fine = bound.astype(np.float32)
    above = surely_fine > bound
    surely_fine[above] = np.nextafter(surely_fine[above], np.float32(-np.inf))
    return compiled.TripJudge(route_km, BAD_TRIP_SLIPPERINESS, surely_fine, complain_p)


def poisson_from_uniform(u: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Poisson(lam) counts by inverting the CDF at the uniforms `u` (elementwise).

    Means above LARGE_POISSON_MEAN (where exp(-lam) would underflow) use the normal
    approximation, which is exact to well under 1 % there.
    """
    return np.array(
        _poisson_counts(np.asarray(u).tolist(), np.asarray(lam, dtype=float).tolist()),
        dtype=np.int64,
    )


def _poisson_counts(uniforms: list[float], means: list[float]) -> list[int]:
    """`poisson_from_uniform` on lists. A short Python loop: the vectors have a handful of
    entries and mostly small means."""
    out = []
    exp, sqrt = math.exp, math.sqrt
    for ui, mean in zip(uniforms, means, strict=True):
        if mean <= 0.0:
            out.append(0)
        elif mean > LARGE_POISSON_MEAN:
            z = ndtri(min(max(ui, 1e-12), 1.0 - 1e-12))
            out.append(max(0, round(mean + sqrt(mean) * z)))
        else:
            pmf = cdf = exp(-mean)
            if ui <= cdf:  # the usual case: rare events, none this hour
                out.append(0)
                continue
            k = 0
            limit = mean + 12.0 * sqrt(mean) + 12.0  # beyond it the tail is < 1e-15
            while ui > cdf and k < limit:
                k += 1
                pmf *= mean / k
                cdf += pmf
            out.append(k)
    return out
