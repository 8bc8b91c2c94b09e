"""Where the game's data files live: language files, themes, content (package data)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """Path of a file under game/data/."""
    return DATA_DIR.joinpath(*parts)


@functools.cache
def load_yaml(*parts: str) -> dict:
    """A YAML content file under game/data/ (cached; treat the result as read-only)."""
    with data_path(*parts).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def theme_path(name: str) -> Path:
    """The pygame_gui theme JSON of a theme name (default, projector)."""
    return data_path("themes", f"{name}.json")


def font_path(bold: bool = False) -> str:
    """The pygame_gui bundled Noto Sans font file (the same face the widgets use)."""
    import pygame_gui

    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return str(Path(pygame_gui.__file__).resolve().parent / "data" / name)
