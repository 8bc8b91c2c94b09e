# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# cython: cdivision=True
"""Compiled hourly road physics (`RoadState.step`; the numpy code, which stays the
reference, is in sim/world/road_physics.py).

The numpy code makes 60-85 calls of a few microseconds each in a frosty hour; here one
pass over the surfaces (_roads_pass.h) runs every phase, each surface's operations in the
numpy code's order, so every value equals numpy's bit for bit. The whole-array facts numpy
decides on (any ice, any snow, the coldest and warmest surface) are taken at the same
points. np.exp stays numpy's (its SIMD exp may differ from the C library's in the last
bit): called on whole arrays between the passes.
"""

from libc.string cimport memset

import numpy as np

cdef object _exp = np.exp
cdef object _empty = np.empty


cdef extern from "_roads_pass.h":
    enum:
        RK_SET_T, RK_PRECIPITATE, RK_VAPOUR, RK_FREEZE, RK_THAW, RK_TRAFFIC, RK_RUN_OFF
        RK_DECAY

    ctypedef struct RkPhysics:
        double minus_depression_c_per_pct, pct_min, pct_max, ice_melt_rate, snow_melt_rate
        double degree_hour_melt, snow_melt_cm, snow_cm_per_mm, hoarfrost_rate, gap_cap
        double drain_keep, film_max, water_trace, ice_trace, snow_trace
        double packing_rate, spray_rate, ice_wear, salt_working, packed_ice_share
        double degraded_c, ineffective_c, effect_span, rain_wash, grit_decay
        double minus_per_ice_mm, minus_per_snow_cm, wet_cold_slip, grit_grip, grit_scale
        double wet_mm, brine_salt, cold_c
        int effect_is_step

    ctypedef struct RkHour:
        double ref, dew, tf, precip, snow_fall, wear, wash
        int stages
        int rain, snowing, deposit, sublimate, warm, thaw_ice, has_snow, degraded, cut
        int decay_salt, washing, gritted

    ctypedef struct RkFacts:
        int ice, snow, water, grit

    void rk_pass(const RkPhysics* p, const RkHour* h, Py_ssize_t n, double* t,
                 double* water, double* ice, double* snow, double* salt, double* grit,
                 const double* offset, const double* traffic, const double* decay,
                 double* cap, RkFacts* f) noexcept nogil
    bint rk_any(const double* values, Py_ssize_t n) noexcept nogil
    void rk_slip_exponent(const RkPhysics* p, Py_ssize_t n, bint has_ice, bint has_snow,
                          const double* ice, const double* snow, double* s) noexcept nogil
    void rk_slip_finish(const RkPhysics* p, Py_ssize_t n, bint loaded, bint cold,
                        bint cold_only, bint gritty, const double* t, const double* water,
                        const double* salt, const double* grit, double* s,
                        double* e) noexcept nogil


cdef double _no_surfaces = 0.0  # where an empty array's data would be


cdef double* _data(array) except NULL:
    """Where a 1-D contiguous writable float64 array's values are (the view checks it)."""
    cdef double[::1] view = array
    return &view[0] if view.shape[0] else &_no_surfaces


cdef const double* _const_data(array) except NULL:
    """`_data` of an array the kernel only reads."""
    cdef const double[::1] view = array
    return &view[0] if view.shape[0] else &_no_surfaces


def _kernel_for(cfg):
    """A new RoadKernel for `cfg` (how a copied or unpickled RoadState gets its own)."""
    from sim.world import road_physics

    return RoadKernel(road_physics, cfg)


