"""The network of parties, drawn: who takes part, in which role, trust between pairs, stake.

Parties sit on a circle, the gemeente at the top. A party's disc grows with its stake and
is filled in the colour of its role (the role is also written under its name, so nobody
needs to tell colours apart); a party away from the table is an open ring. A line joins
two parties at the table, as thick and as green as they trust each other (the mean of
both directions), red and thin when trust is low. Drawing changes nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.procesregie.panels import short
from game.settings import OKABE_ITO

if TYPE_CHECKING:
    from game.i18n import Translator
    from game.ui import Painter

ROLE_COLOURS = {
    "initieren": OKABE_ITO["orange"],
    "participeren": OKABE_ITO["sky_blue"],
    "faciliteren": OKABE_ITO["reddish_purple"],
    "niet_meedoen": (120, 120, 120),
}
LOW, HIGH = 0.4, 0.7  # trust below LOW is drawn as strained, above HIGH as strong [-]
BODY = 11


def trust_colour(t: float, p: Painter) -> tuple[int, int, int]:
    """Strained (bad), neutral (muted) or strong (good)."""
    c = p.colours
    return c["bad"] if t < LOW else c["good"] if t > HIGH else c["muted"]


def positions(rect: pygame.Rect, n: int, pad_x: int, pad_y: int) -> list[tuple[int, int]]:
    """Centres of n parties on an ellipse in `rect`, the first at the top."""
    cx, cy = rect.center
    rx, ry = max(1.0, rect.w / 2 - pad_x), max(1.0, rect.h / 2 - pad_y)
    return [
        (
            round(cx + rx * math.sin(2 * math.pi * i / n)),
            round(cy - ry * math.cos(2 * math.pi * i / n)),
        )
        for i in range(n)
    ]


def draw_network(
    surface: pygame.Surface,
    rect: pygame.Rect,
    p: Painter,
    tr: Translator,
    view: dict,
    active: str | None = None,
) -> None:
    """The parties and the trust between them inside `rect` (with a one-line legend)."""
    c = p.colours
    parties = view["parties"]
    trust = view["trust"]
    legend_h = p.line_height(BODY) + p.px(6)
    area = pygame.Rect(rect.x, rect.y, rect.w, rect.h - legend_h)
    label_w = max(
        p.font(BODY, True).size(short(tr(f"words.proces_party.{q['key']}")))[0] for q in parties
    )
    pad_x = min(label_w // 2 + p.px(4), area.w // 4)
    ring = pygame.Rect(area.x, area.y, area.w, area.h - 2 * p.line_height(BODY))
    centres = positions(ring, len(parties), pad_x, p.px(28))
    for i, a in enumerate(parties):
        for j in range(i + 1, len(parties)):
            b = parties[j]
            if not (a["at_table"] and b["at_table"]):
                continue
            t = (trust[i][j] + trust[j][i]) / 2
            width = max(1, p.px(1 + 7 * max(0.0, t - 0.3)))
            pygame.draw.line(surface, trust_colour(t, p), centres[i], centres[j], width)
    for i, party in enumerate(parties):
        x, y = centres[i]
        r = p.px(10 + 16 * party["stake"])
        colour = ROLE_COLOURS[party["role"]]
        if party["at_table"]:
            pygame.draw.circle(surface, colour, (x, y), r)
        else:
            pygame.draw.circle(surface, c["map_bg"], (x, y), r)
            pygame.draw.circle(surface, colour, (x, y), r, max(2, p.px(3)))
        if party["key"] == active:
            pygame.draw.circle(surface, c["focus"], (x, y), r + p.px(5), max(2, p.px(3)))
        name = short(tr(f"words.proces_party.{party['key']}"))
        role = tr(f"words.proces_role.{party['role']}")
        if not party["invited"]:
            role = tr("proces.left_out")
        lh = p.line_height(BODY)
        top = y + r + p.px(2)  # the name and role below the disc
        room = max(p.px(60), 2 * min(x - rect.x, rect.right - x) - p.px(8))
        width = min(room, max(p.font(BODY, True).size(name)[0], p.font(BODY).size(role)[0]))
        # A dark plate under the words, so lines of trust never run through them.
        plate = pygame.Rect(0, top, width + p.px(8), 2 * lh)
        plate.centerx = x
        pygame.draw.rect(surface, c["map_bg"], plate, border_radius=p.px(4))
        p.text(surface, name, (x, top), BODY, bold=True, anchor="midtop", max_width=room)
        p.text(surface, role, (x, top + lh), BODY, c["muted"], anchor="midtop", max_width=room)
    draw_legend(surface, pygame.Rect(rect.x, rect.bottom - legend_h, rect.w, legend_h), p, tr)


def draw_legend(surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator) -> None:
    """Line colours of trust (a disc's size, the stake, is told in the panel's title)."""
    c = p.colours
    x = rect.x + p.px(6)
    y = rect.centery
    for key, colour in (("low", c["bad"]), ("mid", c["muted"]), ("high", c["good"])):
        pygame.draw.line(surface, colour, (x, y), (x + p.px(22), y), max(2, p.px(3)))
        r = p.text(
            surface,
            tr(f"proces.trust_{key}"),
            (x + p.px(28), y),
            BODY - 1,
            c["muted"],
            anchor="midleft",
        )
        x = r.right + p.px(14)
