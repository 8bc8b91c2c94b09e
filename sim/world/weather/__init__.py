"""The stochastic Dutch winter and its forecast.

`Weather.generate` (in `winter`) draws one winter, hour by hour, at a reference point of
the town, and pre-draws the forecast's errors so that asking a forecast consumes no
randomness. The package, by idea: `climate` (normals, winter profiles, calendar), `physics`
(clouds, moisture, road surface, precipitation kind), `forecast` (runs and their errors),
`injects` (trainer events in the truth), `summary` (per-day measures) and `arrays`.
"""

from sim.world.weather.climate import CALIBRATION_TARGETS, CLIMATES, MONTHLY_NORMAL_C
from sim.world.weather.forecast import MAX_LEAD_H, RUN_INTERVAL_H, Forecast
from sim.world.weather.injects import EVENT_KINDS
from sim.world.weather.physics import (
    PRECIP_FREEZING_RAIN,
    PRECIP_NONE,
    PRECIP_RAIN,
    PRECIP_SNOW,
    SNOW_BELOW_AIR_C,
)
from sim.world.weather.summary import SNOW_COVER_MIN_CM
from sim.world.weather.winter import Weather, weather_rng

__all__ = [
    "CALIBRATION_TARGETS",
    "CLIMATES",
    "EVENT_KINDS",
    "MAX_LEAD_H",
    "MONTHLY_NORMAL_C",
    "PRECIP_FREEZING_RAIN",
    "PRECIP_NONE",
    "PRECIP_RAIN",
    "PRECIP_SNOW",
    "RUN_INTERVAL_H",
    "SNOW_BELOW_AIR_C",
    "SNOW_COVER_MIN_CM",
    "Forecast",
    "Weather",
    "weather_rng",
]
