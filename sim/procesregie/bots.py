"""Bot archetypes for the procesregie seats, in one registry like sim.bots.

A bot answers `decide(observation) -> list of action dicts`, acted on through the model's
front door (`submit`), as a person's actions are. The archetypes follow rules only: the
model's chance lives in the process, not in the bots.
"""

from __future__ import annotations

from typing import ClassVar


class ProcesBot:
    """Base: a named archetype for a seat kind ("regisseur" or "party")."""

    seat: ClassVar[str]
    name: ClassVar[str]
    description_en: ClassVar[str]

    def decide(self, obs: dict) -> list[dict]:
        raise NotImplementedError


class Open(ProcesBot):
    """Keeps the process open: rules agreed first, a round beyond the minimum, one-to-one
    talks with the party that trusts the gemeente least."""

    seat, name = "regisseur", "open"
    description_en = "keeps divergence open, agrees process rules, talks one-to-one"

    def decide(self, obs: dict) -> list[dict]:
        acts: list[dict] = []
        if not obs["rules_agreed"]:
            acts.append({"type": "agree_process_rules"})
        trust = {
            k: v
            for k, v in obs["trust_in_gemeente"].items()
            if k != "gemeente" and obs["invited"][k]
        }
        if trust:
            acts.append({"type": "talk_one_to_one", "party": min(trust, key=trust.get)})
        if obs["phase"] == "divergeren" and obs["rounds_in_phase"] > obs["min_rounds"]:
            acts.append({"type": "close_phase"})
        return acts


class Haastig(ProcesBot):
    """Closes divergence the moment the process rules allow it."""

    seat, name = "regisseur", "haastig"
    description_en = "closes divergence as soon as the rules allow"

    def decide(self, obs: dict) -> list[dict]:
        if obs["phase"] == "divergeren" and obs["rounds_in_phase"] >= obs["min_rounds"]:
            return [{"type": "close_phase"}]
        return []


class Sturend(ProcesBot):
    """Directs: frames the agenda on betaalbaarheid, closes at the minimum, no talks."""

    seat, name = "regisseur", "sturend"
    description_en = "frames the agenda and steers to a result"

    def decide(self, obs: dict) -> list[dict]:
        acts = [] if obs["week"] else [{"type": "frame_agenda", "dimension": "betaalbaarheid"}]
        return acts + Haastig().decide(obs)


class Constructief(ProcesBot):
    """Steps up from faciliteren to participeren once it trusts the others."""

    seat, name = "party", "constructief"
    description_en = "takes part more as trust grows"

    def decide(self, obs: dict) -> list[dict]:
        me = obs["roles"][obs["seat"]]
        if me == "faciliteren" and obs["my_trust"] >= 0.65:
            return [{"type": "choose_role", "role": "participeren"}]
        return []


class Afwachtend(ProcesBot):
    """Keeps the role it started with."""

    seat, name = "party", "afwachtend"
    description_en = "keeps its role"

    def decide(self, obs: dict) -> list[dict]:
        return []


class Dwarsligger(ProcesBot):
    """Leaves the table when nothing on the shortlist beats its outside option."""

    seat, name = "party", "dwarsligger"
    description_en = "walks away when the shortlist does not beat its outside option"

    def decide(self, obs: dict) -> list[dict]:
        best = max(obs["shortlist_utility"], default=1.0)
        if obs["roles"][obs["seat"]] != "niet_meedoen" and best < obs["outside_option"]:
            return [{"type": "choose_role", "role": "niet_meedoen"}]
        return []


REGISTRY: tuple[type[ProcesBot], ...] = (
    Open,
    Haastig,
    Sturend,
    Constructief,
    Afwachtend,
    Dwarsligger,
)
BOTS = {seat: {b.name: b for b in REGISTRY if b.seat == seat} for seat in ("regisseur", "party")}


def seat_kind(seat: str) -> str:
    """The kind of a seat: "regisseur" for the regisseur's, "party" for a party's."""
    return "regisseur" if seat == "regisseur" else "party"


def make_seat_bot(seat: str, name: str) -> ProcesBot:
    """A bot of that archetype for a seat; ValueError naming the archetypes otherwise."""
    kind = seat_kind(seat)
    if name not in BOTS[kind]:
        raise ValueError(f"no {kind} bot named {name!r}; choose from {sorted(BOTS[kind])}")
    return BOTS[kind][name]()
