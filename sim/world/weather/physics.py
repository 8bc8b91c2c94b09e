"""Clouds, moisture, the road surface and precipitation: their parameters, the surface
temperature from air, cloud and sun, and the kind of precipitation that falls."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

from sim.world.weather.arrays import first_order

PRECIP_NONE, PRECIP_RAIN, PRECIP_SNOW, PRECIP_FREEZING_RAIN = 0, 1, 2, 3

# --- Clouds and moisture --------------------------------------------------------------
CLOUD_MEAN_LOGIT = 0.2  # logit of typical cloud cover: Dutch winter skies are ~70 % covered
CLOUD_DAY_SD = 1.6  # spread of the daily cloud latent [logit]
CLOUD_DAY_AR = 0.5  # its day-to-day persistence [-]
CLOUD_HOUR_SD = 1.0  # spread of the hourly cloud noise [logit]
CLOUD_HOUR_AR = 0.85  # its hour-to-hour persistence [-]
CLOUD_WET_DAY_SHIFT = 1.2  # wet days are cloudier [logit]
CLOUD_BLOCK_SHIFT = -1.6  # a continental high clears the sky [logit]
CLOUD_IN_PRECIP = 0.97  # minimum cloud cover while it precipitates [-]
DEPRESSION_NIGHT_C = 1.3  # dewpoint depression, night, overcast [degC]
DEPRESSION_NIGHT_CLEAR_C = 1.4  # ... clear night: the air cools to its dewpoint (mist, fog)
DEPRESSION_DAY_C = 2.2  # ... afternoon, overcast
DEPRESSION_DAY_SUN_C = 4.5  # ... sunny afternoon
DEPRESSION_BLOCK_C = 3.0  # extra in dry continental air during a cold spell
DEPRESSION_IN_PRECIP_C = 0.2
DEPRESSION_SD_C = 0.8  # hourly noise on the depression
DEPRESSION_HOUR_AR = 0.8  # its hour-to-hour persistence [-]
DEPRESSION_DAY_SD_C = 1.5  # day-to-day spread of the depression (air mass humidity)
DEPRESSION_DAY_AR = 0.6  # its day-to-day persistence [-]

# --- Road surface ---------------------------------------------------------------------
SURFACE_LAG_H = 2.0  # time constant of the surface following its driving temperature [h]
# Net longwave loss under a fully clear sky, as a drive [degC]. With the ground heat flux
# the surface ends up about 3 degC below the air at dawn after a clear night (road weather
# stations show 2-5; assumption within that range) and about 0.5 above it after an
# overcast one.
RADIATIVE_LOSS_C = 5.5
SOLAR_GAIN_C = 18.0  # surface above air at clear noon per unit sine of sun elevation [degC]
GROUND_COUPLING = 0.25  # weight of the ground temperature in the surface balance [-]
GROUND_LAG_H = 72.0  # time constant of the ground following the air [h]
GROUND_OFFSET_C = 0.8  # the ground under a road is a little warmer than the mean air [degC]

# --- Precipitation --------------------------------------------------------------------
SNOW_BELOW_AIR_C = 1.0  # precipitation falls as snow below this air temperature [degC]
WARM_ALOFT_MIN_AIR_C = -5.0  # colder than this, even melted drops refreeze aloft (pellets)
EVENT_EXTRA_P = (0.40, 0.12)  # chance of a second and third event on a wet day [-]
EVENT_DURATION_SHAPE, EVENT_DURATION_SCALE_H = 1.5, 3.5  # gamma, hours beyond the first
EVENT_INTENSITY_SHAPE, EVENT_INTENSITY_SCALE = 1.2, 0.35  # gamma [mm/h] plus a floor
EVENT_INTENSITY_FLOOR = 0.1  # [mm/h]
HOURLY_INTENSITY_SD = 0.4  # lognormal spread of hour-to-hour intensity [-]
BLOCK_WET_P = 0.2  # wet-day chance in a cold spell (dry continental air) [-]
BLOCK_INTENSITY_FACTOR = 0.5  # light snow in a cold spell [-]
THAW_WET_P = 0.85  # chance that the front ending a cold spell brings precipitation [-]
THAW_WARM_ALOFT_P = 0.55  # chance that it comes with a warm layer aloft (ijzel risk) [-]
THAW_DURATION_FACTOR = 1.5  # frontal precipitation lasts longer [-]


def surface_from(
    air: np.ndarray, cloud: np.ndarray, sun: np.ndarray, compiled: SimpleNamespace | None = None
) -> np.ndarray:
    """Reference road-surface temperature [degC] from air, cloud and sun.

    Driving temperature = air - net longwave loss to a clear sky + sunshine on the road +
    a pull towards the ground (an exponential mean of the air with a 3-day lag, a little
    warmer); the surface follows it as a first-order lag of SURFACE_LAG_H hours. The
    lags run in C with `compiled` (see `arrays.first_order`).
    """
    clear = 1.0 - cloud
    a_g = math.exp(-1.0 / GROUND_LAG_H)
    ground = first_order(air, 1 - a_g, a_g, a_g * air[:24].mean(), compiled)
    drive = (
        air
        - RADIATIVE_LOSS_C * clear
        + SOLAR_GAIN_C * clear * sun
        + GROUND_COUPLING * (ground + GROUND_OFFSET_C - air)
    )
    a_s = math.exp(-1.0 / SURFACE_LAG_H)
    surface = first_order(drive, 1 - a_s, a_s, a_s * drive[0], compiled)
    return surface


def classify(air: np.ndarray, surface: np.ndarray, warm_aloft: np.ndarray) -> np.ndarray:
    """Kind of precipitation if it falls: snow, rain or freezing rain (int8).

    Snow below SNOW_BELOW_AIR_C unless a warm layer aloft melted it (and the air near the
    ground is not so cold that it refreezes); rain on a surface below 0 degC is ijzel.
    """
    melted = warm_aloft & (air >= WARM_ALOFT_MIN_AIR_C)
    liquid = (air >= SNOW_BELOW_AIR_C) | melted
    kind = np.where(liquid, np.where(surface < 0.0, PRECIP_FREEZING_RAIN, PRECIP_RAIN), PRECIP_SNOW)
    return kind.astype(np.int8)
