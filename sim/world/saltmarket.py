"""The national salt market: many buyers, a fixed supply, rationing when the cold lasts.

Every road authority in the country buys from the same few suppliers (AkzoNobel, Frisia,
importers such as Eurosalt). National demand rises with the cold across the country; it
is read from the winter's own weather (the town stands for the country): each day's
frost on the road surface and its snowfall. Supply is fixed: the suppliers' stock at the
start of the season plus what production and imports add each day. When orders outrun
supply, deliveries are rationed (the zoutloketten of January and December 2010 shared
out what there was), orders wait longer (lead times grow with the backlog) and the spot
price rises (2010: two to four times the normal price, up to 300 EUR/t).

One market per season, stepped once a day by the depot's owner; no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.scenario.schema import SaltMarketConfig
from sim.state_parts import plain_values


@dataclass
class SaltMarket:
    """Suppliers' stock, the national backlog of orders and what follows from them."""

    cfg: SaltMarketConfig
    stock_kt: float = 0.0  # suppliers' stock [kt]
    backlog_kt: float = 0.0  # national orders not yet delivered [kt]
    demand_kt: float = 0.0  # national orders placed today [kt]
    fill_rate: float = 1.0  # share of today's orders that can be delivered [-]
    demand_season_kt: float = 0.0  # national orders so far this season [kt]
    dry_days: int = 0  # days with rationing (fill rate below 1)

    def __post_init__(self) -> None:
        self.stock_kt = self.cfg.supplier_stock_kt

    def hash_parts(self) -> list:
        """What the state hash takes from the market: its plain values."""
        return [plain_values(self)]

    def national_demand_kt(self, surface_c: np.ndarray, snow_mm: float) -> float:
        """National orders for one day [kt] from that day's hourly surface temperatures
        [degC] and its snowfall [mm water equivalent]."""
        frost_hours = float((surface_c < 0.0).sum())
        return (
            self.cfg.demand_kt_per_frost_hour * frost_hours
            + self.cfg.demand_kt_per_snow_mm * snow_mm
        )

    def open_day(self, surface_c: np.ndarray, snow_mm: float) -> None:
        """A day on the market: orders come in, supply is shared out pro rata."""
        self.demand_kt = self.national_demand_kt(surface_c, snow_mm)
        self.demand_season_kt += self.demand_kt
        available = self.stock_kt + self.cfg.supply_kt_per_day
        wanted = self.backlog_kt + self.demand_kt
        shipped = min(wanted, available)
        self.fill_rate = shipped / wanted if wanted > 1e-9 else 1.0
        self.backlog_kt = wanted - shipped
        self.stock_kt = min(available - shipped, self.cfg.supplier_stock_kt)
        if self.fill_rate < 1.0:
            self.dry_days += 1

    @property
    def wait_days(self) -> float:
        """Extra days an order waits behind the national backlog [days]."""
        return self.backlog_kt / self.cfg.supply_kt_per_day

    @property
    def dry(self) -> bool:
        """Whether deliveries are rationed today."""
        return self.fill_rate < 1.0

    @property
    def spot_price_eur_per_t(self) -> float:
        """Price on the spot market today [EUR/t]: the normal price while supply keeps up,
        rising with each week of backlog up to the shortage ceiling."""
        cfg = self.cfg
        rise = 1.0 + self.wait_days / 7.0 + (0.0 if self.fill_rate >= 1.0 else 1.0)
        return min(cfg.normal_price_eur_per_t * rise, cfg.max_price_eur_per_t)
