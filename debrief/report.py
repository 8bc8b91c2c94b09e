"""The debrief report: one self-contained HTML file from a session log.

    build_report("sessie.jsonl", "nabespreking.html", lang="nl")

Sections: session overview; key moments (largest KPI swings and the decisions before
them); KPI charts over time with decisions, injects and trainer bookmarks marked; the
decision timeline per role; the competence assessment per role (level, indicator values,
evidence from the log); ghost runs (overlay and table; their number and seeds); method.
Charts are inline SVG from matplotlib, the CSS is inline, there are no scripts, fonts or
images from anywhere: the file works offline and prints on A4.

What the report shows is gathered in `debrief.report_data` (the ghost runs and the session
re-run go to a process pool while this process draws the session's charts) and written
as HTML by `debrief.report_html`.
"""

from __future__ import annotations

import os
from pathlib import Path

from debrief import i18n
from debrief.report_data import default_seeds, prepare, prepare_many
from debrief.report_html import render_html

__all__ = ["build_gladheid_report", "build_report", "build_reports", "default_seeds",
           "open_in_browser"]


def build_report(log_path: str | Path, out_path: str | Path, lang: str = "nl",
                 seeds: list[int] | None = None, **kw) -> Path:
    """Write the debrief report of a session log with its scenario family's report
    builder (`sim.families`: the ``debrief`` part); returns the path written."""
    build = family_of_log(log_path).part("debrief")
    return build(log_path, out_path, lang=lang, seeds=seeds, **kw)


def family_of_log(log_path: str | Path):
    """The scenario family (sim.families) of a session log, by its header."""
    from sim.families import DEFAULT_FAMILY, FAMILIES, family_of_data

    try:
        return family_of_data(log_scenario(log_path))
    except ValueError:  # an unknown family: the reader reports it with file and line
        return FAMILIES[DEFAULT_FAMILY]


def log_scenario(log_path: str | Path) -> object:
    """The scenario mapping in a log's header line, or None when it cannot be read (the
    family's reader then reports why, with file and line)."""
    import json

    try:
        with open(log_path, "rb") as fh:
            header = json.loads(fh.readline(16 * 1024 * 1024))
    except (OSError, ValueError):
        return None
    return header.get("scenario") if isinstance(header, dict) else None


def build_gladheid_report(log_path: str | Path, out_path: str | Path, lang: str = "nl",
                          seeds: list[int] | None = None, *,
                          rubric_path: str | Path | None = None, workers: int | None = None,
                          ghosts: bool = True, include_private: bool = False) -> Path:
    """Write the debrief report of a gladheid session log; returns the path written.

    `seeds`: the ghost runs' seeds (default: the session's seed and the four after it).
    `ghosts=False` leaves the ghost runs out. Raises InputFileError (FILE:LINE problems)
    for an unusable log or rubric, GhostWeatherError if a ghost ran on other weather.
    """
    if lang not in i18n.LANGS:
        raise ValueError(f"lang must be one of {i18n.LANGS}")
    data, charts = prepare(log_path, seeds=seeds, rubric_path=rubric_path, workers=workers,
                           ghosts=ghosts, lang=lang)
    return _write(Path(out_path), render_html(data, charts, lang,
                                              include_private=include_private))


def build_reports(log_path: str | Path, out_dir: str | Path, langs=("nl", "en"),
                  seeds: list[int] | None = None, **kw) -> dict[str, Path]:
    """The report in several languages from one set of runs: {lang: path}.

    Files are named after the log: ``<log stem>_<lang>.html`` in `out_dir`.
    """
    for lang in langs:
        if lang not in i18n.LANGS:
            raise ValueError(f"lang must be one of {i18n.LANGS}")
    family = family_of_log(log_path)
    if family.debrief != build_report.__module__ + ":build_gladheid_report":
        build = family.part("debrief")  # another family: its builder, once per language
        return {lang: build(log_path, Path(out_dir) / f"{Path(log_path).stem}_{lang}.html",
                            lang=lang, seeds=seeds, **kw) for lang in langs}
    include_private = kw.pop("include_private", False)
    data, charts = prepare_many(log_path, seeds=seeds, langs=tuple(langs), **kw)
    out = {}
    for lang in langs:
        path = Path(out_dir) / f"{Path(log_path).stem}_{lang}.html"
        _write(path, render_html(data, charts[lang], lang, include_private=include_private))
        out[lang] = path
    return out


def _write(out: Path, text: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    return out


def open_in_browser(path: str | Path) -> bool:
    """Open a written report in the system's browser (the game's end screen)."""
    import webbrowser

    return webbrowser.open(Path(path).resolve().as_uri())

