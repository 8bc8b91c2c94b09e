"""`regie debrief` and `regie cards`: a plugin of sim.cli (imports stay light here).

Exit codes: 0 done; 2 bad input (an unusable session log, rubric or scenario: one
``FILE:LINE: key: message`` line per problem, never a traceback).
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    """Add the debrief and cards sub-commands."""
    p = sub.add_parser("debrief", help="debrief report (one offline HTML file) of a session log")
    p.add_argument("log", metavar="SESSION_LOG", nargs="+",
                   help="session log (JSONL); several logs of one winter, or a folder of "
                        "them, make a class report with each table's own report beside it")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--lang", choices=("nl", "en"), default="nl",
                   help="language of the report (default nl)")
    p.add_argument("--seeds", default=None,
                   help="ghost-run seeds, A-B or A,B,C (default: the session's seed and the "
                        "four after it)")
    p.add_argument("--no-ghosts", action="store_true", help="leave the ghost runs out")
    p.add_argument("--rubric", default=None,
                   help="rubric file (default: the shipped rubric of the log's family, "
                        "scenarios/rubrics/regie.yaml or procesregie.yaml)")
    p.add_argument("--workers", type=int, default=None,
                   help="processes for the ghost runs (default: the CPUs available)")
    p.add_argument("--private", action="store_true",
                   help="include the trainer's private notes")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing on success (problems are still reported)")
    p.set_defaults(handler=_debrief)

    p = sub.add_parser("cards",
                       help="printable briefing cards per role or party (Dutch and English)")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped name")
    p.add_argument("--out", required=True, help="directory to write the cards to")
    p.add_argument("--lang", choices=("nl", "en", "both"), default="both",
                   help="language of the cards; both writes a Dutch and an English set "
                        "(default both)")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing on success (problems are still reported)")
    p.set_defaults(handler=_cards)


def _debrief(args: argparse.Namespace) -> int:
    from sim.inputfile import check_options

    seeds = None
    if args.seeds:
        from sim.cli_run import parse_seeds

        seeds = parse_seeds(args.seeds)
    check_options([(args.workers is not None and args.workers < 1, "--workers",
                    f"must be >= 1, got {args.workers}")])
    from pathlib import Path

    from debrief.report import build_report

    build = build_report
    log = args.log[0]
    if len(args.log) > 1 or Path(log).is_dir():
        from debrief.classreport import build_class_report

        build, log = build_class_report, args.log
    out = build(log, args.out, lang=args.lang, seeds=seeds, rubric_path=args.rubric,
                workers=args.workers, ghosts=not args.no_ghosts,
                include_private=args.private)
    if not args.quiet:
        print(f"wrote {out}", file=sys.stderr)
    return 0


def _cards(args: argparse.Namespace) -> int:
    from sim.families import family_of
    from sim.scenario.loader import load_scenario, resolve_scenario

    path = resolve_scenario(args.scenario)
    scenario = load_scenario(path)
    write_cards = family_of(scenario).part("cards")
    langs = ("nl", "en") if args.lang == "both" else (args.lang,)
    written = write_cards(scenario, args.out, langs=langs)
    if not args.quiet:
        for p in written:
            print(f"wrote {p}", file=sys.stderr)
    return 0
