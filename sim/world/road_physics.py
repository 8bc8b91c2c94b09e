"""The hourly road-surface physics in numpy, vectorised over surfaces, and its parameters.

`RoadState` (sim/world/roads.py) holds the state; this is its hour, the reference that
the compiled kernel (sim/world/_roads_c.pyx) keeps to bit for bit and the path of an
install without it. Units: water and ice in mm water equivalent (1 mm = 1,000 g/m2),
snow in cm, salt and grit in g/m2, temperatures in degC.

Order within an hour: precipitation and vapour exchange (rijp forms on a surface below
0 degC and below the dewpoint; ice and snow sublimate into dry air), then freezing and
melting (brine from the residual salt keeps some water liquid and eats into ice and
snow; above 0 degC ice and snow melt by degree-hours), then traffic (packs snow into ice
on unsalted surfaces, churns it into slush and throws it off salted ones, wears off ice
that brine has loosened), run-off and drying, salt sprayed off by traffic and washed off
by rain, and finally the slipperiness that citizens, the dispatcher and the KPIs read.

Work is skipped on the state and the weather, never on chance: a dry hour (no water, ice
or snow anywhere, nothing falling, no rijp possible) only decays salt and grit; an hour
with every surface above 0 degC needs no brine; ice and snow steps run only where there
is ice or snow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.world.weather import PRECIP_SNOW

if TYPE_CHECKING:
    from sim.scenario.schema import RoadPhysicsConfig

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
# Pavements lie sheltered beside (heated) buildings: a little warmer than the carriageway
# alongside [degC]. Assumption (the core model's value).
PAVEMENT_OFFSET_C = 0.3
WET_SALT_EFFICIENCY = 0.95  # wet salt (70/30 brine) stays on the road; dry salt loses 10-20 %
BLACK_ICE_SCALE_MM = 0.1  # a 0.1 mm ice film already makes a road slippery
SNOW_SCALE_CM = 2.5  # 1 cm of loose snow gives slipperiness 0.33
WET_COLD_SLIPPERINESS = 0.2  # a wet road near freezing without brine [-]
WET_COLD_WATER_MM = 0.05  # wet: more water than this [mm]
WET_COLD_SALT_G_M2 = 1.0  # without brine: less residual salt than this [g/m2]
WET_COLD_BELOW_C = 1.0  # near freezing: a surface below this [degC]
GRIT_GRIP = 0.5  # a full layer of grit halves the slipperiness [-]
GRIT_SCALE_G_M2 = 40.0  # grit dose at which 63 % of the grip effect is reached [g/m2]

# The hourly physics works on whole arrays, mostly in place (a few hundred thousand numpy
# calls a season, so the cost of each call counts): ufuncs looked up once.
_subtract, _multiply, _divide = np.subtract, np.multiply, np.divide
_maximum, _minimum, _negative, _exp = np.maximum, np.minimum, np.negative, np.exp
_putmask, _where = np.putmask, np.where
try:  # the C function behind np.count_nonzero, without its Python wrapper: the same count
    from numpy._core._multiarray_umath import count_nonzero as _count_nonzero
except ImportError:  # another numpy layout: the public function
    _count_nonzero = np.count_nonzero
try:  # the ufunc behind np.clip, without its Python wrapper: max(min(x, hi), lo) in one call
    from numpy._core.umath import clip as _clip
except ImportError:  # another numpy layout: the public function, same values
    _clip = np.clip


def _constant(value: float) -> np.ndarray:
    """A read-only 0-d array: numpy's maximum and minimum take one faster than a float."""
    array = np.array(float(value))
    array.flags.writeable = False
    return array


_ZERO = _constant(0.0)
_PCT_MIN, _PCT_MAX = _constant(1e-3), _constant(EUTECTIC_PCT)
_GAP_MIN, _GAP_MAX = _constant(-VAPOUR_GAP_CAP_C), _constant(VAPOUR_GAP_CAP_C)
_ICE_MELT_RATE = _constant(SALT_MELT_RATE_MM_H)
_SNOW_MELT_RATE = _constant(SALT_SNOW_MELT_RATE_MM_H)
_FILM_MAX = _constant(WATER_FILM_MAX_MM)
_MINUS_PER_ICE_MM, _MINUS_PER_SNOW_CM = -(1.0 / BLACK_ICE_SCALE_MM), -(1.0 / SNOW_SCALE_CM)
_SNOW_WE_IS_CM = SNOW_WE_MM_PER_CM == 1.0  # then converting snow and water is the identity


def _any(values: np.ndarray) -> bool:
    """Whether any entry is non-zero (cheaper than ``ndarray.any`` on float arrays)."""
    return bool(_count_nonzero(values))


