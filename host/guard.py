"""Limits on what a connection or an address may send: a token bucket and a lock-out.

Both take the time as an argument (the server passes the event loop's monotonic clock),
so they are plain arithmetic and tests need no sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from host.protocol import LOCKOUT_S, MAX_FAILED_JOINS, RATE_BURST, RATE_PER_S


@dataclass
class RateLimit:
    """A token bucket: `rate` messages a second sustained, bursts of `burst`."""

    rate: float = RATE_PER_S
    burst: float = RATE_BURST
    tokens: float = RATE_BURST
    last: float | None = None
    refused: int = 0  # messages refused so far on this connection

    def allow(self, now: float) -> bool:
        """Whether one more message may pass at time `now` [s]; counts refusals."""
        if self.last is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        self.refused += 1
        return False


@dataclass
class Lockout:
    """Wrong codes, tokens and PINs per address: after `limit` the address waits `seconds`."""

    limit: int = MAX_FAILED_JOINS
    seconds: float = LOCKOUT_S
    failures: dict[str, list[float]] = field(default_factory=dict)

    def locked(self, address: str, now: float) -> bool:
        """Whether the address is locked out at `now`."""
        recent = [t for t in self.failures.get(address, []) if now - t < self.seconds]
        if recent:
            self.failures[address] = recent
        else:
            self.failures.pop(address, None)
        return len(recent) >= self.limit

    def fail(self, address: str, now: float) -> None:
        """Count one wrong code, token or PIN from the address."""
        self.failures.setdefault(address, []).append(now)
