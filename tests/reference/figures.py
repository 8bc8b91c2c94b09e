"""The reference figures of the architecture refactor: KPIs and final state hashes.

`python -m tests.reference.figures --write` records them (once, before a refactor);
`tests/reference/test_reference.py` checks that the code still produces them, bit for bit.
A refactor changes no figure; a documented fix that does re-records them and says so.

The state hashes here are of hash version 1, as session logs of format 2 hold them (format
3 logs hold the cheaper version 2): the figures were recorded with it, and a state hash
version compares states, not what the hash is made of. Scripted sessions are written in
format 2 for the same reason.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

from sim.model import RegieModel
from sim.scenario.loader import list_scenarios, load_scenario, scenario_base_dir

REFERENCE = Path(__file__).with_name("figures.json")
LOG_FORMAT = 2  # the session-log format whose state hashes the figures hold (hash version 1)
SEEDS = (1, 2, 3)
ARCHETYPES = {"regisseur": ("controller", "relational", "absent"),
              "executor": ("cooperative", "opportunistic", "bureaucratic"),
              "wethouder": ("hands_off", "incident_driven", "procedural")}
SHORT = ["weather.climate=severe", "weather.start_date=2026-01-01", "weather.days=20"]


def seat_variants(scenario_path: Path) -> list[tuple[str, str | None, str | None]]:
    """(case name, role, bot) per run: the scenario's own seats, then every other archetype
    in each seat with the other seats as the scenario has them."""
    sc = load_scenario(scenario_path)
    out: list[tuple[str, str | None, str | None]] = [("default", None, None)]
    for role, names in ARCHETYPES.items():
        own = getattr(sc.roles, role).bot
        out += [(f"{role}={n}", role, n) for n in names if n != own]
    return out


def cases() -> list[str]:
    """Every reference case id: scenario/seed/seats, plus scripted, seasons and replay."""
    ids = [f"run/{p.stem}/{seed}/{case}" for p in list_scenarios("gladheid") for seed in SEEDS
           for case, _, _ in seat_variants(p)]
    from sim.bots import SCRIPTED

    ids += [f"scripted/{role}/{name}" for role, table in SCRIPTED.items() for name in table]
    ids += ["seasons/gladheid_gedwongen_winkelnering/1", "ghost/relational"]
    return ids


def _floats(kpis: dict) -> dict:
    return {k: (None if v is None else float(v)) for k, v in kpis.items()}


def figure(case: str) -> dict:
    """The figures of one case (KPIs, state hash, and where it applies a log digest)."""
    from sim.kpi import summary
    from sim.session import state_hash

    kind, *rest = case.split("/")
    if kind == "run":
        stem, seed, seats = rest
        path = next(p for p in list_scenarios("gladheid") if p.stem == stem)
        overrides = [] if seats == "default" else [f"roles.{seats.replace('=', '.bot=')}"]
        sc = load_scenario(path, overrides)
        model = RegieModel(sc, seed=int(seed), base_dir=scenario_base_dir(path))
        model.run_season()
        return {"kpis": _floats(summary(model)), "hash": state_hash(model, LOG_FORMAT)}
    if kind == "seasons":
        from sim.seasons import run_seasons

        stem, seed = rest
        path = next(p for p in list_scenarios("gladheid") if p.stem == stem)
        res = run_seasons(load_scenario(path), int(seed), 2, base_dir=scenario_base_dir(path))
        return {"kpis": _floats(res.kpis)}
    if kind == "scripted":
        return _scripted(*rest)
    if kind == "ghost":
        return _ghost(rest[0])
    raise ValueError(case)


def _log_digest(path: Path) -> str:
    """sha256 over the log's events apart from the header and `trust` events (added later;
    the others are numbered as if there were none)."""
    h = hashlib.sha256()
    seq = 0
    with open(path, encoding="ascii") as fh:
        next(fh)
        for line in fh:
            event = json.loads(line)
            if event.get("kind") == "trust":
                continue
            event["seq"], seq = seq, seq + 1
            h.update(json.dumps(event, sort_keys=True).encode())
    return h.hexdigest()


def _scripted(role: str, name: str) -> dict:
    from sim.bots import SCRIPTED
    from sim.bots.play import record_session
    from sim.scenario.loader import resolve_scenario

    path = resolve_scenario(None)
    sc = load_scenario(path, SHORT)
    with tempfile.TemporaryDirectory() as tmp:
        log = record_session(Path(tmp) / "s.jsonl", sc, 4, {role: SCRIPTED[role][name]()},
                             trainer=[(80, {"inject": "media_storm", "severity": 0.7}),
                                      (100, {"act": "bookmark", "tag": "t", "note": "n"})],
                             format_version=LOG_FORMAT)
        end = json.loads(log.read_text().splitlines()[-1])
        return {"kpis": _floats(end["kpis"]), "hash": end["hash"], "log": _log_digest(log)}


def _ghost(name: str) -> dict:
    """A recorded session re-run as the debrief does, and one ghost run of it."""
    from debrief.logread import read_session
    from debrief.rerun import ghost_specs, rerun_session, run_ghost
    from sim.bots import SCRIPTED
    from sim.bots.play import record_session
    from sim.scenario.loader import resolve_scenario

    path = resolve_scenario(None)
    sc = load_scenario(path, SHORT)
    with tempfile.TemporaryDirectory() as tmp:
        log = record_session(Path(tmp) / "s.jsonl", sc, 4,
                             {"regisseur": SCRIPTED["regisseur"][name]()},
                             format_version=LOG_FORMAT)
        session = read_session(log)
        trace = rerun_session(session)
        ghost = run_ghost(session.scenario, session.base_dir,
                          ghost_specs(session, [4])[0])
    return {"kpis": _floats(trace.kpis), "ghost_kpis": _floats(ghost.kpis),
            "daily": _digest(trace.daily),
            "extras": _digest({k: v for k, v in trace.extras.items() if k != "trust_history"}),
            # Since the log holds trust events (format 2), the debrief's trust history is read
            # from them: trust changes per side, daily reversion included (recorded anew then).
            "trust_history": _digest(trace.extras["trust_history"]),
            "events": _digest(_without_trust(trace.events))}


def _without_trust(events: list[dict]) -> list[dict]:
    """Log events apart from `trust` events (added later), numbered as if there were none."""
    kept = [dict(e) for e in events if e["kind"] != "trust"]
    for seq, e in enumerate(kept):
        if "seq" in e:
            e["seq"] = seq
    return kept


def _digest(obj: object) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=repr).encode()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="record figures.json")
    ap.add_argument("--only", default="", help="cases starting with this prefix")
    args = ap.parse_args()
    out = {c: figure(c) for c in cases() if c.startswith(args.only)}
    if args.write:
        REFERENCE.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    else:
        print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
