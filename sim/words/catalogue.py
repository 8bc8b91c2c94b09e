"""The catalogue of words: what the model's names are called in Dutch and English.

`catalogue.yaml` (shipped next to this module) is validated here when first read: every
section is known, every entry has a non-empty `nl` and `en`, and nothing else but a KPI's
unit. Pure data and lookup, so the game, the debrief, the briefing cards and a browser
client all read the same words.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints

LANGS: tuple[str, ...] = ("nl", "en")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Name(BaseModel):
    """One thing's name in each language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: Text
    en: Text

    def in_lang(self, lang: str) -> str:
        """The name in `lang` ("nl" or "en")."""
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; choose from {LANGS}")
        return self.en if lang == "en" else self.nl


class KpiName(Name):
    """A KPI's name and the symbol of its unit ("" for a count or a score)."""

    unit: str


Section = dict[str, Name]


class Catalogue(BaseModel):
    """Every section of the catalogue; see catalogue.yaml for what each names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Section
    role_short: Section
    bot_kind: Section
    bot: Section
    kpi: dict[str, KpiName]
    action: Section
    action_help: Section
    decision: Section
    event: Section
    trust_reason: Section
    inject: Section
    meerwerk_kind: Section
    dispute_kind: Section
    meeting_level: Section
    instruction: Section
    council_topic: Section
    place: Section
    trigger: Section
    committee_decision: Section
    rule: Section
    sourcing: Section
    agreements: Section
    climate: Section
    # The design phase (sim.design): contract terms, its outcome, the wethouder's conditions.
    design_item: Section
    plan_item: Section  # the gladheidbestrijdingsplan (sim.design.plan)
    design_outcome: Section
    condition: Section
    # The procesregie family (sim/procesregie): its parties, roles, phases, value
    # dimensions, instruments and bots.
    proces_party: Section
    proces_role: Section
    proces_phase: Section
    proces_dimension: Section
    proces_action: Section
    proces_bot: Section
    # The procesregie classroom (host/proces_describe.py): a seat's page and the console.
    host_proces: Section = {}

    def section(self, name: str) -> dict[str, Name]:
        """The entries of one section by key."""
        if name not in type(self).model_fields:
            raise KeyError(f"no section {name!r} in the word catalogue; "
                           f"choose from {sorted(type(self).model_fields)}")
        return getattr(self, name)


SECTIONS: tuple[str, ...] = tuple(Catalogue.model_fields)


def parse(data: object) -> Catalogue:
    """Validate a catalogue read from YAML (raises pydantic.ValidationError)."""
    return Catalogue.model_validate(data)


@cache
def load() -> Catalogue:
    """The shipped catalogue (read and validated once)."""
    text = importlib.resources.files("sim.words").joinpath("catalogue.yaml").read_text(
        encoding="utf-8")
    # libyaml's parser where PyYAML has it: the same data as safe_load, read ~6x faster
    # (the table of every `regie run` looks its names up here).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return parse(yaml.load(text, Loader=loader))
