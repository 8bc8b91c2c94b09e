"""Finding, loading and fingerprinting scenario files.

The generic, hostile-input-proof YAML reading lives in :mod:`sim.inputfile`; this module
adds what is specific to scenarios: where the shipped files are, how a bare name is
resolved, ``--set`` overrides given as text, and the hash that identifies a scenario in
session logs and sweep results.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import yaml

from sim.inputfile import (
    InputFileError,
    Problem,
    load_yaml_model,
    load_yaml_text,
    parse_override,
)
from sim.inputfile.problems import as_given
from sim.scenario.schema import Scenario

__all__ = [
    "DEFAULT_SCENARIO",
    "list_scenarios",
    "load_scenario",
    "override_scenario",
    "resolve_scenario",
    "scenario_base_dir",
    "scenario_dir",
    "scenario_hash",
]

DEFAULT_SCENARIO = "gladheid_gedwongen_winkelnering.yaml"
"""The scenario used when none is named."""

_SOURCE_TREE_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def load_scenario(path: str | Path,
                  overrides: Sequence[str] | Mapping[str, object] = ()) -> Scenario:
    """Load and validate the scenario file at ``path``.

    ``overrides`` are ``dotted.key=VALUE`` texts (the CLI's ``--set``) or a mapping of
    dotted keys to values (the Python API), applied before validation. Raises
    :class:`~sim.inputfile.InputFileError` listing every problem; a problem of an override
    reads as it was given (``--set weather.days=-5: must be >= 1``).
    """
    # Strict: a scenario's YAML already carries typed values, so 'true' or "7" where a
    # number belongs is a mistake, not something to convert silently.
    cls = _scenario_class(path)
    return _with_overrides(
        lambda parsed: load_yaml_model(path, cls, overrides=parsed, strict=True), overrides)


def _scenario_class(path: str | Path) -> type[Scenario]:
    """The schema of the file's family (sim.families); an unknown family is a problem
    reported with the file and the line of its ``family`` key."""
    from sim.families import scenario_class_of_path

    try:
        return scenario_class_of_path(path)
    except ValueError as exc:
        line = _key_line(path, "family")
        raise InputFileError([Problem(str(path), line, "family",
                                      str(exc).removeprefix("family: "))]) from None


def _key_line(path: str | Path, key: str) -> int:
    """The line of a top-level key in a file (0 if not found)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return 0
    return next((n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:")), 0)


def override_scenario(scenario: Scenario,
                      overrides: Sequence[str] | Mapping[str, object]) -> Scenario:
    """A loaded scenario with overrides applied on top, validated as a file would be."""
    text = yaml.safe_dump(scenario.model_dump(), sort_keys=False, allow_unicode=True)
    return _with_overrides(
        lambda parsed: load_yaml_text(text, "scenario", type(scenario), overrides=parsed,
                                      strict=True),
        overrides)


def _with_overrides(load: Callable[[dict[str, object]], Scenario],
                    overrides: Sequence[str] | Mapping[str, object]) -> Scenario:
    """Read the overrides (texts or a mapping), then ``load(parsed)``; problems of an
    override name it as it was given."""
    parsed: dict[str, object] = {}
    given: dict[str, str] = {}
    problems: list[Problem] = []
    if isinstance(overrides, Mapping):
        parsed = dict(overrides)
        given = {key: f"{key}={_as_text(value)}" for key, value in parsed.items()}
    else:
        for text in overrides:
            try:
                key, value = parse_override(text)
            except InputFileError as exc:
                problems.extend(exc.problems)
            else:
                parsed[key] = value
                given[key] = text.strip()
    if problems:
        raise InputFileError(as_given(problems, given))
    try:
        return load(parsed)
    except InputFileError as exc:
        raise InputFileError(as_given(exc.problems, given)) from None


def _as_text(value: object) -> str:
    """A Python value as ``--set`` would read it (for messages): true, 3, [a, b]."""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def scenario_notes(scenario: Scenario) -> list[str]:
    """Things in a valid scenario that will not happen as written (for `regie validate`
    and `regie run` to mention): injects scheduled after the season's last day, which a
    shortened season (``--days``) makes likely and the model then simply never reaches."""
    if not hasattr(scenario, "weather"):  # a family without a season of days
        return []
    last = scenario.weather.days - 1
    return [f"injects.{n} ({i.name}, day {i.day}) falls after the season's last day"
            f" ({last}: weather.days = {scenario.weather.days}) and will not happen"
            for n, i in enumerate(scenario.injects) if i.day > last]


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 (hex) of the scenario's canonical JSON: equal settings, equal hash."""
    data = scenario.model_dump(mode="json")
    for key in ("design", "plan"):  # not set: the hash of scenarios before these keys
        if data.get(key) is None:
            data.pop(key, None)
    canonical = json.dumps(
        data,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scenario_dir() -> Path:
    """Directory of the shipped scenario files (installed package data or source tree)."""
    try:
        files = importlib.resources.files("sim.scenario_files")
    except (ModuleNotFoundError, TypeError):
        return _SOURCE_TREE_SCENARIOS
    if isinstance(files, Path):
        return files
    paths = getattr(files, "_paths", None)  # MultiplexedPath of a namespace package
    if paths:
        return Path(paths[0])
    return _SOURCE_TREE_SCENARIOS


def list_scenarios(family: str | None = None) -> list[Path]:
    """The shipped scenario files, sorted by name (only one family's, if named)."""
    directory = scenario_dir()
    if not directory.is_dir():
        return []
    paths = sorted(p for p in directory.glob("*.yaml") if p.is_file())
    if family is None:
        return paths
    from sim.families import family_of_text

    return [p for p in paths if _family_name(p, family_of_text) == family]


def _family_name(path: Path, family_of_text: Callable) -> str:
    try:
        return family_of_text(path.read_bytes()).name
    except ValueError:
        return ""


def resolve_scenario(name_or_path: str | None) -> Path:
    """Path of a scenario given as None (the default), a path, or a shipped file's name.

    A bare name may omit ``.yaml``. Raises :class:`~sim.inputfile.InputFileError` with
    the available names when nothing matches.
    """
    if name_or_path is None:
        name_or_path = DEFAULT_SCENARIO
    given = Path(name_or_path)
    if _exists(given):
        return given
    if given.name == name_or_path and name_or_path not in ("", ".", ".."):
        directory = scenario_dir()
        for candidate in (name_or_path, f"{name_or_path}.yaml"):
            path = directory / candidate
            if _exists(path):
                return path
    available = ", ".join(p.stem for p in list_scenarios()) or "none"
    message = f"no such scenario file or shipped scenario (available: {available})"
    raise InputFileError([Problem(str(name_or_path), 0, "", message)])


def scenario_base_dir(path: str | Path) -> Path:
    """Directory that relative paths inside the scenario (such as ``town.file``) start from."""
    return Path(path).absolute().parent


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; False for names the OS cannot even look up."""
    try:
        return path.exists()
    except (OSError, ValueError):  # embedded NUL byte, name too long
        return False
