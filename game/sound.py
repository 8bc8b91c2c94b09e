"""Optional sounds (off by default): a soft chime when a decision waits, a low tone on a
rejected action. Tones are made with numpy, so there are no sound files to ship."""

from __future__ import annotations

import numpy as np
import pygame


class Sounds:
    """Plays short tones if enabled and the audio device works; otherwise does nothing."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = False
        self._tones: dict[str, pygame.mixer.Sound] = {}
        if enabled:
            self.set_enabled(True)

    def set_enabled(self, on: bool) -> bool:
        """Switch sounds on or off; False if the audio device cannot be opened."""
        if on and not self._tones:
            try:
                pygame.mixer.init(frequency=22050, size=-16, channels=1)
                freq = pygame.mixer.get_init()[0]
                self._tones = {"decision": self._tone(freq, (660, 880), 0.18),
                               "rejected": self._tone(freq, (220,), 0.25)}
            except pygame.error:
                self.enabled = False
                return False
        self.enabled = on
        return True

    @staticmethod
    def _tone(rate: int, freqs: tuple[int, ...], seconds: float) -> pygame.mixer.Sound:
        t = np.arange(int(rate * seconds)) / rate
        parts = [np.sin(2 * np.pi * f * t) * np.exp(-6 * t) for f in freqs]
        wave = np.concatenate(parts) * 0.3 * 32767
        channels = pygame.mixer.get_init()[2]
        samples = wave.astype(np.int16)
        if channels > 1:
            samples = np.repeat(samples[:, None], channels, axis=1)
        return pygame.sndarray.make_sound(np.ascontiguousarray(samples))

    def play(self, name: str) -> None:
        """Play a tone if sounds are on."""
        if self.enabled and name in self._tones:
            self._tones[name].play()
