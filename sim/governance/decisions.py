"""Decision points: moments where a role must choose, with options and a deadline.

The model raises them; bots answer at once; in the game the clock pauses until the human
answers (or the trainer hands the seat to a bot). Each point is answered by one action
whose `type` is in `action_types` and whose reference id matches `ref`.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, is_dataclass

_ATOMS = (str, int, float, bool, type(None))  # immutable: shared, as deepcopy shares them

# kind -> (role, action type answering it, field holding the reference id, deadline hours)
KINDS: dict[str, tuple[str, str, str, int]] = {
    "forecast_briefing": ("executor", "plan_night", "briefing_id", 1),
    "monthly_report": ("executor", "submit_report", "report_id", 24),
    "invoice": ("regisseur", "review_invoice", "invoice_id", 72),
    "meerwerk_request": ("regisseur", "decide_meerwerk", "request_id", 12),
    "meeting": ("regisseur", "record_meeting", "meeting_id", 2),
    "council_question": ("regisseur", "answer_council", "question_id", 48),
    "incident": ("wethouder", "intervene", "incident_id", 4),
    "posture": ("executor", "set_posture", "posture_id", 24),
    "order": ("executor", "respond_order", "order_id", 2),
    "meeting_position": ("executor", "table_positions", "meeting_id", 2),
    # The design phase before the winter (sim.design): the clock stands at hour 0.
    "design_conditions": ("wethouder", "set_conditions", "design_id", 0),
    "design_executor": ("executor", "design_move", "design_id", 0),
    "design_regisseur": ("regisseur", "design_move", "design_id", 0),
    "design_plan_draft": ("executor", "plan_move", "design_id", 0),
    "design_plan_review": ("regisseur", "plan_move", "design_id", 0),
    "design_plan_answer": ("executor", "plan_move", "design_id", 0),
}


@dataclass
class DecisionPoint:
    """An open question for one role."""

    id: int
    kind: str
    role: str
    hour: int
    deadline_hour: int
    ref: int
    options: list[dict] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    answered: bool = False

    @property
    def action_type(self) -> str:
        """The action type that answers this point."""
        return KINDS[self.kind][1]

    @property
    def ref_field(self) -> str:
        """The action field that must equal `ref`."""
        return KINDS[self.kind][2]

    def to_dict(self) -> dict:
        """JSON-ready view (observations, session log): equal to `dataclasses.asdict`, a deep
        copy, but walking the plain dicts and lists of options and context directly."""
        return {
            "id": self.id,
            "kind": self.kind,
            "role": self.role,
            "hour": self.hour,
            "deadline_hour": self.deadline_hour,
            "ref": self.ref,
            "options": _plain_copy(self.options),
            "context": _plain_copy(self.context),
            "answered": self.answered,
        }


def _plain_copy(obj: object) -> object:
    """Deep copy as `dataclasses.asdict` makes it, fast for dicts, lists and scalars."""
    kind = type(obj)
    if kind in _ATOMS:
        return obj
    if kind is dict:
        return {_plain_copy(k): _plain_copy(v) for k, v in obj.items()}
    if kind is list:
        return [_plain_copy(v) for v in obj]
    if kind is tuple:
        return tuple(_plain_copy(v) for v in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    return copy.deepcopy(obj)


class DecisionBoard:
    """All decision points of a run, open and answered."""

    def __init__(self) -> None:
        self.points: list[DecisionPoint] = []
        self._open: list[DecisionPoint] = []  # unanswered, oldest first

    def raise_point(
        self, kind: str, hour: int, ref: int, options: list[dict], context: dict
    ) -> DecisionPoint:
        """Open a new decision point for the role that owns this kind."""
        role, _, _, deadline = KINDS[kind]
        point = DecisionPoint(
            id=len(self.points),
            kind=kind,
            role=role,
            hour=hour,
            deadline_hour=hour + deadline,
            ref=ref,
            options=options,
            context=context,
        )
        self.points.append(point)
        self._open.append(point)
        return point

    def close(self, point: DecisionPoint) -> None:
        """Mark a point answered."""
        point.answered = True
        self._open.remove(point)

    def open_for(self, role: str) -> list[DecisionPoint]:
        """Unanswered points of one role, oldest first."""
        return [p for p in self._open if p.role == role]

    def any_open(self) -> bool:
        """Whether any point is unanswered."""
        return bool(self._open)

    def has_open(self, role: str) -> bool:
        """Whether this role has an unanswered point."""
        # Asked for every seat every hour: a plain loop, cheaper than any() over a generator.
        for p in self._open:  # noqa: SIM110
            if p.role == role:
                return True
        return False

    def find(self, role: str, action_type: str, ref: int) -> DecisionPoint | None:
        """The open point this action would answer, if any."""
        for p in self._open:
            if p.role == role and p.action_type == action_type and p.ref == ref:
                return p
        return None

    def open_points(self) -> list[DecisionPoint]:
        """All unanswered points."""
        return list(self._open)
