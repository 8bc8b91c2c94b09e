"""The play screen's role panel and banner: whose turn it is, what the looking role must
decide, its last decisions and what they changed, and what it knows.

Everything shown comes through the front door: the role's observation (its open decision
points and private figures), the game's record of the role's accepted actions
(:meth:`game.state.GameState.last_decisions`, the before/after of its own figures) and the
projector view (who waits). Nothing here changes anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.assets import load_yaml
from game.forms import variant

if TYPE_CHECKING:
    from game.i18n import Translator
    from game.state import Decision, GameState
    from game.ui import Painter

BODY = 12  # text size of the panel (24 px in projector mode at 1280x720)


def banner_text(tr: Translator, state: GameState) -> tuple[str, str]:
    """The banner's sentence and colour key: who must decide what, or what the clock does."""
    waiting = state.waiting_roles()
    if state.paused:
        return tr("banner.paused"), "warn"
    if waiting:
        role = waiting[0]
        points = state.open_points(role)
        what = tr(f"words.decision.{points[0]['kind']}") if points else ""
        if len(points) > 1:
            what += tr("banner.more", n=len(points) - 1)
        key = "banner.waiting" if role == state.active_role else "banner.hand_to"
        return tr(
            key, role=tr(f"role.{role}"), name=state.names.get(role) or "", decision=what
        ).replace(" ()", ""), "warn"
    role = state.active_role
    if role is None:
        return tr("banner.observer", speed=state.speed), "good"
    return tr("banner.running", speed=state.speed, role=tr(f"role.{role}")), "good"


def draw_banner(
    surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator, state: GameState
) -> None:
    """A full-width strip in the colour of the moment, one large line of text."""
    text, colour = banner_text(tr, state)
    draw_banner_line(surface, rect, p, text, colour)


def draw_banner_line(
    surface: pygame.Surface, rect: pygame.Rect, p: Painter, text: str, colour: str
) -> None:
    """The banner strip with one sentence in `colour` (a theme key; "warn" fills it)."""
    c = p.colours
    pygame.draw.rect(surface, c[colour] if colour == "warn" else c["panel"], rect)
    pygame.draw.line(surface, c["panel_edge"], rect.bottomleft, rect.bottomright)
    ink = (0, 0, 0) if colour == "warn" else c[colour]
    size = 14
    while size > 10 and p.font(size, True).size(text)[0] > rect.w - p.px(24):
        size -= 1  # a long name: a little smaller rather than cut
    p.text(
        surface,
        text,
        (rect.x + p.px(12), rect.centery),
        size,
        ink,
        bold=True,
        anchor="midleft",
        max_width=rect.w - p.px(24),
    )


def change_text(tr: Translator, change: tuple[str, object, object]) -> str:
    """'Vertrouwen in uitvoerder: 46% → 50%'."""
    from game.play_panels import format_field

    key, before, after = change
    return tr(
        "play.change",
        field=tr(f"field.{key}"),
        before=format_field(tr, key, before),
        after=format_field(tr, key, after),
    )


def decision_lines(tr: Translator, state: GameState, d: Decision) -> tuple[str, str]:
    """Two lines of a past decision: when and what; what it changed."""
    start = state.view["start_date"]
    what = tr(f"action.{d.action['type']}.label")
    chosen = variant(d.action)
    if chosen != d.action["type"]:
        what = f"{what}: {tr.get(f'option.{chosen}', tr.get(f'value.{chosen}', chosen))}"
    units = load_yaml("fields.yaml")["units"]
    changes = [ch for ch in d.changes if ch[0] in units]
    effect = "; ".join(change_text(tr, ch) for ch in changes[:2]) or tr("play.no_change")
    return f"{tr.when_short(start, d.hour)} · {what}", effect


def draw_role_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    bottom: int,
    p: Painter,
    tr: Translator,
    state: GameState,
    obs: dict,
) -> None:
    """Title, the open points, the last decisions with their effect, then what the role
    knows, as far as the room above the buttons (`bottom`) allows."""
    from game.play_panels import format_field

    c = p.colours
    role = state.active_role
    name = state.names.get(role) or ""
    inner = p.panel(surface, rect, tr(f"role.{role}") + (f" — {name}" if name else ""), BODY)
    lh = p.line_height(BODY)
    y = inner.y
    lines: list[tuple[str, tuple, bool]] = []  # text, colour, bold
    for point in obs["decisions"][:2]:
        lines.append(
            (tr("play.open_item", decision=tr(f"words.decision.{point['kind']}")), c["warn"], True)
        )
    lines.append((tr("play.last_title"), c["muted"], True))
    last = state.last_decisions(role, 2)
    for d in last:
        head, effect = decision_lines(tr, state, d)
        lines.append((head, c["text"], False))
        lines.append((effect, c["good"], False))
    if not last:
        lines.append((tr("play.no_decisions"), c["muted"], False))
    units = load_yaml("fields.yaml")["units"]
    order = load_yaml("cards.yaml")["panel"].get(role, [])
    known = [k for k in order if k in obs["private"] and k in units]
    if known:
        lines.append((tr("play.know_title"), c["muted"], True))
    for k in known:
        lines.append(
            (f"{tr(f'field.{k}')}: {format_field(tr, k, obs['private'][k])}", c["text"], False)
        )
    for text, colour, bold in lines:
        for part in p.wrap(text, BODY, inner.w, bold):
            if y + lh > bottom:
                return
            p.text(surface, part, (inner.x, y), BODY, colour, bold=bold)
            y += lh
