"""The play screen's panels for a bestuursproces: wyberen and the clock, the active seat's
own brief, the go/no-go line and the feed of what happened. Drawing changes nothing.

Every painter writes through :class:`Lines`, which wraps text to its box and stops at the
box's bottom, so a panel never spills over the next one on a projector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from sim.procesregie.actions import REGISSEUR

if TYPE_CHECKING:
    from game.i18n import Translator
    from game.ui import Painter

BODY = 11
PHASES = ("divergeren", "convergeren", "consolideren")


class Lines:
    """A text cursor in a box: wrapped lines, top to bottom, never below the box."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect, p: Painter) -> None:
        self.surface, self.rect, self.p, self.y = surface, rect, p, rect.y

    def room(self, n: int = 1, size: int = BODY) -> bool:
        return self.y + n * self.p.line_height(size) <= self.rect.bottom

    def write(
        self, text: str, colour: tuple | None = None, bold: bool = False, size: int = BODY
    ) -> bool:
        """Wrapped text; False once the box is full."""
        for line in self.p.wrap(text, size, self.rect.w, bold):
            if not self.room(1, size):
                return False
            self.p.text(self.surface, line, (self.rect.x, self.y), size, colour, bold)
            self.y += self.p.line_height(size)
        return True

    def bar(self, fraction: float, colour: tuple, label: str, width: int | None = None) -> bool:
        """A label on the left and a bar filled to `fraction` on the right."""
        p, lh = self.p, self.p.line_height(BODY)
        if not self.room():
            return False
        width = width or self.rect.w // 3
        box = pygame.Rect(self.rect.right - width, self.y + lh // 4, width, lh // 2)
        p.text(
            self.surface,
            label,
            (self.rect.x, self.y),
            BODY,
            max_width=self.rect.w - width - p.px(8),
        )
        pygame.draw.rect(self.surface, p.colours["panel_edge"], box, 1)
        fill = box.inflate(-2, -2)
        fill.w = round(fill.w * max(0.0, min(1.0, fraction)))
        pygame.draw.rect(self.surface, colour, fill)
        self.y += lh
        return True

    def gap(self, px: int = 4) -> None:
        self.y += self.p.px(px)


def party_name(tr: Translator, key: str) -> str:
    return tr(f"words.proces_party.{key}")


def short(text: str) -> str:
    """A name without its Dutch gloss ("Grid operator (netbeheerder)" -> "Grid operator"),
    for the network and the bars, where room is short."""
    return text.split(" (")[0]


def yes_no(tr: Translator, on: bool) -> str:
    return tr("proces.yes") if on else tr("proces.no")


def draw_phase_strip(
    surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator, phase: str
) -> None:
    """Three boxes, the current phase filled: where the table is in wyberen."""
    c = p.colours
    gap = p.px(4)
    w = (rect.w - 2 * gap) // 3
    now = PHASES.index(phase)
    for i, name in enumerate(PHASES):
        box = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.h)
        current = i == now
        pygame.draw.rect(
            surface, c["accent"] if current else c["panel"], box, border_radius=p.px(4)
        )
        pygame.draw.rect(surface, c["panel_edge"], box, 1, border_radius=p.px(4))
        ink = (0, 0, 0) if current else c["muted"]
        p.text(
            surface,
            short(tr(f"words.proces_phase.{name}")),
            box.center,
            BODY,
            ink,
            bold=current,
            anchor="center",
            max_width=box.w - p.px(6),
        )


def draw_wyberen(
    surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator, view: dict
) -> None:
    """Step and phase, the clock, the options on the table and what the table can
    consent to, and the bar the council sets for a go."""
    c = p.colours
    inner = p.panel(
        surface,
        rect,
        tr("proces.wyberen_title", step=min(view["step"] + 1, view["steps"]), steps=view["steps"]),
        BODY,
    )
    strip = pygame.Rect(inner.x, inner.y, inner.w, p.line_height(BODY) + p.px(6))
    draw_phase_strip(surface, strip, p, tr, view["phase"])
    out = Lines(
        surface,
        pygame.Rect(
            inner.x, strip.bottom + p.px(6), inner.w, inner.bottom - strip.bottom - p.px(6)
        ),
        p,
    )
    if view["phase"] == "divergeren":
        out.write(tr("proces.round_min", n=view["rounds_in_phase"] + 1, min=view["min_rounds"]))
    out.bar(
        view["week"] / max(1, view["max_weeks"]),
        c["accent"],
        tr("proces.clock", week=view["week"], max=view["max_weeks"]),
    )
    out.write(tr("proces.options", n=view["options"], explored=view["options_explored"]))
    at_table = sum(q["at_table"] for q in view["parties"])
    shortlist = view["shortlist"] if view["phase"] == "consolideren" else []
    for i, option in enumerate(shortlist):
        yes = [k for k, ok in option["consent"].items() if ok]
        no = [party_name(tr, k) for k, ok in option["consent"].items() if not ok]
        line = tr(
            "proces.shortlist_item",
            n=i + 1,
            yes=len(yes),
            of=at_table,
            support=tr.pct(option["support_pct"]),
        )
        if no:
            line += " " + tr("proces.not_consenting", names=", ".join(no))
        if not out.write(line):
            break
    go = tr("proces.go_bar", pct=tr.pct(view["go_support_pct"]))
    if view["issue"]:
        go += " " + tr("proces.issue")
    out.write(go, c["warn"] if view["issue"] else c["muted"])
    agenda = (
        tr(f"words.proces_dimension.{view['agenda']}")
        if view["agenda"]
        else tr("proces.agenda_open")
    )
    out.write(
        tr(
            "proces.instruments_state",
            rules=yes_no(tr, view["rules_agreed"]),
            conditions=yes_no(tr, view["conditions"]),
            agenda=agenda,
        ),
        c["muted"],
    )


