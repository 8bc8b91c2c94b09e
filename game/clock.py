"""The trainer's verbs on a session's clock, shared by every family's game state.

Pause and speed change nothing in the model; they go to the session log as trainer acts
(game.logbook), so the debrief knows when the room stopped to talk.
"""

from __future__ import annotations

from typing import ClassVar

from game.settings import SPEEDS


class TrainerClock:
    """Whether the clock runs; pause, resume and speed (mixed into game.state.GameState
    and its procesregie twin, which keep `model`, `log`, `paused`, `speed`, `ended`)."""

    max_speed: ClassVar[int] = SPEEDS[-1]
    """The fastest speed this family's clock offers [ticks per wall second]."""

    @property
    def finished(self) -> bool:
        """The season or process is over, or the trainer ended the round."""
        return self.ended or self.model.finished

    @property
    def running(self) -> bool:
        """Whether the clock moves now (it stops while a person must answer)."""
        return not (self.paused or self.finished or self.model.waiting_for_humans())

    def set_paused(self, paused: bool) -> None:
        """Pause or resume the clock."""
        if paused != self.paused:
            self.paused = paused
            self.log.trainer("pause" if paused else "resume")

    def set_speed(self, speed: int) -> None:
        """One of SPEEDS up to `max_speed` [ticks per wall second]."""
        if speed not in SPEEDS or speed > self.max_speed:
            raise ValueError(f"speed must be one of {SPEEDS} up to {self.max_speed}")
        if speed != self.speed:
            self.speed = speed
            self.log.trainer("speed", value=float(speed))

    def faster(self, direction: int) -> None:
        """Next speed up (+1) or down (-1)."""
        allowed = [s for s in SPEEDS if s <= self.max_speed]
        i = allowed.index(self.speed) if self.speed in allowed else 0
        self.set_speed(allowed[max(0, min(len(allowed) - 1, i + direction))])
