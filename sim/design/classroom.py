"""The design phase as a class sees it and a trainer steers it (issue 14, the classroom).

`public_view` is the phase's part of the projector's public view (sim.observation): what
is on the table for everybody in the room (both standing offers, what is still open,
whose move, the table clock). The trainer's two acts are logged as trainer events
(`design_close`, `design_extend`) and re-applied by a replay (sim.session.replay): closing
the phase lets the starting offer hold; extending gives the table more minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.design.terms import open_items

if TYPE_CHECKING:
    from sim.model import RegieModel

TRAINER_ACTS = ("design_close", "design_extend")  # trainer events a replay re-applies
# The risks a person who does not negotiate ticks while the contract is written: what the
# winter may bring (the case's gaps: salt, snow, the council, the price, a new team). Each
# forecast is a trainer note tagged `risks:<seat>:<name>` (docs/session-log.md).
RISKS = (
    "salt_runs_out",
    "snow_to_plough",
    "council_incident",
    "price_dispute",
    "teething_problems",
)
RISK_TAG = "risks"
MAX_MINUTES = 240.0  # the table clock's ceiling, as DesignConfig.minutes [min]
TURNS = ("design_regisseur", "design_executor")  # points whose options follow the clock


def public_view(model: RegieModel) -> dict | None:
    """What the whole class may see of the design phase (None: the scenario plays none)."""
    phase = getattr(model, "design", None)
    if phase is None:
        return None
    point = phase.point if phase.open else None
    offers = {r: (t.model_dump() if t is not None else None) for r, t in phase.offers.items()}
    return {
        "status": phase.status,
        "turn": point.role if point is not None else None,
        "turn_kind": point.kind if point is not None else None,
        "minutes": phase.minutes,
        "used": phase.used,
        "minutes_left": phase.minutes_left,
        "minutes_per_move": phase.minutes_per_move,
        "moves": phase.moves,
        "conditions": list(phase.conditions),
        "offers": offers,
        "start": phase.start_terms.model_dump(),
        "start_fee_eur": phase.start.fixed_fee_eur_per_season,
        "open_items": open_items(phase.offers["regisseur"], phase.offers["executor"]),
        "plan": phase.plan_step.view() if hasattr(phase, "plan_step") else None,
    }


def check(model: RegieModel, act: str, minutes: float = 0.0) -> str:
    """Why the trainer's act cannot be done now ('' if it can)."""
    phase = getattr(model, "design", None)
    model.design_catch_up()  # bots whose turn it is move first, as before a seat change
    if phase is None or not phase.open:
        return "there is no design phase open"
    if act == "design_extend" and not 0.0 < minutes <= MAX_MINUTES - phase.minutes:
        return f"the table clock can be extended by at most {MAX_MINUTES - phase.minutes:g} min"
    return ""


def apply(model: RegieModel, act: str, minutes: float = 0.0) -> None:
    """Do the trainer's act (checked first): close the phase, or extend its clock."""
    phase = model.design
    gov = model.governance
    if act == "design_close":
        if phase.point is not None:
            gov.board.close(phase.point)
        phase.finish("closed", phase.start_terms)  # the starting offer holds
        return
    phase.minutes += minutes
    point = phase.point
    if point is not None and point.kind in TURNS:
        # The side whose turn it is may offer again: its point is raised anew.
        gov.board.close(point)
        phase._next_turn(point.role)
    elif point is not None and point.kind == "design_plan_review":
        gov.board.close(point)  # the regisseur may ask changes again
        phase.plan_step._review()


def replay(model: RegieModel, event: dict) -> None:
    """Re-apply a logged trainer act of the design phase (sim.session.replay)."""
    act, minutes = event["act"], float(event.get("value") or 0.0)
    reason = check(model, act, minutes)
    if reason:
        raise ValueError(reason)
    apply(model, act, minutes)


def risk_note(seat: str, name: str, risks: list[str]) -> tuple[str, str]:
    """The (tag, note) of the trainer note that logs one person's risk forecast."""
    unknown = sorted(set(risks) - set(RISKS))
    if unknown:
        raise ValueError(f"no risk {unknown[0]!r}; choose from {', '.join(RISKS)}")
    return f"{RISK_TAG}:{seat}:{name}", " ".join(r for r in RISKS if r in risks)


def risk_forecasts(events: list[dict]) -> list[dict]:
    """Every person's last risk forecast in a session log's events: seat, name, risks
    (in RISKS order) and the tick it was written at."""
    last: dict[tuple[str, str], dict] = {}
    for e in events:
        if e.get("kind") != "trainer" or not e.get("tag", "").startswith(RISK_TAG + ":"):
            continue
        _, seat, name = (e["tag"].split(":", 2) + [""])[:3]
        risks = [r for r in e.get("note", "").split() if r in RISKS]
        last[(seat, name)] = {"seat": seat, "name": name, "risks": risks, "tick": e["tick"]}
    return list(last.values())
