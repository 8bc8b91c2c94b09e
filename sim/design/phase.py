"""The design phase: a sequence of decision points at hour 0, before the winter's first
hour, through the same action API as the season (`submit`, `legal_actions`, observe).

Order: the wethouder sets political conditions; the regisseur says what the gemeente
asks (starting from the scenario's contract, the starting offer); the executor answers
with its draft (the 'hoe'), and the two sides take turns: accept the other's standing
offer, make a counter-offer, or walk away. Each offer costs table time on the trainer's
clock (design.minutes, design.minutes_per_move); without agreement the starting offer
holds (Hesselink et al.: under forced shopping the contract is there either way). The
agreed contract is validated, logged as `contract_agreed` and is what the winter runs
against (`apply.adopt`).

Bots and scripted people move as soon as it is their turn (`catch_up`); a person at the
UI is waited for, and the clock of the season stands still meanwhile. Because bots move
inside the person's submission, a replay of the person's logged moves rebuilds the phase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.design.apply import adopt
from sim.design.bots import CONDITION_TERMS, CONDITIONS, bot_move
from sim.design.plan_step import POINTS, PlanStep
from sim.design.terms import DesignTerms, contract_of, open_items, terms_of

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sim.governance.regie import Governance
    from sim.model import RegieModel

OTHER = {"regisseur": "executor", "executor": "regisseur"}
KIND = {"regisseur": "design_regisseur", "executor": "design_executor"}


class DesignPhase:
    """The state of the design phase: standing offers, whose turn, the clock."""

    def __init__(self, model: RegieModel) -> None:
        self.model = model
        self.start = model.scenario.contract
        self.start_terms = terms_of(self.start)
        cfg = model.scenario.design
        self.minutes = cfg.minutes
        self.minutes_per_move = cfg.minutes_per_move
        self.used = 0.0
        # Standing offers; the gemeente opens with what it asks (the scenario's contract
        # is the form it starts from), the executor answers with its draft.
        self.offers: dict[str, DesignTerms | None] = {"regisseur": None, "executor": None}
        self.opening: dict[str, float] = {}  # each side's first price factor [-]
        self.conditions: list[str] = []
        self.moves = 0
        self.status = "open"  # open | agreed | lapsed | closed (by the trainer)
        self.point = None
        self.plan_step = PlanStep(self)
        self._moving = False  # inside catch_up (see there)

    @property
    def open(self) -> bool:
        """Whether the phase still runs (the season's clock waits for it)."""
        return self.status == "open"

    @property
    def minutes_left(self) -> float:
        """Table time left [min]."""
        return max(0.0, self.minutes - self.used)

    def view(self, role: str) -> dict:
        """What a side sees: both standing offers, what is still open, the clock."""
        own = self.offers.get(role)
        other = self.offers.get(OTHER.get(role, "regisseur"))
        return {
            "own": own.model_dump() if own else None,
            "other": other.model_dump() if other else None,
            "start": self.start_terms.model_dump(),
            "start_fee_eur": self.start.fixed_fee_eur_per_season,
            "open_items": open_items(self.offers["regisseur"], self.offers["executor"]),
            "conditions": list(self.conditions),
            "minutes_left": self.minutes_left,
            "minutes_per_move": self.minutes_per_move,
            "plan": self.plan_step.view(),
        }

    # --- the sequence of points ----------------------------------------------------------
    def begin(self) -> None:
        """The first point: the wethouder's conditions."""
        self._raise(
            "design_conditions",
            "wethouder",
            [
                {"type": "set_conditions", "design_id": 0, "conditions": c}
                for c in ([], ["escalation_committee"], ["salt_rule"])
            ],
        )

    def _raise(self, kind: str, role: str, options: list[dict]) -> None:
        gov = self.model.governance
        self.point = gov.raise_point(kind, self.moves, options, self.view(role))

    def _next_turn(self, role: str) -> None:
        own = self.offers[role] or self.start_terms.model_copy(
            update=dict(CONDITION_TERMS[c] for c in self.conditions) if role == "regisseur" else {}
        )
        options = [{"type": "design_move", "design_id": self.moves, "move": "walk"}]
        if self.minutes_left + 1e-9 >= self.minutes_per_move:
            options.insert(
                0,
                {
                    "type": "design_move",
                    "design_id": self.moves,
                    "move": "offer",
                    "terms": own.model_dump(),
                },
            )
        if self.offers[OTHER[role]] is not None and not self.check_accept(role):
            options.insert(0, {"type": "design_move", "design_id": self.moves, "move": "accept"})
        self._raise(KIND[role], role, options)

    def catch_up(self) -> None:
        """Bots and scripted people in the seat whose turn it is move, until a person at
        the UI must move or the phase ends. Not again from inside a move: a listener that
        asks for legal actions while a point is raised must not move the phase on."""
        if self._moving:
            return
        self._moving = True
        try:
            self._catch_up()
        finally:
            self._moving = False

    def _catch_up(self) -> None:
        gov = self.model.governance
        if self.point is None and self.open and self.moves == 0:
            self.begin()
        guard = 0
        while self.open and self.point is not None and guard < 1_000:
            guard += 1
            role = self.point.role
            seat = gov.controllers[role]
            if seat is None:
                return
            before = self.moves
            if getattr(seat, "kind", "") == "human":  # a scripted person (HumanSeat)
                for action in seat.decide(self.model.observe(role)):
                    gov.submit(role, action)
            elif not gov.submit(role, self._bot_action(role, seat.name), by="bot").ok:
                # A bot must never stall the room: its move was refused (logged with the
                # reason), so the starting offer holds.
                self.finish("lapsed", self.start_terms)
                return
            if self.moves == before:
                return  # nobody moved (a script with nothing to say)

    def _bot_action(self, role: str, archetype: str) -> dict:
        if self.point.kind in POINTS:
            return {
                "type": "plan_move",
                "design_id": self.moves,
                **self.plan_step.bot_move(self.point.kind, archetype),
            }
        if role == "wethouder":
            return {
                "type": "set_conditions",
                "design_id": self.moves,
                "conditions": CONDITIONS.get(archetype, []),
            }
        return {
            "type": "design_move",
            "design_id": self.moves,
            **bot_move(self.model.governance, role, archetype),
        }

    # --- checks and moves (the action API's handlers) ------------------------------------
    def acceptable(self, role: str, terms: DesignTerms) -> bool:
        """Whether the side may put its name to these terms (the regisseur is bound by
        the wethouder's conditions)."""
        return not self.missing(role, terms)

    def missing(self, role: str, terms: DesignTerms) -> list[str]:
        """The wethouder's conditions these terms leave out (they bind the regisseur)."""
        if role != "regisseur":
            return []
        out = []
        for c in self.conditions:
            key, value = CONDITION_TERMS[c]
            have = getattr(terms, key)
            if (
                have is None
                or (isinstance(value, bool) and have != value)
                or (not isinstance(value, bool) and not have)
            ):
                out.append(c)
        return out

    def check_accept(self, role: str) -> str:
        """Why the side may not accept now ('' if it may)."""
        other = self.offers[OTHER[role]]
        if other is None:
            return "there is no offer of the other side to accept yet"
        missing = self.missing(role, other)
        if missing:
            return "the wethouder's conditions are not in that offer: " + ", ".join(missing)
        return ""

    def check(self, role: str, action: BaseModel) -> str:
        """Why a design move may not be made now ('' if it may)."""
        if action.move == "accept":
            return self.check_accept(role)
        if action.move == "walk":
            return ""
        if self.minutes_left + 1e-9 < self.minutes_per_move:
            return "no table time is left for a counter-offer: accept or walk away"
        if action.terms is None:
            return "an offer needs its terms"
        missing = self.missing(role, action.terms)
        if missing:
            return "the wethouder's conditions are not in this offer: " + ", ".join(missing)
        try:
            contract_of(self.start, action.terms)
        except ValueError as err:
            return f"these terms make no valid contract: {err}"
        return ""

    def set_conditions(self, conditions: list[str]) -> None:
        """The wethouder's conditions; the regisseur states the gemeente's ask next."""
        self.conditions = sorted(set(conditions))
        self.moves += 1
        self._next_turn("regisseur")

    def move(self, role: str, action: BaseModel) -> None:
        """An offer (it takes table time), an acceptance or walking away (a handshake or a
        no: they end the phase); then the other side's turn."""
        self.moves += 1
        if action.move == "accept":
            self.finish("agreed", self.offers[OTHER[role]])
            return
        if action.move == "walk":
            self.finish("lapsed", self.start_terms)
            return
        self.used += self.minutes_per_move
        first_ask = role == "regisseur" and self.offers[role] is None
        self.offers[role] = action.terms
        self.opening.setdefault(role, action.terms.price_factor)
        if first_ask:  # the 'wat' is asked: the executor drafts its plan (the 'hoe')
            self.plan_step.begin()
            return
        self._next_turn(OTHER[role])

    def after_plan(self) -> None:
        """The plan is adopted (and priced into the starting offer): the executor's offer."""
        self._next_turn("executor")

    def finish(self, status: str, terms: DesignTerms) -> None:
        """Close the phase with this contract (written to the log, used by the winter)."""
        self.status = status
        self.point = None
        contract = contract_of(self.start, terms)
        adopt(self.model, contract, status, self.used, self.moves, self.plan_step.record())
        self.plan_step.apply()


def start_design(model: RegieModel) -> DesignPhase | None:
    """The design phase of a first winter whose scenario asks for it (else None)."""
    cfg = model.scenario.design
    if cfg is None or cfg.skip or model.season > 0:
        return None
    return DesignPhase(model)


def _phase(gov: Governance) -> DesignPhase | None:
    return getattr(gov.model, "design", None)


def _check(gov: Governance, role: str, action: BaseModel) -> str:
    phase = _phase(gov)
    if phase is None or not phase.open:
        return "there is no design phase open"
    if action.type == "plan_move":
        return phase.plan_step.check(role, action)
    return phase.check(role, action) if action.type == "design_move" else ""


def _conditions(gov: Governance, role: str, action: BaseModel) -> None:
    gov.board.close(phase_point(gov))
    _phase(gov).set_conditions(list(action.conditions))


def _move(gov: Governance, role: str, action: BaseModel) -> None:
    gov.board.close(phase_point(gov))
    _phase(gov).move(role, action)


def phase_point(gov: Governance):
    """The design phase's open decision point."""
    return _phase(gov).point


def _plan_move(gov: Governance, role: str, action: BaseModel) -> None:
    gov.board.close(phase_point(gov))
    _phase(gov).plan_step.move(role, action)


HANDLERS = {
    "set_conditions": (_check, _conditions),
    "design_move": (_check, _move),
    "plan_move": (_check, _plan_move),
}
