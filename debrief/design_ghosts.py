"""What the contract's gaps cost: ghost runs of the same winter under other contracts.

Each run is an ordinary ghost run (debrief.rerun.run_ghost: the session's weather, the
trainer's injects at the same hours, a person's seat held by the scenario's bot), with
the scenario's contract replaced:

- ``played``: the contract the class played (agreed, or the scenario's), as the baseline
  the others are compared with: the same bots, so a difference is the contract's;
- ``bots``: the contract the bots agree in a design phase (the scenario's archetypes);
- one run per gap: the played contract with that one term added (debrief.design_score).

They run on the report's first ``DESIGN_SEEDS`` seeds (the session's own first), within
the debrief's speed budget (bench/bench_debrief.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from debrief import design_score as ds
from debrief.rerun import GhostSpec, Trace, run_ghost, session_inputs
from sim.actions import ROLES

# Seeds per contract (the session's seed first) [-] (the same weather each time: only
# the citizens and the chance in meetings differ, so a few show the spread).
DESIGN_SEEDS = 3
# What the table shows for each run: the brief's five figures and reachability.
DESIGN_KPIS = (
    "salt_shortage_days",
    "reachability_pct",
    "bypasses",
    "cost_total_eur",
    "disputes",
    "trust_gemeente_in_executor",
)


@dataclass
class DesignRun:
    """One contract's ghost runs: the key (played, bots or a term) and its traces."""

    key: str
    traces: list[Trace]

    def mean(self, kpi: str) -> float | None:
        """The KPI's mean over the seeds."""
        vals = [t.kpis[kpi] for t in self.traces if t.kpis.get(kpi) is not None]
        return sum(vals) / len(vals) if vals else None

    def contract(self) -> dict | None:
        """The contract the run played (for ``bots``: the one they agreed)."""
        if not self.traces:
            return None
        return ds.played_contract(self.traces[0]).model_dump(mode="json")


def variant_scenarios(session, score: ds.DesignScore) -> dict[str, object]:
    """key -> the scenario a design ghost runs (see the module docstring)."""
    from sim.scenario.schema import ContractConfig, Scenario

    base = session.scenario.model_dump(mode="json")
    played = ContractConfig.model_validate(score.contract)

    def with_contract(contract: ContractConfig, design: dict | None) -> Scenario:
        data = dict(base, contract=contract.model_dump(mode="json"), design=design)
        return Scenario.model_validate(data)

    design = dict(base.get("design") or {}, skip=False)
    out = {"played": with_contract(played, None), "bots": with_contract(played, design)}
    if not score.designed:  # the bots design from the scenario's contract, as a class would
        out["bots"] = with_contract(session.scenario.contract, design)
    for risk in score.gaps:
        out[risk.term] = with_contract(ds.with_term(played, risk.term), None)
    return out


def specs(session, seeds: list[int]) -> list[GhostSpec]:
    """One spec per seed: every seat held by a bot, as in the session's other seats."""
    start, changes, injects, stop = session_inputs(session)
    seats0 = tuple((r, start[r]) for r in ROLES)
    return [
        GhostSpec(
            "design", "contract", seed, session.seed, seats0, tuple(changes), tuple(injects), stop
        )
        for seed in seeds[:DESIGN_SEEDS]
    ]


def submit(runner, session, score: ds.DesignScore, seeds: list[int]) -> dict[str, list]:
    """Queue the design ghosts on the report's runner: key -> futures (one per seed)."""
    out = {}
    for key, scenario in variant_scenarios(session, score).items():
        out[key] = [
            runner.submit(run_ghost, scenario, session.base_dir, spec)
            for spec in specs(session, seeds)
        ]
    return out


def collect(futures: dict[str, list]) -> list[DesignRun]:
    """The finished design ghosts, labelled by their contract."""
    runs = []
    for key, futs in futures.items():
        traces = [f.result() for f in futs]
        for t in traces:
            t.role, t.archetype, t.label = "design", key, f"design:{key}"
        runs.append(DesignRun(key, traces))
    return runs
