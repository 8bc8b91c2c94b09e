"""QR codes for the projector's join codes: segno makes the code, pygame draws it.

A phone's camera reads the code from across a classroom when each module is a few
pixels wide and the quiet zone (the white border, 4 modules by the QR standard) is kept.
"""

from __future__ import annotations

import pygame
import segno

QUIET_ZONE = 4  # modules of white border (ISO/IEC 18004 asks for 4)


def qr_modules(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of `text`'s QR code, without the quiet zone."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix]


def qr_surface(text: str, size: int) -> pygame.Surface:
    """A square surface of at most `size` px with `text`'s QR code, black on white, with
    the quiet zone; every module is a whole number of pixels (sharp on a projector)."""
    modules = qr_modules(text)
    n = len(modules) + 2 * QUIET_ZONE
    px = max(1, size // n)
    small = pygame.Surface((n, n))
    small.fill((255, 255, 255))
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x + QUIET_ZONE, y + QUIET_ZONE), (0, 0, 0))
    return pygame.transform.scale(small, (n * px, n * px))
