"""Screen constants, speeds and the colour palette of the game (no pygame import here)."""

from __future__ import annotations

DEFAULT_SIZE = (1280, 720)  # window size at start [px]
MIN_SIZE = (960, 600)  # smallest size the layout is designed for [px]
FPS = 60  # frame-rate cap of a windowed session
HEADLESS_DT = 1.0 / 60.0  # simulated wall time per frame in headless runs [s]

# Speed = simulated hours per second of wall time. 1x shows a day in 24 s; 16x a day in
# 1.5 s; 64x a day in 0.375 s. The model never runs ahead of a person who must decide.
SPEEDS: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64)
DEFAULT_SPEED = 4
MAX_STEPS_PER_FRAME = 4  # model hours per frame at most; keeps frames short at 64x

# Projector mode (the default): sizes at the design window of 1280x720, scaled with the
# window. Body text of 12 points becomes 24 px: readable from the back of a classroom
# (about 6 m from a 2.5 m wide image, text of ~3 % of the image height).
PROJECTOR_SCALE = 1.45  # controls and spacing in projector mode, at 1280x720
PROJECTOR_TEXT_SCALE = 2.0  # text drawn by the game in projector mode, at 1280x720
DESIGN_SIZE = (1280, 720)  # the window the projector sizes are designed for [px]
MIN_FIT = 0.75  # projector sizes shrink with a smaller window, at most to this factor
SPARK_DAYS = 30  # days of history in a sparkline
INBOX_MAX = 300  # items kept in the inbox
INCIDENT_MARK_H = 12  # hours an incident marker stays on the map
TOAST_S = 5.0  # seconds a message stays on screen (in its own strip, below the controls)
SCREENSHOT_SETTLE_FRAMES = 3  # frames a screen is shown before its screenshot is taken

# Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), plus greys.
OKABE_ITO = {
    "orange": (230, 159, 0),
    "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish_purple": (204, 121, 167),
    "black": (0, 0, 0),
}

# Road condition codes of sim.world.roads.RoadState.condition(): colour and line pattern.
# The pattern carries the meaning too, so nobody needs to tell colours apart.
CONDITIONS: tuple[str, ...] = ("dry", "treated", "wet", "snow", "ice")
CONDITION_STYLE: dict[str, tuple[tuple[int, int, int], str]] = {
    "dry": ((150, 150, 150), "solid"),
    "treated": (OKABE_ITO["bluish_green"], "dots"),
    "wet": (OKABE_ITO["sky_blue"], "solid"),
    "snow": ((245, 245, 245), "dashes"),
    "ice": (OKABE_ITO["vermillion"], "hatch"),
}

# Line width per road category (sim.world.town.CATEGORIES order) [px at scale 1].
CATEGORY_WIDTH: tuple[int, ...] = (7, 4, 5, 3, 3)  # main, cycle, secondary, residential, footpath

THEMES = {
    "default": {
        "bg": (24, 28, 34),
        "map_bg": (36, 42, 50),
        "panel": (32, 37, 44),
        "panel_edge": (70, 78, 88),
        "text": (230, 232, 235),
        "muted": (160, 166, 174),
        "accent": OKABE_ITO["sky_blue"],
        "warn": OKABE_ITO["orange"],
        "bad": OKABE_ITO["vermillion"],
        "good": OKABE_ITO["bluish_green"],
        "focus": OKABE_ITO["yellow"],
        "focus_edge": (0, 0, 0),
        "truck": OKABE_ITO["orange"],
        "school": OKABE_ITO["yellow"],
        "hospital": (255, 255, 255),
        "depot": OKABE_ITO["reddish_purple"],
        "incident": OKABE_ITO["reddish_purple"],
        "spark": OKABE_ITO["sky_blue"],
        "spark_ref": (120, 126, 134),
    },
    "projector": {
        "bg": (0, 0, 0),
        "map_bg": (10, 10, 10),
        "panel": (0, 0, 0),
        "panel_edge": (255, 255, 255),
        "text": (255, 255, 255),
        "muted": (220, 220, 220),
        "accent": OKABE_ITO["yellow"],
        "warn": OKABE_ITO["orange"],
        "bad": (255, 110, 40),
        "good": (40, 200, 150),
        "focus": OKABE_ITO["yellow"],
        "focus_edge": (255, 255, 255),
        "truck": OKABE_ITO["orange"],
        "school": OKABE_ITO["yellow"],
        "hospital": (255, 255, 255),
        "depot": OKABE_ITO["reddish_purple"],
        "incident": OKABE_ITO["reddish_purple"],
        "spark": OKABE_ITO["yellow"],
        "spark_ref": (180, 180, 180),
    },
}
