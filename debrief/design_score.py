"""The design score: did the contract the class agreed foresee what the winter brought?

For each risk the case names (Hesselink, Den Hollander & Keesmaat: "strooien werkt niet of
het zout is op", the political incident, the dispute over price, the new executor's
learning period) the debrief reads from the run whether the winter brought it, and from
the `contract_agreed` event (or, without a design phase, the scenario's contract) whether
the contract held the term that handles it. A term added in play (`rule_changed`) is
noted with its moment. What a gap cost comes from the run itself and, when the report
runs them, from ghost runs of the same winter with the gap filled (debrief.design_ghosts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.design.bots import CONDITION_TERMS
from sim.design.terms import PLOUGH_RULE, SALT_RULE, contract_of, terms_of
from sim.scenario.schema import ContractConfig

# An executor below this professional maturity at the start is still learning the work
# (the scenario's default newcomer is 0.4; sim.scenario.behaviour's after a switch 0.25)
# [-] (assumption: the middle of the maturity scale).
LEARNING_MATURITY = 0.5
# Injects that bring a risk, by risk (sim.governance.injects).
RISK_INJECTS = {
    "salt": ("salt_supplier_fails",),
    "snow": ("snowstorm",),
    "politics": ("media_storm", "council_motion"),
}
# The risks in the order the report lists them, each with the term that handles it (a
# term of sim.design.terms) and the KPI that shows what its gap cost.
RISKS: tuple[tuple[str, str, str], ...] = (
    ("salt", "salt_rule_t", "salt_shortage_days"),
    ("snow", "plough_rule_cm", "reachability_pct"),
    ("politics", "escalation_committee", "bypasses"),
    ("price", "price_benchmark", "price_disputes"),
    ("learning", "transition_months", "executor_maturity"),
)
# Rule changes in play that add a term (sim.governance.rulechange's targets).
RULE_TERM = {
    SALT_RULE: "salt_rule_t",
    PLOUGH_RULE: "plough_rule_cm",
    "escalation_committee": "escalation_committee",
}


@dataclass
class Risk:
    """One risk: whether the winter brought it, whether the contract had its term."""

    id: str
    term: str  # the DesignTerms item that handles it
    kpi: str  # the KPI that shows what the gap cost
    brought: bool
    evidence: list[dict] = field(default_factory=list)  # events that show it came
    had_term: bool = False
    added_t: int | None = None  # hour a meeting added the term in play (rule_changed)

    @property
    def gap(self) -> bool:
        """The winter brought it and the contract had no term for it."""
        return self.brought and not self.had_term


@dataclass
class DesignScore:
    """The design score of one run."""

    designed: bool  # the class played the design phase (else the scenario's contract held)
    outcome: str  # agreed, lapsed, closed (by the trainer), or "" without a design phase
    contract: dict  # the contract the winter started with (ContractConfig as JSON)
    risks: list[Risk]
    minutes: float = 0.0
    moves: int = 0
    unfinished: bool = False  # the scenario plays the phase, the log stops inside it
    plan: dict | None = None  # the adopted plan as contract_agreed logs it (sim.design)

    @property
    def brought(self) -> list[Risk]:
        """The risks the winter brought."""
        return [r for r in self.risks if r.brought]

    @property
    def foreseen(self) -> list[Risk]:
        """The risks the winter brought that the contract had a term for."""
        return [r for r in self.brought if r.had_term]

    @property
    def gaps(self) -> list[Risk]:
        """The risks the winter brought without a term in the contract."""
        return [r for r in self.risks if r.gap]


def forecasts(events: list[dict]) -> dict[str, tuple[int, int]]:
    """The room's risk forecasts (sim.design.classroom: what the people who did not
    negotiate expected the winter to bring): risk -> (people who ticked it, people who
    answered); empty without forecasts."""
    from sim.design.classroom import RISKS as TICKED
    from sim.design.classroom import risk_forecasts

    people = risk_forecasts(events)
    ours = dict(zip(TICKED, (rid for rid, _, _ in RISKS), strict=True))
    if not people:
        return {}
    return {ours[r]: (sum(r in p["risks"] for p in people), len(people)) for r in TICKED}


def agreed_event(trace) -> dict | None:
    """The first winter's `contract_agreed` event (None: no design phase was played)."""
    for e in trace.events:
        if e["kind"] == "contract_agreed" and e.get("season", 0) == 0:
            return e
    return None


