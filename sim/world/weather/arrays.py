"""Array helpers for the weather: read-only arrays, AR(1) noise, interval sums, look-backs."""

from __future__ import annotations

import math

import numpy as np
from scipy.signal import lfilter


def read_only(a: np.ndarray) -> np.ndarray:
    """Make an array read-only (a frozen Weather must not be changed in place)."""
    a = np.asarray(a)
    a.flags.writeable = False
    return a


def ar1(z: np.ndarray, phi: float) -> np.ndarray:
    """Stationary unit-variance AR(1) from standard normal innovations `z` (along axis -1)."""
    scale = math.sqrt(1.0 - phi * phi)
    zi = z[..., :1] * (1.0 - scale)  # start in the stationary distribution: y[0] = z[0]
    y, _ = lfilter([1.0], [1.0, -phi], z * scale, axis=-1, zi=zi)
    return y


def steps(start: np.ndarray, end: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Hourly sum of `value[i]` over the intervals [start[i], end[i]) within 0..n."""
    diff = np.zeros(n + 1)
    np.add.at(diff, np.clip(start, 0, n), value)
    np.add.at(diff, np.clip(end, 0, n), -value)
    return np.cumsum(diff[:n])


def recent(flag: np.ndarray, hours: int) -> np.ndarray:
    """True where `flag` was true at this hour or in the `hours` hours before."""
    c = np.concatenate([[0], np.cumsum(flag)])
    idx = np.arange(len(flag)) + 1
    return (c[idx] - c[np.maximum(idx - hours - 1, 0)]) > 0
