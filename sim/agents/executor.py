"""The uitvoeringsorganisatie (executor): reads the forecast, calls out trucks, spreads salt.

Its physical side is a rule-based dispatcher after common Dutch practice (CROW):
treat preventively when the forecast shows the surface going below about 0 degC with
moisture, so that routes are done before the ice; treat curatively when the roads
are slippery anyway; plough and salt heavier when snow lies on the routes; do the
second-priority routes in snow once the first are done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.agents.depot import SaltDepot
from sim.agents.fleet import Action, Fleet
from sim.agents.plan import GladheidPlan
from sim.scenario.schema import ExecutorConfig

if TYPE_CHECKING:
    from sim.model import RegieModel

GRIT_DOSE_G_M2 = 60.0  # sand or grit where salt fails [g/m2]
PREVENTIVE_SURFACE_C = 0.5  # treat when the forecast surface temperature drops below [degC]
FORECAST_LEAD_H = 12
CURATIVE_SLIPPERINESS = 0.35  # mean slipperiness of the priority network that calls curative
SALT_STILL_THERE_FRAC = 0.5  # skip preventive while this share of a dose is still on the road
MIN_GAP_H = 4  # hours between two alarms other than for snow
CURATIVE_GAP_H = 8  # a curative round needs time to work before the next [h]
PREVENTIVE_MARGIN_H = 2.0  # routes should be done this long before the forecast ice [h]


@dataclass(frozen=True)
class CallOut:
    """A dispatch decision: what to do and on which priority level."""

    kind: str  # preventive | curative | snow
    priority: int
    dose_g_m2: float
    plough: bool
    reason: str


class Uitvoeringsorganisatie(mesa.Agent):
    """The executing organisation: fleet, drivers, salt depot and the dispatcher."""

    def __init__(self, model: RegieModel, cfg: ExecutorConfig, plan: GladheidPlan) -> None:
        super().__init__(model)
        self.cfg = cfg
        self.plan = plan
        self.fleet = Fleet(plan, cfg.trucks, cfg.drivers, cfg.shift_limit_h, cfg.rest_h,
                           cfg.gritting_speed_kmh)
        self.depot = SaltDepot(cfg.salt)
        self.sand_fallback = False
        self.last_alarm_hour = -10_000
        self.shortage_today = False
        self.unmet_salt_t = 0.0
        self.operating_cost_eur = 0.0
        self.standby_cost_eur = 0.0
        self.alarm_threshold_c = PREVENTIVE_SURFACE_C
        self.pending_call: CallOut | None = None
        # Governance hooks (set by the executor's conduct, see sim/governance/conduct.py):
        self.dose_factor = 1.0  # share of the planned dose actually spread [-]
        self.efficiency = 1.0  # crew productivity; micromanagement lowers it [-]
        self.plough_allowed = True  # ploughing authorised (plan, beslisregel or approval)
        self.stand_down_until = -1  # executor decided: no preventive action before this hour
        self._efficiency_hours = [0.0, 0.0]  # sum of efficiency x truck-hours, truck-hours
        p1 = plan.by_priority(1)
        self._p1_segments = np.concatenate([r.segments for r in p1]) if p1 else np.zeros(0, int)
        p2 = plan.by_priority(2)
        self._p2_segments = np.concatenate([r.segments for r in p2]) if p2 else np.zeros(0, int)
        lengths = model.town.length_m
        self._p1_weights = lengths[self._p1_segments] / max(lengths[self._p1_segments].sum(), 1)

    # --- the hourly script ---------------------------------------------------------
    def step(self) -> None:
        """One hour of the executor's physical work."""
        self.receive_salt()
        self.dispatch(self.pending_call or self.assess_conditions())
        self.pending_call = None
        self.drive_routes()
        self.order_salt()
        self.book_costs()

    def receive_salt(self) -> None:
        """Take in today's delivery."""
        if self.model.hour % 24 == 0:
            self.shortage_today = False
        self.depot.receive(self.model.hour)

    def assess_conditions(self) -> CallOut | None:
        """The dispatcher's rule: snow, then slipperiness now, then the forecast."""
        if self.fleet.busy_with(1):
            return None
        roads, hour = self.model.roads, self.model.hour
        snow = float(roads.snow_cm[self._p1_segments] @ self._p1_weights)
        if snow > self.cfg.plough_threshold_cm:
            return CallOut("snow", 1, self.cfg.dose_snow_g_m2, True, f"snow {snow:.1f} cm")
        if (self.cfg.treat_secondary_in_snow and len(self._p2_segments)
                and not self.fleet.busy_with(2)
                and roads.snow_cm[self._p2_segments].mean() > self.cfg.plough_threshold_cm):
            return CallOut("snow", 2, self.cfg.dose_snow_g_m2, True, "snow on secondary roads")
        if hour - self.last_alarm_hour < MIN_GAP_H:
            return None
        slip = float(roads.slipperiness[self._p1_segments] @ self._p1_weights)
        if slip > CURATIVE_SLIPPERINESS and hour - self.last_alarm_hour >= CURATIVE_GAP_H:
            temp = float(roads.surface_temp_c[self._p1_segments] @ self._p1_weights)
            if temp > self.model.scenario.roads.salt_ineffective_below_c:
                return CallOut("curative", 1, self.cfg.dose_curative_g_m2, False,
                               f"slippery {slip:.2f}")
            if self.sand_fallback:  # salt no longer works: grit instead (beslisregel)
                return CallOut("grit", 1, 0.0, False, f"slippery {slip:.2f} at {temp:.0f} C")
        salt_now = float(roads.salt_g_m2[self._p1_segments] @ self._p1_weights)
        if salt_now >= SALT_STILL_THERE_FRAC * self.cfg.dose_preventive_g_m2:
            return None
        onset = self.forecast_risk_onset(hour)
        if onset is None:
            return None
        lead_needed = self.cfg.alarm_to_depart_max_h + self.route_hours() + PREVENTIVE_MARGIN_H
        if onset - hour <= lead_needed:
            return CallOut("preventive", 1, self.cfg.dose_preventive_g_m2, False,
                           f"forecast risk at +{onset - hour} h")
        return None

    def forecast_risk_onset(self, hour: int) -> int | None:
        """First forecast hour with a freezing surface and moisture (precipitation, rijp, wet)."""
        fc = self.model.weather.forecast(hour, FORECAST_LEAD_H)
        if len(fc.hours) == 0:
            return None
        wet_now = float(self.model.roads.water_mm[self._p1_segments].mean()) > 0.05
        cold = fc.surface_temp_c < self.alarm_threshold_c
        moist = (fc.precip_prob > 0.4) | (fc.hoarfrost_risk > 0.4) | wet_now
        hits = np.flatnonzero(cold & moist)
        return int(fc.hours[hits[0]]) if len(hits) else None

    def route_hours(self) -> float:
        """Driving time of the longest priority-1 route [h]."""
        p1 = self.plan.by_priority(1)
        return max((r.length_km for r in p1), default=0.0) / self.cfg.gritting_speed_kmh

    def dispatch(self, call: CallOut | None) -> Action | None:
        """Alarm the crews for a call-out decision."""
        if call is None or self.fleet.busy_with(call.priority):
            return None
        hour = self.model.hour
        if call.kind == "preventive" and hour < self.stand_down_until:
            return None
        if call.plough and not self.plough_allowed:
            self.model.governance.plough_needed(call)
            call = CallOut(call.kind, call.priority, call.dose_g_m2, False, call.reason)
        call = CallOut(call.kind, call.priority, call.dose_g_m2 * self.dose_factor, call.plough,
                       call.reason)
        lo, hi = self.cfg.alarm_to_depart_min_h, self.cfg.alarm_to_depart_max_h
        delays = self.model.rng.uniform(lo, hi, size=self.cfg.trucks)
        action = self.fleet.call_out(hour, call.kind, call.priority, call.dose_g_m2,
                                     call.plough, delays)
        self.last_alarm_hour = hour
        self.model.events.append(("action", hour, call.kind, call.priority, call.reason))
        return action

    def drive_routes(self) -> None:
        """Trucks drive; segments they pass are ploughed and salted (or sanded without salt)."""
        roads = self.model.roads
        for route, action, idx in self.fleet.drive(self.model.hour):
            if len(idx) == 0:
                continue
            segs = route.segments[idx]
            if action.plough:
                roads.plough(segs)
            if action.kind == "grit":
                roads.grit(segs, GRIT_DOSE_G_M2)
                continue
            need = float(route.area_m2[idx].sum() * action.dose_g_m2 / 1e6)
            got = self.depot.take(need)
            action.salt_t += got
            share = got / need if need > 0 else 1.0
            n_salted = int(np.floor(share * len(segs) + 1e-9))
            roads.salt(segs[:n_salted], action.dose_g_m2)
            if n_salted < len(segs):
                self.shortage_today = True
                self.unmet_salt_t += need - got
                rest = segs[n_salted:]
                action.unsalted_km += float(self.model.town.length_m[rest].sum() / 1000.0)
                if self.sand_fallback:
                    roads.grit(rest, GRIT_DOSE_G_M2)

    def order_salt(self) -> None:
        """Keep the depot topped up through the regular supplier."""
        self.depot.reorder(self.model.hour)

    def book_costs(self) -> None:
        """Crew and truck hours as they are driven; standby once a day."""
        on_road = sum(1 for t in self.fleet.trucks if t.driver >= 0)
        self.operating_cost_eur += on_road * (self.cfg.crew_cost_eur_per_h
                                              + self.cfg.truck_cost_eur_per_h) / self.efficiency
        if on_road:
            self._efficiency_hours[0] += self.efficiency * on_road
            self._efficiency_hours[1] += on_road
        if self.model.hour % 24 == 0:
            self.standby_cost_eur += self.cfg.standby_cost_eur_per_day
        self.fleet.rest_idle_drivers()

    # --- views -----------------------------------------------------------------------
    @property
    def mean_efficiency(self) -> float:
        """Crew productivity averaged over the hours trucks were out [-]."""
        total, hours = self._efficiency_hours
        return total / hours if hours else self.efficiency

    @property
    def true_cost_eur(self) -> float:
        """What the service really costs: crews, trucks, standby and salt [EUR]."""
        return self.operating_cost_eur + self.standby_cost_eur + self.depot.bought_eur

