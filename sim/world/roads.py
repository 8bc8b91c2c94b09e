"""Road-surface physics, vectorised over surfaces: water, ice, snow, salt, grit, slipperiness.

Surfaces are the carriageway (or cycle/foot path) of every segment, followed by the
pavement alongside it: index i is segment i's carriageway, n + i its pavement.
One call to `step` advances one hour. Units: water and ice in mm water equivalent
(1 mm = 1,000 g/m2), snow in cm, salt and grit in g/m2, temperatures in degC.
"""

from __future__ import annotations

import numpy as np

from sim.scenario.schema import RoadPhysicsConfig
from sim.world.town import FOOTPATH, PEDESTRIAN_TRAFFIC, Town

# Freezing-point depression of brine: about 0.6 degC per mass-% NaCl up to the eutectic
# (23.3 % at -21 degC); water held liquid by s g/m2 salt is s*(100/c - 1) with c = -T/0.6.
DEPRESSION_C_PER_PCT = 0.6
EUTECTIC_PCT = 23.3
SALT_MELT_RATE_MM_H = 0.25  # how fast brine eats into an ice layer [mm/h]
DEGREE_HOUR_MELT_MM = 0.08  # natural melt of ice above 0 degC [mm/(h*degC)]
SNOW_MELT_CM = 0.12  # natural melt of snow above 0 degC [cm/(h*degC)]
SNOW_CM_PER_MM = 1.0  # fresh snow: 1 mm water equivalent is about 1 cm
SNOW_WE_MM_PER_CM = 1.0
PACKING_RATE_H = 0.06  # share of snow packed into ice per hour at full traffic [1/h]
DRAIN_RATE_H = 0.15  # share of surface water draining/evaporating per hour [1/h]
RAIN_WASH_PER_MM = 0.25  # salt washed off per mm of rain [1/mm]
HOARFROST_RATE_MM_H = 0.004  # deposition per degC of dewpoint above the surface [mm/(h*degC)]
GRIT_HALF_LIFE_H = 36.0
WET_SALT_EFFICIENCY = 0.95  # wet salt (70/30 brine) stays on the road; dry salt loses more
BLACK_ICE_SCALE_MM = 0.1  # a 0.1 mm ice film already makes a road slippery
SNOW_SCALE_CM = 1.5


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
        pavement_traffic = np.where(town.category == FOOTPATH, town.traffic, PEDESTRIAN_TRAFFIC)
        self.traffic = np.concatenate([town.traffic, pavement_traffic])
        self._salt_decay = 0.5 ** (self.traffic / cfg.salt_half_life_h)
        self._grit_decay = 0.5 ** (1.0 / GRIT_HALF_LIFE_H)
        self.cleared_pavement = np.zeros(size, dtype=bool)

    # --- treatments -----------------------------------------------------------------
    def salt(self, surfaces: np.ndarray, dose_g_m2: float) -> None:
        """Spread wet salt on the given surfaces."""
        self.salt_g_m2[surfaces] += dose_g_m2 * WET_SALT_EFFICIENCY

    def plough(self, surfaces: np.ndarray) -> None:
        """Push snow off; the blade rides slightly above the road, so a layer remains."""
        self.snow_cm[surfaces] = np.minimum(self.snow_cm[surfaces], self.cfg.plough_residual_cm)

    def grit(self, surfaces: np.ndarray, dose_g_m2: float) -> None:
        """Spread sand or grit: grip without melting."""
        self.grit_g_m2[surfaces] += dose_g_m2

    def clear_pavements(self, surfaces: np.ndarray, share: float) -> None:
        """Residents shovel their own pavement: remove a share of the snow."""
        self.snow_cm[surfaces] *= 1.0 - share

    # --- physics ----------------------------------------------------------------------
    def salt_effectiveness(self, temp_c: np.ndarray) -> np.ndarray:
        """Practical salt effect: full above the degraded threshold, none below the floor."""
        lo, hi = self.cfg.salt_ineffective_below_c, self.cfg.salt_degraded_below_c
        if hi <= lo:
            return (temp_c > lo).astype(float)
        return np.clip((temp_c - lo) / (hi - lo), 0.0, 1.0)

    def liquid_capacity_mm(self, temp_c: np.ndarray) -> np.ndarray:
        """Water (mm) the residual salt keeps from freezing at this surface temperature."""
        below = temp_c < 0.0
        pct = np.clip(-temp_c / DEPRESSION_C_PER_PCT, 1e-3, EUTECTIC_PCT)
        ratio = np.where(below, 100.0 / pct - 1.0, 0.0)
        return self.salt_g_m2 * ratio * self.salt_effectiveness(temp_c) / 1000.0

    def step(self, surface_temp_ref_c: float, dewpoint_c: float, precip_mm: float,
             precip_kind: int, traffic_factor: float) -> None:
        """Advance one hour given the reference weather and the hour's traffic level."""
        t = surface_temp_ref_c + self.offset_c
        self.surface_temp_c = t
        self._precipitate(t, dewpoint_c, precip_mm, precip_kind)
        self._freeze_and_melt(t)
        self._traffic_effects(traffic_factor, precip_mm if precip_kind != 2 else 0.0)
        self._update_slipperiness(t)

    def _precipitate(self, t: np.ndarray, dewpoint_c: float, precip_mm: float,
                     kind: int) -> None:
        if precip_mm > 0.0:
            if kind == 2:  # snow
                self.snow_cm += precip_mm * SNOW_CM_PER_MM
            else:  # rain or freezing rain: water lands, freezing is decided below
                self.water_mm += precip_mm
        # Hoarfrost (rijp): deposition on a surface below 0 degC and below the dewpoint.
        deposit = np.clip(dewpoint_c - t, 0.0, 2.0) * HOARFROST_RATE_MM_H
        deposit[t >= 0.0] = 0.0
        self.water_mm += deposit  # deposited vapour freezes below unless salt keeps it liquid

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
        # Snow: melts above zero; spare brine capacity melts snow below zero.
        spare = np.maximum(capacity - self.water_mm, 0.0)
        snow_we = self.snow_cm * SNOW_WE_MM_PER_CM
        salt_melt = np.minimum(np.minimum(spare, snow_we), SALT_MELT_RATE_MM_H)
        natural = np.minimum(snow_we, SNOW_MELT_CM * np.maximum(t, 0.0))
        melted = np.where(warm, natural, salt_melt)
        self.snow_cm = np.maximum(self.snow_cm - melted / SNOW_WE_MM_PER_CM, 0.0)
        self.water_mm += melted

    def _traffic_effects(self, traffic_factor: float, rain_mm: float) -> None:
        traffic = self.traffic * traffic_factor
        packed = self.snow_cm * np.minimum(PACKING_RATE_H * traffic, 1.0) * SNOW_WE_MM_PER_CM
        self.snow_cm -= packed / SNOW_WE_MM_PER_CM
        self.ice_mm += packed * 0.5  # packed snow ("vastgereden sneeuw") behaves as ice
        self.water_mm *= 1.0 - DRAIN_RATE_H
        if traffic_factor > 0.0:
            self.salt_g_m2 *= self._salt_decay ** traffic_factor
        if rain_mm > 0.0:
            self.salt_g_m2 *= np.exp(-RAIN_WASH_PER_MM * rain_mm)
        self.grit_g_m2 *= self._grit_decay

    def _update_slipperiness(self, t: np.ndarray) -> None:
        load = self.ice_mm / BLACK_ICE_SCALE_MM + self.snow_cm / SNOW_SCALE_CM
        slip = 1.0 - np.exp(-load)
        # A wet road near freezing without brine is treacherous even before ice shows.
        wet_cold = (self.water_mm > 0.05) & (t < 1.0) & (self.salt_g_m2 < 1.0)
        slip = np.maximum(slip, 0.2 * wet_cold)
        grip = 1.0 - 0.5 * (1.0 - np.exp(-self.grit_g_m2 / 40.0))
        self.slipperiness = slip * grip

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
