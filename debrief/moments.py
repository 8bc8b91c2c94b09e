"""Key moments of a session (the largest day-to-day KPI swings and what came before them)
and the chart markers (decisions, injects, bookmarks)."""

from __future__ import annotations

from collections import defaultdict

from debrief import i18n
from debrief.i18n import pick
from debrief.logread import Session
from debrief.rerun import Trace

MOMENT_SERIES = ("reachability_pct", "satisfaction", "trust_gemeente_in_executor",
                 "trust_executor_in_gemeente", "attention", "complaints", "injuries")


def markers(session: Session, trace: Trace, lang: str = "nl") -> dict:
    """Decisions, injects and bookmarks as days, for the charts."""
    out: dict = {"injects": [], "bookmarks": [], "decisions": defaultdict(list),
                 "threshold": session.scenario.politics.intervention_threshold,
                 "season_days": trace.hours / 24.0}
    for e in trace.events:
        day = e["t"] / 24.0
        if e["kind"] == "inject":
            out["injects"].append((day, pick(i18n.INJECT.get(e["name"], (e["name"],) * 2),
                                             lang)))
        elif e["kind"] == "trainer" and e.get("act") == "bookmark":
            out["bookmarks"].append((day, e.get("tag", "")))
        elif e["kind"] == "action" and e.get("by") == "human":
            out["decisions"][e["role"]].append(day)
    return out


def key_moments(trace: Trace, k: int = 6) -> list[dict]:
    """The largest day-to-day KPI swings, with what happened in the 48 hours before."""
    d = trace.daily
    days = d.get("gday", [])
    cands = []
    for name in MOMENT_SERIES:
        s = d.get(name) or []
        if len(s) < 3:
            continue
        diffs = [s[i] - s[i - 1] for i in range(1, len(s))]
        scale = (sum(x * x for x in diffs) / len(diffs)) ** 0.5
        lo, hi = min(s), max(s)
        if scale <= 1e-9 or hi - lo <= 1e-9:
            continue
        for i, dv in enumerate(diffs, start=1):
            z = abs(dv) / scale
            if z >= 2.0 and abs(dv) / (hi - lo) >= 0.1:
                cands.append((z, int(days[i]), name, s[i - 1], s[i]))
    cands.sort(reverse=True)
    chosen: list[tuple] = []
    for c in cands:
        if all(abs(c[1] - o[1]) > 2 for o in chosen):
            chosen.append(c)
        if len(chosen) == k:
            break
    chosen.sort(key=lambda c: c[1])
    out = []
    for z, day, name, before, after in chosen:
        t_end = day * 24 + 24
        window = [e for e in trace.events if t_end - 72 <= e["t"] < t_end]
        decisions = [e for e in window if e["kind"] == "action" and e.get("by") == "human"]
        context = [e for e in window if e["kind"] in ("inject", "media", "bypass", "dispute")
                   or (e["kind"] == "trainer" and e.get("act") == "bookmark")]
        why = []
        if name.startswith("trust"):
            g = name == "trust_gemeente_in_executor"
            agg: dict[str, float] = defaultdict(float)
            for h, what, dg, de in trace.extras.get("trust_history", []):
                if day * 24 <= h < t_end:
                    agg[what] += dg if g else de
            why = sorted(((w, v) for w, v in agg.items() if abs(v) >= 0.005), key=lambda x: x[1])
        out.append({"day": day, "series": name, "before": before, "after": after, "z": z,
                    "decisions": decisions, "context": context, "why": why})
    return out

