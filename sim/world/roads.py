"""Road-surface physics, vectorised over surfaces: water, ice, snow, salt, grit, slipperiness.

Surfaces are the carriageway (or cycle/foot path) of every segment, followed by the
pavement alongside it: index i is segment i's carriageway, n + i its pavement.
One call to `step` advances one hour. Units: water and ice in mm water equivalent
(1 mm = 1,000 g/m2), snow in cm, salt and grit in g/m2, temperatures in degC.

Order within an hour: precipitation and vapour exchange (rijp forms on a surface below
0 degC and below the dewpoint; ice and snow sublimate into dry air), then freezing and
melting (brine from the residual salt keeps some water liquid and eats into ice and
snow), then traffic (packs snow into ice, sprays salt off), run-off and drying, rain
washing salt away, and finally the slipperiness that citizens and KPIs read.

A dry hour (no water, ice or snow anywhere, nothing falling, no rijp possible) only
decays salt and grit: the skip depends on the state and the weather, never on chance.
"""

from __future__ import annotations

import numpy as np

from sim.scenario.schema import RoadPhysicsConfig
from sim.world.town import FOOTPATH, PEDESTRIAN_TRAFFIC, Town

PRECIP_SNOW = 2  # precipitation kind code for snow (sim.world.weather.PRECIP_SNOW)

# Freezing-point depression of brine: about 0.6 degC per mass-% NaCl up to the eutectic
# (23.3 % at -21 degC); water held liquid by s g/m2 salt is s*(100/c - 1) with c = -T/0.6.
DEPRESSION_C_PER_PCT = 0.6
EUTECTIC_PCT = 23.3
# How fast brine eats into an ice layer [mm/h]: assumption; a curative dose clears a
# 0.1-0.3 mm ice film within an hour or two of spreading (CROW practice: curative
# treatment works within about an hour, with traffic).
SALT_MELT_RATE_MM_H = 0.25
# How fast brine dissolves fresh snow [mm water equivalent/h]: fresh snow has a huge
# surface and melts on contact with brine, so the salt amount (capacity), not the rate,
# limits it; 1 mm/h (= 1 cm snow/h) is an assumption that keeps that true for light
# to moderate snowfall (0.2-1 mm/h) and lets heavy snow outrun the salt.
SALT_SNOW_MELT_RATE_MM_H = 1.0
# Melt of an ice layer above 0 degC [mm/(h*degC)], about 5 mm/(degC*day): degree-day
# factors for ice are 5-8 mm/(degC*day) (glaciology); a dark road with heat from below
# is at least as fast. Assumption at the low end of that range.
DEGREE_HOUR_MELT_MM = 0.2
SNOW_MELT_CM = 0.12  # natural melt of snow above 0 degC [cm/(h*degC)] (~3 mm/(degC*day))
SNOW_CM_PER_MM = 1.0  # fresh snow: 1 mm water equivalent is about 1 cm (10:1)
SNOW_WE_MM_PER_CM = 1.0
# Traffic grinds and throws off ice that brine has loosened from the road [mm/h at full
# traffic], on salted surfaces where salt still works: after ijzel, salted main roads
# come clear within hours while untreated streets stay glazed (CROW practice).
# Assumption: 0.1 mm/h, so a 1 mm glaze goes in about 10 busy hours with brine alone.
ICE_WEAR_MM_H = 0.1
SALT_WORKING_G_M2 = 1.0  # residual salt below this does not loosen ice or snow [g/m2]
# Salt needs traffic to work ("inrijden"): on a salted surface traffic churns snow into
# slush and throws it aside, this share per hour at full traffic [1/h]; on an unsalted
# surface it packs the snow instead (PACKING_RATE_H). Assumption: light snow on a
# salted main road is gone within a few busy hours (Stadskanaal, Heusden: salt needs
# traffic; little traffic leaves salt "not ingereden", Gelderlander 2021).
SLUSH_SPRAY_RATE_H = 0.2
PACKING_RATE_H = 0.06  # share of snow packed into ice per hour at full traffic [1/h]
PACKED_ICE_SHARE = 0.5  # of packed snow, this share stays as ice ("vastgereden sneeuw")
DRAIN_RATE_H = 0.15  # share of surface water draining/evaporating per hour [1/h]
# Water a dense-asphalt surface holds after run-off [mm]: its macrotexture depth is
# 0.4-1 mm; more runs off to the verge and the gully at once. Assumption.
WATER_FILM_MAX_MM = 0.5
WATER_TRACE_MM = 0.005  # a film thinner than this has dried [mm]
ICE_TRACE_MM = 0.001  # ice thinner than this has gone [mm]
SNOW_TRACE_CM = 0.01  # snow thinner than this has gone [cm]
RAIN_WASH_PER_MM = 0.25  # salt washed off per mm of rain [1/mm] (RWS: rain washes salt off)
# Vapour exchange below 0 degC per degC of dewpoint above (rijp) or below (sublimation)
# the surface, capped at 2 degC [mm/(h*degC)]: a clear humid night deposits 0.05-0.1 mm
# of rijp (50-100 g/m2), enough for a slippery film. Assumption after road-weather
# practice; sublimation uses the same coefficient (the same vapour-pressure gradient).
HOARFROST_RATE_MM_H = 0.004
VAPOUR_GAP_CAP_C = 2.0
GRIT_HALF_LIFE_H = 36.0  # sand and grit are swept aside by traffic [h]
WET_SALT_EFFICIENCY = 0.95  # wet salt (70/30 brine) stays on the road; dry salt loses 10-20 %
BLACK_ICE_SCALE_MM = 0.1  # a 0.1 mm ice film already makes a road slippery
SNOW_SCALE_CM = 2.5  # 1 cm of loose snow gives slipperiness 0.33
WET_COLD_SLIPPERINESS = 0.2  # a wet road near freezing without brine [-]
GRIT_GRIP = 0.5  # a full layer of grit halves the slipperiness [-]
GRIT_SCALE_G_M2 = 40.0  # grit dose at which 63 % of the grip effect is reached [g/m2]


