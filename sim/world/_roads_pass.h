/* One pass of the hourly road physics over the surfaces (sim/world/_roads_c.pyx).
 *
 * Each phase does, per surface, the numpy code's operations (sim/world/road_physics.py)
 * in its order, so the values are numpy's bit for bit. Surfaces go RK_W at a time in
 * the vector types of GCC and Clang: + - * / and comparisons act per lane exactly as
 * on one double (the build forbids fused multiply-add), and a choice between two values
 * is made with bit masks. A compiler without vector types does not build this kernel,
 * and the model runs the numpy code.
 *
 * np.maximum(a, b) and np.minimum(a, b) give b where a and b are equal (signed zeros),
 * np.clip gives x where x equals a limit: rk_max, rk_min and rk_clip do the same. They
 * differ from numpy only where `a` is NaN, which finite weather and doses never make.
 */
#ifndef RK_ROADS_PASS_H
#define RK_ROADS_PASS_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define RK_W 2
#define RK_INLINE inline __attribute__((always_inline))
typedef double rk_vd __attribute__((vector_size(RK_W * sizeof(double))));
typedef int64_t rk_vl __attribute__((vector_size(RK_W * sizeof(double))));

/* The phases a pass runs, in this order. */
enum { RK_SET_T = 1, RK_PRECIPITATE = 2, RK_VAPOUR = 4, RK_FREEZE = 8, RK_THAW = 16,
       RK_TRAFFIC = 32, RK_RUN_OFF = 64, RK_DECAY = 128 };

typedef struct {  /* the constants: the numpy module's parameters and the config */
    double minus_depression_c_per_pct, pct_min, pct_max, ice_melt_rate, snow_melt_rate;
    double degree_hour_melt, snow_melt_cm, snow_cm_per_mm, hoarfrost_rate, gap_cap;
    double drain_keep, film_max, water_trace, ice_trace, snow_trace;
    double packing_rate, spray_rate, ice_wear, salt_working, packed_ice_share;
    double degraded_c, ineffective_c, effect_span, rain_wash, grit_decay;
    double minus_per_ice_mm, minus_per_snow_cm, wet_cold_slip, grit_grip, grit_scale;
    double wet_mm, brine_salt, cold_c;
    int effect_is_step;  /* salt works fully above the ineffective threshold, not below */
} RkPhysics;

typedef struct {  /* this hour's weather and the whole-array decisions numpy takes */
    double ref, dew, tf, precip, snow_fall, wear, wash;
    int stages;
    int rain, snowing, deposit, sublimate, warm, thaw_ice, has_snow, degraded, cut;
    int decay_salt, washing, gritted;
} RkHour;

typedef struct { int ice, snow, water, grit; } RkFacts;  /* any surface has it, after */

static RK_INLINE rk_vd rk_all(double x) { rk_vd v = {x, x}; return v; }

static RK_INLINE rk_vd rk_pick(rk_vl mask, rk_vd a, rk_vd b)
{
    return (rk_vd)(((rk_vl)a & mask) | ((rk_vl)b & ~mask));
}

#if defined(__SSE2__) && RK_W == 2
/* maxpd and minpd are these choices exactly: a > b ? a : b and a < b ? a : b. */
static RK_INLINE rk_vd rk_max(rk_vd a, rk_vd b) { return (rk_vd)_mm_max_pd((__m128d)a, (__m128d)b); }
static RK_INLINE rk_vd rk_min(rk_vd a, rk_vd b) { return (rk_vd)_mm_min_pd((__m128d)a, (__m128d)b); }
#else
static RK_INLINE rk_vd rk_max(rk_vd a, rk_vd b) { return rk_pick(a > b, a, b); }
static RK_INLINE rk_vd rk_min(rk_vd a, rk_vd b) { return rk_pick(a < b, a, b); }
#endif

static RK_INLINE rk_vd rk_clip(rk_vd x, double lo, double hi)
{
    return rk_min(rk_all(hi), rk_max(rk_all(lo), x));  /* lo > x ? lo : x, then hi < . */
}

/* RK_W values from `at`; past the end (m < RK_W), zeros. */
static RK_INLINE rk_vd rk_load(const double *at, Py_ssize_t m)
{
    rk_vd v = rk_all(0.0);
    if (m == RK_W)
        memcpy(&v, at, sizeof v);
    else
        memcpy(&v, at, (size_t)m * sizeof(double));
    return v;
}

static RK_INLINE void rk_store(double *at, rk_vd v, Py_ssize_t m)
{
    if (m == RK_W)
        memcpy(at, &v, sizeof v);
    else
        memcpy(at, &v, (size_t)m * sizeof(double));
}

