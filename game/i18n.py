"""Translations: the game's own texts from game/data/lang/<lang>.yaml, and the names of the
model's things (roles, bots, KPIs, actions, injects, values) from the shared catalogue
sim/words/catalogue.yaml, so the game, the debrief and the cards use the same words.

Keys are dotted paths into the YAML tree (``card.deadline``); the catalogue's names appear
under the keys the screens build (``kpi.<name>``, ``action.<type>.label``, ...) and, whole,
under ``words.<section>.<key>``. A missing key is recorded
in ``Translator.missing`` and shown as ``[key]`` so tests and trainers can see it. Also
formats money, numbers, dates and clock times the way each language writes them.
"""

from __future__ import annotations

import datetime as dt
import re

from game.assets import data_path, load_yaml
from sim import words

LANGUAGES: tuple[str, ...] = words.LANGS
# Catalogue sections whose names the screens show as `value.<key>` (field values).
VALUE_SECTIONS: tuple[str, ...] = ("meerwerk_kind", "dispute_kind", "meeting_level",
                                   "instruction", "council_topic", "place", "trigger",
                                   "committee_decision", "sourcing", "agreements", "rule")


def flatten(tree: dict, prefix: str = "") -> dict[str, object]:
    """Dotted keys of a nested dict (lists and strings are leaves)."""
    out: dict[str, object] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def catalogue_strings(lang: str, bot_label: str = "{name}") -> dict[str, str]:
    """The catalogue's names under the keys the screens use; `bot_label` frames a bot."""
    out = {f"words.{section}.{key}": text for section in words.SECTIONS
           for key, text in words.names(section, lang).items()}
    out |= {f"role.{k}": v for k, v in words.names("role", lang).items()}
    out |= {f"bot.{k}": bot_label.format(name=v) for k, v in words.names("bot", lang).items()}
    out |= {f"kpi.{k}": v for k, v in words.names("kpi", lang).items()}
    out |= {f"action.{k}.label": v for k, v in words.names("action", lang).items()}
    out |= {f"action.{k}.help": v for k, v in words.names("action_help", lang).items()}
    out |= {f"inject.{k}.label": v for k, v in words.names("inject", lang).items()}
    for section in VALUE_SECTIONS:
        out |= {f"value.{k}": v for k, v in words.names(section, lang).items()}
    return out


def load_strings(lang: str) -> dict[str, object]:
    """All strings of one language, by dotted key: the game's file plus the catalogue."""
    own = load_own_strings(lang)
    return own | catalogue_strings(lang, str(own.get("bot_label", "{name}")))


def load_own_strings(lang: str) -> dict[str, object]:
    """The game's own texts of one language (without the catalogue), by dotted key."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGUAGES}")
    return flatten(load_yaml("lang", f"{lang}.yaml"))


class Translator:
    """Looks up strings of one language and formats values for it."""

    def __init__(self, lang: str = "nl") -> None:
        self.lang = lang
        self.strings = load_strings(lang)
        self.missing: set[str] = set()
        self._reasons = [(re.compile(p), t) for p, t in self.strings.get("reasons", [])]

    def __call__(self, key: str, **values: object) -> str:
        """The string for `key`, with ``{name}`` placeholders filled from `values`."""
        text = self.strings.get(key)
        if not isinstance(text, str):
            self.missing.add(key)
            return f"[{key}]"
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Whether the language defines `key`."""
        return isinstance(self.strings.get(key), str)

    def get(self, key: str, default: str) -> str:
        """The string for `key`, or `default` (no missing-key record: for optional texts)."""
        text = self.strings.get(key)
        return text if isinstance(text, str) else default

    def items(self, key: str) -> list:
        """A list-valued entry (weekday and month names)."""
        value = self.strings.get(key)
        if not isinstance(value, list):
            self.missing.add(key)
            return []
        return value

    # --- formatting ---------------------------------------------------------------------
    def number(self, value: float, decimals: int = 0) -> str:
        """A number with the language's thousands and decimal separators."""
        text = f"{value:,.{decimals}f}"
        if self.lang == "nl":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def money(self, eur: float) -> str:
        """Euros without cents."""
        sign = "-" if eur < 0 else ""
        return f"{sign}€ {self.number(abs(eur))}" if self.lang == "nl" else \
            f"{sign}€{self.number(abs(eur))}"

    def pct(self, value: float, decimals: int = 0) -> str:
        """A percentage given in percent."""
        return f"{self.number(value, decimals)}%"

    def date(self, day: dt.date, weekday: bool = True) -> str:
        """'ma 15 dec 2025' / 'Mon 15 Dec 2025'."""
        months = self.items("calendar.months")
        days = self.items("calendar.weekdays")
        month = months[day.month - 1] if len(months) == 12 else str(day.month)
        text = f"{day.day} {month} {day.year}"
        if weekday and len(days) == 7:
            text = f"{days[day.weekday()]} {text}"
        return text

    def when(self, start: dt.date, hour: int) -> str:
        """Date and clock time of a model hour."""
        day = start + dt.timedelta(days=hour // 24)
        return f"{self.date(day)} {hour % 24:02d}:00"

    def when_short(self, start: dt.date, hour: int) -> str:
        """'17 dec 05:00': day, month and clock time of a model hour."""
        day = start + dt.timedelta(days=hour // 24)
        return f"{self.date(day, weekday=False).rsplit(' ', 1)[0]} {hour % 24:02d}:00"

    def value(self, unit: str, value: object) -> str:
        """A value in a unit of game/data/fields.yaml (eur, pct, frac, temp_c, ...)."""
        if value is None:
            return self("value.none")
        if isinstance(value, bool) or unit == "bool":
            return self("value.yes") if value else self("value.no")
        if isinstance(value, list):
            return ", ".join(self.value(unit, v) for v in value) or self("value.none")
        if not isinstance(value, int | float):
            return str(value)
        formats = {
            "eur": lambda v: self.money(v),
            "pct": lambda v: self.pct(v),
            "frac": lambda v: self.pct(100.0 * v),
            "temp_c": lambda v: f"{self.number(v, 1)} °C",
            "t": lambda v: f"{self.number(v, 0)} t",
            "h": lambda v: f"{self.number(v, 0)} {self('unit.hours')}",
            "days": lambda v: f"{self.number(v, 0)} {self('unit.days')}",
            "cm": lambda v: f"{self.number(v, 1)} cm",
            "mm_h": lambda v: f"{self.number(v, 1)} mm/h",
            "score": lambda v: self.number(v, 2),
            "int": lambda v: self.number(v, 0),
        }
        return formats.get(unit, lambda v: self.number(v, 2 if abs(v) < 10 else 0))(value)

    def reason(self, text: str) -> str:
        """A model's rejection reason in this language (patterns from the language file)."""
        for pattern, template in self._reasons:
            match = pattern.fullmatch(text)
            if match:
                return template.format(*match.groups())
        return text


def language_files() -> dict[str, str]:
    """Language code -> file path (for tests and the trainer guide)."""
    return {lang: str(data_path("lang", f"{lang}.yaml")) for lang in LANGUAGES}