cdef class RoadKernel:
    """The hourly physics of one RoadState's surfaces. The state arrays stay the
    RoadState's own and are updated in place; the surface temperatures and the
    slipperiness are new arrays every hour, as in the numpy code."""

    cdef RkPhysics p
    cdef Py_ssize_t n
    cdef double *water
    cdef double *ice
    cdef double *snow
    cdef double *salt
    cdef double *grit
    cdef double *scratch  # for the grit's exp
    cdef const double *offset
    cdef const double *traffic
    cdef const double *decay
    cdef tuple _bound  # the arrays the pointers above are into, in that order
    cdef object _scratch
    cdef object _cfg

    def __init__(self, physics, cfg):
        """`physics`: the module with the numpy code's parameters; `cfg`: RoadPhysicsConfig."""
        m = physics
        p = &self.p
        p.minus_depression_c_per_pct = -m.DEPRESSION_C_PER_PCT
        p.pct_min, p.pct_max = float(m._PCT_MIN), float(m._PCT_MAX)
        p.ice_melt_rate = m.SALT_MELT_RATE_MM_H
        p.snow_melt_rate = m.SALT_SNOW_MELT_RATE_MM_H
        p.degree_hour_melt, p.snow_melt_cm = m.DEGREE_HOUR_MELT_MM, m.SNOW_MELT_CM
        p.snow_cm_per_mm, p.hoarfrost_rate = m.SNOW_CM_PER_MM, m.HOARFROST_RATE_MM_H
        p.gap_cap = m.VAPOUR_GAP_CAP_C
        p.drain_keep, p.film_max = 1.0 - m.DRAIN_RATE_H, m.WATER_FILM_MAX_MM
        p.water_trace, p.ice_trace = m.WATER_TRACE_MM, m.ICE_TRACE_MM
        p.snow_trace = m.SNOW_TRACE_CM
        p.packing_rate, p.spray_rate = m.PACKING_RATE_H, m.SLUSH_SPRAY_RATE_H
        p.ice_wear, p.salt_working = m.ICE_WEAR_MM_H, m.SALT_WORKING_G_M2
        p.packed_ice_share = m.SNOW_WE_MM_PER_CM * m.PACKED_ICE_SHARE
        p.rain_wash = -m.RAIN_WASH_PER_MM
        p.grit_decay = 0.5 ** (1.0 / m.GRIT_HALF_LIFE_H)
        p.minus_per_ice_mm, p.minus_per_snow_cm = m._MINUS_PER_ICE_MM, m._MINUS_PER_SNOW_CM
        p.wet_cold_slip, p.grit_grip = m.WET_COLD_SLIPPERINESS, m.GRIT_GRIP
        p.grit_scale, p.wet_mm = m.GRIT_SCALE_G_M2, m.WET_COLD_WATER_MM
        p.brine_salt, p.cold_c = m.WET_COLD_SALT_G_M2, m.WET_COLD_BELOW_C
        p.degraded_c = cfg.salt_degraded_below_c
        p.ineffective_c = cfg.salt_ineffective_below_c
        p.effect_is_step = p.degraded_c <= p.ineffective_c
        p.effect_span = p.degraded_c - p.ineffective_c
        if m.SNOW_WE_MM_PER_CM != 1.0:
            raise ValueError("the kernel takes snow in cm as mm water equivalent")
        self._bound = ()
        self._cfg = cfg

    def __reduce__(self):
        """A copy binds to the arrays of the RoadState it is copied with, at its first hour."""
        return _kernel_for, (self._cfg,)

    cdef int _bind(self, roads) except -1:
        """Pointers into the RoadState's arrays, taken again only when one was replaced."""
        cdef tuple bound = self._bound
        cdef tuple arrays = (roads.water_mm, roads.ice_mm, roads.snow_cm, roads.salt_g_m2,
                             roads.grit_g_m2, roads._offset_c, roads.traffic)
        cdef Py_ssize_t k
        if len(bound) == 7:
            for k in range(7):
                if arrays[k] is not bound[k]:
                    break
            else:
                return 0
        self.n = len(arrays[5])
        if any(len(array) != self.n for array in arrays):
            raise ValueError("the road state's arrays differ in length")
        self.water, self.ice, self.snow = _data(arrays[0]), _data(arrays[1]), _data(arrays[2])
        self.salt, self.grit = _data(arrays[3]), _data(arrays[4])
        self.offset, self.traffic = _const_data(arrays[5]), _const_data(arrays[6])
        self._scratch = _empty(self.n)
        self.scratch = _data(self._scratch)
        self._bound = arrays
        return 0

    def step(self, roads, double ref, double dew, double precip, bint snowing, double tf):
        """`RoadState.step` on `roads`: the same decisions, the same values."""
        cdef RkHour h
        cdef RkFacts f
        cdef double t_min, t_max
        cdef bint has_ice, has_snow
        memset(&h, 0, sizeof(RkHour))
        memset(&f, 0, sizeof(RkFacts))
        self._bind(roads)
        t = _empty(self.n)
        cdef double* tp = _data(t)
        roads.surface_temp_c = t
        t_min, t_max = ref + roads._offset_min, ref + roads._offset_max
        h.ref, h.dew, h.tf, h.precip = ref, dew, tf, precip
        h.gritted = roads._gritted
        h.decay_salt = tf > 0.0
        if h.decay_salt:
            self.decay = _const_data(roads._salt_decay_for(tf))
        h.washing = precip > 0.0 and not snowing  # rain washes salt off
        if h.washing:
            h.wash = float(_exp(self.p.rain_wash * precip))
        has_ice, has_snow = rk_any(self.ice, self.n), rk_any(self.snow, self.n)
        if (precip <= 0.0 and t_min >= (dew if dew < 0.0 else 0.0) and not has_ice
                and not has_snow and not rk_any(self.water, self.n)):
            # Nothing on the roads, nothing falls, no rijp can form: only salt and grit go.
            self._dry_hour(tp, &h)
            roads.slipperiness = roads._zeros
            return
        h.rain = precip > 0.0 and not snowing
        h.snowing = precip > 0.0 and snowing
        h.snow_fall = precip * self.p.snow_cm_per_mm
        has_snow = has_snow or h.snowing
        h.has_snow = has_snow
        h.wear = self.p.ice_wear * tf
        h.cut = t_min <= self.p.ineffective_c
        if t_min < 0.0:  # some surfaces are below 0 degC: one pass does it all
            h.warm = t_max >= 0.0
            h.deposit = dew > t_min
            h.sublimate = (has_ice or has_snow) and dew < (0.0 if 0.0 < t_max else t_max)
            h.degraded = t_min < self.p.degraded_c
            h.stages = RK_SET_T | RK_PRECIPITATE | RK_FREEZE | RK_TRAFFIC | RK_RUN_OFF | RK_DECAY
            if h.deposit or h.sublimate:
                h.stages |= RK_VAPOUR
            self._pass(tp, &h, &f)
            has_ice, has_snow = f.ice, has_snow and f.snow
        elif not (has_ice or has_snow):  # nothing to thaw, so no traffic either: one pass
            h.stages = RK_SET_T | RK_PRECIPITATE | RK_RUN_OFF | RK_DECAY
            self._pass(tp, &h, &f)
        else:  # every surface thaws; traffic works on what is left, if anything is
            h.thaw_ice = has_ice
            h.stages = RK_SET_T | RK_PRECIPITATE | RK_THAW
            self._pass(tp, &h, &f)
            has_ice, has_snow = has_ice and f.ice, has_snow and f.snow
            h.has_snow = has_snow
            h.stages = RK_RUN_OFF | RK_DECAY
            if has_ice or has_snow:
                h.stages |= RK_TRAFFIC
            self._pass(tp, &h, &f)
            if h.stages & RK_TRAFFIC:
                has_ice, has_snow = f.ice, has_snow and f.snow
        self._slipperiness(roads, tp, t_min, t_max, has_ice, has_snow, &f)

    cdef void _dry_hour(self, double* t, const RkHour* h) noexcept nogil:
        """A dry hour: the surface temperatures, then salt and grit decay."""
        cdef Py_ssize_t i, n = self.n
        cdef double ref = h.ref, grit_decay = self.p.grit_decay
        cdef double *salt = self.salt
        cdef double *grit = self.grit
        cdef const double *offset = self.offset
        cdef const double *decay = self.decay
        for i in range(n):
            t[i] = offset[i] + ref
        if h.decay_salt:
            for i in range(n):
                salt[i] = salt[i] * decay[i]
        if h.gritted:
            for i in range(n):
                grit[i] = grit[i] * grit_decay

    cdef void _pass(self, double* t, const RkHour* h, RkFacts* f) noexcept nogil:
        """One pass over the surfaces through the phases `h.stages` names (_roads_pass.h);
        `f`: what is left on the surfaces after it."""
        rk_pass(&self.p, h, self.n, t, self.water, self.ice, self.snow, self.salt,
                self.grit, self.offset, self.traffic, self.decay, self.scratch, f)

    cdef int _slipperiness(self, roads, const double* t, double t_min, double t_max,
                           bint has_ice, bint has_snow, const RkFacts* f) except -1:
        """`_update_slipperiness`: ice and snow, a wet road near freezing, grit's grip."""
        cdef Py_ssize_t i
        cdef bint loaded = has_ice or has_snow, gritty = roads._gritted and f.grit
        cdef double *e = self.scratch
        if not loaded and (t_min >= self.p.cold_c or not f.water):
            roads.slipperiness = roads._zeros
            return 0
        slip = _empty(self.n)
        cdef double* s = _data(slip)
        if loaded:
            rk_slip_exponent(&self.p, self.n, has_ice, has_snow, self.ice, self.snow, s)
            _exp(slip, slip)  # in place (out= positionally: the same call, less parsing)
        rk_slip_finish(&self.p, self.n, loaded, t_min < self.p.cold_c, t_max >= self.p.cold_c,
                       gritty, t, self.water, self.salt, self.grit, s, e)
        if gritty:
            _exp(self._scratch, self._scratch)
            for i in range(self.n):
                s[i] = s[i] * (1.0 - self.p.grit_grip * (1.0 - e[i]))
        roads.slipperiness = slip
        return 0
