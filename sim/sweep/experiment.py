"""Loading an experiment file into a validated :class:`~sim.sweep.plan.SweepPlan`.

An experiment names a base scenario, fixed overrides (``set``), factors that address
scenario keys by dotted path, a design (``grid``, ``lhs`` or ``sobol``), replications
and the KPIs to keep (the schema is in :mod:`sim.sweep.schema`). Loading happens in two
phases, both ending in ``FILE:LINE: key: message`` problems
(:class:`~sim.inputfile.InputFileError`), never a traceback:

1. structure: :func:`~sim.inputfile.load_yaml_model` validates the file against
   :class:`~sim.sweep.schema.Experiment` (types, bounds, unknown keys, design rules);
2. meaning: every factor level (and every design point) is turned into a scenario through
   the same override mechanism as ``regie run --set``, and each problem is reported at
   the experiment file's line of the offending value.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ValidationError

from sim.families import all_kpi_names
from sim.inputfile import (
    InputFileError,
    Problem,
    apply_overrides,
    load_yaml_model,
    load_yaml_text,
    unwrap_annotation,
)
from sim.sweep.plan import RESERVED_COLUMNS, FactorPlan, Level, SweepPlan
from sim.sweep.run_ids import canonical_json
from sim.sweep.schema import Distribution, Experiment, Factor

KPI_NAMES = all_kpi_names()  # every family's

MAX_RUNS = 10_000_000
"""Most runs (design points x replications) one experiment may plan."""
MAX_CHECKED = 100_000
"""Design points validated as whole scenarios when the experiment is loaded."""


def load_experiment(path: str | Path) -> SweepPlan:
    """Read, validate and plan the experiment file at ``path``.

    Raises :class:`~sim.inputfile.InputFileError` with ``FILE:LINE`` problems.
    """
    from sim.families import scenario_class_of_text
    from sim.scenario.loader import resolve_scenario, scenario_base_dir, scenario_hash

    path = Path(path)
    exp = load_yaml_model(path, Experiment)
    source = str(path)
    text = path.read_text(encoding="utf-8-sig")
    lines = _LineMap(text)

    def problem(loc: tuple, message: str) -> Problem:
        return Problem(source, lines.line(loc), ".".join(str(p) for p in loc), message)

    # Base scenario: relative to the experiment file first, then as `regie run` finds it.
    name = exp.scenario
    base_path: Path | None = None
    if name is not None and not Path(name).is_absolute():
        near = path.absolute().parent / name
        for candidate in (near, near.with_name(near.name + ".yaml")):
            if candidate.is_file():
                base_path = candidate
                break
    if base_path is None:
        try:
            base_path = resolve_scenario(name)
        except InputFileError as err:
            problems = [problem(("scenario",), p.message) for p in err.problems]
            raise InputFileError(problems) from None
    base_bytes = base_path.read_bytes()

    problems = [problem(("set", key), "the run seed comes from the experiment's seed and"
                        " replications; it cannot be set") for key in exp.set if key == "seed"]
    if problems:
        raise InputFileError(problems)
    try:
        scenario_cls = scenario_class_of_text(base_bytes)  # the base scenario's family
        base = load_yaml_text(base_bytes, str(base_path), scenario_cls, overrides=exp.set,
                              strict=True)
    except InputFileError as err:
        raise InputFileError(_remap(err.problems, str(base_path), exp.set,
                                    lambda key: problem(("set", key), ""))) from None
    except ValueError as err:  # a family no registry entry names
        raise InputFileError([problem(("scenario",), str(err))]) from None
    base_data = base.model_dump()
    checker = _Checker(base_data, base_bytes, str(base_path), exp.set)

    factors: list[FactorPlan] = []
    taken: dict[str, tuple] = {key: ("set", key) for key in exp.set}
    names: dict[str, int] = {}
    for i, factor in enumerate(exp.factors):
        loc = ("factors", i)
        plan, factor_problems = _plan_factor(i, factor, exp, checker, lambda sub, msg, _loc=loc:
                                             problem((*_loc, *sub), msg))
        problems.extend(factor_problems)
        if plan is None:
            continue
        if plan.name in names:
            problems.append(problem((*loc, "name"), f"factor name {plan.name!r} is used by"
                                    f" factor {names[plan.name]} too; give each a different name"))
        elif plan.name in RESERVED_COLUMNS or plan.name in KPI_NAMES or plan.name.startswith(
                "season_"):
            problems.append(problem((*loc, "name"), f"{plan.name!r} is a result column name;"
                                    " choose another name"))
        names.setdefault(plan.name, i)
        for key in plan.keys:
            clash = next((k for k in taken if _overlaps(k, key)), None)
            if clash is not None:
                owner = taken[clash]
                where = "under set:" if owner[0] == "set" else f"by factor {owner[1]}"
                problems.append(problem(loc, f"key {key} is also set {where} ({clash});"
                                        " each key may be set in one place only"))
            else:
                taken[key] = ("factor", i)
        factors.append(plan)
    if problems:
        raise InputFileError(problems)

    plan = SweepPlan(experiment=exp, path=path, text=text, base_path=base_path,
                     base_dir=scenario_base_dir(base_path), base_data=base_data,
                     base_hash=scenario_hash(base), factors=factors)
    if plan.n_runs > MAX_RUNS:
        raise InputFileError([problem(("replications",), f"{plan.n_points:,} design points x"
                                      f" {exp.replications:,} replications = {plan.n_runs:,}"
                                      f" runs, more than {MAX_RUNS:,}")])
    # Every combination must make a valid scenario too (cross-key rules such as mode shares
    # summing to one or stock within capacity); points are cheap to check (~0.1 ms). Beyond
    # MAX_CHECKED points a bad one is caught by its run (recorded in failures.jsonl).
    for point in itertools.islice(plan.points(), MAX_CHECKED):
        bad = checker.check(point.overrides)
        if bad is not None:
            shown = ", ".join(f"{k}={_short(v)}" for k, v in point.columns.items())
            out = []
            for message in bad:
                key = message.split(":", 1)[0]
                where = next((f for f in factors if any(_overlaps(k, key) for k in f.keys)),
                             factors[0])
                out.append(problem(("factors", where.index),
                                   f"design point {point.index} ({shown}): {message}"))
            raise InputFileError(out)
    return plan


def _plan_factor(i: int, factor: Factor, exp: Experiment, checker: _Checker,
                 problem: typing.Callable[[tuple, str], Problem],
                 ) -> tuple[FactorPlan | None, list[Problem]]:
    problems: list[Problem] = []
    grid = exp.design == "grid"
    keys: tuple[str, ...]
    if factor.levels is not None:
        keys = tuple(dict.fromkeys(k for s in factor.levels.values() for k in s))
        levels = []
        for label, settings in factor.levels.items():
            bad = checker.check(settings)
            for message in bad or ():
                at = next((k for k in settings if _overlaps(k, message.split(":", 1)[0])), None)
                problems.append(problem(("levels", label, *([at] if at else [])), message))
            levels.append(Level(label, dict(settings)))
        plan = FactorPlan(factor.column, i, keys, levels=levels, dtype="str",
                          description=factor.description)
        return (None if problems else plan), problems

    key = factor.key
    keys = (key,)
    if key == "seed":
        return None, [problem(("key",), "the run seed comes from the experiment's seed and"
                              " replications; it cannot be a factor")]
    annotation, info = _field_at(checker.scenario_cls, key.split("."))
    if annotation is None:
        # Not a scenario key: let the override mechanism say why (unknown key, did you mean).
        probe = factor.values[0] if factor.values is not None else 0.0
        bad = checker.check({key: probe}) or [f"{key} is not a scenario key"]
        return None, [problem(("key",), m) for m in bad]
    unit = _unit(info.description if info is not None else "")
    if factor.values is not None:
        levels = []
        for j, value in enumerate(factor.values):
            bad = checker.check({key: value})
            for message in bad or ():
                problems.append(problem(("values", j), message))
            column = factor.labels[j] if factor.labels else _column_value(value)
            levels.append(Level(column, {key: value}))
        plan = FactorPlan(factor.column, i, keys, levels=levels,
                          dtype=_dtype([lv.column for lv in levels]), unit=unit,
                          description=factor.description)
        return (None if problems else plan), problems

    # range or distribution: numeric keys only
    base_type = unwrap_annotation(annotation)
    sub = "range" if factor.range is not None else "distribution"
    if base_type not in (int, float):
        return None, [problem((sub,), f"{key} is not a number; give a list of values instead")]
    as_int = base_type is int
    if factor.range is not None:
        r = factor.range
        if grid:
            if r.num is None:
                return None, [problem(("range",), "a grid design needs range.num (how many"
                                      " evenly spaced values from low to high)")]
            raw = np.linspace(r.low, r.high, r.num)
            values = [int(round(x)) for x in raw] if as_int else [float(x) for x in raw]
            if as_int and len(set(values)) < len(values):
                return None, [problem(("range",), f"{key} is a whole number; range gives"
                                      f" repeated values {values}")]
            levels = []
            for value in values:
                bad = checker.check({key: value})
                for message in bad or ():
                    problems.append(problem(("range",), f"value {value}: {message}"))
                levels.append(Level(value, {key: value}))
            return (None if problems else FactorPlan(
                factor.column, i, keys, levels=levels, dtype="int" if as_int else "float",
                unit=unit, description=factor.description)), problems
        if r.num is not None:
            return None, [problem(("range", "num"), f"num is only used by grid designs;"
                                  f" a {exp.design} design draws from [low, high]")]
        dist = Distribution(type="uniform", low=r.low, high=r.high)
    else:
        if grid:
            return None, [problem(("distribution",), "a grid design takes values or a range"
                                  " with num; distributions need design lhs or sobol")]
        dist = factor.distribution
    for u in (1e-6, 0.5, 1 - 1e-6):
        value = float(dist.ppf(np.array([u]))[0])
        value = int(round(value)) if as_int else value
        bad = checker.check({key: value})
        if bad:
            hint = " (use truncnormal to bound a normal distribution)" if dist.type == "normal" \
                else ""
            return None, [problem((sub,), f"value {_short(value)}: {m}{hint}") for m in bad]
    return FactorPlan(factor.column, i, keys, distribution=dist, as_int=as_int,
                      dtype="int" if as_int else "float", unit=unit,
                      description=factor.description), []


class _Checker:
    """Builds a scenario from the base plus overrides, exactly as ``--set`` would."""

    def __init__(self, base_data: dict, base_bytes: bytes, base_source: str,
                 fixed: Mapping[str, Any]) -> None:
        from sim.families import scenario_class_of_text

        self.scenario_cls = scenario_class_of_text(base_bytes)
        self.base_data = base_data
        self.base_bytes = base_bytes
        self.base_source = base_source
        self.fixed = dict(fixed)

    def check(self, overrides: Mapping[str, Any]) -> list[str] | None:
        """None if valid; else one message per problem (``key: message``)."""
        data = copy.deepcopy(self.base_data)
        if not apply_overrides(data, overrides):
            try:
                self.scenario_cls.model_validate(data, strict=True)
                return None
            except ValidationError:
                pass
        # Slow path, for the messages: the scenario file with --set-style overrides.
        try:
            load_yaml_text(self.base_bytes, self.base_source, self.scenario_cls,
                           overrides={**self.fixed, **overrides}, strict=True)
        except InputFileError as err:
            return [_strip_set(f"{p.key}: {p.message}" if p.key else p.message)
                    for p in err.problems]
        return ["not a valid scenario"]  # pragma: no cover (fast and slow path disagree)


def _remap(problems: list[Problem], base_source: str, overrides: Mapping[str, Any],
           where: typing.Callable[[str], Problem]) -> list[Problem]:
    """Point problems caused by overrides at the experiment file's lines."""
    out = []
    for p in problems:
        key = next((k for k in overrides if _overlaps(k, p.key)), None)
        if key is None and "--set " in p.message:
            named = p.message.rsplit("--set ", 1)[1].rstrip(")").split(", ")[0]
            key = named if named in overrides else None
        if key is None:
            out.append(p)  # a problem of the base scenario file itself
            continue
        at = where(key)
        message = _strip_set(f"{p.key}: {p.message}" if p.key else p.message)
        out.append(Problem(at.file, at.line, at.key, message))
    return out


