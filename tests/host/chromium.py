"""Headless Chromium on a host's pages: the debrief tests' DevTools driver, plus opening
an http:// address, a phone's screen, bounded waits and typing into the page."""

from __future__ import annotations

import json
import time

from tests.debrief.cdp import Browser, CDPError, find_chromium

__all__ = ["PageBrowser", "find_chromium"]


class PageBrowser(Browser):
    """One headless Chromium page pointed at a running `regie host`."""

    def __init__(self, binary: str, width: int, height: int) -> None:
        super().__init__(binary, width=width, height=height)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            session=True,
        )
        if width < 600:
            self.call("Emulation.setTouchEmulationEnabled", {"enabled": True}, session=True)

    def goto(self, url: str, lang: str | None = None) -> None:
        """Load an address and wait until it has loaded; with `lang`, the page's language
        is chosen first (as the language button would keep it) and the page loaded again."""
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_event("Page.loadEventFired", timeout=20)
        self.settle(0.3)
        if lang is not None:
            self.evaluate(f"localStorage.setItem('regiekamer.lang', {json.dumps(lang)})")
            self.goto(url)

    def wait_for(self, expression: str, timeout: float = 15.0) -> object:
        """Poll a JavaScript expression until it is truthy (at most `timeout` seconds, every
        0.1 s); returns its value or raises CDPError naming the expression."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            self.settle(0.1)
        raise CDPError(f"not true within {timeout} s: {expression}")

    def fill(self, selector: str, text: str) -> None:
        """Type a value into an input (as a person would: the input event fires)."""
        self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            f" e.focus(); e.value = {json.dumps(text)};"
            " e.dispatchEvent(new Event('input', {bubbles: true})); })()"
        )

    def click(self, selector: str) -> None:
        """Click an element by CSS selector."""
        found = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return false; e.click(); return true; })()"
        )
        if not found:
            raise CDPError(f"nothing to click at {selector}")

    def text(self, selector: str = "body") -> str:
        """The visible text of an element."""
        return self.evaluate(f"document.querySelector({json.dumps(selector)}).innerText") or ""
