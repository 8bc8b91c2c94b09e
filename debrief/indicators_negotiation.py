"""Indicator metrics of the two-sided negotiation and of trust as a belief (issue 13).

A meeting's items are settled by both sides' moves (sim.governance.negotiation): the
executor tables its moves before the meeting (``table_positions``), the regisseur makes
the gemeente's when it records the meeting (``record_meeting``), and the model's
``meeting_outcome`` event says what became of each item. Trust is each side's belief about
the other, moved by what it observed (``trust`` events, each with who observed and why).
The metrics register themselves in :data:`debrief.indicators.METRICS`.
"""

from __future__ import annotations

from debrief.indicator_params import MovesParams, SettledParams, TrustSeenParams
from debrief.indicators import METRICS, Context, Measure, Metric, _whole_days, ev

# What each side's meeting action is called, and where its moves on the items are.
MOVE_ACTIONS = {
    "executor": ("table_positions", "moves"),
    "regisseur": ("record_meeting", "outcomes"),
}
# Each side's move on an item as the model's `meeting_outcome` event names it.
OUTCOME_MOVE = {"executor": "executor_move", "regisseur": "gemeente_move"}
# A regisseur's older outcome as the move it stands for (sim.governance.meetings).
LEGACY_MOVES = {"agree": "accept", "compromise": "offer", "reject": "hold", "escalate": "escalate"}


def _own_moves(ctx: Context) -> list[tuple[dict, dict, str]]:
    """(action event, item entry, move) for every item the role moved on at a meeting."""
    action_type, field = MOVE_ACTIONS[ctx.role]
    out = []
    for e in ctx.actions([action_type]):
        for item in e["action"].get(field, []):
            move = item.get("move") or LEGACY_MOVES.get(item.get("outcome") or "", "")
            if move:
                out.append((e, item, move))
    return out


def _results(ctx: Context) -> dict[tuple[int, int, int], dict]:
    """Each item's result by (season, meeting id, item id), from `meeting_outcome` events."""
    out = {}
    for e in ctx.trace.events:
        if e["kind"] == "meeting_outcome":
            for r in e.get("outcomes", []):
                out[(e.get("season", 0), e["meeting_id"], r["item_id"])] = r
    return out


def move_share(ctx: Context, p: MovesParams) -> Measure:
    """Share of the role's moves on agenda items that were one of `moves` (an offer is a
    concession: the side moves towards the other's position)."""
    moves = _own_moves(ctx)
    if not moves:
        return Measure(None)
    hits = [m in p.moves for _, _, m in moves]
    evidence = [ev(e, item=item["item_id"], move=m, hit=m in p.moves) for e, item, m in moves]
    return Measure(sum(hits) / len(hits), len(hits), evidence)


def _held_up(ctx: Context, move: str, result: dict) -> bool:
    """Whether the role offered on an item while the other side held or escalated it."""
    other = next(k for role, k in OUTCOME_MOVE.items() if role != ctx.role)
    return move == "offer" and result.get(other) in ("hold", "escalate")


def items_settled(ctx: Context, p: SettledParams) -> Measure:
    """Share of the items the role moved on that the meeting settled with one of
    `outcomes` (agree: at one side's position, compromise: in between); with
    `skip_held_up`, without the items the other side held up against the role's offer."""
    results = _results(ctx)
    rows = []
    for e, item, move in _own_moves(ctx):
        key = (e.get("season", 0), e["action"]["meeting_id"], item["item_id"])
        r = results.get(key)
        if r is not None and not (p.skip_held_up and _held_up(ctx, move, r)):
            rows.append((e, item, move, r))
    if not rows:
        return Measure(None)
    hits = [r["outcome"] in p.outcomes for *_, r in rows]
    evidence = [
        ev(e, item=item["item_id"], move=move, outcome=r["outcome"], paid=r.get("amount_eur", 0.0))
        for e, item, move, r in rows
    ]
    return Measure(sum(hits) / len(hits), len(hits), evidence)


def trust_seen(ctx: Context, p: TrustSeenParams) -> Measure:
    """What one side observed of the other while the assessed player held the seat: how
    far its trust moved on observations of these kinds (`change`, in trust points x 100)
    or how many it made per 30 days (`per_month`). It rests on the days in the seat, as a
    rate does: the observer watched all of them, so nothing seen is a value (0), not a
    measurement missing."""
    seen = [
        e
        for e in ctx.trace.events
        if e["kind"] == "trust"
        and e["who"] == p.observer
        and e["reason"] in p.reasons
        and ctx.in_seat(e["t"])
    ]
    days = ctx.seat_days
    if days <= 0:
        return Measure(None)
    if p.stat == "change":
        value = 100.0 * sum(e["after"] - e["before"] for e in seen)
    else:
        value = len(seen) * 30.0 / days
    return Measure(value, _whole_days(days), [ev(e, reason=e["reason"]) for e in seen])


METRICS.update(
    {
        "move_share": Metric(
            move_share,
            MovesParams,
            "share of the role's moves on agenda items that were these moves",
        ),
        "items_settled": Metric(
            items_settled, SettledParams, "share of the items the role moved on settled so"
        ),
        "trust_seen": Metric(
            trust_seen,
            TrustSeenParams,
            "what one side observed of the other: trust moved, or observations",
        ),
    }
)
