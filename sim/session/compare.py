"""Telling a logged event from the re-run's: the first difference, in words."""

from __future__ import annotations

import json

from sim.session.format import canonical


def describe(event: dict) -> str:
    """An event in a few words, for a divergence message."""
    kind = event.get("kind", "?")
    if kind in ("action", "rejected"):
        action = event.get("action")
        typ = action.get("type", "?") if isinstance(action, dict) else "?"
        return f"{kind} {event.get('role', '?')} {typ} (by {event.get('by', '?')})"
    if kind == "decision_point":
        return f"decision_point {event.get('dp_kind', '?')} for {event.get('role', '?')}"
    if kind == "checkpoint":
        return f"checkpoint of day {event.get('day', '?')}"
    return kind


def _first_difference(a: object, b: object, where: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in b:
                return f"{where}{key}: logged {_short(a[key])}, re-run has none"
            if key not in a:
                return f"{where}{key}: not logged, re-run has {_short(b[key])}"
            diff = _first_difference(a[key], b[key], f"{where}{key}.")
            if diff:
                return diff
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            diff = _first_difference(x, y, f"{where}{i}.")
            if diff:
                return diff
        if len(a) != len(b):
            return f"{where.rstrip('.')}: {len(a)} items logged, {len(b)} in the re-run"
        return None
    if canonical({"v": a}) != canonical({"v": b}):
        return f"{where.rstrip('.')}: logged {_short(a)}, re-run {_short(b)}"
    return None


def _short(value: object, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=True, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def difference(want: dict, got: dict) -> str:
    """The first difference between a logged event and the re-run's, in words."""
    if want.get("kind") == "checkpoint" and got.get("kind") == "checkpoint" and (
            want.get("day") == got.get("day")):
        return (f"checkpoint of day {want.get('day')}: state hash differs (logged "
                f"{str(want.get('hash'))[:12]}..., re-run {got['hash'][:12]}...)")
    if want.get("kind") == "end" and got.get("kind") == "end":
        return "end: " + (_first_difference(want, got) or "differs")
    if want.get("kind") != got.get("kind") or want.get("tick") != got.get("tick"):
        return (f"logged {describe(want)} at tick {want.get('tick')}, the re-run produced "
                f"{describe(got)} at tick {got.get('tick')}")
    return f"{describe(want)}: " + (_first_difference(want, got) or "differs")
