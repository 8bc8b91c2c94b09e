"""Trucks and drivers: call-out, driving routes, shift limits, and the record of every action.

A strooiactie is one call-out of (part of) the fleet. Each truck needs a rested driver;
a driver who reaches the shift limit must rest (Arbeidstijdenwet: at most 11-12 h).
Time runs as in practice: the crew reaches the depot (call-out delay), loads, drives
empty to the start of its route and grits it (slower when it ploughs); times within the
hour are kept as fractions, so a route's finishing time is exact. A route that finds no
free truck or rested driver waits for the first truck back (it finishes late) until a
new call-out of its priority takes over or it has waited too long.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.agents.plan import GladheidPlan, Route
from sim.state_parts import plain_values

IDLE, CALLED, DRIVING, BROKEN = 0, 1, 2, 3
# A second-priority snow round alarmed within this time of a priority-1 call-out in snow
# (ploughing or curative salting) is part of that call-out: the crews go on to the second
# routes once the first are clear (Ommen, Arnhem: the second route follows when the first
# is under control) [h].
SNOW_EPISODE_H = 12
# A route still waiting for a truck or driver this long after its alarm is given up: the
# situation has moved on and the dispatcher calls anew (assumption) [h].
WAITING_MAX_H = 6.0


@dataclass
class Action:
    """One strooiactie as it happened (the true record; reports may differ)."""

    id: int
    kind: str  # "preventive" | "curative" | "snow"
    alarm_hour: int
    dose_g_m2: float
    plough: bool
    priority: int
    routes: list[int] = field(default_factory=list)
    started: dict[int, float] = field(default_factory=dict)  # route id -> departure [h]
    finished: dict[int, float] = field(default_factory=dict)  # route id -> finished [h]
    salt_t: float = 0.0
    unsalted_km: float = 0.0
    skipped_routes: list[int] = field(default_factory=list)  # no truck or driver available
    follow_up_routes: list[int] = field(default_factory=list)  # second-priority routes in snow

    def routes_within_norm(self, norm_h: float) -> int:
        """Routes of the action's own priority finished within the norm after the alarm."""
        return sum(
            1
            for r in self.routes
            if r in self.finished and self.finished[r] - self.alarm_hour <= norm_h
        )


@dataclass
class Truck:
    """One gritter with its current job."""

    id: int
    state: int = IDLE
    route: Route | None = None
    action: Action | None = None
    depart_hour: float = 0.0  # leaves the depot, loaded (fractional hour)
    pos_km: float = 0.0
    driver: int = -1
    broken_until: int = -1


