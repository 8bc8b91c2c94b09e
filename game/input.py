"""The one place that turns pygame events into game commands (Tuxemon's EventQueueHandler).

Screens never look at raw pygame events: they get :class:`Command` values. pygame_gui sees
every event first (it needs them for hover, typing and clicks); a key it consumed, or a
printable key while someone types in an entry box, is not a command.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine


@dataclass(frozen=True)
class Command:
    """A game-level input: what the person wants, not which key they pressed."""

    name: str  # click, focus_next, focus_prev, activate, back, option, help, trainer,
    #            projector, quit, resize, text_done
    element: object = None
    value: object = None


NAV_NEXT = (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT)
NAV_PREV = (pygame.K_UP, pygame.K_LEFT)
ACTIVATE = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
DIGITS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
FUNCTION_KEYS = {pygame.K_F1: "help", pygame.K_F2: "trainer", pygame.K_F11: "projector"}


class InputTranslator:
    """Turns pygame (and pygame_gui) events into :class:`Command` values."""

    def __init__(self, manager: pygame_gui.UIManager) -> None:
        self.manager = manager

    def typing(self) -> bool:
        """Whether an entry box has the keyboard."""
        focus = self.manager.get_focus_set() or ()
        return any(isinstance(e, UITextEntryLine) for e in focus)

    def translate(self, event: pygame.event.Event, consumed: bool) -> Command | None:
        """The command an event stands for, or None."""
        if event.type == pygame.QUIT:
            return Command("quit")
        if event.type == pygame.VIDEORESIZE:
            return Command("resize", value=(event.w, event.h))
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            return Command("click", element=event.ui_element)
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            return Command("text_done", element=event.ui_element)
        if event.type != pygame.KEYDOWN or consumed:
            return None
        return self._key(event)

    def _key(self, event: pygame.event.Event) -> Command | None:
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        typing = self.typing()
        if key in FUNCTION_KEYS:
            return Command(FUNCTION_KEYS[key])
        if key == pygame.K_ESCAPE:
            return Command("back")
        if key == pygame.K_TAB:
            return Command("focus_prev" if shift else "focus_next")
        if typing:
            # The entry box owns letters, digits, space and the arrow keys.
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return Command("focus_next")
            return None
        if key in NAV_NEXT:
            return Command("focus_next")
        if key in NAV_PREV:
            return Command("focus_prev")
        if key in ACTIVATE:
            return Command("activate")
        if key in DIGITS:
            return Command("option", value=DIGITS[key])
        if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            return Command("faster", value=1)
        if key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            return Command("faster", value=-1)
        if key == pygame.K_PAUSE:
            return Command("pause")
        return None
