"""Texts of the report in Dutch and English, the catalogue's names as the report uses them,
and number formats.

The names of the model's things (roles, bots, KPIs, actions, events, trust reasons,
injects) come from `sim.words`, shared with the game and the cards; the sentences of the
report itself live here.
"""

from __future__ import annotations

import datetime as dt
import math

from sim import words

LANGS: tuple[str, ...] = words.LANGS

T: dict[str, tuple[str, str]] = {
    # report sections
    "report_title": ("Nabespreking", "Debrief"),
    "overview": ("Overzicht van de sessie", "Session overview"),
    "key_moments": ("Kernmomenten", "Key moments"),
    "kpi_charts": ("KPI's in de tijd", "KPIs over time"),
    "timeline": ("Beslissingen per rol", "Decisions per role"),
    "competences": ("Competenties", "Competences"),
    "ghosts": ("Spookritten: dezelfde winter met een bot op uw stoel",
               "Ghost runs: the same winter with a bot in your seat"),
    "method": ("Verantwoording", "Method"),
    "contents": ("Inhoud", "Contents"),
    # overview
    "scenario": ("Scenario", "Scenario"),
    "seed": ("Seed", "Seed"),
    "period": ("Periode", "Period"),
    "days": ("dagen", "days"),
    "day": ("dag", "day"),
    "Day": ("Dag", "Day"),
    "played_until": ("Gespeeld tot", "Played until"),
    "created": ("Sessie gestart", "Session started"),
    "seats": ("Rollen", "Roles"),
    "human": ("speler", "player"),
    "bot": ("bot", "bot"),
    "events": ("Gebeurtenissen in het logboek", "Events in the log"),
    "human_actions": ("Beslissingen van spelers", "Decisions by players"),
    "injects": ("Injects", "Injects"),
    "bookmarks": ("Bladwijzers van de trainer", "Trainer bookmarks"),
    "final_kpis": ("Uitkomsten van de sessie", "Outcomes of the session"),
    "rerun_ok": ("De herberekening van het logboek komt overeen met de sessie.",
                 "The re-run of the log matches the session."),
    "rerun_diff": ("Let op: de herberekening wijkt af van het logboek ({}). De grafieken "
                   "komen uit de herberekening.",
                   "Note: the re-run differs from the log ({}). The charts come from the "
                   "re-run."),
    "incomplete": ("De sessie is niet afgesloten; de analyse loopt tot het laatste "
                   "moment in het logboek.",
                   "The session was not closed; the analysis runs to the last moment in "
                   "the log."),
    "kpi": ("KPI", "KPI"),
    "value": ("Waarde", "Value"),
    # key moments
    "moment_none": ("Geen opvallende uitschieters in de KPI's.", "No marked swings in the KPIs."),
    "before": ("In de 48 uur ervoor en op die dag", "In the 48 hours before and on that day"),
    "no_decisions": ("geen beslissingen van spelers", "no decisions by players"),
    "why_trust": ("Vertrouwen bewoog door", "Trust moved because of"),
    # charts
    "legend_decision": ("beslissing speler", "player decision"),
    "legend_inject": ("inject", "inject"),
    "legend_bookmark": ("bladwijzer", "bookmark"),
    "charts_note": ("Streepjes onderaan: beslissingen van spelers (kleur per rol). "
                    "Rode stippellijnen met een nummer: injects. Groene vlaggen met een letter: "
                    "bladwijzers van de trainer.",
                    "Ticks at the bottom: player decisions (colour per role). Numbered red "
                    "dotted lines: injects. Lettered green flags: trainer bookmarks."),
    # timeline
    "when": ("Wanneer", "When"),
    "decision": ("Beslissing", "Decision"),
    "note": ("Toelichting", "Note"),
    "no_actions": ("Geen beslissingen.", "No decisions."),
    "played_by_bot": ("Gespeeld door bot ({}).", "Played by a bot ({})."),
    "more_rows": ("… en nog {} beslissingen", "… and {} more decisions"),
    # competences
    "level": ("Niveau", "Level"),
    "score": ("Score", "Score"),
    "indicator": ("Indicator", "Indicator"),
    "thresholds": ("Grenzen 1|2, 2|3, 3|4", "Boundaries 1|2, 2|3, 3|4"),
    "weight": ("Gewicht", "Weight"),
    "not_observed": ("niet waargenomen", "not observed"),
    "not_observed_long": ("Deze sessie bood geen gelegenheid om dit te meten.",
                          "This session gave no occasion to measure this."),
    "evidence": ("Onderbouwing uit het logboek", "Evidence from the log"),
    "seed_ref": ("Bron", "Source"),
    "feedback": ("Terugkoppeling", "Feedback"),
    "no_humans": ("Geen rol werd door een speler gespeeld; de bots worden beoordeeld.",
                  "No role was played by a person; the bots are assessed."),
    "bot_ghost_levels": ("Score van de bots op dezelfde winter (1–4)",
                         "The bots' score on the same winter (1–4)"),
    "n_obs": ("n", "n"),
    "line": ("regel", "line"),
    # ghosts
    "ghost_intro": ("{n} spookritten: elke spelersrol om beurten gespeeld door elke bot, op "
                    "precies het weer van de sessie, met {k} varianten van het toeval (burgers "
                    "en de kansen in overleggen). In de eerste variant is alles gelijk aan de "
                    "sessie behalve wie op de stoel zat.",
                    "{n} ghost runs: each player's role taken by each bot in turn, on exactly "
                    "the session's weather, with {k} variants of chance (citizens and the odds "
                    "in meetings). In the first variant everything is as in the session except "
                    "who sat in the seat."),
    "no_ghosts": ("Geen spookritten: er was geen rol met een speler, of ze zijn uitgezet.",
                  "No ghost runs: no role had a player, or they were switched off."),
    "you": ("Sessie", "Session"),
    "same_chance": ("zelfde toeval als de sessie", "same chance as the session"),
    "mean_range": ("gemiddelde (min–max)", "mean (min–max)"),
    "ghost_role": ("Rol {}: de sessie tegenover de bots", "Role {}: the session against the bots"),
    "ghost_chart_note": ("Dikke zwarte lijn: de sessie. Gekleurd: gemiddelde per bot over de "
                         "varianten van het toeval, met de band van laagste tot hoogste. De "
                         "assen beginnen bij nul.",
                         "Thick black line: the session. Coloured: mean per bot over the "
                         "variants of chance, with the band from lowest to highest. The axes "
                         "start at zero."),
    "competence_levels": ("Competentieniveaus: sessie en bots",
                          "Competence levels: session and bots"),
    "runs_at": ("Spookritten", "Ghost runs"),
    # summary, competence cards, verdicts
    "summary": ("Samenvatting per rol", "Summary per role"),
    "competence": ("Competentie", "Competence"),
    "what_numbers_say": ("Wat de cijfers zeggen", "What the numbers say"),
    "advice": ("Advies bij dit niveau", "Advice at this level"),
    "bars_note": ("Balk: de score van de sessie (1–4); stippen: de bots op dezelfde winter. "
                  "Streepjes: de grenzen tussen de niveaus.",
                  "Bar: the session's score (1–4); dots: the bots on the same winter. Ticks: "
                  "the boundaries between the levels."),
    "too_short": ("te kort", "too short"),
    "higher_better": ("hoger is beter", "higher is better"),
    "lower_better": ("lager is beter", "lower is better"),
    "basis": ("Gemeten over", "Measured over"),
    "direction": ("Richting", "Direction"),
    "indicator_table": ("Indicatoren, grenzen en gewichten", "Indicators, boundaries and weights"),
    "more_events": ("… en nog {} gebeurtenissen", "… and {} more events"),
    "verdict_role": ("De bot ‘{bot}’ had als {role} in deze winter gemiddeld {reach} "
                     "bereikbaarheid bereikt, met een competentiescore van {score}; u haalde "
                     "{you} en {you_score}.",
                     "As {role}, the bot ‘{bot}’ would have reached {reach} reachability on "
                     "average in this winter, with a competence score of {score}; you reached "
                     "{you} and {you_score}."),
    "verdict_worst": ("De bot ‘{worst}’ kwam het laagst uit: {worst_reach}.",
                      "The bot ‘{worst}’ came out lowest: {worst_reach}."),
    "chart_verdict": ("{what}: u {you}; de bots {lo} tot {hi}. {how}",
                      "{what}: you {you}; the bots {lo} to {hi}. {how}"),
    "stat_mean": ("Gemiddeld", "Mean"), "stat_last": ("Aan het eind", "At the end"),
    "stat_max": ("Hoogste", "Highest"),
    "stat_total": ("Totaal met de eindafrekening", "Total with the final settlement"),
    "verdict_better": ("Beter dan elke bot.", "Better than every bot."),
    "verdict_worse": ("Minder goed dan elke bot.", "Worse than every bot."),
    "verdict_within": ("Binnen wat de bots haalden: geen duidelijk verschil.",
                       "Within what the bots reached: no clear difference."),
    "present": ("Presenteren", "Present"),
    "present_help": ("Pijltjes of spatie: verder · Esc: stoppen",
                     "Arrows or space: next · Esc: stop"),
    "random_seeds": ("Startwaarden van het toeval (seeds)", "Random seeds"),
    "weather_check": ("Weer van de spookritten gecontroleerd (vingerafdruk {})",
                      "Ghost runs' weather checked (fingerprint {})"),
    "source": ("Bron", "Source"),
    # method
    "method_text": (
        "Dit rapport is gemaakt uit het sessielogboek: het scenario en de seed uit de kop, de "
        "invoer van spelers en trainer in volgorde opnieuw toegepast. Indicatoren tellen alleen "
        "de eigen beslissingen van de rol terwijl een speler (of in een spookrit de bot) de "
        "stoel had; tempo's zijn per 30 dagen. De rubric is een bewerkbaar bestand; niveaus "
        "zijn het gewogen gemiddelde van de indicatorscores (1,0–4,0), afgerond.",
        "This report was made from the session log: the scenario and seed from its header, "
        "the inputs of players and trainer applied again in order. Indicators count only the "
        "role's own decisions while a person (in a ghost run: the bot) held the seat; rates "
        "are per 30 days. The rubric is an editable file; levels are the weighted mean of the "
        "indicator scores (1.0–4.0), rounded."),
    "rubric_file": ("Rubric", "Rubric"),
    "version": ("Versie", "Version"),
    "log_file": ("Logboek", "Log"),
    "generated_note": ("Gemaakt zonder internet: alles staat in dit ene bestand.",
                       "Made to work offline: everything is in this one file."),
}

