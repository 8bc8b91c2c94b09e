"""Road surfaces: the state of every surface (water, ice, snow, salt, grit,
slipperiness), the treatments that change it, and the views others read.

Surfaces are the carriageway (or cycle/foot path) of every segment, followed by the
pavement alongside it: index i is segment i's carriageway, n + i its pavement.
One call to `step` advances one hour: the compiled kernel (sim/world/_roads_c.pyx) where
it is built, else the numpy physics (sim/world/road_physics.py), with the same values.
"""

from __future__ import annotations

import numpy as np

from sim.compiled import kernel
from sim.scenario.schema import RoadPhysicsConfig
from sim.world import road_physics
from sim.world.road_physics import (
    BLACK_ICE_SCALE_MM,
    GRIT_HALF_LIFE_H,
    PAVEMENT_OFFSET_C,
    PRECIP_SNOW,
    WET_SALT_EFFICIENCY,
    RoadPhysics,
    _any,
    _maximum,
)
from sim.world.road_physics import SNOW_WE_MM_PER_CM as SNOW_WE_MM_PER_CM  # for others
from sim.world.town import FOOTPATH, PEDESTRIAN_TRAFFIC, Town


class RoadState(RoadPhysics):
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
        self.offset_c = np.concatenate(
            [town.surface_offset_c, town.surface_offset_c + PAVEMENT_OFFSET_C]
        )
        pavement_traffic = np.where(town.category == FOOTPATH, town.traffic, PEDESTRIAN_TRAFFIC)
        self.traffic = np.concatenate([town.traffic, pavement_traffic])
        self._salt_decay = 0.5 ** (self.traffic / cfg.salt_half_life_h)
        self._salt_decay_at: dict[float, np.ndarray] = {}
        self._grit_decay = 0.5 ** (1.0 / GRIT_HALF_LIFE_H)
        self._traffic_rates: dict[float, tuple[np.ndarray, ...]] = {}
        self._zeros = np.zeros(size)
        self._zeros.flags.writeable = False  # shared "all dry" slipperiness
        self._max_of: np.ndarray | None = None  # the slipperiness array `_max` is of
        self._max = 0.0
        self.cleared_pavement = np.zeros(size, dtype=bool)
        # Grit arrives only through `grit`: until then the grit array is all zero, and its
        # decay and its grip are skipped (most winters never see grit).
        self._gritted = False
        # The same physics compiled, or None (the kernel takes 1 cm of snow as 1 mm of water).
        compiled = kernel("sim.world._roads_c") if road_physics._SNOW_WE_IS_CM else None
        self._kernel = None if compiled is None else compiled.RoadKernel(road_physics, cfg)

    @property
    def offset_c(self) -> np.ndarray:
        """Each surface's temperature relative to the reference surface [degC]."""
        return self._offset_c

    @offset_c.setter
    def offset_c(self, value: np.ndarray) -> None:
        self._offset_c = np.asarray(value, dtype=float)
        self._offset_min = float(self._offset_c.min()) if self._offset_c.size else 0.0
        self._offset_max = float(self._offset_c.max()) if self._offset_c.size else 0.0

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
            self._gritted = True

    def clear_pavements(self, surfaces: np.ndarray, share: float) -> None:
        """Residents shovel their own pavement: remove a share of the snow."""
        self.snow_cm[surfaces] *= 1.0 - share

    # --- physics (sim/world/road_physics.py) ----------------------------------------
    def step(
        self,
        surface_temp_ref_c: float,
        dewpoint_c: float,
        precip_mm: float,
        precip_kind: int,
        traffic_factor: float,
    ) -> None:
        """Advance one hour given the reference weather and the hour's traffic level.

        Work is skipped only on the state and the weather, never on chance: on a dry network
        where nothing falls and no rijp can form only the salt and grit decay; where every
        surface is above 0 degC nothing freezes and the brine is not needed; ice and snow
        steps run only where there is ice or snow.
        """
        if self._kernel is not None:  # sim/world/_roads_c.pyx: the same values
            self._kernel.step(
                self,
                surface_temp_ref_c,
                dewpoint_c,
                precip_mm,
                precip_kind == PRECIP_SNOW,
                traffic_factor,
            )
            return
        self._numpy_step(surface_temp_ref_c, dewpoint_c, precip_mm, precip_kind, traffic_factor)

    def has_snow(self) -> bool:
        """Whether any surface has snow on it."""
        return _any(self.snow_cm)

    def is_dry(self) -> bool:
        """No water, ice or snow on any surface."""
        return not (self.water_mm.any() or self.ice_mm.any() or self.snow_cm.any())

    # --- views ------------------------------------------------------------------------
    def max_slipperiness(self) -> float:
        """The highest slipperiness of any surface [0..1] (0 at once on a dry network).

        Kept for the array it was taken of: `step` puts a new slipperiness array in place
        every hour, and the citizens and the KPIs both ask in that hour.
        """
        slip = self.slipperiness
        if slip is self._max_of:
            return self._max
        if slip is self._zeros:
            return 0.0
        self._max_of, self._max = slip, float(_maximum.reduce(slip))
        return self._max

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
