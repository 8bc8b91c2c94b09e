"""The regisseur's instruments and the parties' moves as typed actions, with their checks.

People and bots act through the same front door (`ProcesModel.submit`): an action dict is
validated here, checked against the moment, and applied; a refusal gives a reason and
changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from sim.procesregie.schema import DIMENSIONS, PARTY_ROLES
from sim.procesregie.trust import effect

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel

REGISSEUR = "regisseur"


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Invite(_Action):
    """Bring a party to the table."""

    type: Literal["invite"] = "invite"
    party: str


class LeaveOut(_Action):
    """Leave a party out of the table (not the gemeente)."""

    type: Literal["leave_out"] = "leave_out"
    party: str


class FrameAgenda(_Action):
    """Put one value dimension first on the agenda (the table's order of talks)."""

    type: Literal["frame_agenda"] = "frame_agenda"
    dimension: Literal[DIMENSIONS]


class SetContentConditions(_Action):
    """Set (or drop) a content condition, only before the process opens."""

    type: Literal["set_content_conditions"] = "set_content_conditions"
    on: bool


class AgreeProcessRules(_Action):
    """Agree process rules with the table: no commitment in advance, an exit option."""

    type: Literal["agree_process_rules"] = "agree_process_rules"


class TalkOneToOne(_Action):
    """A one-to-one talk between the gemeente and a party (once a round)."""

    type: Literal["talk_one_to_one"] = "talk_one_to_one"
    party: str


class ContinuePhase(_Action):
    """Manage time: take another round in this phase."""

    type: Literal["continue_phase"] = "continue_phase"


class ChooseRole(_Action):
    """A party chooses its role: initiëren, participeren, faciliteren, niet meedoen."""

    type: Literal["choose_role"] = "choose_role"
    role: Literal[PARTY_ROLES]


class ChooseGemeenteRole(_Action):
    """The regisseur, for the gemeente, chooses its role in this opgave (the workshop
    text: "van initiëren, participeren, faciliteren naar niet(s) (mee) doen")."""

    type: Literal["choose_gemeente_role"] = "choose_gemeente_role"
    role: Literal[PARTY_ROLES]


class DeclareConsent(_Action):
    """A party's word on a shortlisted option while consolidating: consent (only within
    its mandate) or not. A party that gives none is judged by its interests."""

    type: Literal["declare_consent"] = "declare_consent"
    option: int = Field(ge=0, le=9)
    consent: bool


class ClosePhase(_Action):
    """Close divergeren (after its minimum rounds) and start convergeren."""

    type: Literal["close_phase"] = "close_phase"


REGISSEUR_ACTIONS = (
    Invite,
    LeaveOut,
    FrameAgenda,
    SetContentConditions,
    AgreeProcessRules,
    TalkOneToOne,
    ContinuePhase,
    ClosePhase,
    ChooseGemeenteRole,
)
PARTY_ACTIONS = (ChooseRole, DeclareConsent)
Action = Annotated[
    Invite
    | LeaveOut
    | FrameAgenda
    | SetContentConditions
    | AgreeProcessRules
    | TalkOneToOne
    | ContinuePhase
    | ClosePhase
    | ChooseRole
    | ChooseGemeenteRole
    | DeclareConsent,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter = TypeAdapter(Action)


def parse(action: dict) -> _Action | str:
    """The typed action, or the reason it is malformed."""
    try:
        return _ADAPTER.validate_python(action)
    except ValidationError as exc:
        return f"malformed action: {exc.errors()[0]['msg']}"


def check(model: ProcesModel, seat: str, act: _Action) -> str:
    """Empty if the seat may take the action now, else the reason."""
    if seat != REGISSEUR and seat not in model.keys_list():
        return f"no seat {seat!r}"
    mine = REGISSEUR_ACTIONS if seat == REGISSEUR else PARTY_ACTIONS
    if not isinstance(act, mine):
        return f"{seat} cannot {act.type}"
    if model.finished:
        return "the process is over"
    party = getattr(act, "party", None)
    if party is not None and party not in model.keys_list():
        return f"no party {party!r}"
    rules = model.rules
    reasons = {
        "invite": model.party(party).invited if party else False,
        "leave_out": party == "gemeente" or (party and not model.party(party).invited),
        "set_content_conditions": model.week > 0,
        "agree_process_rules": rules.agreed,
        "talk_one_to_one": party == "gemeente" or rules.talked_this_round,
        "continue_phase": model.phase != "divergeren",
        "close_phase": model.phase != "divergeren"
        or model.rounds_in_phase < model.scenario.process.divergence_min_rounds,
        "choose_role": isinstance(act, ChooseRole) and act.role == model.party(seat).role,
        "choose_gemeente_role": isinstance(act, ChooseGemeenteRole)
        and act.role == model.party("gemeente").role,
    }
    if reasons.get(act.type):
        return f"{act.type} is not possible now"
    if isinstance(act, DeclareConsent):
        return _consent_refused(model, seat, act)
    return ""


def _consent_refused(model: ProcesModel, seat: str, act: DeclareConsent) -> str:
    """Why a party may not give this word now ('' if it may)."""
    party = model.party(seat)
    if model.phase != "consolideren" or act.option >= len(model.shortlist):
        return "declare_consent: no shortlisted option to consolidate now"
    if not party.at_table:
        return "declare_consent: the party is not at the table"
    if act.consent and not party.within_mandate(model.shortlist[act.option]):
        return "declare_consent: outside the party's mandate (its achterban would not follow)"
    return ""


def apply(model: ProcesModel, seat: str, act: _Action) -> None:
    """Do a checked action."""
    gemeente = model.party("gemeente")
    if isinstance(act, Invite | LeaveOut):
        model.party(act.party).invited = isinstance(act, Invite)
    elif isinstance(act, FrameAgenda):
        model.rules.agenda = DIMENSIONS.index(act.dimension)
    elif isinstance(act, SetContentConditions):
        model.set_conditions(act.on)
    elif isinstance(act, AgreeProcessRules):
        model.rules.agreed = True
        for a in model.table():
            for b in model.table():
                if a is not b:
                    effect(model, "process_rules", a, b)
    elif isinstance(act, TalkOneToOne):
        model.rules.talked_this_round = True
        other = model.party(act.party)
        effect(model, "one_to_one", other, gemeente)
        effect(model, "one_to_one", gemeente, other)
    elif isinstance(act, ClosePhase):
        model.close_divergence()
    elif isinstance(act, ChooseRole):
        model.party(seat).role = act.role
    elif isinstance(act, ChooseGemeenteRole):
        model.party("gemeente").role = act.role
    elif isinstance(act, DeclareConsent):
        model.party(seat).declared[act.option] = act.consent
    model.decision_pending = model.decision_pending and not isinstance(
        act, ClosePhase | ContinuePhase
    )


def legal(model: ProcesModel, seat: str) -> list[dict]:
    """Every action the seat may take now, as dicts (one per party or choice)."""
    if seat == REGISSEUR:
        keys = model.keys_list()
        candidates = [
            *({"type": "invite", "party": k} for k in keys),
            *({"type": "leave_out", "party": k} for k in keys),
            *({"type": "frame_agenda", "dimension": d} for d in DIMENSIONS),
            *({"type": "set_content_conditions", "on": on} for on in (True, False)),
            {"type": "agree_process_rules"},
            *({"type": "talk_one_to_one", "party": k} for k in keys),
            {"type": "continue_phase"},
            {"type": "close_phase"},
            *({"type": "choose_gemeente_role", "role": r} for r in PARTY_ROLES),
        ]
    else:
        candidates = [
            *({"type": "choose_role", "role": r} for r in PARTY_ROLES),
            *(
                {"type": "declare_consent", "option": i, "consent": c}
                for i in range(len(model.shortlist))
                for c in (True, False)
            ),
        ]
    return [c for c in candidates if not check(model, seat, parse(c))]
