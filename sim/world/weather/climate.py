"""Dutch winter climatology: De Bilt normals, mild/average/severe winter profiles, the
season calendar with its solar geometry, and the shape of the diurnal cycle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from sim.world.weather.physics import BLOCK_WET_P

# --- Climatology ----------------------------------------------------------------------
# Monthly mean of the daily mean air temperature at De Bilt [degC], index 0 = January.
# KNMI climate normals (klimaatviewer, rounded; the winter months as set in the design brief:
# Nov 6.5, Dec 4.0, Jan 3.3, Feb 3.6, Mar 6.6). Anchored at mid-month, linearly interpolated.
MONTHLY_NORMAL_C = (3.3, 3.6, 6.6, 9.8, 13.6, 16.2, 18.5, 18.1, 14.8, 10.7, 6.5, 4.0)
HOUR_OF_TMIN = 7  # diurnal minimum near sunrise [h local]
HOUR_OF_TMAX = 14  # diurnal maximum in the early afternoon [h local]
# Half the diurnal range [degC] under a clear and an overcast sky in midwinter, scaled up
# with the noon sun towards March. De Bilt's mean daily range is about 5 degC in Dec-Jan
# and 7-8 in March (KNMI); clear days reach 9-10, overcast days 2-3.
DIURNAL_HALF_RANGE_CLEAR_C = 4.8
DIURNAL_HALF_RANGE_OVERCAST_C = 1.2
LATITUDE_DEG = 52.1  # De Bilt
SOLAR_NOON_H = 12.7  # local clock time (CET) of solar noon in the middle of the country

# Day-to-day anomaly: AR(1) on the daily mean [-] and its stationary sd [degC]. Winter
# day-to-day persistence at De Bilt is about 0.7-0.8 per day; assumption within that range.
ANOMALY_AR = 0.75
ANOMALY_SD_C = 3.0
BLOCK_ONSET_PER_DAY = 0.45  # share of the gap to the regime's anomaly closed per day [-]
BLOCK_FULL_ANOMALY_C = -6.0  # anomaly at which clouds and humidity are fully continental
# Cold spells are rarer at the edges of the season (weights per month, Jan = index 0);
# an assumption after the KNMI record of cold spells, which cluster in Dec-Feb.
BLOCK_SEASON_WEIGHT = (1.3, 1.1, 0.45, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.55, 1.1)


@dataclass(frozen=True)
class ClimateProfile:
    """Parameters that differ between mild, average and severe winters."""

    offset_c: float  # added to the daily-mean normal [degC]
    block_enter_per_day: float  # chance per day to enter the cold regime (at season weight 1)
    block_stay_per_day: float  # chance per day to stay in it (mean length 1/(1-p) days)
    block_anomaly_c: tuple[float, float]  # uniform range of a cold spell's anomaly [degC]
    wet_after_dry: float  # wet/dry day chain [-]
    wet_after_wet: float
    warm_aloft_base: float  # chance an ordinary event has a melting layer aloft [-]
    # Wet-day chance in a cold spell [-]: dry continental air in most winters (see
    # physics.BLOCK_WET_P); in severe winters fronts keep running into the cold air ("from
    # mid-December to the end of March it snowed so often that the salt ran out", NRC
    # 14-08-2010 on 2009-10). Calibrated on the salt-use ratio (docs/ODD.md 8.4).
    block_wet_p: float = BLOCK_WET_P


# Calibrated (see CALIBRATION_TARGETS and tests/world/test_weather.py) so that frost days,
# ice days, snow-cover days and gladheid-risk nights fall near the Dutch figures. Wet-day
# chain after De Bilt: about half of the winter days have measurable precipitation.
CLIMATES: dict[str, ClimateProfile] = {
    "mild": ClimateProfile(
        offset_c=3.5,
        block_enter_per_day=0.003,
        block_stay_per_day=0.80,
        block_anomaly_c=(-10.0, -6.0),
        wet_after_dry=0.40,
        wet_after_wet=0.70,
        warm_aloft_base=0.01,
    ),
    "average": ClimateProfile(
        offset_c=1.3,
        block_enter_per_day=0.028,
        block_stay_per_day=0.9,
        block_anomaly_c=(-12.0, -7.0),
        wet_after_dry=0.36,
        wet_after_wet=0.66,
        warm_aloft_base=0.02,
    ),
    "severe": ClimateProfile(
        offset_c=0.1,
        block_enter_per_day=0.040,
        block_stay_per_day=0.94,
        block_anomaly_c=(-13.0, -7.5),
        wet_after_dry=0.33,
        wet_after_wet=0.63,
        warm_aloft_base=0.03,
        block_wet_p=0.85,
    ),
}

# Calibration targets over a 151-day season from 1 November, as means over seeds (the
# design brief's figures). Frost days (daily minimum surface temperature below 0) and ice
# days (air maximum below 0): De Bilt has about 50 air-frost and 7-8 ice days a year (KNMI);
# road surfaces freeze more often than the air. Risk nights (see `Weather.risk_nights`)
# drive the number of strooiacties: Drenthe averages 40 a season, Zeeland 25-30 in a normal
# and 60 in a severe winter (shared/research/domain-facts.md, sec. 1). Snow-cover days:
# "few" in mild, "many" in severe winters; the figures are an assumption. The `average`
# climate's season mean also matches the normals (MONTHLY_NORMAL_C) within 0.3 degC.
# Issue 12 widened the winter types to Rijkswaterstaat's salt record (mild : average :
# severe about 0.2 : 1 : 2.1, 16 / 90 / 191 kt): a mild winter is one like 2019-20 (the
# second-lowest salt use; 2 degC or more above normal, hardly a cold spell), a severe one
# like 2009-10 (snow from mid-December to the end of March, NRC 14-08-2010). Its
# targets are the measured means of those profiles (docs/ODD.md 8.4), an assumption
# checked against the salt ratio rather than against KNMI counts.
CALIBRATION_TARGETS: dict[str, dict[str, float]] = {
    "mild": {"frost_days": 14, "ice_days": 0.2, "snow_cover_days": 0.3, "risk_nights": 13},
    "average": {"frost_days": 55, "ice_days": 8, "snow_cover_days": 9, "risk_nights": 40},
    "severe": {"frost_days": 88, "ice_days": 33, "snow_cover_days": 49, "risk_nights": 75},
}


class SeasonCalendar:
    """Dates of the season as numpy arrays: month, day of year, solar geometry."""

    def __init__(self, start: dt.date, days: int) -> None:
        self.dates = np.datetime64(start, "D") + np.arange(days)
        months = self.dates.astype("datetime64[M]")
        self.month0 = months.astype(np.int64) % 12  # 0 = January
        self.doy = (self.dates - self.dates.astype("datetime64[Y]")).astype(np.int64) + 1

    def daily_normals(self) -> np.ndarray:
        """Daily-mean normal [degC] per day, linear between mid-month anchors."""
        first = self.dates[0].astype("datetime64[M]").astype(np.int64) - 1
        last = self.dates[-1].astype("datetime64[M]").astype(np.int64) + 1
        month_ids = np.arange(first, last + 1)
        anchors = month_ids.astype("datetime64[M]").astype("datetime64[D]") + 14
        values = np.asarray(MONTHLY_NORMAL_C)[month_ids % 12]
        return np.interp(self.dates.astype(np.int64), anchors.astype(np.int64), values)

    def declination_rad(self) -> np.ndarray:
        """Solar declination per day (Cooper's formula) [rad]."""
        return np.radians(23.44) * np.sin(2 * np.pi * (284 + self.doy) / 365.0)

    def noon_elevation_sine(self) -> np.ndarray:
        """Sine of the sun's elevation at solar noon per day [-]."""
        return np.cos(np.radians(LATITUDE_DEG) - self.declination_rad())

    def solar_forcing(self) -> np.ndarray:
        """Sine of the sun's elevation per hour (0 at night), from latitude and declination."""
        decl = np.repeat(self.declination_rad(), 24)
        hod = np.tile(np.arange(24), len(self.dates))
        lat = np.radians(LATITUDE_DEG)
        hour_angle = np.radians(15.0 * (hod + 0.5 - SOLAR_NOON_H))
        s = np.sin(lat) * np.sin(decl) + np.cos(lat) * np.cos(decl) * np.cos(hour_angle)
        return np.clip(s, 0.0, None)


def diurnal_shape(hod: np.ndarray) -> np.ndarray:
    """-1 at HOUR_OF_TMIN, +1 at HOUR_OF_TMAX, half-cosines in between (mean zero)."""
    rise = HOUR_OF_TMAX - HOUR_OF_TMIN
    h = np.asarray(hod, float)
    since_min = (h - HOUR_OF_TMIN) % 24
    return np.where(
        since_min <= rise,
        -np.cos(np.pi * since_min / rise),
        np.cos(np.pi * (since_min - rise) / (24 - rise)),
    )
