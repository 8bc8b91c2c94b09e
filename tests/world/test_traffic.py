"""Traffic through the day: night, daytime and evening levels."""

from __future__ import annotations

from sim.world.traffic import traffic_factor

HOURS = range(24)


def test_roads_are_quietest_at_night_and_busiest_by_day():
    night, day, evening = traffic_factor(3), traffic_factor(12), traffic_factor(22)
    assert night < evening < day == 1.0


def test_traffic_changes_level_only_at_six_in_the_morning_and_eight_in_the_evening():
    changes = {h for h in HOURS[1:] if traffic_factor(h) != traffic_factor(h - 1)}
    assert changes == {6, 20}