/* `salt_effectiveness`. */
static RK_INLINE rk_vd rk_effectiveness(rk_vd t, const RkPhysics *p)
{
    if (p->effect_is_step)
        return rk_pick(t > rk_all(p->ineffective_c), rk_all(1.0), rk_all(0.0));
    return rk_clip((t - rk_all(p->ineffective_c)) / rk_all(p->effect_span), 0.0, 1.0);
}

/* `_capacity`: water the brine keeps liquid [mm]. */
static RK_INLINE rk_vd rk_capacity(rk_vd salt, rk_vd t, rk_vl warm, const RkPhysics *p,
                                const RkHour *h)
{
    rk_vd ratio = rk_all(100.0) / rk_clip(t / rk_all(p->minus_depression_c_per_pct),
                                           p->pct_min, p->pct_max);
    ratio = rk_pick(warm, rk_all(0.0), ratio - rk_all(1.0));
    rk_vd cap = salt * ratio;
    if (h->degraded)
        cap = cap * rk_effectiveness(t, p);
    return cap / rk_all(1000.0);
}

typedef struct { rk_vd t, water, ice, snow, salt, grit; } RkSurfaces;

/* `_vapour_exchange`: rijp, then sublimation of ice and snow. */
static RK_INLINE void rk_vapour(RkSurfaces *x, rk_vl warm, const RkPhysics *p, const RkHour *h)
{
    rk_vd flux = rk_clip(rk_all(h->dew) - x->t, -p->gap_cap, p->gap_cap);
    flux = rk_pick(warm, rk_all(0.0), flux) * rk_all(p->hoarfrost_rate);
    if (h->deposit)
        x->water = x->water + rk_max(flux, rk_all(0.0));
    if (h->sublimate) {
        rk_vd loss = rk_max(-flux, rk_all(0.0));
        rk_vd from_ice = rk_min(loss, x->ice);
        x->ice = x->ice - from_ice;
        if (h->has_snow)
            x->snow = x->snow - rk_min(loss - from_ice, x->snow);
    }
}

/* `_freeze_and_melt`: freezing up to the brine's capacity, brine eating into ice and
 * snow, degree-hour melt where a surface is at or above 0 degC. */
static RK_INLINE void rk_freeze_and_melt(RkSurfaces *x, rk_vd cap, rk_vl warm,
                                         const RkPhysics *p, const RkHour *h)
{
    rk_vd zero = rk_all(0.0), ice = x->ice, frozen_able = x->water + ice;
    rk_vd target = rk_max(frozen_able - cap, zero);
    rk_vd new_ice = ice - rk_min(ice - target, rk_all(p->ice_melt_rate));
    rk_vd warm_t = rk_max(x->t, zero), water, melted;
    new_ice = rk_pick(target > ice, target, new_ice);
    if (h->warm)
        new_ice = rk_pick(warm, rk_max(ice - rk_all(p->degree_hour_melt) * warm_t, zero),
                          new_ice);
    water = rk_max(frozen_able - new_ice, zero);
    x->ice = new_ice;
    if (h->has_snow) {
        melted = rk_min(rk_min(rk_max(cap - water, zero), x->snow), rk_all(p->snow_melt_rate));
        if (h->warm)
            melted = rk_pick(warm, rk_min(x->snow, rk_all(p->snow_melt_cm) * warm_t), melted);
        x->snow = rk_max(x->snow - melted, zero);
        water = water + melted;
    }
    x->water = water;
}

/* `_thaw`: every surface above 0 degC, degree-hour melt into water. */
static RK_INLINE void rk_thaw(RkSurfaces *x, const RkPhysics *p, const RkHour *h)
{
    rk_vd zero = rk_all(0.0);
    if (h->thaw_ice) {
        rk_vd new_ice = rk_max(x->ice - rk_all(p->degree_hour_melt) * x->t, zero);
        x->water = x->water + (x->ice - new_ice);
        x->ice = new_ice;
    }
    if (h->has_snow) {
        rk_vd melted = rk_min(x->snow, rk_all(p->snow_melt_cm) * x->t);
        x->snow = rk_max(x->snow - melted, zero);
        x->water = x->water + melted;
    }
}

/* `_traffic_effects`: snow sprayed off salted surfaces or packed on the others, ice
 * loosened by brine worn off; the rates as numpy computes (and caches) them. */
