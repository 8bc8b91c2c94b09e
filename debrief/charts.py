"""Charts for the report: matplotlib figures as inline SVG text (no files, no fonts fetched).

Text stays text in the SVG (``svg.fonttype: none``) with generic sans-serif fonts, so the
browser uses a local font; ids are salted per chart so several SVGs can share one page.
"""

from __future__ import annotations

import io
import re

from debrief import i18n

ROLE_COLOURS = {"regisseur": "#1f5fa8", "executor": "#c2571a", "wethouder": "#6a3d9a"}
ARCHETYPE_COLOURS = ["#2a9d8f", "#e9a23b", "#8d5fd3", "#d1495b", "#577590", "#43aa8b"]
INJECT_COLOUR = "#c0392b"
BOOKMARK_COLOUR = "#2c7a3f"


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "svg.fonttype": "none", "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"], "font.size": 8.5,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
        "grid.color": "#e4e4e4", "grid.linewidth": 0.6, "axes.titlesize": 9.5,
        "axes.titleweight": "bold", "axes.titlelocation": "left", "legend.fontsize": 7.5,
        "legend.frameon": False,
    })
    return plt


def to_svg(fig, salt: str) -> str:
    """The figure as an inline <svg> element (no XML prolog, no DOCTYPE)."""
    plt = _plt()
    buf = io.StringIO()
    plt.rcParams["svg.hashsalt"] = salt
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = text.replace("<svg ", f'<svg role="img" aria-label="{salt}" ', 1)
    return text


def _days(trace) -> list[float]:
    return trace.daily.get("gday") or list(range(len(trace.daily.get("day", []))))


