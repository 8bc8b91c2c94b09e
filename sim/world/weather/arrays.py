"""Array helpers for the weather: read-only arrays, AR(1) noise and first-order lags,
interval sums, look-backs."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np


def read_only(a: np.ndarray) -> np.ndarray:
    """Make an array read-only (a frozen Weather must not be changed in place)."""
    a = np.asarray(a)
    a.flags.writeable = False
    return a


def ar1(z: np.ndarray, phi: float, compiled: SimpleNamespace | None = None) -> np.ndarray:
    """Stationary unit-variance AR(1) from standard normal innovations `z` (along axis -1)."""
    scale = math.sqrt(1.0 - phi * phi)
    state = z[..., 0] * (1.0 - scale)  # start in the stationary distribution: y[0] = z[0]
    return first_order(z * scale, 1.0, phi, state, compiled)


def first_order(
    x: np.ndarray,
    gain: float,
    pole: float,
    state: float | np.ndarray,
    compiled: SimpleNamespace | None = None,
) -> np.ndarray:
    """First-order recursive filter along axis -1: y[k] = state + gain * x[k], then
    state = pole * y[k], from the given initial state.

    The same operations, in the same order, as ``scipy.signal.lfilter([gain], [1, -pole],
    x, axis=-1, zi=state)`` (scipy's direct form II transposed), so the same values bit
    for bit, without importing scipy.signal (about 0.4 s of a fresh process). A 1-D
    series steps in Python floats; more dimensions step one column at a time. With
    `compiled` (the weather's kernel module, see `sim.compiled`) the same loop runs in C.
    """
    if compiled is not None:
        return compiled.first_order(x, gain, pole, state)
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        s, out = float(state), []
        for v in x.tolist():
            y = s + gain * v
            out.append(y)
            s = pole * y
        return np.array(out, dtype=float)
    y = np.empty_like(x)
    s = np.asarray(state, dtype=float)
    for k in range(x.shape[-1]):
        y[..., k] = s + gain * x[..., k]
        s = pole * y[..., k]
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
