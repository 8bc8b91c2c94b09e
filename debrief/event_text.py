"""Log events, evidence and KPI values in words (nl, en), for the debrief report."""

from __future__ import annotations

from debrief import i18n
from debrief.i18n import num, pick, t
from debrief.rerun import Trace

# Actions whose detail is one chosen value, and the field that holds it.
_VALUE_FIELD = {"answer_council": "tone", "plan_night": "mode", "submit_report": "honesty",
                "intervene": "channel", "micromanage": "instruction", "call_meeting": "level"}


def describe(e: dict, lang: str, include_private: bool = False) -> str:
    """One log event in words."""
    kind = e["kind"]
    if kind in ("action", "rejected"):
        a = e.get("action") if isinstance(e.get("action"), dict) else {}
        typ = a.get("type", "?")
        label = pick(i18n.ACTION.get(typ, (typ, typ)), lang)
        detail = _action_detail(a, lang)
        text = f"{label}{': ' + detail if detail else ''}"
        if kind == "rejected":
            text = f"{pick(i18n.EVENT['rejected'], lang)}: {text} ({e.get('reason', '')})"
        note = a.get("note")
        return text + (f" — “{note}”" if note else "")
    if kind == "inject":
        name = pick(i18n.INJECT.get(e["name"], (e["name"],) * 2), lang)
        src = (("door de trainer", "by the trainer") if e.get("source") == "trainer"
               else ("uit het scenario", "from the scenario"))
        return (f"Inject: {name} ({'ernst' if lang == 'nl' else 'severity'} "
                f"{num(e['severity'], lang, 1)}, {pick(src, lang)})")
    if kind == "trainer":
        tag = e.get("tag", "")
        note = e.get("note", "") if (include_private or not e.get("private")) else ""
        label = t("bookmarks", lang) if e.get("act") == "bookmark" else "Trainer"
        return f"{label}: {tag}{' — ' + note if note else ''}"
    if kind == "media":
        counts = ", ".join(f"{e.get(k, 0)} {pick(i18n.KPI[k][:2], lang).lower()}"
                           for k in ("injuries", "complaints"))
        return f"{pick(i18n.EVENT['media'], lang)} ({counts})"
    if kind == "dispute":
        k = pick(i18n.VALUE.get(e.get("dispute_kind", ""), (e.get("dispute_kind"),) * 2), lang)
        return f"{pick(i18n.EVENT['dispute'], lang)}: {k} {i18n.eur(e.get('amount_eur'), lang)}"
    if kind == "controller":
        who = (i18n.bot_name(e["bot"], lang) if e.get("bot")
               else e.get("name") or t("human", lang))
        role = pick(i18n.ROLE_SHORT.get(e["role"], (e["role"],) * 2), lang)
        return f"{pick(i18n.EVENT['controller'], lang)}: {role} → {who}"
    if kind in i18n.EVENT:
        return pick(i18n.EVENT[kind], lang)
    return kind


def _action_detail(a: dict, lang: str) -> str:
    v = lambda x: pick(i18n.VALUE.get(str(x), (str(x), str(x))), lang)  # noqa: E731
    typ = a.get("type")
    if typ == "review_invoice":
        what = "factuur" if lang == "nl" else "invoice"
        s = f"{what} {a.get('invoice_id')} {v(a.get('decision'))}"
        if a.get("decision") == "dispute":
            s += f" {i18n.eur(a.get('disputed_eur'), lang)}"
        return s
    if typ == "decide_meerwerk":
        what = "verzoek" if lang == "nl" else "request"
        return f"{what} {a.get('request_id')} {v(a.get('decision'))}"
    if typ == "record_meeting":
        outs = [v(o.get("outcome")) for o in a.get("outcomes", [])]
        return ", ".join(outs) if outs else ("geen agendapunten" if lang == "nl" else "no items")
    if typ in _VALUE_FIELD:
        return v(a.get(_VALUE_FIELD[typ]))
    if typ == "request_meerwerk":
        return f"{v(a.get('kind'))} {i18n.eur(a.get('amount_eur'), lang)}"
    if typ in ("impose_penalty", "invest_development"):
        return i18n.eur(a.get("amount_eur"), lang)
    if typ == "buy_salt":
        return f"{num(a.get('quantity_t'), lang, 0)} t"
    if typ == "request_extra_round":
        return f"{'prioriteit' if lang == 'nl' else 'priority'} {a.get('priority', 1)}"
    return ""


def kpi_value(name: str, value: float | None, lang: str) -> str:
    """A KPI value with the precision and unit it is read in."""
    if value is None:
        return "–"
    unit = i18n.KPI.get(name, ("", "", ""))[2]
    if unit == "EUR":
        return i18n.eur(value, lang)
    if name.startswith("trust") or name in ("attention_peak", "executor_maturity"):
        return num(value, lang, 2)
    if name in ("injuries", "complaints", "disputes", "escalations", "bypasses", "slips",
                "accidents", "salt_shortage_days", "strooiacties"):
        return num(value, lang, 0)
    return num(value, lang, 1) + (f"\u00a0{unit}" if unit and unit != "EUR" else "")


def kpi_name(name: str, lang: str) -> str:
    """The KPI's name in `lang`."""
    return pick(i18n.KPI.get(name, (name, name, "")), lang)


def when(e_or_t, trace: Trace, lang: str) -> str:
    """Weekday, date and clock time of an event (or hour index): 'di 14 dec 06:00'."""
    tt = e_or_t["t"] if isinstance(e_or_t, dict) else e_or_t
    return i18n.when(tt, trace.hours, lang, trace.start_date)


def evidence_text(x: dict, lang: str) -> str:
    """One piece of an indicator's evidence in words."""
    typ = x.get("type")
    if typ == "event":
        return describe(x["event"], lang)
    if typ == "invoice":
        verdict = pick(i18n.VALUE["dispute" if x["disputed"] else "approve"], lang)
        fair = "te hoog" if lang == "nl" else "inflated"
        ok = "redelijk" if lang == "nl" else "fair"
        return (f"{'factuur' if lang == 'nl' else 'invoice'} {i18n.eur(x['claimed'], lang)}, "
                f"{ok if not x['inflated'] else fair} ({i18n.eur(x['fair'], lang)}): {verdict}")
    if typ == "signal":
        sig = pick(i18n.SIGNAL.get(x["signal"], (x["signal"],) * 2), lang)
        if x.get("response") is None or x.get("capped"):
            resp = "geen reactie" if lang == "nl" else "no response"
        else:
            resp = (f"{'reactie na' if lang == 'nl' else 'response after'} "
                    f"{num(x['lag_h'], lang, 0)} u: " if lang == "nl" else
                    f"response after {num(x['lag_h'], lang, 0)} h: ")
            resp += describe(x["response"], lang)
        return f"{sig} → {resp}"
    if typ == "night":
        return (f"{'verwachting' if lang == 'nl' else 'forecast'} "
                f"{num(x['min_surface_temp_c'], lang, 1)} °C → "
                f"{pick(i18n.VALUE[x['mode']], lang)}")
    return str(x)