class Fleet:
    """All trucks and drivers of the executor."""

    def __init__(
        self,
        plan: GladheidPlan,
        n_trucks: int,
        n_drivers: int,
        shift_limit_h: float,
        rest_h: float,
        speed_kmh: float,
        *,
        empty_speed_kmh: float = 50.0,
        plough_speed_kmh: float = 20.0,
        loading_h: float = 0.3,
    ) -> None:
        self.plan = plan
        self.trucks = [Truck(i) for i in range(n_trucks)]
        self.shift_h = np.zeros(n_drivers)
        self.rest_until = np.full(n_drivers, -1, dtype=np.int64)
        self.sick_until = np.full(n_drivers, -1, dtype=np.int64)
        self.shift_limit_h = shift_limit_h
        self.rest_h = rest_h
        self.speed_kmh = speed_kmh
        self.empty_speed_kmh = empty_speed_kmh
        self.plough_speed_kmh = plough_speed_kmh
        self.loading_h = loading_h
        self.waiting: list[tuple[Route, Action]] = []  # routes without a truck or driver yet
        self.actions: list[Action] = []
        self.crew_hours = 0.0
        self._round_hours: dict[tuple, float] = {}  # see `round_hours`

    def hash_parts(self) -> list:
        """What the state hash takes from the fleet (beyond the crew arrays): each truck,
        the number of actions and the newest two in full, the crew hours."""
        return [
            [
                [
                    *plain_values(t),
                    t.route.id if t.route is not None else None,
                    t.action.id if t.action is not None else None,
                ]
                for t in self.trucks
            ],
            len(self.actions),
            [list(vars(a).values()) for a in self.actions[-2:]],
            self.crew_hours,
            [(r.id, a.id) for r, a in self.waiting],
        ]

    @property
    def busy(self) -> bool:
        """Whether any truck is out on an action or a route waits for one."""
        if self.waiting:
            return True
        # A plain loop: asked every hour, cheaper than any() over a generator.
        for t in self.trucks:  # noqa: SIM110
            if t.state == CALLED or t.state == DRIVING:
                return True
        return False

    def on_road(self) -> int:
        """Trucks with a driver on board this hour."""
        count = 0
        for t in self.trucks:  # a plain loop: asked every hour
            if t.driver >= 0:
                count += 1
        return count

    def busy_with(self, priority: int) -> bool:
        """Whether any truck is out on, or any route waits for, routes of this priority."""
        return any(r.priority == priority for r, _ in self.waiting) or any(
            t.state in (CALLED, DRIVING) and t.route is not None and t.route.priority == priority
            for t in self.trucks
        )

    def route_hours(self, route: Route, plough: bool) -> float:
        """Loading plus driving one route: empty to its start, then gritting [h]."""
        speed = self.plough_speed_kmh if plough else self.speed_kmh
        return self.loading_h + route.hours(self.empty_speed_kmh, speed)

    def round_hours(self, priority: int, plough: bool = False) -> float:
        """Loading and driving the longest route of a priority [h] (after the call-out)."""
        # The dispatcher asks whenever the forecast shows a risk: kept per priority, plough
        # and the speeds it was worked out for.
        key = (
            priority,
            plough,
            self.loading_h,
            self.empty_speed_kmh,
            self.speed_kmh,
            self.plough_speed_kmh,
        )
        hours = self._round_hours.get(key)
        if hours is None:
            hours = self._round_hours[key] = max(
                (self.route_hours(r, plough) for r in self.plan.by_priority(priority)),
                default=0.0,
            )
        return hours

    def available_drivers(self, hour: int) -> np.ndarray:
        """Drivers who are rested, not sick and not on a truck."""
        on_truck = {t.driver for t in self.trucks if t.state in (CALLED, DRIVING)}
        ok = (self.rest_until <= hour) & (self.sick_until <= hour)
        return np.array([d for d in np.flatnonzero(ok) if d not in on_truck], dtype=np.int64)

    def call_out(
        self, hour: int, kind: str, priority: int, dose: float, plough: bool, delays_h: np.ndarray
    ) -> Action:
        """Alarm: assign each route of the priority to a free truck with a free driver.

        Second-priority routes in snow shortly after a priority-1 snow call-out join that
        call-out (one strooiactie; the crews drive on without a new alarm).
        """
        joined = self._snow_call_out_to_join(hour, kind, priority)
        if joined is None:
            action = self._new_action(hour, kind, dose, plough, priority)
            routes = action.routes
        else:
            action, routes = joined, joined.follow_up_routes
            delays_h = np.zeros(1)
        self._give_up_waiting(priority)
        drivers = list(self.available_drivers(hour))
        free = [t for t in self.trucks if t.state == IDLE and t.broken_until <= hour]
        for i, route in enumerate(self.plan.by_priority(priority)):
            routes.append(route.id)
            if not free or not drivers:
                self.waiting.append((route, action))
                continue
            self._send(
                free.pop(0),
                int(drivers.pop(0)),
                route,
                action,
                hour + float(delays_h[i % len(delays_h)]),
            )
        if joined is None:
            self.actions.append(action)
        return action

    def send_job(
        self,
        hour: int,
        route: Route,
        kind: str,
        dose: float,
        delay_h: float,
        take: bool,
        plough: bool = False,
    ) -> Action:
        """A job outside the plan on its own route (a targeted order): a free truck with a
        rested driver after the call-out delay; with `take` (it jumps the queue), failing
        that, the truck that has done least of its route is taken off it at once and that
        route is left undone; otherwise the job waits for the first truck back."""
        action = self._new_action(hour, kind, dose, plough, route.priority)
        action.routes.append(route.id)
        self.actions.append(action)
        drivers = self.available_drivers(hour)
        free = [t for t in self.trucks if t.state == IDLE and t.broken_until <= hour]
        out = [t for t in self.trucks if t.state in (CALLED, DRIVING) and t.route.priority > 0]
        if free and len(drivers):
            self._send(free[0], int(drivers[0]), route, action, hour + delay_h)
        elif take and out:
            truck = min(out, key=lambda t: (t.pos_km / max(t.route.length_km, 1e-9), t.id))
            truck.action.skipped_routes.append(truck.route.id)
            self._send(truck, truck.driver, route, action, float(hour))
        else:
            self.waiting.append((route, action))
        return action

    def _new_action(self, hour: int, kind: str, dose: float, plough: bool, priority: int) -> Action:
        """The next strooiactie, alarmed at `hour` (not yet in `actions`)."""
        return Action(
            id=len(self.actions),
            kind=kind,
            alarm_hour=hour,
            dose_g_m2=dose,
            plough=plough,
            priority=priority,
        )

    def _send(
        self, truck: Truck, driver: int, route: Route, action: Action, at_depot: float
    ) -> None:
        """A truck and driver take a route; they leave once loaded."""
        truck.state, truck.route, truck.action, truck.driver = CALLED, route, action, driver
        truck.depart_hour = at_depot + self.loading_h
        truck.pos_km = 0.0

    def _give_up_waiting(self, priority: int, hour: float | None = None) -> None:
        """Waiting routes of this priority are left undone: a new call-out takes over, or
        (with `hour`) they have waited WAITING_MAX_H since their alarm."""
        keep = []
        for route, action in self.waiting:
            if route.priority == priority and (
                hour is None or hour - action.alarm_hour >= WAITING_MAX_H
            ):
                action.skipped_routes.append(route.id)
            else:
                keep.append((route, action))
        self.waiting = keep

    def _serve_waiting(self, hour: int) -> None:
        """Trucks back at the depot take waiting routes, if a rested driver is free."""
        for priority in sorted({r.priority for r, _ in self.waiting}):
            self._give_up_waiting(priority, hour)
        if not self.waiting:
            return
        drivers = list(self.available_drivers(hour))
        free = [t for t in self.trucks if t.state == IDLE and t.broken_until <= hour]
        while self.waiting and free and drivers:
            route, action = self.waiting.pop(0)
            self._send(free.pop(0), int(drivers.pop(0)), route, action, float(hour))

    def _snow_call_out_to_join(self, hour: int, kind: str, priority: int) -> Action | None:
        """The recent priority-1 call-out in snow (plough or curative salting) that a
        second-priority snow round belongs to."""
        if kind != "snow" or priority == 1 or not self.actions:
            return None
        last = self.actions[-1]
        if (
            last.kind in ("snow", "curative")
            and last.priority == 1
            and not last.follow_up_routes
            and hour - last.alarm_hour <= SNOW_EPISODE_H
        ):
            return last
        return None

    def drive(self, hour: int) -> list[tuple[Route, Action, np.ndarray]]:
        """Advance all trucks through hour [hour, hour + 1); return (route, action,
        positions passed) triples."""
        if self.waiting:
            self._serve_waiting(hour)
        passed: list[tuple[Route, Action, np.ndarray]] = []
        for truck in self.trucks:
            if truck.state not in (CALLED, DRIVING):
                continue
            self.crew_hours += 1.0
            self.shift_h[truck.driver] += 1.0
            start = float(hour)
            if truck.state == CALLED:
                if truck.depart_hour >= hour + 1:
                    continue
                truck.state = DRIVING
                start = max(start, truck.depart_hour)
                truck.action.started[truck.route.id] = round(start, 6)
            old = truck.pos_km
            truck.pos_km, used_h = self._advance(truck, hour + 1 - start)
            cum = truck.route.cum_km
            lo, hi = cum.searchsorted((old, truck.pos_km), side="right").tolist()
            passed.append((truck.route, truck.action, np.arange(lo, hi)))
            if truck.pos_km >= truck.route.length_km:
                truck.action.finished[truck.route.id] = round(start + used_h, 6)
                self._release(truck, hour)
            elif self.shift_h[truck.driver] >= self.shift_limit_h:
                self._swap_driver(truck, hour)
        return passed

    def _advance(self, truck: Truck, hours: float) -> tuple[float, float]:
        """Drive up to `hours`: empty to the route's start, then gritting (ploughing).
        Returns the new position [km] and the time used [h]."""
        route, pos, left = truck.route, truck.pos_km, hours
        if pos < route.approach_km:
            need = (route.approach_km - pos) / self.empty_speed_kmh
            if need >= left:
                return pos + left * self.empty_speed_kmh, hours
            pos, left = route.approach_km, left - need
        speed = self.plough_speed_kmh if truck.action.plough else self.speed_kmh
        need = (route.length_km - pos) / speed
        if need > left:
            return pos + left * speed, hours
        return route.length_km, hours - left + need

    def _release(self, truck: Truck, hour: int) -> None:
        """Truck back at the depot; a driver past the limit goes to rest."""
        if self.shift_h[truck.driver] >= self.shift_limit_h * 0.75:
            self.rest_until[truck.driver] = hour + int(self.rest_h)
            self.shift_h[truck.driver] = 0.0
        truck.state, truck.route, truck.action, truck.driver = IDLE, None, None, -1

    def _swap_driver(self, truck: Truck, hour: int) -> None:
        """A driver at the shift limit hands over, or the truck stops if nobody is free."""
        tired = truck.driver
        self.rest_until[tired] = hour + int(self.rest_h)
        self.shift_h[tired] = 0.0
        fresh = self.available_drivers(hour)
        if len(fresh):
            truck.driver = int(fresh[0])
        else:
            truck.action.skipped_routes.append(truck.route.id)
            truck.state, truck.route, truck.action, truck.driver = IDLE, None, None, -1

    def rest_idle_drivers(self) -> None:
        """Drivers not on a truck slowly recover their shift budget (standby is not driving)."""
        # Element by element on a Python copy: a crew is a handful of drivers, for whom
        # numpy's cost per call is most of the work (same values: max(h - 1, 0) each).
        shift = self.shift_h
        hours = shift.tolist()
        if not any(hours):
            return
        on_truck = {t.driver for t in self.trucks if t.driver >= 0}
        for driver, h in enumerate(hours):
            if h and driver not in on_truck:
                shift[driver] = max(h - 1.0, 0.0)