def _strip_set(message: str) -> str:
    return re.sub(r" \(with --set [^)]*\)$", "", message)


def _overlaps(a: str, b: str) -> bool:
    """Whether dotted keys a and b address the same value or one contains the other."""
    return a == b or b.startswith(a + ".") or a.startswith(b + ".")


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    text = canonical_json(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."


def _column_value(value: Any) -> Any:
    """A factor value as a table cell: scalars as they are, anything else as JSON text."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return canonical_json(value)


def _dtype(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "float"
    return "str"


def _field_at(model: type[BaseModel], parts: list[str]) -> tuple[Any, Any]:
    """(annotation, FieldInfo) of the scenario field at a dotted path; (None, None) if none."""
    current: Any = model
    info = None
    for part in parts:
        current = unwrap_annotation(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None, None
            current = info.annotation
        elif typing.get_origin(current) is list and part.isdecimal():
            current = typing.get_args(current)[0]
            info = None
        else:
            return None, None
    return current, info


def _unit(description: str) -> str:
    """The unit in brackets at the end of a schema field description, e.g. 'EUR/t'."""
    found = re.findall(r"\[([^\]]+)\]", description or "")
    return found[-1] if found else ""


class _LineMap:
    """Line (1-based) of a location in a YAML text: the key's line for mapping values."""

    def __init__(self, text: str) -> None:
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:  # pragma: no cover (the file was validated before)
            self.root = None

    def line(self, loc: tuple) -> int:
        node, line = self.root, 1
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    return line
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line
