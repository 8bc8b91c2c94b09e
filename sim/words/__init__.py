"""Words for the model's names (KPIs, actions, decision kinds, events, trust reasons, bots,
injects, roles, ...) in Dutch and English, from one catalogue shared by every front end.

    from sim import words
    words.word("kpi", "reachability_pct", "nl")    # 'Bereikbaarheid prioriteitsnet'
    words.names("bot", "en")["incident_driven"]    # 'incident-driven'
    words.pairs("action")["inspect"]               # ('Inspectie', 'Inspection')
    words.kpi_unit("cost_total_eur")               # 'EUR'
"""

from __future__ import annotations

from sim.words.catalogue import LANGS, SECTIONS, Catalogue, KpiName, Name, load, parse


def catalogue() -> Catalogue:
    """The whole validated catalogue."""
    return load()


def word(section: str, key: str, lang: str, default: str | None = None) -> str:
    """The name of `key` in `section` in `lang`; `default` (or KeyError) when it has none."""
    entry = load().section(section).get(key)
    if entry is None:
        if default is not None:
            return default
        raise KeyError(f"no {lang} word for {section}.{key} in sim/words/catalogue.yaml")
    return entry.in_lang(lang)


def names(section: str, lang: str) -> dict[str, str]:
    """Key -> name in `lang`, for a whole section."""
    return {key: entry.in_lang(lang) for key, entry in load().section(section).items()}


def pairs(section: str) -> dict[str, tuple[str, str]]:
    """Key -> (nl, en), for a whole section."""
    return {key: (entry.nl, entry.en) for key, entry in load().section(section).items()}


def kpi_unit(key: str) -> str:
    """The unit symbol of a KPI or daily series ("" for counts and scores)."""
    return load().kpi[key].unit


__all__ = ["LANGS", "SECTIONS", "Catalogue", "KpiName", "Name", "catalogue", "kpi_unit",
           "names", "pairs", "parse", "word"]