static RK_INLINE void rk_traffic(RkSurfaces *x, rk_vd traffic, const RkPhysics *p,
                              const RkHour *h)
{
    rk_vd zero = rk_all(0.0), one = rk_all(1.0), tf = rk_all(h->tf), ice;
    rk_vl loosened = x->salt >= rk_all(p->salt_working);
    if (h->cut)
        loosened = loosened & (x->t > rk_all(p->ineffective_c));
    if (h->has_snow) {
        rk_vd spray = rk_min(rk_all(p->spray_rate) * traffic * tf, one);
        rk_vd packing = rk_min(rk_all(p->packing_rate) * traffic * tf, one);
        rk_vd moved = x->snow * rk_pick(loosened, spray, packing);
        x->snow = x->snow - moved;
        moved = rk_pick(loosened, zero, moved);
        x->ice = x->ice + moved * rk_all(p->packed_ice_share);
        x->snow = rk_pick(x->snow < rk_all(p->snow_trace), zero, x->snow);
    }
    ice = x->ice - (rk_all(h->wear) * traffic) * rk_pick(loosened, one, zero);
    x->ice = rk_pick(ice < rk_all(p->ice_trace), zero, ice);
}

/* Run-off and drying, then `_decay_treatments`: salt sprayed and washed off, grit swept. */
static RK_INLINE void rk_run_off(RkSurfaces *x, const RkPhysics *p)
{
    rk_vd water = rk_min(x->water, rk_all(p->film_max)) * rk_all(p->drain_keep);
    x->water = rk_pick(water < rk_all(p->water_trace), rk_all(0.0), water);
}

static RK_INLINE void rk_decay(RkSurfaces *x, rk_vd salt_decay, const RkPhysics *p,
                            const RkHour *h)
{
    if (h->decay_salt)
        x->salt = x->salt * salt_decay;
    if (h->washing)
        x->salt = x->salt * rk_all(h->wash);
    if (h->gritted)
        x->grit = x->grit * rk_all(p->grit_decay);
}

/* The surface temperatures and, for freezing, the brine's capacity (from the salt
 * before this hour's decay), in a loop of their own: its divisions then overlap from
 * one surface to the next instead of holding up each surface's chain of phases. Where
 * the salt is zero, `_capacity` gives that zero itself (its sign too: the ratio is
 * finite and positive or +0, the effect in [+0, 1], for any finite temperature), so
 * the divisions are skipped there. */
static void rk_temperature_and_capacity(const RkPhysics *p, const RkHour *h, Py_ssize_t n,
                                        double *t, const double *offset,
                                        const double *salt, double *cap)
{
    Py_ssize_t i, m;
    rk_vd x, s;
    rk_vl bare;
    for (i = 0; i < n; i += RK_W) {
        m = n - i < RK_W ? n - i : RK_W;
        if (h->stages & RK_SET_T) {
            x = rk_load(offset + i, m) + rk_all(h->ref);
            rk_store(t + i, x, m);
        } else {
            x = rk_load(t + i, m);
        }
        if (!(h->stages & RK_FREEZE))
            continue;
        s = rk_load(salt + i, m);
        bare = (s == rk_all(0.0)) & (x == x);
        if (bare[0] && bare[1])  /* no salt (most pavements): the capacity is salt's zero */
            rk_store(cap + i, s, m);
        else
            rk_store(cap + i, rk_capacity(s, x, h->warm ? (x >= rk_all(0.0)) : (rk_vl){0}, p, h),
                     m);
    }
}

/* One pass over the n surfaces through the phases h->stages names; `f`: what is left
 * on them after it. `cap`: room for n values. */
