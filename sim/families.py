"""The scenario families: each maps to its scenario schema, model class, bots and KPIs.

A scenario file names its family (``family: gladheid | procesregie``; no key = gladheid,
so every older file and session log reads as before). The loader, `regie run`, the
Driver's callers and the sweeps look the family up here instead of assuming one. Entries
name their parts as "module:attribute" and import them on first use, so naming a family
does not load another family's model.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_FAMILY = "gladheid"


@dataclass(frozen=True)
class Family:
    """Where a family's parts live ("module:attribute")."""

    name: str
    scenario: str
    scenario_file: str
    """The class that reads a file which names the family (the gladheid file class
    accepts an explicit ``family: gladheid`` and leaves it out of the scenario's hash)."""
    model: str
    summary: str
    kpi_names: str
    bots: str
    digest: str
    """A function model -> str fingerprinting the family's exogenous input (the winter)."""
    session: str = "sim.governance.session_seam:SEAM"
    """The model's side of the session log (a sim.session.seam.SessionSeam)."""
    session_log: bool = True
    """Session logs (run --log, resume, replay, debrief) are written for it."""
    seasons: bool = True
    """Several seasons can be chained (run --seasons)."""
    cards: str = "debrief.cards:write_cards"
    """`regie cards`: write_cards(scenario, out_dir, langs) -> list of paths written."""
    debrief: str = "debrief.report:build_gladheid_report"
    """`regie debrief`: build(log_path, out_path, lang=..., seeds=..., rubric_path=...,
    workers=..., ghosts=..., include_private=...) -> the path written."""
    class_report: str = "debrief.classreport:build_gladheid_class_report"
    """`regie debrief` with several logs: build(logs, out_path, lang=..., ...) -> path."""

    game: str = "game.families:GLADHEID"
    """The game's parts (game.families.GameParts): seats, bots, state and screens."""

    def part(self, which: str) -> Any:
        module, _, attr = getattr(self, which).partition(":")
        return getattr(importlib.import_module(module), attr)


FAMILIES: dict[str, Family] = {
    "gladheid": Family(
        "gladheid",
        "sim.scenario.schema:Scenario",
        "sim.families_files:GladheidFile",
        "sim.model:RegieModel",
        "sim.kpi:summary",
        "sim.kpi:KPI_NAMES",
        "sim.bots:BOTS",
        "sim.families_files:weather_digest",
    ),
    "procesregie": Family(
        "procesregie",
        "sim.procesregie.schema:ProcesScenario",
        "sim.procesregie.schema:ProcesScenario",
        "sim.procesregie.model:ProcesModel",
        "sim.procesregie.kpi:summary",
        "sim.procesregie.kpi:KPI_NAMES",
        "sim.procesregie.bots:BOTS",
        "sim.families_files:no_digest",
        session="sim.procesregie.session_seam:SEAM",
        seasons=False,
        game="game.procesregie.parts:PARTS",
        cards="debrief.proces_cards:write_cards",
        debrief="debrief.proces_report:build_report",
        class_report="debrief.proces_classreport:build_class_report",
    ),
}


def family_named(name: object) -> Family:
    """The family of that name; ValueError naming the known ones otherwise."""
    try:
        return FAMILIES[name]  # type: ignore[index]
    except (KeyError, TypeError):
        known = " | ".join(FAMILIES)
        raise ValueError(f"family: unknown family {name!r} (choose {known})") from None


def family_of_data(data: object) -> Family:
    """The family a parsed scenario mapping names (no key: the default)."""
    if isinstance(data, Mapping):
        return family_named(data.get("family", DEFAULT_FAMILY))
    return FAMILIES[DEFAULT_FAMILY]


def _peek(text: str | bytes) -> object:
    """The parsed text, or None if it does not parse (loading it then reports why)."""
    from sim.inputfile.problems import RejectError
    from sim.inputfile.strict_yaml import decode_utf8, read_value

    try:
        return read_value(decode_utf8(text) if isinstance(text, bytes) else text)[0]
    except (RejectError, ValueError, UnicodeError):
        return None


def family_of_text(text: str | bytes) -> Family:
    """The family a scenario text names (text that does not parse: the default)."""
    return family_of_data(_peek(text))


def scenario_class_of_text(text: str | bytes) -> type:
    """The pydantic class to validate a scenario text with: its family's file class, or
    the gladheid Scenario itself for a file without a ``family`` key (as before)."""
    return scenario_class_of_data(_peek(text))


def scenario_class_of_data(data: object) -> type:
    """As :func:`scenario_class_of_text` for parsed data (a session log's scenario);
    ValueError for an unknown family."""
    family = family_of_data(data)
    if family.name == DEFAULT_FAMILY and not (isinstance(data, Mapping) and "family" in data):
        return family.part("scenario")
    return family.part("scenario_file")


def scenario_class_of_path(path: str | Path) -> type:
    """As :func:`scenario_class_of_text` for a file (unreadable: the default's class)."""
    try:
        text = Path(path).read_bytes()[:1_000_000]
    except (OSError, ValueError):  # loading the file reports why it cannot be read
        return FAMILIES[DEFAULT_FAMILY].part("scenario")
    return scenario_class_of_text(text)


def family_of(scenario: object) -> Family:
    """The family of a loaded scenario (or of a model, through its scenario)."""
    scenario = getattr(scenario, "scenario", scenario)
    return family_named(getattr(scenario, "family", DEFAULT_FAMILY))


def make_model(scenario: object, seed: int | None = None, base_dir: Path | None = None) -> Any:
    """A new model of the scenario's family."""
    return family_of(scenario).part("model")(scenario, seed=seed, base_dir=base_dir)


def all_kpi_names() -> tuple[str, ...]:
    """Every family's KPI names (a sweep may name any; its scenario's family runs them)."""
    names: dict[str, None] = {}
    for family in FAMILIES.values():
        names.update(dict.fromkeys(family.part("kpi_names")))
    return tuple(names)
