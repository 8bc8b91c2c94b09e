"""The KPI table `regie run` prints: plain names with units in Dutch or English, counts as
whole numbers, one column per seed (up to five) and, over several seeds, mean and 95% interval.

Names and units come from the shared catalogue (sim/words), so the table says what the
game and the debrief say.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from sim import words

COUNT_KPIS: frozenset[str] = frozenset({
    "slips", "accidents", "injuries", "complaints", "strooiacties", "salt_shortage_days",
    "adhoc_rounds", "disputes", "escalations", "bypasses", "price_disputes",
    "micromanagement", "options_explored", "parties_committed",
    "jobs_tussendoor", "orders_refused", "orders_written_approval", "orders",
})
"""KPIs that count things: shown without decimals (a mean over seeds gets one)."""

HEADINGS: dict[str, tuple[str, str]] = {  # key -> (nl, en)
    "title": ("{name}: seizoensresultaten", "{name}: season results"),
    "kpi": ("Indicator", "Indicator"),
    "seed": ("seed {seed}", "seed {seed}"),
    "mean": ("gemiddelde (n={n})", "mean (n={n})"),
    "interval": ("95%-interval", "95% interval"),
}

MAX_SEED_COLUMNS = 5


def heading(key: str, lang: str, **fields: object) -> str:
    """A column heading or the title in `lang`."""
    nl, en = HEADINGS[key]
    return (en if lang == "en" else nl).format(**fields)


def kpi_label(key: str, lang: str) -> str:
    """``Salt used (t)``: the catalogue's name with its unit; the key itself if unnamed."""
    name = words.word("kpi", key, lang, default=key)
    unit = _unit(key)
    return f"{name} ({unit})" if unit else name


def _unit(key: str) -> str:
    try:
        return words.kpi_unit(key)
    except KeyError:  # a KPI the catalogue does not name yet
        return ""


def format_value(key: str, value: float, lang: str, *, mean: bool = False) -> str:
    """A KPI value as it is read: counts and money whole, quantities with a unit and numbers
    from 10 up with one decimal, small scores (trust, maturity) with two.

    Dutch uses a decimal comma and a dot between thousands, English the other way round.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    unit = _unit(key)
    if key in COUNT_KPIS:
        decimals = 1 if mean and value != round(value) else 0
    elif unit == "EUR" or abs(value) >= 1000:
        decimals = 0
    elif unit or abs(value) >= 10:
        decimals = 1
    else:
        decimals = 2
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def table_rows(results: Sequence, aggregate: Mapping[str, Mapping[str, float]] | None,
               lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the KPI table (plain strings, for any renderer)."""
    shown = list(results)[:MAX_SEED_COLUMNS]
    header = [heading("kpi", lang)] + [heading("seed", lang, seed=r.seed) for r in shown]
    if aggregate is not None:
        header += [heading("mean", lang, n=len(results)), heading("interval", lang)]
    rows = []
    for key in results[0].kpis:
        row = [kpi_label(key, lang)] + [format_value(key, r.kpis[key], lang) for r in shown]
        if aggregate is not None:
            stats = aggregate[key]
            low, high = (format_value(key, stats[k], lang, mean=True)
                         for k in ("ci95_low", "ci95_high"))
            row += [format_value(key, stats["mean"], lang, mean=True), f"{low} – {high}"]
        rows.append(row)
    return header, rows


def print_table(name: str, results: Sequence,
                aggregate: Mapping[str, Mapping[str, float]] | None, lang: str) -> None:
    """Print the table with rich; the width fits the columns so the title never wraps."""
    from rich.console import Console
    from rich.table import Table

    header, rows = table_rows(results, aggregate, lang)
    title = heading("title", lang, name=name)
    table = Table(title=title, title_justify="left")
    for i, text in enumerate(header):
        table.add_column(text, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    widths = [max(len(text), *(len(row[i]) for row in rows)) for i, text in enumerate(header)]
    width = max(len(title), sum(widths) + 3 * len(widths) + 1)
    Console(width=width, soft_wrap=False).print(table)
