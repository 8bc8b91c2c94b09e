"""The process step by step, for the procesregie report: the rounds of each phase per
step, each go/no-go with who consented and who blocked, and the players' own moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from debrief.i18n import num
from debrief.proces_trace import week_of
from debrief.proces_words import _e, _w, action_text, seat_name
from sim import words

if TYPE_CHECKING:
    from debrief.proces_report import ProcesReportData


def process(data: ProcesReportData, lang: str) -> str:
    """The steps: rounds per phase, each go/no-go with who consented, the players' moves."""
    tr = data.trace
    out = [f'<h2 id="process">{_e(_w("process", lang))}</h2>']
    steps: dict[int, list[str]] = {}
    run: dict | None = None
    for e in tr.events:
        if e["kind"] == "round":
            step = int(e.get("step", 0))
            if run is None or (run["step"], run["phase"]) != (step, e["phase"]):
                run = {"step": step, "phase": e["phase"], "a": week_of(e), "n": 0}
                steps.setdefault(step, []).append(run)
            run["n"], run["b"] = e.get("round", run["n"] + 1), week_of(e)
    items = []
    for step, runs in sorted(steps.items()):
        per = data.session.scenario.process.weeks_per_round
        lines = [
            _w("rounds" if r["n"] != 1 else "round", lang).format(
                phase=words.word("proces_phase", r["phase"], lang),
                n=r["n"],
                a=max(0, r["a"] - per),
                b=r["b"],
            )
            for r in runs
        ]
        for c in tr.consolidations:
            if c["step"] == step:
                line = _w("decision", lang).format(w=c["week"], d=_w(c["decision"], lang))
                ok = [seat_name(k, lang) for k in c["table"] if c["consented"][k]]
                line += "; " + _w("consented", lang).format(p=", ".join(ok) or "–")
                if c["blocked"]:
                    line += "; " + _w("blocked", lang).format(
                        p=", ".join(seat_name(k, lang) for k in c["blocked"])
                    )
                lines.append(line)
        items.append(
            f"<li><strong>{_e(_w('step', lang).format(n=step + 1))}</strong><ul>"
            + "".join(f"<li>{_e(x)}</li>" for x in lines)
            + "</ul></li>"
        )
    out.append("<ol class='steps'>" + "".join(items) + "</ol>")
    out.append(parties(data, lang))
    moves = [e for e in tr.events if e["kind"] == "action" and e.get("by") == "human"]
    if moves:
        out.append(
            f"<h3>{_e(_w('actions', lang))}</h3><div class='scroll'><table>"
            + "".join(
                f"<tr><td>{_e(_w('week', lang).format(w=week_of(e)))}</td>"
                f"<td>{_e(seat_name(e['role'], lang))}</td>"
                f"<td>{_e(action_text(e['action'], lang))}</td></tr>"
                for e in moves
            )
            + "</table></div>"
        )
    return "\n".join(out) + "\n"


def parties(data: ProcesReportData, lang: str) -> str:
    """Each party at the start and at the end: its role, whether it sat at the table, its
    trust in the gemeente, and whether it consented at the last go/no-go."""
    tr = data.trace
    if not tr.weekly:
        return ""
    start = {p.key: p.role for p in data.session.scenario.parties}  # before any move
    last = tr.weekly[-1]
    consented = tr.consolidations[-1]["consented"] if tr.consolidations else {}
    head = "".join(
        f"<th>{_e(_w(k, lang))}</th>"
        for k in ("party", "role_start", "role_end", "at_table", "trust_end", "consented_last")
    )
    rows = []
    for key in tr.parties:
        role = (
            words.word("proces_role", start[key], lang),
            words.word("proces_role", last["roles"][key], lang),
        )
        at_table = last["invited"][key] and last["roles"][key] != "niet_meedoen"
        trust = last["trust_in_gemeente"].get(key)
        cells = [
            seat_name(key, lang),
            *role,
            _w("yes" if at_table else "no", lang),
            "–" if trust is None else num(trust, lang, 2),
            _w("yes" if consented.get(key) else "no", lang) if consented else "–",
        ]
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    return (
        f"<h3>{_e(_w('parties', lang))}</h3><div class='scroll'><table><tr>{head}</tr>"
        + "".join(rows)
        + "</table></div>"
    )