def draw_seat(
    surface: pygame.Surface,
    rect: pygame.Rect,
    p: Painter,
    tr: Translator,
    view: dict,
    seat: str | None,
    obs: dict | None,
    name: str,
) -> None:
    """The looking seat's own panel: the regisseur's view of trust in the gemeente, or a
    party's brief (what it wants, its mandate, its walk-away option, its role)."""
    c = p.colours
    if seat is None or obs is None:
        inner = p.panel(surface, rect, tr("proces.observer"), BODY)
        Lines(surface, inner, p).write(tr("proces.observer_hint"), c["muted"])
        return
    title = tr(
        "proces.seat_title",
        seat=tr("proces.regisseur") if seat == REGISSEUR else party_name(tr, seat),
        name=name,
    ).replace(" ()", "")
    if seat == REGISSEUR:
        title += ": " + tr("proces.trust_in_gemeente")
    inner = p.panel(surface, rect, title, BODY)
    out = Lines(surface, inner, p)
    if seat == REGISSEUR:
        for key, t in obs["trust_in_gemeente"].items():
            if key != "gemeente" and not out.bar(
                t,
                c["good"] if t > 0.7 else c["accent"],
                f"{short(party_name(tr, key))} {tr.number(t, 2)}",
            ):
                break
        return
    dims = view["dimensions"]
    out.write(
        tr(
            "proces.role_line",
            role=tr(f"words.proces_role.{obs['roles'][seat]}"),
            stake=tr.number(obs["stake"], 1),
        )
    )
    ideal = " · ".join(
        tr(
            "proces.want_line",
            dim=tr(f"words.proces_dimension.{d}"),
            value=tr.number(v, 2),
            weight=tr.pct(100 * w),
        )
        for d, v, w in zip(dims, obs["core_values"], obs["priorities"], strict=True)
    )
    out.write(tr("proces.wants", ideal=ideal))
    out.write(
        tr(
            "proces.mandate",
            mandate=tr.number(obs["mandate"], 2),
            dim=tr(f"words.proces_dimension.{obs['first_priority']}"),
        )
    )
    out.write(
        tr(
            "proces.outside",
            value=tr.number(obs["outside_option"], 2),
            trust=tr.number(obs["my_trust"], 2),
        )
    )
    for i, (u, ok) in enumerate(zip(obs["shortlist_utility"], obs["within_mandate"], strict=True)):
        key = "proces.option_fits" if ok and u >= obs["outside_option"] else "proces.option_not"
        if not out.write(
            tr(key, n=i + 1, value=tr.number(u, 2)), c["good"] if key.endswith("fits") else c["bad"]
        ):
            break


def event_text(tr: Translator, event: dict) -> str | None:
    """One line of the feed for a process event (None: not news)."""
    kind = event["kind"]
    if kind == "go":
        return tr("proces.event.go", step=event.get("step", 0) + 1)
    if kind == "no_go":
        return tr("proces.event.no_go", step=event.get("step", 0) + 1)
    if kind == "block":
        names = ", ".join(party_name(tr, k) for k in event.get("parties", []))
        return tr("proces.event.block", names=names)
    if kind == "round":
        return tr(
            "proces.event.round",
            phase=tr(f"words.proces_phase.{event['phase']}"),
            n=event.get("round", 0),
            new=event.get("new_options", 0),
        )
    if kind in ("issue", "inject"):
        return tr("proces.event.issue")
    if kind == "action":
        act = event["action"]
        seat = event.get("role", event.get("seat"))
        who = tr("proces.regisseur") if seat == REGISSEUR else party_name(tr, seat)
        what = tr(f"words.proces_action.{act['type']}")
        detail = action_detail(tr, act)
        if detail:
            what += f" ({detail})"
        return tr("proces.event.action", who=who, what=what)
    return None


def action_detail(tr: Translator, act: dict) -> str:
    """The party, dimension, role or choice an action names, in words ("" if none)."""
    if "option" in act:
        return tr("proces.consent_detail", n=act["option"] + 1, yes=yes_no(tr, act["consent"]))
    if "party" in act:
        return party_name(tr, act["party"])
    if "dimension" in act:
        return tr("words.proces_dimension." + act["dimension"])
    if "role" in act:
        return tr("words.proces_role." + act["role"])
    if "on" in act:
        return yes_no(tr, act["on"])
    return ""


def draw_feed(
    surface: pygame.Surface, rect: pygame.Rect, p: Painter, tr: Translator, events: list[dict]
) -> None:
    """What happened, newest first, with the week."""
    c = p.colours
    inner = p.panel(surface, rect, tr("proces.feed_title"), BODY)
    out = Lines(surface, inner, p)
    shown = 0
    for event in reversed(events):
        text = event_text(tr, event)
        if text is None:
            continue
        colour = {
            "go": c["good"],
            "no_go": c["warn"],
            "block": c["bad"],
            "round": c["muted"],
            "issue": c["warn"],
            "inject": c["warn"],
        }.get(event["kind"])
        week = event.get("tick", event.get("week", 0))
        if not out.write(tr("proces.event.week", week=week, text=text), colour):
            break
        shown += 1
    if not shown:
        out.write(tr("proces.feed_empty"), c["muted"])
