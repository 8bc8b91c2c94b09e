"""The procesregie KPIs, with stable names (tests, sweeps and reports use them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel

KPI_NAMES = (
    "support_pct",
    "options_explored",
    "parties_committed",
    "joint_value",
    "lead_time_weeks",
    "trust_mean",
)


def compromise(model: ProcesModel) -> np.ndarray:
    """The split-the-difference option: the stake-weighted mean of all core values."""
    stakes = np.array([p.spec.stake for p in model.parties])
    cores = np.array([p.core for p in model.parties])
    return stakes @ cores / stakes.sum()


def joint_value(model: ProcesModel, option: np.ndarray | None) -> float:
    """Stake-weighted utility of all parties for the option, minus that of the compromise
    (positive: the parties found more together than splitting the difference)."""
    if option is None:
        return 0.0
    base = compromise(model)
    return float(sum(p.spec.stake * (p.utility(option) - p.utility(base)) for p in model.parties))


def trust_mean(model: ProcesModel) -> float:
    """Mean trust over every ordered pair of different parties."""
    n = len(model.trust)
    return float((model.trust.sum() - np.trace(model.trust)) / (n * (n - 1)))


def summary(model: ProcesModel) -> dict[str, float]:
    """The KPIs of the process so far (final once it is finished)."""
    from sim.procesregie.process import support

    final = model.final
    return {
        "support_pct": 100.0 * support(model, final),
        "options_explored": float(model.options_explored),
        "parties_committed": float(
            sum(p.consented for p in model.parties) if final is not None else 0
        ),
        "joint_value": joint_value(model, final),
        "lead_time_weeks": float(model.lead_time if model.lead_time is not None else model.week),
        "trust_mean": trust_mean(model),
    }
