"""Competence tags for bookmarks: the debrief rubric's ids, with short button labels."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from game.assets import load_yaml


@dataclass(frozen=True)
class Tag:
    """A competence a trainer can tag a moment with."""

    id: str
    role: str
    label: dict[str, str]


def _rubric_competences(rubric: str = "regie") -> list[dict]:
    """The rubric's competences (id, role, name), or [] when there is no rubric file."""
    try:
        from sim.scenario.loader import scenario_dir

        path = scenario_dir() / "rubrics" / f"{rubric}.yaml"
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        return [c for c in data.get("competences", []) if isinstance(c, dict) and "id" in c]
    except (OSError, yaml.YAMLError, ImportError):
        return []


def competence_tags(rubric_name: str = "regie") -> list[Tag]:
    """Tags in the order of a rubric (scenarios/rubrics/<name>.yaml; the game's own list
    when no rubric is shipped)."""
    short = {c["id"]: c for c in load_yaml("competences.yaml")["competences"]}
    rubric = _rubric_competences(rubric_name)
    if not rubric:
        return [Tag(c["id"], c["role"], {"nl": c["nl"], "en": c["en"]}) for c in short.values()]
    tags = []
    for c in rubric:
        mine = short.get(c["id"])
        if mine is not None:
            label = {"nl": mine["nl"], "en": mine["en"]}
        else:
            name = c.get("name") or {}
            label = {"nl": str(name.get("nl", c["id"])), "en": str(name.get("en", c["id"]))}
        tags.append(Tag(str(c["id"]), str(c.get("role", "regisseur")), label))
    return tags