def _date_axis(ax, trace, lang: str) -> None:
    """Dates ('14 dec') on the x axis instead of day numbers (days since the start)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    hours = trace.hours

    def label(day: float, _pos: int) -> str:
        return i18n.day_label(i18n.date_of(day * 24, hours, trace.start_date), lang)

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(label))


def _markers(ax, marks: dict, label: bool = False) -> None:
    """Injects (dotted lines, numbered 1, 2, ...), bookmarks (flags, lettered A, B, ...) and
    player decisions (ticks at the bottom, colour per role)."""
    for n, (day, _) in enumerate(marks.get("injects", []), start=1):
        ax.axvline(day, color=INJECT_COLOUR, linestyle=":", linewidth=1.0, alpha=0.9)
        if label:
            ax.annotate(str(n), (day, 1.0), xycoords=("data", "axes fraction"), fontsize=7,
                        color=INJECT_COLOUR, ha="center", va="bottom", fontweight="bold",
                        xytext=(0, 1), textcoords="offset points")
    for n, (day, _) in enumerate(marks.get("bookmarks", [])):
        ax.axvline(day, color=BOOKMARK_COLOUR, linestyle="-", linewidth=0.8, alpha=0.5)
        ax.plot([day], [1.0], marker=">", color=BOOKMARK_COLOUR, markersize=5,
                transform=ax.get_xaxis_transform(), clip_on=False)
        if label:
            ax.annotate(chr(65 + n % 26), (day, 1.0), xycoords=("data", "axes fraction"),
                        fontsize=7, color=BOOKMARK_COLOUR, ha="left", va="bottom",
                        fontweight="bold", xytext=(4, 1), textcoords="offset points")
    for role, days in marks.get("decisions", {}).items():
        if days:
            ax.plot(days, [0.02] * len(days), linestyle="none", marker="|", markersize=7,
                    color=ROLE_COLOURS.get(role, "#333"), transform=ax.get_xaxis_transform(),
                    alpha=0.8, clip_on=False)


def kpi_panels(trace, marks: dict, lang: str, budget: float | None = None) -> str:
    """Six small multiples of the daily KPIs with decisions, injects and bookmarks."""
    plt = _plt()
    x = _days(trace)
    d = trace.daily
    fig, axes = plt.subplots(3, 2, figsize=(10.5, 8.2), sharex=True)
    panels = [
        ("reachability_pct", ["reachability_pct"], (0, 100)),
        ("complaints", ["complaints", "injuries"], (0, None)),
        ("trust", ["trust_gemeente_in_executor", "trust_executor_in_gemeente"], (0, 1)),
        ("attention", ["attention"], (0, None)),
        ("cost_total_eur", ["cost_total_eur"], (0, None)),
        ("weather", ["tmin_c", "snow_cm"], None),
    ]
    titles = {
        "reachability_pct": i18n.pick(i18n.KPI["reachability_pct"], lang) + " (%)",
        "complaints": ("Klachten en letsel per dag" if lang == "nl"
                       else "Complaints and injuries per day"),
        "trust": "Vertrouwen (0–1)" if lang == "nl" else "Trust (0–1)",
        "attention": i18n.pick(i18n.KPI["attention"], lang),
        "cost_total_eur": i18n.pick(i18n.KPI["cost_total_eur"], lang) + " (€)",
        "weather": ("Weer: min. temperatuur (°C) en sneeuw (cm)" if lang == "nl"
                    else "Weather: min. temperature (°C) and snow (cm)"),
    }
    colours = ["#1f5fa8", "#d1495b"]
    for ax, (key, series, ylim) in zip(axes.flat, panels, strict=True):
        for n, name in enumerate(series):
            if name in d:
                ax.plot(x, d[name], color=colours[n], linewidth=1.4,
                        label=i18n.pick(i18n.KPI.get(name, (name, name)), lang))
        if len(series) > 1:
            ax.legend(loc="upper left" if key != "trust" else "lower left")
        if key == "attention" and marks.get("threshold") is not None:
            ax.axhline(marks["threshold"], color="#999", linestyle="--", linewidth=0.8)
        if key == "cost_total_eur" and budget and x:
            pro_rata = budget * (x[-1] + 1) / max(marks.get("season_days", 1), 1)
            ax.plot([x[0], x[-1] + 1], [0, pro_rata],
                    color="#999", linestyle="--", linewidth=0.8,
                    label="budget (pro rata)")
            ax.legend(loc="upper left")
        if ylim:
            ax.set_ylim(bottom=ylim[0], top=ylim[1])
        ax.set_title(titles[key], pad=10)
        _markers(ax, marks, label=True)
        _date_axis(ax, trace, lang)
    fig.tight_layout()
    return to_svg(fig, "kpi-panels")


def decision_timeline(trace, roles: list[str], human: set[str], lang: str) -> str:
    """Swimlanes: each role's decisions over the days, marker per action type."""
    plt = _plt()
    from sim.actions import ACTION_TYPES

    markers = ["o", "s", "D", "^", "v", "<", ">", "p", "h", "X", "P", "*", "d", "8", "H",
               "+", "x", "1"]
    style = {a: markers[i % len(markers)] for i, a in enumerate(ACTION_TYPES)}
    fig, ax = plt.subplots(figsize=(10.5, 0.8 + 0.75 * len(roles)))
    used = {}
    for row, role in enumerate(reversed(roles)):
        groups: dict[tuple[str, bool], list[float]] = {}
        for e in trace.events:
            if e["kind"] == "action" and e["role"] == role and e.get("by") != "rule":
                key = (e["action"]["type"], e.get("by") == "human")
                groups.setdefault(key, []).append(e["t"] / 24.0)
        for (typ, is_human), days in sorted(groups.items()):
            colour = ROLE_COLOURS[role] if is_human else "#b8b8b8"
            jitter = (ACTION_TYPES.index(typ) % 7 - 3) * 0.045
            h = ax.plot(days, [row + jitter] * len(days), linestyle="none", marker=style[typ],
                        markersize=5 if is_human else 3.5, color=colour, alpha=0.9,
                        markeredgewidth=0.6)
            if is_human and typ not in used:
                used[typ] = h[0]
    ax.set_yticks(range(len(roles)))
    ax.set_yticklabels([i18n.pick(i18n.ROLE_SHORT[r], lang)
                        + ("" if r in human else " (bot)") for r in reversed(roles)])
    ax.set_ylim(-0.6, len(roles) - 0.4)
    ax.set_xlim(0, max(trace.stop_t / 24.0, 1))
    _date_axis(ax, trace, lang)
    ax.grid(axis="y", visible=False)
    if used:
        ax.legend(list(used.values()), [i18n.pick(i18n.ACTION[a], lang) for a in used],
                  loc="upper center", bbox_to_anchor=(0.5, -0.28 - 0.05 * (4 - len(roles))),
                  ncol=4)
    fig.tight_layout()
    return to_svg(fig, "decision-timeline")


