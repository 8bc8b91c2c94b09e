"""Every string in Dutch and English: same keys, same placeholders, every key the code
uses is there, and every character exists in the font the game draws with."""

from __future__ import annotations

import re
import typing

import pygame
import pytest

from game.assets import font_path, load_yaml
from game.dashboard import TILES
from game.forms import VARIANT_FIELDS, action_classes, fields_for
from game.i18n import LANGUAGES, Translator, catalogue_strings, load_own_strings, load_strings
from game.scene_end import SUMMARY
from game.settings import CONDITIONS
from sim import words
from sim.actions import ACTION_TYPES
from sim.bots import BOTS
from sim.governance.decisions import KINDS
from sim.governance.injects import INJECT_NAMES
from sim.observation import KPI_TILES

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_same_keys_in_every_language():
    nl, en = load_strings("nl"), load_strings("en")
    assert set(nl) == set(en)
    for key in nl:
        if isinstance(nl[key], list):
            assert len(nl[key]) == len(en[key]), key
        else:
            assert set(PLACEHOLDER.findall(nl[key])) == set(PLACEHOLDER.findall(en[key])), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_names_come_from_the_catalogue_not_the_game_file(lang):
    repeated = sorted(set(load_own_strings(lang)) & set(catalogue_strings(lang)))
    assert not repeated


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_game_shows_the_catalogues_words(lang):
    tr = Translator(lang)
    assert tr("kpi.reachability_pct") == words.word("kpi", "reachability_pct", lang)
    assert tr("action.inspect.label") == words.word("action", "inspect", lang)
    assert tr("value.plough") == words.word("meerwerk_kind", "plough", lang)
    assert tr("words.trust_reason.bypass") == words.word("trust_reason", "bypass", lang)
    assert tr("bot.incident_driven").endswith(words.word("bot", "incident_driven", lang))


def required_keys() -> set[str]:
    """Keys the code builds from model names (actions, decisions, injects, bots, ...)."""
    keys = {f"role.{r}" for r in BOTS}
    keys |= {f"bot.{b}" for bots in BOTS.values() for b in bots}
    keys |= {f"action.{t}.{part}" for t in ACTION_TYPES for part in ("label", "help")}
    keys |= {f"decision.{k}.{part}" for k in KINDS for part in ("title", "text")}
    keys |= {f"inbox.dp.{k}" for k in KINDS}
    keys |= {f"inject.{n}.{part}" for n in INJECT_NAMES for part in ("label", "help", "news")}
    keys |= {f"legend.{c}" for c in CONDITIONS}
    keys |= {f"dashboard.{t.key}" for t in TILES}
    keys |= {f"dashboard.ref_{k}" for k, spec in KPI_TILES.items() if spec[3] is not None}
    keys |= {f"kpi.{k}" for k, _ in SUMMARY}
    keys |= {f"field.{k}" for k in load_yaml("fields.yaml")["units"]}
    keys |= {f"precip.{n}" for n in range(4)}
    for cls in action_classes().values():
        for name, info in cls.model_fields.items():
            if typing.get_origin(info.annotation) is typing.Literal:
                values = typing.get_args(info.annotation)
                if name in VARIANT_FIELDS:
                    keys |= {f"option.{v}" for v in values}
                    keys |= {f"option_hint.{v}" for v in values}
                elif name != "type":
                    keys |= {f"value.{v}" for v in values}
    answers = {spec[1] for spec in KINDS.values()}
    for t in ACTION_TYPES:
        for spec in fields_for({"type": t}) if t not in answers else []:
            keys.add(f"field.{spec.name}")
            keys |= {f"value.{v}" for v in spec.choices}
    keys |= {f"value.{k}" for k in ("price", "meerwerk", "reporting", "penalty")}
    keys |= {f"value.{k}" for k in ("complaints", "budget", "motion")}
    # The beslisregels that act on their own and say so (event rule_applied).
    keys |= {f"inbox.rule.{r}" for r in ("plough_authorised", "secondary_routes_on_request")}
    # ... and the one that cannot act, with why (event rule_not_applied).
    keys |= {"inbox.rule_not_applied.market_dry"}
    return keys


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_code_builds_exists(lang):
    tr = Translator(lang)
    missing = sorted(k for k in required_keys() if not tr.has(k))
    assert not missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_character_is_in_the_font(lang):
    pygame.font.init()
    fonts = [pygame.font.Font(font_path(bold), 14) for bold in (False, True)]

    def look(font: pygame.font.Font, ch: str) -> bytes:
        return pygame.image.tobytes(font.render(ch, False, (255, 255, 255)), "RGBA")

    tofu = [look(f, "\ue000") for f in fonts]  # what a missing glyph looks like
    chars: set[str] = set()
    for value in load_strings(lang).values():
        for text in value if isinstance(value, list) else [value]:
            chars |= set(str(text))
    from game.competences import competence_tags

    for tag in competence_tags():
        chars |= set(tag.label[lang])
    bad = sorted(c for c in chars if c.isprintable() and c != " "
                 and any(look(f, c) == t for f, t in zip(fonts, tofu, strict=True)))
    assert not bad


def test_reasons_translate_model_rejections():
    tr = Translator("nl")
    assert tr.reason("depot has room for 12 t only") == "het depot heeft nog maar ruimte voor 12 t"
    assert tr.reason("something new") == "something new"


def test_number_and_money_formats():
    nl, en = Translator("nl"), Translator("en")
    assert nl.money(1234567.4) == "€ 1.234.567"
    assert en.money(1234567.4) == "€1,234,567"
    assert nl.value("temp_c", -3.25) == "-3,2 °C" or nl.value("temp_c", -3.25) == "-3,3 °C"
    assert en.value("frac", 0.456) == "46%"
    assert nl("no.such.key") == "[no.such.key]" and "no.such.key" in nl.missing