def played_contract(trace) -> ContractConfig:
    """The contract the winter started with: the agreed one, or the scenario's."""
    e = agreed_event(trace)
    data = e["contract"] if e is not None else trace.start["contract"]
    return ContractConfig.model_validate(data)


def has_term(contract: ContractConfig, term: str) -> bool:
    """Whether a contract holds a term for the unforeseen."""
    value = getattr(terms_of(contract), term)
    if term in ("salt_rule_t", "plough_rule_cm"):
        return value is not None  # 0 cm: plough whenever the plan ploughs
    return bool(value)  # a committee, a benchmark, months of transition


def with_term(contract: ContractConfig, term: str) -> ContractConfig:
    """The contract with one gap filled, as the wethouder's condition would fill it (the
    salt rule at 60 t, ploughing from 5 cm, a committee, six months' transition; a
    benchmark), prices unchanged."""
    value = {key: v for key, v in CONDITION_TERMS.values()}.get(term, True)
    return contract_of(contract, terms_of(contract).model_copy(update={term: value}))


def _inject(trace, names: tuple[str, ...]) -> list[dict]:
    return [e for e in trace.events if e["kind"] == "inject" and e.get("name") in names]


def _kinds(trace, kinds: tuple[str, ...], **match) -> list[dict]:
    return [
        e
        for e in trace.events
        if e["kind"] in kinds and all(e.get(k) == v for k, v in match.items())
    ]


def _requests(trace, kind: str) -> list[dict]:
    return [
        e
        for e in trace.events
        if e["kind"] == "action"
        and e["action"].get("type") == "request_meerwerk"
        and e["action"].get("kind") == kind
    ]


def evidence(trace, risk: str) -> list[dict]:
    """The events that show the winter brought a risk (empty: it did not)."""
    if risk == "salt":
        out = _inject(trace, RISK_INJECTS["salt"]) + _requests(trace, "emergency_salt")
        out += _kinds(trace, ("rule_applied", "rule_not_applied"), rule=SALT_RULE)
        if not out and trace.kpis.get("salt_shortage_days", 0) > 0:
            out.append(
                {"kind": "shortage", "t": trace.stop_t, "days": trace.kpis["salt_shortage_days"]}
            )
        return out
    if risk == "snow":
        out = _requests(trace, "plough") + _kinds(trace, ("rule_applied",), rule=PLOUGH_RULE)
        limit = trace.start.get("plough_threshold_cm", 0.0)
        snowy = [d for d, s in enumerate(trace.daily.get("snow_cm", [])) if s > limit]
        if not out and snowy:
            out.append({"kind": "snow", "t": snowy[0] * 24, "days": len(snowy)})
        return out
    if risk == "politics":
        points = [
            e
            for e in trace.events
            if e["kind"] == "decision_point"
            and e.get("dp_kind") in ("incident", "council_question")
        ]
        return _inject(trace, RISK_INJECTS["politics"]) + points + _kinds(trace, ("bypass",))
    if risk == "price":
        return _kinds(trace, ("dispute",), dispute_kind="price")
    if risk == "learning":
        start = trace.start
        new = start.get("sourcing") != "in_house" and start.get("maturity", 1.0) < (
            LEARNING_MATURITY
        )
        tenders = _kinds(trace, ("tender",), outcome="switch")
        return (
            [{"kind": "learning", "t": 0, "maturity": start["maturity"]}] if new else []
        ) + tenders
    raise KeyError(risk)


def score(trace) -> DesignScore:
    """The design score of a run (the session's re-run or a ghost)."""
    e = agreed_event(trace)
    contract = played_contract(trace)
    added = {}
    for c in trace.events:
        if c["kind"] == "rule_changed" and c.get("change") == "add" and c["rule"] in RULE_TERM:
            added.setdefault(RULE_TERM[c["rule"]], c["t"])
    risks = []
    for rid, term, kpi in RISKS:
        found = evidence(trace, rid)
        risks.append(
            Risk(rid, term, kpi, bool(found), found, has_term(contract, term), added.get(term))
        )
    return DesignScore(
        designed=e is not None,
        unfinished=e is None and bool(trace.start.get("design")),
        plan=e.get("plan") if e is not None else None,
        outcome=e["outcome"] if e is not None else "",
        contract=contract.model_dump(mode="json"),
        risks=risks,
        minutes=float(e["minutes"]) if e is not None else 0.0,
        moves=int(e["moves"]) if e is not None else 0,
    )
