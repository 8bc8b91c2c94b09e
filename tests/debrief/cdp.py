"""A tiny headless-Chromium driver over the DevTools protocol pipe (no extra packages).

Chromium started with ``--remote-debugging-pipe`` reads protocol messages on fd 3 and
writes on fd 4, each a JSON text ended by a NUL byte. That is all this module speaks: it
opens a page, records console messages, exceptions, log entries and every network
request, takes PNG screenshots and prints to PDF.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--no-default-browser-check", "--enable-logging=stderr", "--v=0")


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CDPError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


class Browser:
    """One headless Chromium with one page."""

    def __init__(self, binary: str, width: int = 1200, height: int = 900) -> None:
        self.profile = tempfile.mkdtemp(prefix="regie-chromium-")
        to_child_r, self._to_child_w = os.pipe()
        self._from_child_r, from_child_w = os.pipe()

        def wire() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
            preexec_fn=wire, pass_fds=(3, 4))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        self.width, self.height = width, height
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
            self.call(method, session=True)
        self.viewport(width, height)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Lay pages out (and take screenshots) on a screen of this size, as a browser
        started at that size does; one browser can so serve several screen sizes."""
        self.width, self.height = width, height
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
                  session=True)

    # --- protocol ---------------------------------------------------------------------
    def _send(self, msg: dict) -> None:
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self._to_child_w, data)
            data = data[n:]

    def _next(self, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._from_child_r], [], [], left)
            if not ready:
                return None
            chunk = os.read(self._from_child_r, 1 << 20)
            if not chunk:
                raise CDPError("the browser closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: bool = False,
             timeout: float = 60.0) -> dict:
        """Send a command and wait for its answer (events meanwhile are recorded)."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self._send(msg)
        deadline = time.monotonic() + timeout
        while True:
            m = self._next(max(0.0, deadline - time.monotonic()))
            if m is None:
                raise CDPError(f"no answer to {method} within {timeout} s")
            if m.get("id") == self._id:
                if "error" in m:
                    raise CDPError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method: str, timeout: float = 60.0) -> dict:
        """Wait for an event (one already recorded counts)."""
        for m in self.events:
            if m["method"] == method:
                return m
        deadline = time.monotonic() + timeout
        while True:
            m = self._next(max(0.0, deadline - time.monotonic()))
            if m is None:
                raise CDPError(f"no {method} within {timeout} s")
            if "method" in m:
                self.events.append(m)
                if m["method"] == method:
                    return m

    def settle(self, seconds: float = 0.5) -> None:
        """Collect events for a while (late requests, console output)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            m = self._next(left)
            if m is not None and "method" in m:
                self.events.append(m)

    # --- page -------------------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a local file and wait until it has loaded."""
        self.events.clear()
        self.call("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=True)
        self.wait_event("Page.loadEventFired")
        self.settle(0.5)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                        session=True)
        return res.get("result", {}).get("value")

    def screenshot(self, path: Path, y: float = 0.0, height: float | None = None) -> bytes:
        """PNG of a stretch of the page (default: the viewport at the top)."""
        clip = {"x": 0, "y": y, "width": self.width, "height": height or self.height,
                "scale": 1}
        data = self.call("Page.captureScreenshot",
                         {"format": "png", "clip": clip, "captureBeyondViewport": True},
                         session=True)["data"]
        png = base64.b64decode(data)
        Path(path).write_bytes(png)
        return png

    def pdf(self) -> bytes:
        """The page printed to PDF (print CSS, A4)."""
        self.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
        data = self.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True},
                         session=True, timeout=120)["data"]
        self.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
        return base64.b64decode(data)

    # --- what happened ----------------------------------------------------------------
    def console_errors(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and error log entries."""
        out = []
        for m in self.events:
            p = m.get("params", {})
            if m["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning",
                                                                               "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", "")))
                                    for a in p.get("args", [])))
            elif m["method"] == "Runtime.exceptionThrown":
                out.append(str(p.get("exceptionDetails", {}).get("text")))
            elif m["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") in (
                    "error", "warning"):
                out.append(p["entry"].get("text", ""))
        return out

    def requests(self) -> list[str]:
        """URLs of every request the page made."""
        return [m["params"]["request"]["url"] for m in self.events
                if m["method"] == "Network.requestWillBeSent"]

    def network_requests(self) -> list[str]:
        """Requests other than the page's own file (anything that would leave the file)."""
        return [u for u in self.requests() if not u.startswith("file://")]

    def close(self) -> None:
        """End the browser and remove its profile."""
        try:
            self._send({"id": self._id + 1, "method": "Browser.close"})
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 - ending anyway
            self.proc.kill()
            self.proc.wait(timeout=10)
        finally:
            os.close(self._to_child_w)
            os.close(self._from_child_r)
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ink(png: bytes) -> tuple[float, int]:
    """(share of pixels that are not near-white, number of distinct colours) of a PNG."""
    import io

    import numpy as np
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    img.thumbnail((600, 600))
    px = np.asarray(img, dtype=np.int32).reshape(-1, 3)
    dark = int((px.sum(axis=1) < 3 * 235).sum())
    colours = len(np.unique(px[:, 0] * 65536 + px[:, 1] * 256 + px[:, 2]))
    return dark / len(px), colours