class RoadState:
    """Per-surface state arrays and the hourly physics."""

    def __init__(self, town: Town, cfg: RoadPhysicsConfig) -> None:
        n = town.n_segments
        self.cfg = cfg
        self.n_segments = n
        size = 2 * n
        self.surface_temp_c = np.zeros(size)
        self.water_mm = np.zeros(size)
        self.ice_mm = np.zeros(size)
        self.snow_cm = np.zeros(size)
        self.salt_g_m2 = np.zeros(size)
        self.grit_g_m2 = np.zeros(size)
        self.slipperiness = np.zeros(size)
        self.offset_c = np.concatenate([town.surface_offset_c, town.surface_offset_c + 0.3])
        self._offset_min = float(self.offset_c.min()) if size else 0.0
        pavement_traffic = np.where(town.category == FOOTPATH, town.traffic, PEDESTRIAN_TRAFFIC)
        self.traffic = np.concatenate([town.traffic, pavement_traffic])
        self._salt_decay = 0.5 ** (self.traffic / cfg.salt_half_life_h)
        self._salt_decay_at: dict[float, np.ndarray] = {}
        self._grit_decay = 0.5 ** (1.0 / GRIT_HALF_LIFE_H)
        self._packing_at: dict[float, np.ndarray] = {}
        self.cleared_pavement = np.zeros(size, dtype=bool)

    # --- treatments -----------------------------------------------------------------
    def salt(self, surfaces: np.ndarray, dose_g_m2: float) -> None:
        """Spread wet salt on the given surfaces."""
        if len(surfaces) and dose_g_m2 > 0:
            self.salt_g_m2[surfaces] += dose_g_m2 * WET_SALT_EFFICIENCY

    def plough(self, surfaces: np.ndarray) -> None:
        """Push snow off; the blade rides slightly above the road, so a layer remains."""
        self.snow_cm[surfaces] = np.minimum(self.snow_cm[surfaces], self.cfg.plough_residual_cm)

    def grit(self, surfaces: np.ndarray, dose_g_m2: float) -> None:
        """Spread sand or grit: grip without melting."""
        if len(surfaces) and dose_g_m2 > 0:
            self.grit_g_m2[surfaces] += dose_g_m2

    def clear_pavements(self, surfaces: np.ndarray, share: float) -> None:
        """Residents shovel their own pavement: remove a share of the snow."""
        self.snow_cm[surfaces] *= 1.0 - share

    # --- physics ----------------------------------------------------------------------
    def salt_effectiveness(self, temp_c: np.ndarray) -> np.ndarray:
        """Practical salt effect: full above the degraded threshold, none below the floor."""
        lo, hi = self.cfg.salt_ineffective_below_c, self.cfg.salt_degraded_below_c
        if hi <= lo:
            return (np.asarray(temp_c) > lo).astype(float)
        return np.clip((np.asarray(temp_c) - lo) / (hi - lo), 0.0, 1.0)

    def liquid_capacity_mm(self, temp_c: np.ndarray,
                           surfaces: np.ndarray | None = None) -> np.ndarray:
        """Water (mm) the residual salt keeps from freezing at this surface temperature.

        `temp_c` is per surface (all, or those in `surfaces`); 0 at or above 0 degC, where
        nothing freezes anyway.
        """
        salt = self.salt_g_m2 if surfaces is None else self.salt_g_m2[surfaces]
        below = temp_c < 0.0
        pct = np.clip(-temp_c / DEPRESSION_C_PER_PCT, 1e-3, EUTECTIC_PCT)
        ratio = np.where(below, 100.0 / pct - 1.0, 0.0)
        return salt * ratio * self.salt_effectiveness(temp_c) / 1000.0

    def step(self, surface_temp_ref_c: float, dewpoint_c: float, precip_mm: float,
             precip_kind: int, traffic_factor: float) -> None:
        """Advance one hour given the reference weather and the hour's traffic level."""
        t = self.offset_c + surface_temp_ref_c
        self.surface_temp_c = t
        rain_mm = precip_mm if precip_kind != PRECIP_SNOW else 0.0
        if (precip_mm <= 0.0 and surface_temp_ref_c + self._offset_min >= min(0.0, dewpoint_c)
                and self.is_dry()):
            # Nothing on the roads, nothing falls, no rijp can form: only salt and grit go.
            self._decay_treatments(traffic_factor, 0.0)
            self.slipperiness = np.zeros_like(self.slipperiness)
            return
        self._precipitate(t, dewpoint_c, precip_mm, precip_kind)
        self._freeze_and_melt(t)
        self._traffic_effects(traffic_factor, t)
        self._decay_treatments(traffic_factor, rain_mm)
        self._update_slipperiness(t)

    def _precipitate(self, t: np.ndarray, dewpoint_c: float, precip_mm: float,
                     kind: int) -> None:
        if precip_mm > 0.0:
            if kind == PRECIP_SNOW:
                self.snow_cm += precip_mm * SNOW_CM_PER_MM
            else:  # rain or freezing rain: water lands, freezing is decided below
                self.water_mm += precip_mm
        # Vapour exchange on surfaces below 0 degC: rijp where the dewpoint is above the
        # surface (the deposit freezes below unless salt keeps it liquid); sublimation of
        # ice, then snow, where the air is drier than the surface.
        gap = np.clip(dewpoint_c - t, -VAPOUR_GAP_CAP_C, VAPOUR_GAP_CAP_C)
        gap[t >= 0.0] = 0.0
        flux = gap * HOARFROST_RATE_MM_H
        self.water_mm += np.maximum(flux, 0.0)
        loss = np.maximum(-flux, 0.0)
        from_ice = np.minimum(loss, self.ice_mm)
        self.ice_mm -= from_ice
        from_snow = np.minimum((loss - from_ice) / SNOW_WE_MM_PER_CM, self.snow_cm)
        self.snow_cm -= from_snow

    def _freeze_and_melt(self, t: np.ndarray) -> None:
        frozen_able = self.water_mm + self.ice_mm
        capacity = self.liquid_capacity_mm(t)
        warm = t >= 0.0
        # Below zero: everything above the brine capacity freezes at once; brine melts ice slowly.
        target_ice = np.maximum(frozen_able - capacity, 0.0)
        melt_by_salt = np.minimum(np.maximum(self.ice_mm - target_ice, 0.0), SALT_MELT_RATE_MM_H)
        cold_ice = np.where(target_ice > self.ice_mm, target_ice, self.ice_mm - melt_by_salt)
        # Above zero: degree-hour melt.
        warm_ice = np.maximum(self.ice_mm - DEGREE_HOUR_MELT_MM * np.maximum(t, 0.0), 0.0)
        new_ice = np.where(warm, warm_ice, cold_ice)
        self.water_mm = np.maximum(frozen_able - new_ice, 0.0)
        self.ice_mm = new_ice
        # Snow: melts above zero; spare brine capacity dissolves snow below zero.
        spare = np.maximum(capacity - self.water_mm, 0.0)
        snow_we = self.snow_cm * SNOW_WE_MM_PER_CM
        salt_melt = np.minimum(np.minimum(spare, snow_we), SALT_SNOW_MELT_RATE_MM_H)
        natural = np.minimum(snow_we, SNOW_MELT_CM * np.maximum(t, 0.0))
        melted = np.where(warm, natural, salt_melt)
        self.snow_cm = np.maximum(self.snow_cm - melted / SNOW_WE_MM_PER_CM, 0.0)
        self.water_mm += melted

    def _traffic_effects(self, traffic_factor: float, t: np.ndarray) -> None:
        packing = self._packing_at.get(traffic_factor)
        if packing is None:
            packing = np.minimum(PACKING_RATE_H * self.traffic * traffic_factor, 1.0)
            self._packing_at[traffic_factor] = packing
        loosened = (self.salt_g_m2 >= SALT_WORKING_G_M2) & (t > self.cfg.salt_ineffective_below_c)
        if self.snow_cm.any():
            packed = np.where(loosened, 0.0, self.snow_cm * packing)
            sprayed = np.where(loosened, self.snow_cm * np.minimum(
                packing * (SLUSH_SPRAY_RATE_H / PACKING_RATE_H), 1.0), 0.0)
            self.snow_cm -= packed + sprayed
            self.ice_mm += packed * (SNOW_WE_MM_PER_CM * PACKED_ICE_SHARE)
        if self.ice_mm.any():
            wear = np.where(loosened, ICE_WEAR_MM_H * traffic_factor * self.traffic, 0.0)
            self.ice_mm = np.maximum(self.ice_mm - wear, 0.0)
        # Run-off beyond the film the texture holds, then draining and drying.
        water = np.minimum(self.water_mm, WATER_FILM_MAX_MM) * (1.0 - DRAIN_RATE_H)
        water[water < WATER_TRACE_MM] = 0.0
        self.water_mm = water
        self.ice_mm[self.ice_mm < ICE_TRACE_MM] = 0.0
        self.snow_cm[self.snow_cm < SNOW_TRACE_CM] = 0.0

    def _decay_treatments(self, traffic_factor: float, rain_mm: float) -> None:
        """Traffic sprays salt off (faster on busy roads); rain washes it; grit is swept."""
        if traffic_factor > 0.0:
            decay = self._salt_decay_at.get(traffic_factor)
            if decay is None:
                decay = self._salt_decay ** traffic_factor
                self._salt_decay_at[traffic_factor] = decay
            self.salt_g_m2 *= decay
        if rain_mm > 0.0:
            self.salt_g_m2 *= np.exp(-RAIN_WASH_PER_MM * rain_mm)
        self.grit_g_m2 *= self._grit_decay

    def is_dry(self) -> bool:
        """No water, ice or snow on any surface."""
        return not (self.water_mm.any() or self.ice_mm.any() or self.snow_cm.any())

    def _update_slipperiness(self, t: np.ndarray) -> None:
        load = self.ice_mm / BLACK_ICE_SCALE_MM + self.snow_cm / SNOW_SCALE_CM
        slip = 1.0 - np.exp(-load)
        # A wet road near freezing without brine is treacherous even before ice shows.
        wet_cold = (self.water_mm > 0.05) & (t < 1.0) & (self.salt_g_m2 < 1.0)
        slip = np.maximum(slip, WET_COLD_SLIPPERINESS * wet_cold)
        slip *= 1.0 - GRIT_GRIP * (1.0 - np.exp(-self.grit_g_m2 / GRIT_SCALE_G_M2))
        self.slipperiness = slip

    # --- views ------------------------------------------------------------------------
    def carriageway_slipperiness(self) -> np.ndarray:
        """Slipperiness of each segment's carriageway or path [0..1]."""
        return self.slipperiness[: self.n_segments]

    def pavement_slipperiness(self) -> np.ndarray:
        """Slipperiness of each segment's pavement [0..1]."""
        return self.slipperiness[self.n_segments :]

    def condition(self) -> np.ndarray:
        """Carriageway condition code per segment: 0 dry, 1 treated, 2 wet, 3 snow, 4 ice."""
        n = self.n_segments
        code = np.zeros(n, dtype=np.int8)
        code[self.salt_g_m2[:n] > 2.0] = 1
        code[self.water_mm[:n] > 0.05] = 2
        code[self.snow_cm[:n] > 0.5] = 3
        code[self.ice_mm[:n] > BLACK_ICE_SCALE_MM] = 4
        return code