# The ghost charts: daily series, the statistic the verdict compares, which way is better,
# and the y range (zero-based: a chart never makes noise look large).
GHOST_KPIS: dict[str, tuple[str, str, tuple[float, float | None]]] = {
    "reachability_pct": ("mean", "higher", (0.0, 100.0)),
    "trust_executor_in_gemeente": ("last", "higher", (0.0, 1.0)),
    "cost_total_eur": ("total", "lower", (0.0, None)),  # the season KPI: with the final bill
    "attention": ("max", "lower", (0.0, None)),
}


def ghost_panel(session, ghosts_by_arch: dict[str, list], kpi: str, lang: str,
                salt: str) -> str:
    """One daily KPI of the session against each archetype's mean and range over the seeds."""
    return to_svg(ghost_figure(session, ghosts_by_arch, kpi, lang), salt)


def ghost_figure(session, ghosts_by_arch: dict[str, list], kpi: str, lang: str):
    """The matplotlib figure of `ghost_panel` (its y axis starts at zero)."""
    plt = _plt()
    import numpy as np

    fig, ax = plt.subplots(figsize=(5.2, 2.7))
    for n, (arch, runs) in enumerate(ghosts_by_arch.items()):
        series = [r.daily.get(kpi, []) for r in runs]
        m = min((len(s) for s in series), default=0)
        if not m:
            continue
        arr = np.array([s[:m] for s in series])
        gx = _days(runs[0])[:m]
        colour = ARCHETYPE_COLOURS[n % len(ARCHETYPE_COLOURS)]
        ax.fill_between(gx, arr.min(0), arr.max(0), color=colour, alpha=0.15, linewidth=0)
        ax.plot(gx, arr.mean(0), color=colour, linewidth=1.2, label=i18n.bot_name(arch, lang))
    ax.plot(_days(session), session.daily.get(kpi, []), color="black", linewidth=2.0,
            label=i18n.t("you", lang))
    bottom, top = GHOST_KPIS[kpi][2]
    ax.set_ylim(bottom=bottom, top=top)
    if kpi == "cost_total_eur":
        ax.yaxis.set_major_formatter(lambda v, _p: i18n.num(v / 1000.0, lang, 0) + "k")
    _date_axis(ax, session, lang)
    fig.tight_layout()
    return fig


def competence_bars(rows: list[tuple[str, float | None, dict[str, float | None]]],
                    lang: str, salt: str) -> str:
    """Horizontal bars of the session's competence scores, with the bots' scores as dots."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10.5, 0.55 + 0.42 * len(rows)))
    labels = [r[0] for r in rows]
    ys = list(range(len(rows)))[::-1]
    for y, (_, score, bots) in zip(ys, rows, strict=True):
        if score is not None:
            ax.barh(y, score - 1.0, left=1.0, color="#1f5fa8", height=0.55)
        for n, (arch, s) in enumerate(bots.items()):
            if s is not None:
                ax.plot([s], [y], marker="o", markersize=6, linestyle="none",
                        color=ARCHETYPE_COLOURS[n % len(ARCHETYPE_COLOURS)],
                        markeredgecolor="white",
                        label=i18n.bot_name(arch, lang) if y == ys[0] else None)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.set_xlim(0.95, 4.05)
    ax.set_xticks([1, 1.5, 2.5, 3.5, 4])
    ax.set_xticklabels(["1", "|", "|", "|", "4"])
    for b in (1.5, 2.5, 3.5):
        ax.axvline(b, color="#bbb", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    handles, names = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, names, loc="lower right", bbox_to_anchor=(1.0, 1.0),
                  ncol=len(handles))
    ax.set_xlabel(i18n.t("score", lang) + " (1–4)")
    fig.tight_layout()
    return to_svg(fig, salt)
