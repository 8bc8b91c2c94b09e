"""The dispatcher's reading of a forecast run (sim/agents/outlook.py)."""

from __future__ import annotations

from sim.agents.outlook import FORECAST_LEAD_H, first_risk, risk_lists
from sim.world.weather import PRECIP_RAIN, PRECIP_SNOW

THRESHOLD_C = 0.5
RUN_HOUR = 12  # the run's first forecast hour


def run(
    surface: list[float],
    prob: list[float] | None = None,
    kind: list[int] | None = None,
    hoar: list[float] | None = None,
) -> tuple[list, ...]:
    """A run of len(surface) consecutive hours from RUN_HOUR, dry and rijp-free unless given."""
    n = len(surface)
    return risk_lists(
        list(range(RUN_HOUR, RUN_HOUR + n)),
        surface,
        prob or [0.0] * n,
        kind or [PRECIP_RAIN] * n,
        hoar or [0.0] * n,
        THRESHOLD_C,
    )


def never_wet() -> bool:
    raise AssertionError("the road's wetness was asked although the forecast settles it")


def test_a_cold_moist_hour_is_the_onset_without_asking_the_road() -> None:
    surface = [3.0] * 17
    surface[5] = -1.0
    prob = [0.0] * 17
    prob[5] = 0.9
    assert first_risk(run(surface, prob), RUN_HOUR, never_wet) == (RUN_HOUR + 5, False)


def test_a_cold_dry_hour_counts_only_on_a_wet_road() -> None:
    surface = [3.0] * 17
    surface[4] = -1.0
    fc = run(surface)
    assert first_risk(fc, RUN_HOUR, lambda: True) == (RUN_HOUR + 4, False)
    assert first_risk(fc, RUN_HOUR, lambda: False) is None


def test_likely_snow_on_a_cold_surface_is_heavy() -> None:
    surface = [0.8] * 17  # below the snow alarm surface temperature, above the threshold
    prob = [0.0] * 17
    prob[7] = 0.9
    kind = [PRECIP_RAIN] * 17
    kind[7] = PRECIP_SNOW
    assert first_risk(run(surface, prob, kind), RUN_HOUR, never_wet) == (RUN_HOUR + 7, True)


def test_rijp_risk_makes_a_cold_hour_risky() -> None:
    surface = [3.0] * 17
    surface[2] = 0.0
    hoar = [0.0] * 17
    hoar[2] = 0.8
    assert first_risk(run(surface, hoar=hoar), RUN_HOUR, never_wet) == (RUN_HOUR + 2, False)


def test_risk_beyond_the_lead_time_or_already_past_is_not_seen() -> None:
    surface = [3.0] * 17
    prob = [0.0] * 17
    surface[0], prob[0] = -1.0, 0.9  # the issue hour itself: past for the dispatcher
    surface[16], prob[16] = -1.0, 0.9
    fc = run(surface, prob)
    assert first_risk(fc, RUN_HOUR, never_wet) is None  # +16 h is beyond the lead
    assert first_risk(fc, RUN_HOUR + 16 - FORECAST_LEAD_H, never_wet) == (RUN_HOUR + 16, False)
