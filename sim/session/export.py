"""Export: an (anonymised) copy of a session log that every other command accepts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sim.session.format import MAX_NOTE_CHARS, dumps, error
from sim.session.reader import SessionFile, read_log
from sim.session.writer import fsync


@dataclass
class ExportReport:
    """What :func:`export` did."""

    out: Path
    events: int
    names: dict[str, str] = field(default_factory=dict)  # player name -> role label
    private_dropped: int = 0
    dropped: str | None = None


def _labels(sf: SessionFile) -> dict[str, str]:
    """Player name -> role label ('regisseur', or 'regisseur 2' for a second player)."""
    seen: dict[str, list[str]] = {r: [] for r in sf.header.controllers}
    order: list[tuple[str, str]] = []
    for role, spec in sf.header.controllers.items():
        if spec.name:
            order.append((role, spec.name))
    for e in sf.events:
        if e["kind"] == "controller" and e.get("name"):
            order.append((e["role"], e["name"]))
    labels: dict[str, str] = {}
    for role, name in order:
        if name not in labels:
            seen[role].append(name)
            labels[name] = role
    for role, names in seen.items():
        if len(names) > 1:
            for k, name in enumerate(names, start=1):
                labels[name] = f"{role} {k}"
    return labels


def _scrubber(labels: dict[str, str]) -> Callable[[str], str]:
    if not labels:
        return lambda s: s
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                         re.IGNORECASE)
    lower = {n.lower(): labels[n] for n in names}

    def scrub(text: str) -> str:
        return pattern.sub(lambda m: lower.get(m.group(0).lower(), m.group(0)), text)[
            :MAX_NOTE_CHARS]

    return scrub


def _scrub_notes(value: object, scrub: Callable[[str], str]) -> object:
    """Apply `scrub` to every free-text `note` (and trainer `tag`) inside a payload."""
    if isinstance(value, dict):
        return {k: (scrub(v) if k in ("note", "tag") and isinstance(v, str)
                    else _scrub_notes(v, scrub)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_notes(v, scrub) for v in value]
    return value


def export(path: Path | str, out: Path | str, anonymise: bool = True) -> ExportReport:
    """Write a copy of a session log, anonymised, that every other command accepts.

    Anonymising replaces player names with role labels (in the header, in `controller`
    events and wherever a name occurs in free text) and empties the note of every event
    marked ``private`` (trainer notes). Nothing the model reads changes, so the copy
    replays to the same checkpoints. An incomplete last line is left out. Never
    overwrites a file; raises :class:`SessionLogError`.
    """
    sf = read_log(path)
    out = Path(out)
    if out.exists():
        same = out.resolve() == sf.path.resolve()
        raise error(out, 0, "is the input file" if same else
                     "already exists: choose another --out file (exports never overwrite)")
    header = json.loads(json.dumps(sf.header_raw))
    events = sf.events
    report = ExportReport(out=out, events=len(events), dropped=sf.dropped)
    if anonymise:
        labels = _labels(sf)
        report.names = dict(labels)
        scrub = _scrubber(labels)
        for spec in header["controllers"].values():
            if spec.get("name"):
                spec["name"] = labels.get(spec["name"], spec["name"])
        new_events = []
        for e in events:
            e = _scrub_notes(e, scrub)
            if e["kind"] == "controller" and e.get("name"):
                e["name"] = labels.get(e["name"], e["name"])
            if e.get("private") is True and e.get("note"):
                e["note"] = ""
                report.private_dropped += 1
            new_events.append(e)
        events = new_events
    lines = [dumps(header)] + [dumps(e) for e in events]
    try:
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("xb") as fh:
            for line in lines:
                fh.write(line.encode("ascii") + b"\n")
            fh.flush()
            fsync(fh)
    except FileExistsError:
        raise error(out, 0, "already exists: choose another --out file") from None
    except OSError as err:
        raise error(out, 0, f"cannot write: {err.strerror or err}") from None
    return report
