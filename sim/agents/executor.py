"""The uitvoeringsorganisatie (executor): reads the forecast, calls out trucks, spreads salt.

Its physical side is a rule-based dispatcher after common Dutch practice (CROW), checked
every hour when no crew is out:

1. Snow above the plough threshold on the priority network: plough and salt (unless
   ploughing is not authorised and the last salt is still working); snow on the
   second-priority routes: they follow, as part of the same call-out.
2. The priority network is slippery (at the passability limit) and its brine cannot
   melt what lies on it: a curative round, if salt still works at this temperature;
   colder than that, grit where a beslisregel allows it, else nothing (salt is useless).
3. The forecast (the current 6-hourly run, 12 h ahead) shows freezing with moisture
   (precipitation, rijp, or a road that is wet now), or snow or ijzel: a preventive
   round timed to finish two hours before it, at a higher dose before snow or ijzel,
   unless enough salt is still on the busy routes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa
import numpy as np

from sim.agents.conduct import Conduct
from sim.agents.depot import SaltDepot
from sim.agents.fleet import Action, Fleet
from sim.agents.ledger import ExecutorLedger
from sim.agents.outlook import FORECAST_LEAD_H as FORECAST_LEAD_H  # read here by others
from sim.agents.outlook import Outlook, read_runs
from sim.agents.plan import GladheidPlan
from sim.governance.contract import fair_action_price
from sim.scenario.schema import ExecutorConfig
from sim.state_parts import plain_values
from sim.world.roads import SNOW_WE_MM_PER_CM
from sim.world.saltmarket import SaltMarket
from sim.world.weather import PRECIP_SNOW, RUN_INTERVAL_H

if TYPE_CHECKING:
    from sim.model import RegieModel

GRIT_DOSE_G_M2 = 60.0  # sand or grit where salt fails [g/m2] (assumption; CROW 50-100)
# Preventive: treat when the forecast reference surface temperature drops below this
# [degC] with moisture (CROW practice: act on a forecast road temperature near 0 degC;
# the governance layer moves it with maturity and conduct, see `alarm_threshold_c`).
PREVENTIVE_SURFACE_C = 0.5
WET_ROAD_MM = 0.05  # mean water film on the priority network that counts as a wet road [mm]
# Before forecast snow or ijzel the preventive dose is raised by this factor (7 -> 14
# g/m2), so that the brine takes the first centimetre of snow: Overijssel doses 15 g/m2
# in heavy snow, RWS up to 20 (domain facts, doses table). Assumption within that range.
SNOW_PREVENTIVE_DOSE_FACTOR = 2.0
# Curative: gladheid has formed when the length-weighted slipperiness of the priority
# network reaches the passability limit (RoadPhysicsConfig.passable_slipperiness, 0.5)
# [-]; CROW: curative is treatment after gladheid has formed. Was 0.35, which called
# curative rounds on a centimetre of wet snow that preventive salt was still melting.
CURATIVE_SLIPPERINESS = 0.5
# ... and only when the salt on the road cannot cope: the ice and snow its brine cannot
# melt exceed this (length-weighted) [mm water equivalent]; otherwise the last round is
# still working and another would add nothing (see `_unmet_frozen_mm`).
CURATIVE_UNMET_MM = 0.05
# Salt still on the road: skip a round while the length-weighted residual salt (on the
# busy routes for a preventive round, on the routes to be treated for a snow round
# without plough) is at least this share of the round's dose [-]; the residual keeps
# working until traffic and rain take it off (see `_salt_enough`). Assumption.
SALT_STILL_THERE_FRAC = 0.5
# Residual salt for a preventive decision is judged on the busy priority routes (main
# roads and bus routes: relative traffic at least this), where traffic sprays it off
# first and where the plan's norm matters most [-].
BUSY_ROUTE_TRAFFIC = 0.6
# Below this practical salt effectiveness (see RoadState.salt_effectiveness) more salt does
# not help: no curative salting, only grit where a beslisregel allows it [-]. 0.5 is the
# middle of the degraded range (-8.5 degC with the defaults -7/-10): "below -7 degC salt
# works less well, at -10 no longer" (Parool 2021; Centraal Beheer).
SALT_USEFUL_EFFECTIVENESS = 0.5
# A salting round is not sent out while the depot holds less than this share of the salt
# it needs: trucks do not drive a route empty (assumption; Gouda, December 2010, gritted
# with sand and adjusted its routes when the salt did not come, DF sec. 1) [-].
NO_SALT_SHARE = 0.1
MIN_GAP_H = 4  # hours between two alarms other than for snow
CURATIVE_GAP_H = 8  # a curative round needs time to work before the next [h]
PREVENTIVE_MARGIN_H = 2.0  # routes should be done this long before the forecast ice [h]
FORECAST_RUN_H = RUN_INTERVAL_H  # forecasts are renewed every 6 h (weather model runs)
OUTLOOK_RUNS = 32  # forecast runs the dispatcher reads at once (8 days; see `_outlook`)
# Not hashed: a cache keyed on id(weather) (differs by process); the call counter.
_HASH_SKIP = frozenset({"_reading_key", "calls_made"})


def _weighted(values: np.ndarray, surfaces: np.ndarray, weights: np.ndarray) -> float:
    """`float(values[surfaces] @ weights)` bit for bit (the same BLAS dot), through `take`
    and `dot`: cheaper per call, and the dispatcher asks several times an hour."""
    return float(values.take(surfaces).dot(weights))


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
        self.fleet = Fleet(
            plan,
            cfg.trucks,
            cfg.drivers,
            cfg.shift_limit_h,
            cfg.rest_h,
            cfg.gritting_speed_kmh,
            empty_speed_kmh=cfg.empty_speed_kmh,
            plough_speed_kmh=cfg.plough_speed_kmh,
            loading_h=cfg.loading_h,
        )
        self.depot = SaltDepot(cfg.salt, market=SaltMarket(model.scenario.salt_market))
        self.sand_fallback = False
        self.last_alarm_hour = -10_000
        self.shortage_today = False
        self.unmet_salt_t = 0.0
        self.ledger = ExecutorLedger(cfg.salt.price_eur_per_t, self.depot.stock_t)
        self.alarm_threshold_c = PREVENTIVE_SURFACE_C
        self.pending_call: CallOut | None = None
        # Set by the executor's conduct (see sim/agents/conduct.py, Conduct.apply):
        self.dose_factor = 1.0  # share of the planned dose actually spread [-]
        self.efficiency = 1.0  # crew productivity; micromanagement lowers it [-]
        self.plough_allowed = True  # ploughing authorised (in-house plan or approved meerwerk)
        self.plough_rule_from_cm: float | None = None  # beslisregel: plough from this snow [cm]
        self.skipped = np.zeros(model.town.n_segments, dtype=bool)  # segments not treated
        self.stand_down_until = -1  # executor decided: no preventive action before this hour
        self._efficiency_hours = [0.0, 0.0]  # sum of efficiency x truck-hours, truck-hours
        self.conduct = Conduct(self, PREVENTIVE_SURFACE_C)
        self.calls_made = 0  # times the crews were alarmed this season (see `dispatch`)
        p1 = plan.by_priority(1)
        self._p1_segments = np.concatenate([r.segments for r in p1]) if p1 else np.zeros(0, int)
        p2 = plan.by_priority(2)
        self._p2_segments = np.concatenate([r.segments for r in p2]) if p2 else np.zeros(0, int)
        lengths = model.town.length_m
        self._p1_weights = lengths[self._p1_segments] / max(lengths[self._p1_segments].sum(), 1)
        self._p2_weights = lengths[self._p2_segments] / max(lengths[self._p2_segments].sum(), 1)
        busy = model.town.traffic[self._p1_segments] >= BUSY_ROUTE_TRAFFIC
        self._busy_segments = self._p1_segments[busy] if busy.any() else self._p1_segments
        self._busy_weights = lengths[self._busy_segments] / max(
            lengths[self._busy_segments].sum(), 1
        )
        # The forecast runs as read for the alarm threshold (see `_outlook`).
        self._reading_key: tuple[int, float] | None = None
        self._reading = Outlook(0, 0, [], [], [])

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
        """A new day on the national salt market; take in today's delivery."""
        if self.model.hour % 24 == 0:
            self.shortage_today = False
            day = slice(self.model.hour, self.model.hour + 24)
            weather = self.model.weather
            snow = weather.precip_mm_h[day] @ (weather.precip_kind[day] == PRECIP_SNOW)
            self.depot.market.open_day(weather.surface_temp_c[day], float(snow))
        self.depot.receive(self.model.hour)
        self.depot.receive_spot(self.model.hour)

    def assess_conditions(self) -> CallOut | None:
        """The dispatcher's rule: snow, then slipperiness now, then the forecast.

        Snow above the plough threshold on the priority network calls a plough-and-salt
        round (the secondary routes follow once the first are clear); slippery roads call a
        curative round only when the salt on them is used up or diluted and salt can still
        work at this temperature (else grit, if a beslisregel allows it); otherwise a
        forecast of freezing with moisture, or of snow or ijzel, calls a preventive round
        timed to finish before the risk, unless enough salt is still on the road.
        """
        if self.fleet.busy:  # the crews finish the routes they are on first
            return None
        roads, hour, cfg = self.model.roads, self.model.hour, self.cfg
        p1, w1 = self._p1_segments, self._p1_weights
        # Without snow anywhere both weighted depths are 0, never above the (non-negative)
        # plough threshold: the checks are skipped, the outcome is the same.
        if roads.has_snow():
            call = self._snow_call_out()
            if call is not None:
                return call
        if hour - self.last_alarm_hour < MIN_GAP_H:
            return None
        # A dry network (the last hour's maximum, kept by the roads) is not slippery; within
        # the curative gap its slipperiness is not asked for (it calls nothing then).
        slip = (
            _weighted(roads.slipperiness, p1, w1)
            if hour - self.last_alarm_hour >= CURATIVE_GAP_H and roads.max_slipperiness() > 0.0
            else 0.0
        )
        if slip > CURATIVE_SLIPPERINESS:
            temp = float(roads.surface_temp_c[p1] @ w1)
            if roads.salt_effectiveness(temp) < SALT_USEFUL_EFFECTIVENESS:
                if self.sand_fallback:  # salt no longer works: grit instead (beslisregel)
                    return CallOut("grit", 1, 0.0, False, f"slippery {slip:.2f} at {temp:.0f} C")
            elif self._unmet_frozen_mm() > CURATIVE_UNMET_MM:
                return CallOut("curative", 1, cfg.dose_curative_g_m2, False, f"slippery {slip:.2f}")
        # No risk in the forecast, no preventive round (the forecast is read first: most
        # hours it shows none, and reading it changes nothing but its caches). Otherwise the
        # residual salt is judged on the busy routes, where traffic takes it off first;
        # expected snow or ijzel dilutes what is left: then only a full dose counts.
        risk = self._forecast_risk(hour)
        if risk is None:
            return None
        salt_busy = _weighted(roads.salt_g_m2, self._busy_segments, self._busy_weights)
        if salt_busy >= cfg.dose_preventive_g_m2 * SNOW_PREVENTIVE_DOSE_FACTOR:
            return None  # enough for whatever the forecast says
        onset, heavy = risk
        dose = cfg.dose_preventive_g_m2 * (SNOW_PREVENTIVE_DOSE_FACTOR if heavy else 1.0)
        if salt_busy >= (dose if heavy else SALT_STILL_THERE_FRAC * dose):
            return None
        lead_needed = cfg.alarm_to_depart_max_h + self.route_hours() + PREVENTIVE_MARGIN_H
        if onset - hour <= lead_needed:
            return CallOut(
                "preventive",
                1,
                dose,
                False,
                f"forecast {'snow/ijzel' if heavy else 'risk'} at +{onset - hour} h",
            )
        return None

    def _snow_call_out(self) -> CallOut | None:
        """Snow above the plough threshold on the priority network, then on the secondary
        routes (when they are treated in snow): a plough-and-salt round, unless ploughing is
        not authorised and the last salt is still working."""
        roads, cfg = self.model.roads, self.cfg
        p1, w1 = self._p1_segments, self._p1_weights
        snow = _weighted(roads.snow_cm, p1, w1)
        if snow > cfg.plough_threshold_cm and (
            self.may_plough(snow)
            or not self._salt_enough(float(roads.salt_g_m2[p1] @ w1), cfg.dose_snow_g_m2)
        ):
            return CallOut("snow", 1, cfg.dose_snow_g_m2, True, f"snow {snow:.1f} cm")
        if cfg.treat_secondary_in_snow and len(self._p2_segments):
            snow2 = self.secondary_snow_cm()
            if snow2 > cfg.plough_threshold_cm and (
                self.may_plough(snow2)
                or not self._salt_enough(
                    float(roads.salt_g_m2[self._p2_segments] @ self._p2_weights), cfg.dose_snow_g_m2
                )
            ):
                return CallOut("snow", 2, cfg.dose_snow_g_m2, True, "snow on secondary roads")
        return None

    def _unmet_frozen_mm(self) -> float:
        """Ice and snow on the priority network that its brine cannot melt [mm, weighted].

        Per surface below 0 degC: ice plus snow water equivalent minus the spare capacity of
        the residual salt (what it can still keep liquid at this temperature). Surfaces at
        or above 0 degC thaw by themselves and count as coping.
        """
        roads, p1 = self.model.roads, self._p1_segments
        t = roads.surface_temp_c[p1]
        frozen = roads.ice_mm[p1] + roads.snow_cm[p1] * SNOW_WE_MM_PER_CM
        spare = np.maximum(roads.liquid_capacity_mm(t, p1) - roads.water_mm[p1], 0.0)
        unmet = np.where(t < 0.0, np.maximum(frozen - spare, 0.0), 0.0)
        return float(unmet @ self._p1_weights)

    def may_plough(self, snow_cm: float) -> bool:
        """Whether ploughing this much snow [cm] is authorised: by the in-house plan or an
        approved meerwerk request, or by a beslisregel from its snow depth on."""
        return self.plough_allowed or (
            self.plough_rule_from_cm is not None and snow_cm >= self.plough_rule_from_cm
        )

    def secondary_snow_cm(self) -> float:
        """Length-weighted snow on the secondary (priority-2) routes [cm]."""
        if not len(self._p2_segments):
            return 0.0
        return _weighted(self.model.roads.snow_cm, self._p2_segments, self._p2_weights)

    @staticmethod
    def _salt_enough(salt_g_m2: float, dose_g_m2: float) -> bool:
        """Whether the residual salt is still a working share of a round's dose."""
        return salt_g_m2 >= SALT_STILL_THERE_FRAC * dose_g_m2

    def forecast_risk_onset(self, hour: int) -> int | None:
        """First forecast hour with a freezing surface and moisture (precipitation, rijp, wet)."""
        risk = self._forecast_risk(hour)
        return None if risk is None else risk[0]

    def _forecast_risk(self, hour: int) -> tuple[int, bool] | None:
        """(first risky forecast hour, whether snow or ijzel is expected), or None.

        Risky: the forecast surface below the alarm threshold with moisture (precipitation,
        rijp or a road that is wet now), or snow or freezing rain forecast on a surface
        below SNOW_ALARM_SURFACE_C; looked for in the next FORECAST_LEAD_H hours of the
        current 6-hourly run (see `sim.agents.outlook`).
        """
        return self._outlook(hour).first_risk(
            hour, lambda: self._p1_mean(self.model.roads.water_mm) > WET_ROAD_MM
        )

    def _outlook(self, hour: int) -> Outlook:
        """The forecast runs read for the alarm threshold, from the run of `hour` for
        OUTLOOK_RUNS runs: read anew when the winter (an inject) or the threshold (it moves
        with governance) changes. The runs are the weather's season table, whose values
        are `weather.forecast(run_hour, ...)`'s, bit for bit."""
        weather = self.model.weather
        key = (id(weather), self.alarm_threshold_c)
        outlook = self._reading
        if self._reading_key != key or not outlook.covers(hour):
            run = hour // FORECAST_RUN_H
            table = weather.run_table()
            stop = min(run + OUTLOOK_RUNS, table.first + len(table.n_valid))
            outlook = self._reading = read_runs(table, run, stop, self.alarm_threshold_c)
            self._reading_key = key
        return outlook

    def _p1_mean(self, values: np.ndarray) -> float:
        """Length-weighted mean of a per-surface quantity over the priority network."""
        return _weighted(values, self._p1_segments, self._p1_weights)

    def route_hours(self) -> float:
        """Loading and driving the longest priority-1 route [h] (after the call-out)."""
        return self.fleet.round_hours(1)

    def dispatch(self, call: CallOut | None) -> Action | None:
        """Alarm the crews for a call-out decision."""
        if call is None or self.fleet.busy_with(call.priority):
            return None
        hour = self.model.hour
        if call.kind == "preventive" and hour < self.stand_down_until:
            return None
        if call.plough and not self.plough_allowed:
            snow = (
                self._p1_mean(self.model.roads.snow_cm)
                if call.priority == 1
                else self.secondary_snow_cm()
            )
            if self.may_plough(snow):  # on the beslisregel: no need to ask
                self.model.governance.spend_under_rule(
                    "plough_authorised",
                    fair_action_price(self.model.scenario.contract, call.priority),
                )
            else:
                self.model.governance.plough_needed()
                call = CallOut(call.kind, call.priority, call.dose_g_m2, False, call.reason)
        call = CallOut(
            call.kind, call.priority, call.dose_g_m2 * self.dose_factor, call.plough, call.reason
        )
        call = self.salt_for(call)
        if call is None:
            return None
        lo, hi = self.cfg.alarm_to_depart_min_h, self.cfg.alarm_to_depart_max_h
        delays = self.model.streams["executor"].uniform(lo, hi, size=self.cfg.trucks)
        action = self.fleet.call_out(
            hour, call.kind, call.priority, call.dose_g_m2, call.plough, delays
        )
        self.last_alarm_hour = hour
        self.calls_made += 1
        return action

    def salt_for(self, call: CallOut) -> CallOut | None:
        """The call as the depot allows it: with (almost) no salt a salting round is not
        sent out empty; it ploughs without salt, grits on the beslisregel, or waits (a
        shortage day)."""
        need = self.plan.round_salt_t(call.priority, call.dose_g_m2)
        if call.kind == "grit" or self.depot.stock_t >= NO_SALT_SHARE * need:
            return call
        self.shortage_today = True
        if self.sand_fallback:
            return CallOut("grit", call.priority, 0.0, call.plough, call.reason)
        return CallOut(call.kind, call.priority, 0.0, True, call.reason) if call.plough else None

    def drive_routes(self) -> None:
        """Trucks drive; segments they pass are ploughed and salted (or sanded without salt)."""
        if not self.fleet.busy:  # no truck out and no route waiting: nothing moves
            return
        roads = self.model.roads
        for route, action, idx in self.fleet.drive(self.model.hour):
            if len(idx) == 0:
                continue
            keep = ~self.skipped[route.segments[idx]]  # parts left out on purpose (conduct)
            idx = idx[keep]
            segs = route.segments[idx]
            if len(segs) == 0:
                continue
            if action.plough:
                roads.plough(segs)
            if action.kind == "grit":
                roads.grit(segs, GRIT_DOSE_G_M2)
                continue
            need = float(route.area_m2[idx].sum() * action.dose_g_m2 / 1e6)
            got = self.depot.take(need)
            action.salt_t += got
            share = got / need if need > 0 else 1.0
            n_salted = math.floor(share * len(segs) + 1e-9)
            roads.salt(segs[:n_salted], action.dose_g_m2)
            if action.kind == "targeted":  # an aimed job salts the pavements along as well
                roads.salt(segs[:n_salted] + self.model.town.n_segments, action.dose_g_m2)
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
        """Crew and truck hours as they are driven; standby once a day (see `ledger`)."""
        on_road = self.fleet.on_road()
        self.ledger.book_hour(self.cfg, on_road, self.efficiency, self.model.hour % 24 == 0)
        if on_road:
            self._efficiency_hours[0] += self.efficiency * on_road
            self._efficiency_hours[1] += on_road
        self.fleet.rest_idle_drivers()

    # --- views -----------------------------------------------------------------------
    @property
    def priority1_segments(self) -> np.ndarray:
        """Segments of the priority-1 routes (the prioriteitsnet)."""
        return self._p1_segments

    @property
    def priority2_segments(self) -> np.ndarray:
        """Segments of the priority-2 (secondary) routes."""
        return self._p2_segments

    def hash_parts(self) -> list:
        """The executor's state for the state hash: its plain attributes in order (caches
        and the counter `calls_made`, hashed with the model, left out), the waiting call and
        the efficiency totals, the ledger."""
        return [
            plain_values(self, _HASH_SKIP),
            self.pending_call,
            self._efficiency_hours,
            self.ledger.hash_parts(),
        ]

    @property
    def mean_efficiency(self) -> float:
        """Crew productivity averaged over the hours trucks were out [-]."""
        total, hours = self._efficiency_hours
        return total / hours if hours else self.efficiency

    @property
    def true_cost_eur(self) -> float:
        """What the service really costs: standby, crews, trucks and the salt used (the
        starting stock included) [EUR]."""
        return self.ledger.operating_eur(self.depot)
