"""`regie resume`, `regie replay` and `regie export`: the session-log commands.

A plugin of :mod:`sim.cli` (imports stay light: sim.session is loaded by the handlers).
Exit codes: 0 done; 1 `replay --verify` found a divergence; 2 the log cannot be used
(one ``FILE:LINE: key: message`` line, never a traceback, the file left as it was).
"""

from __future__ import annotations

import argparse
import sys

EXIT_DIVERGED = 1
EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the resume, replay and export sub-commands."""
    p = sub.add_parser("resume", help="continue a session log after a crash (bots play on)")
    p.add_argument("file", help="session log (JSONL)")
    p.add_argument("--bots", action="store_true",
                   help="hand seats held by people to the scenario's bots")
    p.add_argument("--base-dir", default=None, metavar="DIR",
                   help="directory of the scenario's town file, if the log has moved")
    p.add_argument("--lang", choices=("en", "nl"), default="en",
                   help="language of the KPI table (default en)")
    p.add_argument("--quiet", action="store_true",
                   help="print no table, notes or progress (problems are still reported)")
    p.set_defaults(handler=_resume)

    p = sub.add_parser("replay", help="re-run a session log; --verify checks every event")
    p.add_argument("file", help="session log (JSONL)")
    p.add_argument("--verify", action="store_true",
                   help="compare every event and checkpoint hash with the log")
    p.add_argument("--base-dir", default=None, metavar="DIR",
                   help="directory of the scenario's town file, if the log has moved")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing when the replay succeeds (a divergence or problem is "
                        "still reported)")
    p.set_defaults(handler=_replay)

    p = sub.add_parser("export", help="copy a session log, anonymised")
    p.add_argument("file", help="session log (JSONL)")
    p.add_argument("--out", required=True, help="new file to write (never overwritten)")
    p.add_argument("--anonymise", "--anonymize", dest="anonymise", action="store_true",
                   help="player names to role labels; drop private trainer notes")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing on success (problems are still reported)")
    p.set_defaults(handler=_export)


def _progress(args: argparse.Namespace, label: str):
    from sim.cli_run import ProgressBar

    return ProgressBar(not args.quiet and sys.stderr.isatty(), label)


def _resume(args: argparse.Namespace) -> int:
    from sim.session import read_log, resume

    sf = read_log(args.file)  # SessionLogError -> FILE:LINE: message, exit 2
    if sf.dropped and not args.quiet:
        print(f"{args.file}: {sf.dropped}", file=sys.stderr)
    with _progress(args, f"resume {args.file}") as tick:
        result = resume(args.file, bots=args.bots, base_dir=args.base_dir, progress=tick)
    if not args.quiet:
        from sim.cli_table import print_table

        if sf.complete:
            end = sf.end
            print(f"{args.file}: the session had already ended (season {end['season']}, "
                  f"tick {end['tick']}); checked, nothing to resume", file=sys.stderr)
        else:
            print(f"{args.file}: re-ran {len(sf.events)} logged events, then continued to "
                  "the end", file=sys.stderr)
        print_table(sf.header.scenario_name or "session", [result], None, args.lang)
    return 0


def _replay(args: argparse.Namespace) -> int:
    from sim.session import FORMAT_VERSION, replay

    with _progress(args, f"replay {args.file}") as tick:
        report = replay(args.file, verify=args.verify, base_dir=args.base_dir, progress=tick)
    if report.dropped:
        print(f"{args.file}: {report.dropped}", file=sys.stderr)
    if report.divergence is not None:
        print(f"{report.divergence}", file=sys.stderr)
        print(f"{args.file}: replay diverged after {report.checked} matching events "
              f"({report.checkpoints} checkpoints verified)", file=sys.stderr)
        return EXIT_DIVERGED
    if not report.complete:
        print(f"{args.file}: incomplete: no `end` event (the session was interrupted at "
              f"tick {report.tick}; {report.checked} events and {report.checkpoints} "
              "checkpoints matched); `regie resume` continues it", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.quiet:
        what = (f"verified: {report.checked} events and {report.checkpoints} checkpoints "
                "match, end KPIs and state hash equal" if args.verify
                else f"replayed {report.events} events (not verified)")
        if report.format_version == 1:
            what += (f" (format version {report.format_version}: written before logs held "
                     "trust events)")
        elif report.format_version < FORMAT_VERSION:
            what += f" (format version {report.format_version})"
        print(f"{args.file}: {what}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from sim.session import export

    report = export(args.file, args.out, anonymise=args.anonymise)
    if report.dropped:
        print(f"{args.file}: {report.dropped}", file=sys.stderr)
    if not args.quiet:
        names = (f"; {len(report.names)} player name(s) replaced by role labels, "
                 f"{report.private_dropped} private note(s) dropped" if args.anonymise else "")
        print(f"{report.out}: {report.events} events written{names}")
    return 0
