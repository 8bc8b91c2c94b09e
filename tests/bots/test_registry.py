"""The one bot registry: archetypes and scripted players, told apart by their kind."""

from __future__ import annotations

import numpy as np
import pytest

from sim.actions import ROLES
from sim.bots import BOTS, KINDS, REGISTRY, SCRIPTED, make_bot, make_player
from sim.inputfile.problems import InputFileError
from sim.scenario.loader import load_scenario, resolve_scenario


def test_every_bot_has_a_role_a_kind_and_a_description_in_both_languages() -> None:
    for bot in REGISTRY:
        assert bot.role in ROLES and bot.kind in KINDS and bot.name, bot
        assert bot.description_nl and bot.description_en, bot


def test_a_bot_is_named_once_per_kind_and_role() -> None:
    keys = [(bot.kind, bot.role, bot.name) for bot in REGISTRY]
    assert len(keys) == len(set(keys))


def test_bots_are_the_three_archetypes_per_role() -> None:
    """What a scenario may seat and what the debrief's ghost runs try, one by one."""
    for role in ROLES:
        assert len(BOTS[role]) == 3
        assert all(bot.kind == "archetype" and bot.role == role for bot in BOTS[role].values())


def test_scripted_holds_the_scripted_players_of_the_registry() -> None:
    scripted = [bot for table in SCRIPTED.values() for bot in table.values()]
    assert all(bot.kind == "scripted" for bot in scripted)
    archetypes = [bot for table in BOTS.values() for bot in table.values()]
    assert sorted(map(id, archetypes + scripted)) == sorted(map(id, REGISTRY))


def test_a_scripted_player_is_not_a_scenarios_bot() -> None:
    with pytest.raises(InputFileError, match="micromanager"):
        load_scenario(resolve_scenario(None), ["roles.regisseur.bot=micromanager"])
    with pytest.raises(ValueError, match="choose from"):
        make_bot("regisseur", "micromanager", np.random.default_rng(1),
                 load_scenario(resolve_scenario(None)))


def test_a_name_both_kinds_use_gives_two_bots() -> None:
    scenario = load_scenario(resolve_scenario(None))
    archetype = make_bot("regisseur", "relational", np.random.default_rng(1), scenario)
    player = make_player("regisseur", "relational")
    assert (archetype.kind, player.kind) == ("archetype", "scripted")
    assert type(archetype) is not type(player)


def test_an_unknown_player_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="micromanager"):
        make_player("regisseur", "nobody")
