"""The salt depot: stock, orders, deliveries limited by what the supplier can ship.

Deliveries arrive after the lead time in daily instalments of at most the
supplier's weekly capacity / 7, as with AkzoNobel's 70 t/day contracts in 2010. The
supplier sells on the national salt market (sim/world/saltmarket.py): when the market is
dry it rations (each instalment shrinks to the market's fill rate), orders wait behind
the national backlog and spot and emergency salt costs the day's spot price and comes
only as far as the market can deliver. A failing supplier (inject) cuts the contracted
capacity on top of that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.scenario.schema import SaltConfig, SaltMarketConfig
from sim.state_parts import plain_values
from sim.world.saltmarket import SaltMarket


@dataclass
class SaltDepot:
    """Stock and open orders, in tonnes; time in hours since season start."""

    cfg: SaltConfig
    stock_t: float = 0.0
    open_orders: list[list[float]] = field(default_factory=list)  # [first_arrival_hour, tonnes]
    supplier_factor: float = 1.0  # 1 = normal; 1/7 = the Dec 2010 shortfall
    supplier_factor_until: int = -1
    bought_t: float = 0.0
    bought_eur: float = 0.0
    used_t: float = 0.0
    spot_orders: list[tuple[int, float]] = field(default_factory=list)  # (arrival hour, t)
    market: SaltMarket = field(default_factory=lambda: SaltMarket(SaltMarketConfig()))

    def __post_init__(self) -> None:
        self.stock_t = self.cfg.initial_stock_t

    def hash_parts(self) -> list:
        """What the state hash takes from the depot: stock, counters, open orders and the
        national market."""
        return [plain_values(self), self.open_orders, self.market.hash_parts()]

    @property
    def on_order_t(self) -> float:
        """Ordered but not yet delivered [t]."""
        return sum(q for _, q in self.open_orders)

    def receive(self, hour: int) -> float:
        """At the start of each day, deliver at most one day's supplier capacity."""
        if hour % 24 or not self.open_orders:
            return 0.0
        if 0 <= self.supplier_factor_until <= hour:
            self.supplier_factor = 1.0
            self.supplier_factor_until = -1
        room = self.cfg.capacity_t - self.stock_t
        allowance = min(
            self.cfg.supplier_capacity_t_per_week
            / 7.0
            * self.supplier_factor
            * self.market.fill_rate,
            room,
        )
        delivered = 0.0
        for order in self.open_orders:
            if order[0] > hour or allowance <= 0:
                continue
            qty = min(order[1], allowance)
            order[1] -= qty
            allowance -= qty
            delivered += qty
        self.open_orders = [o for o in self.open_orders if o[1] > 1e-9]
        self.stock_t += delivered
        return delivered

    def reorder(self, hour: int) -> float:
        """Order when stock plus open orders fall below the reorder level."""
        # Asked every hour; stock alone at the level settles it (open orders are positive).
        if self.stock_t >= self.cfg.reorder_level_t:
            return 0.0
        if self.stock_t + self.on_order_t >= self.cfg.reorder_level_t:
            return 0.0
        qty = min(self.cfg.order_quantity_t, self.cfg.capacity_t - self.stock_t - self.on_order_t)
        if qty <= 0:
            return 0.0
        arrival = hour + int(round((self.cfg.resupply_lead_days + self.market.wait_days) * 24))
        self.open_orders.append([float(arrival), qty])
        self.bought_t += qty
        self.bought_eur += qty * self.cfg.price_eur_per_t
        return qty

    def emergency_purchase(self, qty_t: float) -> float:
        """Buy on the spot market at the shortage price; arrives at once, as far as the
        national market can deliver (a dry market rations it). Returns the cost."""
        qty = max(0.0, min(qty_t, self.cfg.capacity_t - self.stock_t)) * self.market.fill_rate
        self.stock_t += qty
        self.bought_t += qty
        cost = qty * self.spot_price_eur_per_t
        self.bought_eur += cost
        return cost

    def spot_order(self, hour: int, qty_t: float, lead_h: int) -> float:
        """Order on the spot market at the shortage price; it arrives after `lead_h` whole
        plus the national backlog's wait, from another supplier than the contracted one,
        as far as the market can deliver. Returns the cost."""
        qty = max(0.0, min(qty_t, self.cfg.capacity_t - self.stock_t - self.on_spot_t))
        qty *= self.market.fill_rate
        self.spot_orders.append((hour + lead_h + int(round(self.market.wait_days * 24)), qty))
        self.bought_t += qty
        cost = qty * self.spot_price_eur_per_t
        self.bought_eur += cost
        return cost

    @property
    def spot_price_eur_per_t(self) -> float:
        """What spot salt costs now [EUR/t]: the contract's shortage price, or more when
        the national market is dearer still."""
        return max(self.cfg.shortage_price_eur_per_t, self.market.spot_price_eur_per_t)

    @property
    def on_spot_t(self) -> float:
        """Spot-market salt on its way [t]."""
        return sum(q for _, q in self.spot_orders)

    def receive_spot(self, hour: int) -> float:
        """Spot-market deliveries that are due."""
        if not self.spot_orders:  # asked every hour, and most seasons buy no spot salt
            return 0.0
        due = [q for h, q in self.spot_orders if h <= hour]
        if not due:
            return 0.0
        self.spot_orders = [(h, q) for h, q in self.spot_orders if h > hour]
        got = min(sum(due), self.cfg.capacity_t - self.stock_t)
        self.stock_t += got
        return got

    def take(self, wanted_t: float) -> float:
        """Load salt onto trucks; returns what was actually available [t]."""
        got = min(wanted_t, self.stock_t)
        self.stock_t -= got
        self.used_t += got
        return got

    def supplier_fails(self, until_hour: int, factor: float = 1.0 / 7.0) -> None:
        """The supplier delivers only a fraction of its contracted capacity until a given hour."""
        self.supplier_factor = factor
        self.supplier_factor_until = until_hour