# Names of the model's things come from the shared catalogue (sim/words/catalogue.yaml),
# as (nl, en) pairs keyed like the model; KPIs as (nl, en, unit).
ROLE: dict[str, tuple[str, str]] = words.pairs("role")
ROLE_SHORT: dict[str, tuple[str, str]] = words.pairs("role_short")
BOT: dict[str, tuple[str, str]] = words.pairs("bot")
ACTION: dict[str, tuple[str, str]] = words.pairs("action")
ACTION_HELP: dict[str, tuple[str, str]] = words.pairs("action_help")
DECISION: dict[str, tuple[str, str]] = words.pairs("decision")
INJECT: dict[str, tuple[str, str]] = words.pairs("inject")
EVENT: dict[str, tuple[str, str]] = words.pairs("event")
KPI: dict[str, tuple[str, str, str]] = {  # name -> (nl, en, unit)
    key: (nl, en, words.kpi_unit(key)) for key, (nl, en) in words.pairs("kpi").items()}
TRUST_REASON: dict[str, tuple[str, str]] = words.pairs("trust_reason")

# Verdicts as a record states them (the answer a role gave), plus the catalogue's names of
# things an action or event carries (meerwerk kinds, dispute kinds, meeting levels, ...).
VALUE: dict[str, tuple[str, str]] = {
    "approve": ("goedgekeurd", "approved"), "dispute": ("betwist", "disputed"),
    "reject": ("afgewezen", "rejected"), "agree": ("akkoord", "agreed"),
    "compromise": ("compromis", "compromise"), "escalate": ("geëscaleerd", "escalated"),
    "factual": ("feitelijk", "factual"), "defensive": ("defensief", "defensive"),
    "blame_executor": ("schuld bij de uitvoerder", "blaming the executor"),
    "follow_plan": ("volgens plan", "follow the plan"),
    "preventive_now": ("nu preventief", "preventive now"),
    "stand_down": ("afschalen", "stand down"), "honest": ("eerlijk", "honest"),
    "flattering": ("geflatteerd", "flattering"), "none": ("niets", "nothing"),
    "via_regisseur": ("via de regisseur", "through the regisseur"),
    "committee": ("via de commissie", "through the committee"),
    "call_executor": ("uitvoerder gebeld", "phoned the executor"),
}
for _section in ("meerwerk_kind", "dispute_kind", "meeting_level", "instruction",
                 "council_topic"):
    VALUE.update(words.pairs(_section))

