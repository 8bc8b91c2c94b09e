"""Traffic through the day: how busy the roads are in a given hour.

Road physics (`sim.world.roads.RoadState.step`) scales what traffic does to a surface
(snow packed into ice, slush thrown off, salt sprayed away) by this factor; each
segment's own intensity (`Town.traffic`) sets the level.
"""

from __future__ import annotations

NIGHT_FACTOR = 0.15  # 0-6h: hardly anyone on the road [-]
DAY_FACTOR = 1.0  # 6-20h: the daytime level all factors are relative to [-]
EVENING_FACTOR = 0.4  # 20-24h [-]
DAY_STARTS_H = 6  # hour of day the daytime level begins
EVENING_STARTS_H = 20  # hour of day the evening level begins


def traffic_factor(hour_of_day: int) -> float:
    """Traffic in this hour of the day (0-23) relative to the daytime level [-]."""
    if hour_of_day < DAY_STARTS_H:
        return NIGHT_FACTOR
    return DAY_FACTOR if hour_of_day < EVENING_STARTS_H else EVENING_FACTOR