class RoadPhysics:
    """The hour of `RoadState` in numpy (a mixin: the state arrays are RoadState's)."""

    cfg: RoadPhysicsConfig
    surface_temp_c: np.ndarray
    water_mm: np.ndarray
    ice_mm: np.ndarray
    snow_cm: np.ndarray
    salt_g_m2: np.ndarray
    grit_g_m2: np.ndarray
    slipperiness: np.ndarray
    offset_c: np.ndarray
    traffic: np.ndarray

    def salt_effectiveness(self, temp_c: np.ndarray) -> np.ndarray:
        """Practical salt effect: full above the degraded threshold, none below the floor."""
        lo, hi = self.cfg.salt_ineffective_below_c, self.cfg.salt_degraded_below_c
        if hi <= lo:
            return (np.asarray(temp_c) > lo).astype(float)
        return _clip((np.asarray(temp_c) - lo) / (hi - lo), 0.0, 1.0)  # np.clip's ufunc

    def liquid_capacity_mm(
        self, temp_c: np.ndarray, surfaces: np.ndarray | None = None
    ) -> np.ndarray:
        """Water (mm) the residual salt keeps from freezing at this surface temperature.

        `temp_c` is per surface (all, or those in `surfaces`); 0 at or above 0 degC, where
        nothing freezes anyway.
        """
        salt = self.salt_g_m2 if surfaces is None else self.salt_g_m2[surfaces]
        temp_c = np.asarray(temp_c, dtype=float)
        if temp_c.size == 0:
            return np.zeros(0)
        t_max = float(temp_c.max())
        return self._capacity(
            salt, temp_c, float(temp_c.min()), temp_c >= 0.0 if t_max >= 0.0 else None
        )

    def _capacity(
        self, salt: np.ndarray, t: np.ndarray, t_min: float, warm: np.ndarray | None
    ) -> np.ndarray:
        """`liquid_capacity_mm` with the temperature range known: `warm` marks the surfaces
        at or above 0 degC (None: there are none), and the salt's loss of effect below the
        degraded threshold is computed only when some surface is that cold."""
        pct = _divide(t, -DEPRESSION_C_PER_PCT)  # = (-t) / 0.6 exactly (signs are symmetric)
        _clip(pct, _PCT_MIN, _PCT_MAX, out=pct)  # limits not 0: the same as max then min
        ratio = _divide(100.0, pct, out=pct)
        ratio -= 1.0
        if warm is not None:
            _putmask(ratio, warm, 0.0)
        cap = _multiply(salt, ratio, out=ratio)
        if t_min < self.cfg.salt_degraded_below_c:
            cap *= self.salt_effectiveness(t)
        cap /= 1000.0
        return cap

    def _numpy_step(self, ref_c: float, dew_c: float, mm: float, kind: int, tf: float) -> None:
        """`step` in numpy: the reference the compiled kernel keeps to bit for bit."""
        # The weather's numpy scalars as Python floats: the same values, cheaper to work with.
        surface_temp_ref_c, dewpoint_c, precip_mm = float(ref_c), float(dew_c), float(mm)
        precip_kind, traffic_factor = kind, tf
        t = self.offset_c + surface_temp_ref_c
        self.surface_temp_c = t
        t_min = surface_temp_ref_c + self._offset_min
        t_max = surface_temp_ref_c + self._offset_max
        rain_mm = precip_mm if precip_kind != PRECIP_SNOW else 0.0
        has_ice, has_snow = _any(self.ice_mm), _any(self.snow_cm)
        if (
            precip_mm <= 0.0
            and t_min >= min(0.0, dewpoint_c)
            and not has_ice
            and not has_snow
            and not _any(self.water_mm)
        ):
            # Nothing on the roads, nothing falls, no rijp can form: only salt and grit go.
            self._decay_treatments(traffic_factor, 0.0)
            self.slipperiness = self._zeros
            return
        if precip_mm > 0.0:
            if precip_kind == PRECIP_SNOW:
                self.snow_cm += precip_mm * SNOW_CM_PER_MM
                has_snow = True
            else:  # rain or freezing rain: water lands, freezing is decided below
                self.water_mm += precip_mm
        # Below: ice and snow only shrink, except where water freezes or snow is packed.
        if t_min < 0.0:  # some surfaces are below 0 degC
            warm = t >= 0.0 if t_max >= 0.0 else None  # those at or above 0 degC, if any
            self._vapour_exchange(t, t_min, t_max, warm, dewpoint_c, has_ice, has_snow)
            self._freeze_and_melt(t, t_min, warm, has_snow)
            # Water may have frozen: traffic works on the ice (on none it changes nothing).
            self._traffic_effects(traffic_factor, t, t_min, has_snow)
            has_ice, has_snow = _any(self.ice_mm), has_snow and _any(self.snow_cm)
        else:
            self._thaw(t, has_ice, has_snow)
            has_ice, has_snow = has_ice and _any(self.ice_mm), has_snow and _any(self.snow_cm)
            if has_ice or has_snow:
                self._traffic_effects(traffic_factor, t, t_min, has_snow)
                has_ice, has_snow = _any(self.ice_mm), has_snow and _any(self.snow_cm)
        self._run_off()
        self._decay_treatments(traffic_factor, rain_mm)
        self._update_slipperiness(t, t_min, t_max, has_ice, has_snow)

    def _vapour_exchange(
        self,
        t: np.ndarray,
        t_min: float,
        t_max: float,
        warm: np.ndarray | None,
        dewpoint_c: float,
        has_ice: bool,
        has_snow: bool,
    ) -> None:
        """Rijp where the dewpoint is above a surface below 0 degC (the deposit freezes
        below unless salt keeps it liquid); sublimation of ice, then snow, into drier air."""
        deposit = dewpoint_c > t_min  # somewhere the air is moister than the surface
        sublimate = (has_ice or has_snow) and dewpoint_c < min(t_max, 0.0)
        if not (deposit or sublimate):
            return
        flux = _subtract(dewpoint_c, t)
        _clip(flux, _GAP_MIN, _GAP_MAX, out=flux)  # limits not 0: the same as max then min
        if warm is not None:
            _putmask(flux, warm, 0.0)
        flux *= HOARFROST_RATE_MM_H
        if deposit:
            self.water_mm += _maximum(flux, _ZERO)
        if sublimate:
            loss = _negative(flux, out=flux)
            _maximum(loss, _ZERO, out=loss)
            from_ice = _minimum(loss, self.ice_mm)
            self.ice_mm -= from_ice
            if has_snow:
                rest = _subtract(loss, from_ice, out=loss)
                if not _SNOW_WE_IS_CM:
                    rest /= SNOW_WE_MM_PER_CM
                self.snow_cm -= _minimum(rest, self.snow_cm, out=rest)

    def _freeze_and_melt(
        self, t: np.ndarray, t_min: float, warm: np.ndarray | None, has_snow: bool
    ) -> None:
        """Below 0 degC everything above the brine capacity freezes at once and brine eats
        into ice (and dissolves snow) up to its capacity; above 0 degC ice and snow melt."""
        ice = self.ice_mm
        frozen_able = self.water_mm + ice
        capacity = self._capacity(self.salt_g_m2, t, t_min, warm)
        target_ice = frozen_able - capacity
        _maximum(target_ice, _ZERO, out=target_ice)
        # Below zero: freeze up to the target at once, or melt down to it at the brine rate.
        new_ice = _subtract(ice, target_ice)
        _minimum(new_ice, _ICE_MELT_RATE, out=new_ice)
        _subtract(ice, new_ice, out=new_ice)
        _putmask(new_ice, target_ice > ice, target_ice)
        if warm is not None:  # some surfaces thaw: degree-hour melt there
            warm_t = _maximum(t, _ZERO)
            thawed = DEGREE_HOUR_MELT_MM * warm_t
            _subtract(ice, thawed, out=thawed)
            _maximum(thawed, _ZERO, out=thawed)
            _putmask(new_ice, warm, thawed)
        water = _subtract(frozen_able, new_ice, out=frozen_able)
        _maximum(water, _ZERO, out=water)
        self.ice_mm = new_ice
        if has_snow:
            # Snow: melts above zero; spare brine capacity dissolves snow below zero.
            snow_we = self.snow_cm if _SNOW_WE_IS_CM else self.snow_cm * SNOW_WE_MM_PER_CM
            melted = _subtract(capacity, water, out=capacity)  # spare capacity
            _maximum(melted, _ZERO, out=melted)
            _minimum(melted, snow_we, out=melted)
            _minimum(melted, _SNOW_MELT_RATE, out=melted)
            if warm is not None:
                warm_melt = SNOW_MELT_CM * warm_t
                _putmask(melted, warm, _minimum(snow_we, warm_melt, out=warm_melt))
            snow = _subtract(self.snow_cm, melted if _SNOW_WE_IS_CM else melted / SNOW_WE_MM_PER_CM)
            self.snow_cm = _maximum(snow, _ZERO, out=snow)
            water += melted
        self.water_mm = water

    def _thaw(self, t: np.ndarray, has_ice: bool, has_snow: bool) -> None:
        """Every surface above 0 degC: ice and snow melt by degree-hours into water."""
        if has_ice:
            new_ice = _maximum(self.ice_mm - DEGREE_HOUR_MELT_MM * t, _ZERO)
            self.water_mm += self.ice_mm - new_ice
            self.ice_mm = new_ice
        if has_snow:
            snow_we = self.snow_cm * SNOW_WE_MM_PER_CM
            melted = np.minimum(snow_we, SNOW_MELT_CM * t)
            self.snow_cm = _maximum(self.snow_cm - melted / SNOW_WE_MM_PER_CM, _ZERO)
            self.water_mm += melted

    def _traffic_effects(
        self, traffic_factor: float, t: np.ndarray, t_min: float, has_snow: bool
    ) -> None:
        """Traffic packs snow into ice on unsalted surfaces, churns it into slush and throws
        it aside on salted ones, and wears off ice that brine has loosened."""
        rates = self._traffic_rates.get(traffic_factor)
        if rates is None:
            packing = np.minimum(PACKING_RATE_H * self.traffic * traffic_factor, 1.0)
            spray = np.minimum(SLUSH_SPRAY_RATE_H * self.traffic * traffic_factor, 1.0)
            rates = (packing, spray, ICE_WEAR_MM_H * traffic_factor * self.traffic)
            self._traffic_rates[traffic_factor] = rates
        packing, spray, wear = rates
        loosened = self.salt_g_m2 >= SALT_WORKING_G_M2
        if t_min <= self.cfg.salt_ineffective_below_c:
            loosened &= t > self.cfg.salt_ineffective_below_c
        if has_snow:
            snow = self.snow_cm
            # Each surface either sprays (salt loosened it) or packs: one rate each.
            moved = _multiply(snow, _where(loosened, spray, packing))
            snow -= moved
            _putmask(moved, loosened, 0.0)  # what was packed
            moved *= SNOW_WE_MM_PER_CM * PACKED_ICE_SHARE
            self.ice_mm += moved
            _putmask(snow, snow < SNOW_TRACE_CM, 0.0)
        ice = _multiply(wear, loosened)  # wear where loosened, else +0
        _subtract(self.ice_mm, ice, out=ice)
        _putmask(ice, ice < ICE_TRACE_MM, 0.0)  # below a trace, and below zero, it is gone
        self.ice_mm = ice

    def _run_off(self) -> None:
        """Run-off beyond the film the texture holds, then draining and drying."""
        water = _minimum(self.water_mm, _FILM_MAX)
        water *= 1.0 - DRAIN_RATE_H
        _putmask(water, water < WATER_TRACE_MM, 0.0)
        self.water_mm = water

    def _decay_treatments(self, traffic_factor: float, rain_mm: float) -> None:
        """Traffic sprays salt off (faster on busy roads); rain washes it; grit is swept."""
        if traffic_factor > 0.0:
            self.salt_g_m2 *= self._salt_decay_for(traffic_factor)
        if rain_mm > 0.0:
            self.salt_g_m2 *= np.exp(-RAIN_WASH_PER_MM * rain_mm)
        if self._gritted:
            self.grit_g_m2 *= self._grit_decay

    def _salt_decay_for(self, traffic_factor: float) -> np.ndarray:
        """The share of residual salt left after an hour of this much traffic (numpy's
        power, kept per traffic factor)."""
        decay = self._salt_decay_at.get(traffic_factor)
        if decay is None:
            decay = self._salt_decay**traffic_factor
            self._salt_decay_at[traffic_factor] = decay
        return decay

    def _update_slipperiness(
        self, t: np.ndarray, t_min: float, t_max: float, has_ice: bool, has_snow: bool
    ) -> None:
        """Ice and snow make a surface slippery, a wet one near freezing without brine a
        little; grit gives grip back."""
        if not (has_ice or has_snow):
            if t_min >= WET_COLD_BELOW_C or not _any(self.water_mm):
                self.slipperiness = self._zeros
                return
            slip = np.zeros_like(t)
        else:
            # minus the load: -(a + b) = (-a) + (-b) exactly, so no separate negation
            if has_ice and has_snow:
                slip = self.ice_mm * _MINUS_PER_ICE_MM
                slip += self.snow_cm * _MINUS_PER_SNOW_CM
            elif has_ice:
                slip = self.ice_mm * _MINUS_PER_ICE_MM
            else:
                slip = self.snow_cm * _MINUS_PER_SNOW_CM
            _exp(slip, out=slip)
            _subtract(1.0, slip, out=slip)
        # A wet road near freezing without brine is treacherous even before ice shows.
        if t_min < WET_COLD_BELOW_C:
            wet_cold = self.water_mm > WET_COLD_WATER_MM
            wet_cold &= self.salt_g_m2 < WET_COLD_SALT_G_M2
            if t_max >= WET_COLD_BELOW_C:
                wet_cold &= t < WET_COLD_BELOW_C
            _maximum(slip, WET_COLD_SLIPPERINESS * wet_cold, out=slip)
        if self._gritted and _any(self.grit_g_m2):
            slip *= 1.0 - GRIT_GRIP * (1.0 - np.exp(-self.grit_g_m2 / GRIT_SCALE_G_M2))
        self.slipperiness = slip
