"""Headless game fixtures: the SDL dummy drivers and a driver that plays through real input.

The environment variables must be set before pygame is imported anywhere.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import json  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.app import App, Options  # noqa: E402
from game.autoplay import click, press, type_text  # noqa: E402

CLASSROOM = "gladheid_koudegolf_klas"


class Driver:
    """Runs an App frame by frame and feeds it synthetic input."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def top(self) -> object:
        """The screen on top."""
        return self.app.top

    def frames(self, n: int = 1) -> None:
        """Run n frames."""
        for _ in range(n):
            self.app.frame(1.0 / 60.0)

    def until(self, condition: Callable[[], bool], limit: int = 3000) -> None:
        """Run frames until `condition` holds (fails after `limit` frames)."""
        for _ in range(limit):
            if condition():
                return
            self.app.frame(1.0 / 60.0)
        raise AssertionError(f"condition not reached in {limit} frames; top={self.top.name}")

    def element(self, key: str, scene: object = None) -> object:
        """The widget behind a focus key of the top screen (or `scene`)."""
        scene = scene or self.top
        for entry in scene.focus.entries:
            if entry.key == key:
                return entry.element
        raise KeyError(f"{key} not on {scene.name}: {[e.key for e in scene.focus.entries]}")

    def click(self, key_or_element: object) -> None:
        """Click a widget (by focus key or element) and let two frames pass."""
        el = self.element(key_or_element) if isinstance(key_or_element, str) else key_or_element
        click(el)
        self.frames(2)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        """Press a key and let two frames pass."""
        press(key, mod, unicode)
        self.frames(2)

    def type(self, text: str) -> None:
        """Type into the focused entry box."""
        type_text(text)
        self.frames(2)

    def log_events(self) -> list[dict]:
        """The session log's events so far (header excluded)."""
        path = self.app.state.log.path
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return [json.loads(x) for x in lines[1:] if x.strip()]


@pytest.fixture
def make_app(tmp_path: Path):
    """Factory for a headless App; the window is closed after the test."""
    apps: list[App] = []

    def make(**kw: object) -> Driver:
        kw.setdefault("headless", True)
        kw.setdefault("session_dir", tmp_path / "sessions")
        kw.setdefault("scenario", CLASSROOM)
        kw.setdefault("speed", 64)
        app = App(Options(**kw))
        app.open_first_screen()
        apps.append(app)
        driver = Driver(app)
        driver.frames(2)
        return driver

    yield make
    for app in apps:
        if app.state is not None and not app.state.log.ended:
            app.state.log.abandon()
    pygame.display.quit()


def start_session(driver: Driver, seats: dict[str, dict] | None = None) -> None:
    """From the start screen: set the seats and click Start."""
    seats = seats or {"regisseur": {"type": "human", "name": "Anna"}}
    start = driver.top
    assert start.name == "start"
    for role in start.roles:
        spec = seats.get(role)
        if spec is None:
            continue
        want = None if spec["type"] == "human" else spec["bot"]
        for _ in range(8):  # the seat button steps through a person and the bots
            if start.seats[role] == want:
                break
            driver.click(f"seat.{role}")
        assert start.seats[role] == want
        if want is None and role in start.name_boxes:  # a party of a process has no name box
            driver.element(f"name.{role}").set_text(spec.get("name", ""))
    driver.click("start")
    assert driver.top.name in ("play", "meeting", "decision", "handover", "design",
                               "proces-play", "proces-table"), driver.top.name
