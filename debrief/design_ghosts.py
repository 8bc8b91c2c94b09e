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
    winter = dict(base, **adopted_plan(session.scenario, score.plan))

    def with_contract(contract: ContractConfig, design: dict | None) -> Scenario:
        # The class's winter: its contract, and the plan it adopted (the executor's means
        # and routes); the bots' design starts from the scenario as the class's did.
        data = dict(base if design else winter, contract=contract.model_dump(mode="json"))
        return Scenario.model_validate(dict(data, design=design))

    design = dict(base.get("design") or {}, skip=False)
    # The bots design from the scenario's contract, the starting offer the class had.
    out = {
        "played": with_contract(played, None),
        "bots": with_contract(session.scenario.contract, design),
    }
    for risk in score.gaps:
        out[risk.term] = with_contract(ds.with_term(played, risk.term), None)
    return out


def adopted_plan(scenario, plan: dict | None) -> dict:
    """The scenario keys the adopted plan sets (the executor's means, the route levels),
    as sim.design.plan_step applies it; empty when no plan was adopted or it is the
    reference."""
    from sim.design.plan import PlanTerms, changes, executor_config, levels_of, reference_plan

    if not plan:
        return {}
    ref = reference_plan(scenario.executor, scenario.plan)
    adopted = PlanTerms.model_validate(plan["plan"])
    if not changes(adopted, ref):
        return {}
    return {
        "executor": executor_config(scenario.executor, ref, adopted).model_dump(mode="json"),
        "plan": levels_of(adopted).model_dump(mode="json"),
    }


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
