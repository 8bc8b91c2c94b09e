"""Keyboard focus: an ordered ring of controls, Tab to move, Enter or Space to use.

pygame_gui 0.6 has no keyboard navigation between buttons, so each screen lists its
controls here; the focused one gets a thick two-colour frame that is visible on any
background. Keys are stable strings, so focus survives a rebuild (resize, language).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame_gui.elements import UITextEntryLine


@dataclass
class Entry:
    """One focusable control."""

    key: str
    element: object
    action: Callable[[], None] | None  # None: an entry box (focusing it starts typing)


class FocusRing:
    """The controls of one screen in Tab order."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.current: str | None = None

    def clear(self) -> None:
        """Forget the controls (before a rebuild); the focused key is kept."""
        self.entries = []

    def add(self, key: str, element: object, action: Callable[[], None] | None = None) -> None:
        """Append a control."""
        self.entries.append(Entry(key, element, action))

    def _usable(self) -> list[Entry]:
        return [e for e in self.entries if e.element.visible and e.element.is_enabled]

    def focused(self) -> Entry | None:
        """The focused control, if it is still there."""
        for e in self._usable():
            if e.key == self.current:
                return e
        return None

    def set(self, key: str, manager: object = None) -> None:
        """Focus a control by key."""
        self.current = key
        if manager is not None:
            self._sync(manager)

    def move(self, step: int, manager: object) -> None:
        """Focus the next (+1) or previous (-1) usable control."""
        usable = self._usable()
        if not usable:
            return
        keys = [e.key for e in usable]
        if self.current in keys:
            i = (keys.index(self.current) + step) % len(keys)
        else:
            i = 0 if step > 0 else len(keys) - 1
        self.current = keys[i]
        self._sync(manager)

    def _sync(self, manager: object) -> None:
        """Give the keyboard to an entry box when it gets focus, take it back otherwise."""
        entry = self.focused()
        if entry is not None and isinstance(entry.element, UITextEntryLine):
            manager.set_focus_set(entry.element)
        else:
            manager.set_focus_set(None)

    def activate(self) -> bool:
        """Use the focused control; False if nothing is focused."""
        entry = self.focused()
        if entry is None or entry.action is None:
            return False
        entry.action()
        return True

    def action_for(self, element: object) -> Callable[[], None] | None:
        """The action of a clicked control (mouse and keyboard do the same thing)."""
        for e in self.entries:
            if e.element is element:
                self.current = e.key
                return e.action
        return None

    def draw(self, surface: pygame.Surface, colour: tuple, edge: tuple, width: int) -> None:
        """A thick frame around the focused control (drawn above all widgets)."""
        entry = self.focused()
        if entry is None:
            return
        rect = entry.element.rect.inflate(2 * width + 2, 2 * width + 2)
        pygame.draw.rect(surface, edge, rect.inflate(2 * width, 2 * width), width)
        pygame.draw.rect(surface, colour, rect, width)