SIGNAL: dict[str, tuple[str, str]] = {  # what an indicator reacted to
    "media": ("mediabericht", "media story"), "inject": ("inject", "inject"),
    "dispute": ("geschil", "dispute"), "council_question": ("raadsvraag", "council question"),
    "bypass": ("omzeiling", "bypass"), "meerwerk_request": ("meerwerkverzoek", "meerwerk request"),
    "complaints_day": ("dag met veel klachten", "day with many complaints"),
    "injuries_day": ("dag met gewonden", "day with injuries"),
    "reachability_dip": ("bereikbaarheid gedaald", "reachability dropped"),
    "incident": ("incident", "incident"),
}


def t(key: str, lang: str) -> str:
    """A text by key."""
    nl, en = T[key]
    return en if lang == "en" else nl


def bot_name(bot: str, lang: str) -> str:
    """A bot's display name (an unknown id as it is: a log of another version may hold one)."""
    return pick(BOT[bot], lang) if bot in BOT else bot


def pick(pair: tuple, lang: str) -> str:
    """The language's member of an (nl, en, ...) tuple."""
    return pair[1] if lang == "en" else pair[0]


def num(value: float | None, lang: str, decimals: int = 1) -> str:
    """A number in the language's format (nl: 1.234,5; en: 1,234.5)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−")


def eur(value: float | None, lang: str) -> str:
    """An amount in euros without cents."""
    return "–" if value is None else "€\u00a0" + num(value, lang, 0)


_WEEKDAYS = {"nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
             "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_MONTHS = {"nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                  "dec"),
           "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")}


def date_of(t_hour: float, hours_per_season: int, start: str) -> dt.datetime:
    """The date and time of an hour since the first season began (`start`: ISO date of the
    season's first day; each further winter starts a year later)."""
    season, h = divmod(int(t_hour), max(hours_per_season, 1))
    first = dt.date.fromisoformat(start or "2025-11-01")
    first = first.replace(year=first.year + season)
    return dt.datetime.combine(first, dt.time()) + dt.timedelta(hours=h)


def day_label(moment: dt.date, lang: str, year: bool = False) -> str:
    """'14 dec' (with `year`: '14 dec 2025'; en: '14 Dec 2025')."""
    text = f"{moment.day} {_MONTHS[_lang(lang)][moment.month - 1]}"
    return f"{text} {moment.year}" if year else text


def when(t_hour: int, hours_per_season: int, lang: str, start: str = "") -> str:
    """'di 14 dec 06:00' for an hour since the first season began."""
    moment = date_of(t_hour, hours_per_season, start)
    return (f"{_WEEKDAYS[_lang(lang)][moment.weekday()]} {day_label(moment, lang)} "
            f"{moment.hour:02d}:00")


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "nl"