static void rk_pass(const RkPhysics *p, const RkHour *h, Py_ssize_t n, double *t,
                    double *water, double *ice, double *snow, double *salt, double *grit,
                    const double *offset, const double *traffic, const double *decay,
                    double *cap, RkFacts *f)
{
    const int stages = h->stages;
    const rk_vd lanes = {0.0, 1.0};
    rk_vl any_ice = {0}, any_snow = {0}, any_water = {0}, any_grit = {0}, valid, warm;
    Py_ssize_t i, m;
    RkSurfaces x;
    if (stages & (RK_SET_T | RK_FREEZE))
        rk_temperature_and_capacity(p, h, n, t, offset, salt, cap);
    for (i = 0; i < n; i += RK_W) {
        m = n - i < RK_W ? n - i : RK_W;
        x.t = rk_load(t + i, m);
        x.water = rk_load(water + i, m);
        x.ice = rk_load(ice + i, m);
        x.snow = rk_load(snow + i, m);
        x.salt = rk_load(salt + i, m);
        x.grit = rk_load(grit + i, m);
        warm = h->warm ? (x.t >= rk_all(0.0)) : (rk_vl){0};
        if (stages & RK_PRECIPITATE) {
            if (h->snowing)
                x.snow = x.snow + rk_all(h->snow_fall);
            else if (h->rain)
                x.water = x.water + rk_all(h->precip);
        }
        if (stages & RK_VAPOUR)
            rk_vapour(&x, warm, p, h);
        if (stages & RK_FREEZE)
            rk_freeze_and_melt(&x, rk_load(cap + i, m), warm, p, h);
        if (stages & RK_THAW)
            rk_thaw(&x, p, h);
        if (stages & RK_TRAFFIC)
            rk_traffic(&x, rk_load(traffic + i, m), p, h);
        if (stages & RK_RUN_OFF)
            rk_run_off(&x, p);
        if (stages & RK_DECAY)
            rk_decay(&x, h->decay_salt ? rk_load(decay + i, m) : rk_all(1.0), p, h);
        rk_store(water + i, x.water, m);
        rk_store(ice + i, x.ice, m);
        rk_store(snow + i, x.snow, m);
        rk_store(salt + i, x.salt, m);
        rk_store(grit + i, x.grit, m);
        valid = lanes < rk_all((double)m);
        any_ice |= valid & (x.ice != rk_all(0.0));
        any_snow |= valid & (x.snow != rk_all(0.0));
        any_water |= valid & (x.water != rk_all(0.0));
        any_grit |= valid & (x.grit != rk_all(0.0));
    }
    f->ice = f->snow = f->water = f->grit = 0;
    for (i = 0; i < RK_W; i++) {
        f->ice |= any_ice[i] != 0;
        f->snow |= any_snow[i] != 0;
        f->water |= any_water[i] != 0;
        f->grit |= any_grit[i] != 0;
    }
}

/* Whether any of the n values is non-zero (NaN counts, -0.0 does not: np.count_nonzero);
 * looks at 16 values at a time, so a layer on the first surfaces is found at once. */
static int rk_any(const double *values, Py_ssize_t n)
{
    const rk_vd zero = rk_all(0.0);
    Py_ssize_t i = 0, k;
    rk_vl seen;
    for (; i + 16 <= n; i += 16) {
        seen = (rk_vl){0};
        for (k = 0; k < 16; k += RK_W)
            seen |= rk_load(values + i + k, RK_W) != zero;
        for (k = 0; k < RK_W; k++)
            if (seen[k])
                return 1;
    }
    for (; i < n; i++)
        if (values[i] != 0.0)
            return 1;
    return 0;
}

/* `_update_slipperiness` before numpy's exp: minus the load of ice and snow (the numpy
 * code's terms for the layers there are, in its order). */
static void rk_slip_exponent(const RkPhysics *p, Py_ssize_t n, int has_ice, int has_snow,
                             const double *ice, const double *snow, double *s)
{
    Py_ssize_t i, m;
    rk_vd x;
    for (i = 0; i < n; i += RK_W) {
        m = n - i < RK_W ? n - i : RK_W;
        if (has_ice && has_snow) {
            x = rk_load(ice + i, m) * rk_all(p->minus_per_ice_mm);
            x = x + rk_load(snow + i, m) * rk_all(p->minus_per_snow_cm);
        } else if (has_ice) {
            x = rk_load(ice + i, m) * rk_all(p->minus_per_ice_mm);
        } else {
            x = rk_load(snow + i, m) * rk_all(p->minus_per_snow_cm);
        }
        rk_store(s + i, x, m);
    }
}

/* After the exp (`loaded`; else from zero): 1 - exp, a wet road near freezing without
 * brine (`cold`: some surface below WET_COLD_BELOW_C; `cold_only`: not all of them), and
 * the exponent of grit's grip into `e` (`gritty`). */
static void rk_slip_finish(const RkPhysics *p, Py_ssize_t n, int loaded, int cold,
                           int cold_only, int gritty, const double *t, const double *water,
                           const double *salt, const double *grit, double *s, double *e)
{
    Py_ssize_t i, m;
    rk_vd x;
    rk_vl wet;
    for (i = 0; i < n; i += RK_W) {
        m = n - i < RK_W ? n - i : RK_W;
        x = loaded ? rk_all(1.0) - rk_load(s + i, m) : rk_all(0.0);
        if (cold) {
            wet = (rk_load(water + i, m) > rk_all(p->wet_mm))
                  & (rk_load(salt + i, m) < rk_all(p->brine_salt));
            if (cold_only)
                wet = wet & (rk_load(t + i, m) < rk_all(p->cold_c));
            x = rk_max(x, rk_all(p->wet_cold_slip) * rk_pick(wet, rk_all(1.0), rk_all(0.0)));
        }
        rk_store(s + i, x, m);
        if (gritty)
            rk_store(e + i, -rk_load(grit + i, m) / rk_all(p->grit_scale), m);
    }
}

#endif
