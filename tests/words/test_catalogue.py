"""The catalogue of words names everything the model names, in Dutch and in English."""

from __future__ import annotations

import re
import typing

import pytest
import yaml
from pydantic import ValidationError

from sim import words
from sim.actions import ACTION_TYPES, ROLES, CallMeeting, Intervene, Micromanage, RequestMeerwerk
from sim.bots import KINDS as BOT_KINDS
from sim.bots import REGISTRY
from sim.governance.decisions import KINDS
from sim.governance.injects import INJECT_NAMES, INJECTS
from sim.governance.trust import TRUST_REASONS
from sim.kpi import DAILY_SERIES, KPI_NAMES
from sim.procesregie import actions as proces_actions
from sim.procesregie.bots import REGISTRY as PROCES_BOTS
from sim.procesregie.kpi import KPI_NAMES as PROCES_KPI_NAMES
from sim.procesregie.model import INJECTS as PROCES_INJECTS
from sim.procesregie.process import PHASES
from sim.procesregie.schema import DIMENSIONS, PARTY_ROLES
from sim.procesregie.session_seam import OUTCOME_KINDS as PROCES_EVENT_KINDS
from sim.procesregie.trust import TRUST_EFFECTS as PROCES_TRUST_EFFECTS
from sim.scenario.loader import list_scenarios, load_scenario, scenario_dir
from sim.scenario.schema import ContractConfig, DecisionRuleName, WeatherConfig
from sim.session import EVENT_KINDS


def _literal(model: type, field: str) -> tuple[str, ...]:
    return typing.get_args(model.model_fields[field].annotation)


# Catalogue section -> every key the model has for it.
MODEL_NAMES: dict[str, tuple[str, ...]] = {
    "kpi": (*KPI_NAMES, *DAILY_SERIES, *PROCES_KPI_NAMES),
    "action": ACTION_TYPES,
    "action_help": ACTION_TYPES,
    "decision": tuple(KINDS),
    "event": (*EVENT_KINDS, *PROCES_EVENT_KINDS),
    "trust_reason": (*TRUST_REASONS, *PROCES_TRUST_EFFECTS),
    "bot": tuple(bot.name for bot in REGISTRY),
    "bot_kind": BOT_KINDS,
    "inject": (*INJECT_NAMES, *INJECTS, *PROCES_INJECTS),
    "role": ROLES,
    "role_short": ROLES,
    "meerwerk_kind": _literal(RequestMeerwerk, "kind"),
    "meeting_level": _literal(CallMeeting, "level"),
    "instruction": _literal(Micromanage, "instruction"),
    "place": _literal(Intervene, "place"),
    "rule": typing.get_args(DecisionRuleName),
    "sourcing": _literal(ContractConfig, "sourcing"),
    "agreements": _literal(ContractConfig, "agreements"),
    "climate": _literal(WeatherConfig, "climate"),
    "proces_party": tuple(p.key for p in load_scenario(list_scenarios("procesregie")[0]).parties),
    "proces_role": PARTY_ROLES,
    "proces_phase": PHASES,
    "proces_dimension": DIMENSIONS,
    "proces_action": tuple(_literal(a, "type")[0] for a in (*proces_actions.REGISSEUR_ACTIONS,
                                                             *proces_actions.PARTY_ACTIONS)),
    "proces_bot": tuple(bot.name for bot in PROCES_BOTS),
}


def unnamed(section: str, keys: typing.Iterable[str]) -> list[str]:
    """'section.key: no <lang> name' for each key without a non-empty name in a language."""
    entries = words.catalogue().section(section)
    out = []
    for key in dict.fromkeys(keys):
        for lang in words.LANGS:
            entry = entries.get(key)
            if entry is None or not entry.in_lang(lang).strip():
                out.append(f"{section}.{key}: no {lang} name in sim/words/catalogue.yaml")
    return out


@pytest.mark.parametrize("section", sorted(MODEL_NAMES))
def test_everything_the_model_names_has_a_name_in_both_languages(section: str) -> None:
    assert MODEL_NAMES[section], f"no model names found for {section}"
    assert unnamed(section, MODEL_NAMES[section]) == []


@pytest.mark.parametrize("section", sorted(MODEL_NAMES))
def test_the_catalogue_names_nothing_the_model_does_not_have(section: str) -> None:
    stale = sorted(set(words.catalogue().section(section)) - set(MODEL_NAMES[section]))
    assert stale == [], f"{section}: names for keys the model no longer has"


def test_a_new_kpi_without_a_name_is_reported_with_its_key_and_languages() -> None:
    assert unnamed("kpi", ["reachability_pct", "new_kpi"]) == [
        "kpi.new_kpi: no nl name in sim/words/catalogue.yaml",
        "kpi.new_kpi: no en name in sim/words/catalogue.yaml"]


def test_loading_refuses_an_entry_without_english() -> None:
    data = yaml.safe_load(words.catalogue().model_dump_json())
    data["kpi"]["slips"] = {"nl": "Uitglijders", "en": " ", "unit": ""}
    with pytest.raises(ValidationError, match=r"kpi\.slips\.en"):
        words.parse(data)


def test_loading_refuses_an_unknown_section() -> None:
    data = yaml.safe_load(words.catalogue().model_dump_json())
    data["kpis"] = {}
    with pytest.raises(ValidationError, match="kpis"):
        words.parse(data)


def test_a_kpi_has_a_unit_and_other_names_have_none() -> None:
    assert words.kpi_unit("cost_total_eur") == "EUR" and words.kpi_unit("slips") == ""
    data = yaml.safe_load(words.catalogue().model_dump_json())
    data["bot"]["controller"]["unit"] = "%"
    with pytest.raises(ValidationError, match=r"bot\.controller\.unit"):
        words.parse(data)


# English words that have a Dutch one: none of them belongs in a Dutch name.
ENGLISH = re.compile(r"\b(the|and|with|without|to|executor|municipality|council|meeting|"
                     r"invoice|report|salt|trust|round|request|dispute|penalty|approved|"
                     r"rejected|phone|road|snow|priority|network|cost|decision|change)\b",
                     re.IGNORECASE)


def test_dutch_names_have_no_english_words() -> None:
    english = [f"{section}.{key}: {entry.nl}" for section in words.SECTIONS
               for key, entry in words.catalogue().section(section).items()
               if ENGLISH.search(entry.nl)]
    assert english == []


def test_lookup_names_the_missing_key_and_honours_a_default() -> None:
    assert words.word("bot", "incident_driven", "nl") == "incidentgedreven"
    assert words.word("kpi", "no_such_kpi", "en", default="no_such_kpi") == "no_such_kpi"
    with pytest.raises(KeyError, match=r"kpi\.no_such_kpi"):
        words.word("kpi", "no_such_kpi", "en")
    with pytest.raises(ValueError, match="language"):
        words.word("kpi", "slips", "de")


def test_every_competence_of_the_rubric_has_a_name_in_both_languages() -> None:
    rubric = yaml.safe_load((scenario_dir() / "rubrics" / "regie.yaml").read_text("utf-8"))
    competences = rubric["competences"]
    assert competences
    unnamed_ = [(c["id"], lang) for c in competences for lang in words.LANGS
                if not str((c.get("name") or {}).get(lang, "")).strip()]
    assert unnamed_ == []
