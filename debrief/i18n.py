"""Texts of the report and the briefing cards in Dutch and English, and number formats."""

from __future__ import annotations

import math

LANGS = ("nl", "en")

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
    "bot_ghost_levels": ("Op dezelfde winter haalden de bots",
                         "On the same winter the bots reached"),
    "n_obs": ("n", "n"),
    "line": ("regel", "line"),
    # ghosts
    "ghost_intro": ("{n} spookritten: elke spelersrol om beurten gespeeld door elk bot-archetype, "
                    "met seeds {seeds}, op precies het weer van de sessie "
                    "(weer-vingerafdruk {digest}, gecontroleerd). Bij seed {seed} (die van de "
                    "sessie) is alles gelijk behalve de stoel; bij de andere seeds worden "
                    "burgers en toeval opnieuw getrokken.",
                    "{n} ghost runs: each player's role taken by each bot archetype in turn, "
                    "with seeds {seeds}, on exactly the session's weather (weather "
                    "fingerprint {digest}, checked). With seed {seed} (the session's) "
                    "everything is the same but the seat; with the other seeds citizens and "
                    "chance are drawn anew."),
    "no_ghosts": ("Geen spookritten: er was geen rol met een speler, of ze zijn uitgezet.",
                  "No ghost runs: no role had a player, or they were switched off."),
    "you": ("Sessie", "Session"),
    "same_seed": ("zelfde seed", "same seed"),
    "mean_range": ("gemiddelde (min–max)", "mean (min–max)"),
    "ghost_role": ("Rol {}: de sessie tegenover de bots", "Role {}: the session against the bots"),
    "ghost_chart_note": ("Dikke zwarte lijn: de sessie. Gekleurd: gemiddelde per bot over de "
                         "seeds, met de band van laagste tot hoogste.",
                         "Thick black line: the session. Coloured: mean per bot over the seeds, "
                         "with the band from lowest to highest."),
    "competence_levels": ("Competentieniveaus: sessie en bots",
                          "Competence levels: session and bots"),
    "runs_at": ("Spookritten", "Ghost runs"),
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

ROLE: dict[str, tuple[str, str]] = {
    "regisseur": ("Regisseur (gemeente)", "Regisseur (municipality)"),
    "executor": ("Uitvoeringsorganisatie", "Executing organisation"),
    "wethouder": ("Wethouder", "Alderman (wethouder)"),
}
ROLE_SHORT: dict[str, tuple[str, str]] = {
    "regisseur": ("regisseur", "regisseur"),
    "executor": ("uitvoerder", "executor"),
    "wethouder": ("wethouder", "wethouder"),
}

ACTION: dict[str, tuple[str, str]] = {
    "review_invoice": ("Factuur beoordeeld", "Invoice reviewed"),
    "decide_meerwerk": ("Meerwerk besloten", "Meerwerk decided"),
    "record_meeting": ("Overleg vastgelegd", "Meeting recorded"),
    "answer_council": ("Raadsvraag beantwoord", "Council question answered"),
    "plan_night": ("Nachtplan (weerbriefing)", "Night plan (forecast briefing)"),
    "submit_report": ("Maandrapportage", "Monthly report"),
    "intervene": ("Ingreep wethouder", "Wethouder intervention"),
    "inspect": ("Inspectie", "Inspection"),
    "direct_contact": ("Direct contact", "Direct contact"),
    "request_extra_round": ("Extra strooironde gevraagd", "Extra round requested"),
    "impose_penalty": ("Boete opgelegd", "Penalty imposed"),
    "launch_campaign": ("Campagne: stoep zelf vegen", "Campaign: clear your own pavement"),
    "micromanage": ("Operationele instructie", "Operational instruction"),
    "call_meeting": ("Overleg belegd", "Meeting called"),
    "buy_salt": ("Zout ingekocht", "Salt bought"),
    "invest_development": ("Investering in ontwikkeling", "Investment in development"),
    "request_meerwerk": ("Meerwerk aangevraagd", "Meerwerk requested"),
    "call_executor": ("Uitvoerder zelf gebeld", "Phoned the executor"),
}

ACTION_HELP: dict[str, tuple[str, str]] = {
    "review_invoice": ("Een maandfactuur goedkeuren of een deel betwisten.",
                       "Approve a monthly invoice or dispute part of it."),
    "decide_meerwerk": ("Een verzoek om meerwerk goedkeuren of afwijzen.",
                        "Approve or reject a request for extra work."),
    "record_meeting": ("De uitkomst per agendapunt van een overleg vastleggen (akkoord, "
                       "compromis, afwijzen, escaleren).",
                       "Record the outcome of each agenda item (agree, compromise, reject, "
                       "escalate)."),
    "answer_council": ("Het antwoord op een raadsvraag aanleveren: feitelijk, defensief of "
                       "de uitvoerder de schuld geven.",
                       "Supply the answer to a council question: factual, defensive or "
                       "blaming the executor."),
    "plan_night": ("Bij de avondbriefing (18 uur): volgens plan, nu preventief strooien, of "
                   "afschalen.",
                   "At the evening briefing (18h): follow the plan, grit preventively now, or "
                   "stand down."),
    "submit_report": ("De maandrapportage indienen: eerlijk of geflatteerd.",
                      "Submit the monthly report: honest or flattering."),
    "intervene": ("Bij hoge politieke aandacht: niets doen, via de regisseur, via de "
                  "escalatiecommissie, of de uitvoerder zelf bellen.",
                  "When political attention runs high: do nothing, go through the "
                  "regisseur, the escalation committee, or phone the executor."),
    "inspect": ("Zelf de echte prestaties controleren (kost 8 regie-uren).",
                "Check the executor's true performance yourself (costs 8 regie hours)."),
    "direct_contact": ("Informeel contact over hoe het gaat (1 uur); bouwt vertrouwen.",
                       "Informal talk about how it goes (1 hour); builds trust."),
    "request_extra_round": ("Een extra ronde buiten het plan vragen (wordt als meerwerk "
                            "gefactureerd).",
                            "Ask for an extra round outside the plan (invoiced as meerwerk)."),
    "impose_penalty": ("Een contractuele boete opleggen voor gemiste normen.",
                       "Impose a contractual penalty for missed norms."),
    "launch_campaign": ("Bewoners vragen hun eigen stoep sneeuwvrij te maken.",
                        "Ask residents to clear their own pavement."),
    "micromanage": ("Een operationele instructie geven (routevolgorde, tijd, dosering, "
                    "ploeg).",
                    "Give an operational instruction (route order, timing, dose, crew)."),
    "call_meeting": ("Een extra overleg beleggen (operationeel, management, escalatie).",
                     "Call an extra meeting (operational, management, escalation)."),
    "buy_salt": ("Zout op de spotmarkt kopen (tegen de tekortprijs).",
                 "Buy salt on the spot market (at the shortage price)."),
    "invest_development": ("Investeren in opleiding en systemen.",
                           "Invest in training and systems."),
    "request_meerwerk": ("Toestemming vragen voor werk buiten het plan (schuiven, noodzout, "
                         "tweede-prioriteitsroutes, extra ronde).",
                         "Ask approval for work outside the plan (ploughing, emergency salt, "
                         "secondary routes, extra round)."),
    "call_executor": ("De uitvoerder rechtstreeks bellen (buiten de regisseur om).",
                      "Phone the executor directly (bypassing the regisseur)."),
}

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
    "route_order": ("routevolgorde", "route order"), "timing": ("tijdstip", "timing"),
    "dose": ("dosering", "dose"), "crew": ("ploeg", "crew"),
    "operational": ("operationeel", "operational"), "management": ("management", "management"),
    "escalation": ("escalatie", "escalation"), "plough": ("schuiven", "ploughing"),
    "emergency_salt": ("noodzout", "emergency salt"),
    "secondary_routes": ("tweede-prioriteitsroutes", "secondary routes"),
    "extra_round": ("extra ronde", "extra round"),
    "price": ("prijs", "price"), "meerwerk": ("meerwerk", "meerwerk"),
    "penalty": ("boete", "penalty"), "reporting": ("rapportage", "reporting"),
    "performance": ("prestatie", "performance"),
}

INJECT: dict[str, tuple[str, str]] = {
    "salt_supplier_fails": ("Zoutleverancier levert niet", "Salt supplier fails"),
    "truck_breakdown": ("Strooiwagens defect", "Trucks break down"),
    "staff_sickness": ("Griep onder chauffeurs", "Drivers off sick"),
    "unforecast_freezing_rain": ("Onvoorspelde ijzel", "Unforecast freezing rain"),
    "media_storm": ("Mediastorm", "Media storm"),
    "council_motion": ("Motie in de raad", "Council motion"),
    "executor_bankruptcy_risk": ("Uitvoerder in financiële nood", "Executor in financial trouble"),
    "cold_snap": ("Koudegolf", "Cold snap"),
    "snowstorm": ("Sneeuwstorm", "Snowstorm"),
}

KPI: dict[str, tuple[str, str, str]] = {  # name -> (nl, en, unit)
    "reachability_pct": ("Bereikbaarheid prioriteitsnet", "Reachability of priority network", "%"),
    "outcome_score": ("Outcome-score", "Outcome score", ""),
    "output_score": ("Gerapporteerde output", "Reported output", ""),
    "injuries": ("Letsel", "Injuries", ""),
    "complaints": ("Klachten", "Complaints", ""),
    "slips": ("Uitglijders", "Slips", ""),
    "accidents": ("Ongevallen", "Accidents", ""),
    "satisfaction": ("Tevredenheid", "Satisfaction", ""),
    "strooiacties": ("Strooiacties", "Gritting actions", ""),
    "preventive_share_pct": ("Aandeel preventief", "Preventive share", "%"),
    "salt_shortage_days": ("Dagen zouttekort", "Salt shortage days", ""),
    "cost_total_eur": ("Kosten voor de gemeente", "Cost to the gemeente", "EUR"),
    "cost_meerwerk_eur": ("Waarvan meerwerk", "Of which meerwerk", "EUR"),
    "budget_use_pct": ("Budgetgebruik", "Budget use", "%"),
    "trust_gemeente_in_executor": ("Vertrouwen gemeente in uitvoerder",
                                   "Trust of gemeente in executor", ""),
    "trust_executor_in_gemeente": ("Vertrouwen uitvoerder in gemeente",
                                   "Trust of executor in gemeente", ""),
    "disputes": ("Geschillen", "Disputes", ""),
    "escalations": ("Escalaties", "Escalations", ""),
    "bypasses": ("Omzeilingen (wethouder belt uitvoerder)",
                 "Bypasses (wethouder phones executor)", ""),
    "attention_peak": ("Piek politieke aandacht", "Peak political attention", ""),
    "executor_maturity": ("Volwassenheid uitvoerder", "Executor maturity", ""),
    "executor_margin_pct": ("Marge uitvoerder", "Executor margin", "%"),
    "executor_efficiency_pct": ("Efficiëntie uitvoerder", "Executor efficiency", "%"),
    "adhoc_rounds": ("Extra rondes op verzoek", "Ad-hoc rounds on request", ""),
    "plan_preventive_share_pct": ("Aandeel preventief in het plan", "Preventive share of the plan",
                                  "%"),
    "attention": ("Politieke aandacht", "Political attention", ""),
    "tmin_c": ("Minimumtemperatuur", "Minimum temperature", "°C"),
    "snow_cm": ("Sneeuwhoogte", "Snow depth", "cm"),
    "salt_stock_t": ("Zoutvoorraad", "Salt stock", "t"),
}

EVENT: dict[str, tuple[str, str]] = {
    "media": ("Mediabericht", "Media story"),
    "dispute": ("Geschil geopend", "Dispute opened"),
    "meeting_outcome": ("Overleg gehouden", "Meeting held"),
    "bypass": ("Wethouder belde de uitvoerder", "The wethouder phoned the executor"),
    "tender": ("Aanbesteding", "Tender"),
    "rejected": ("Afgewezen", "Rejected"),
    "controller": ("Wissel van stoel", "Seat change"),
    "decision_point": ("Beslismoment", "Decision point"),
}

TRUST_REASON: dict[str, str] = {  # the model's reasons (sim.governance) in Dutch
    "blamed in the council": "de schuld gekregen in de raad", "bypass": "omzeiling",
    "committee convened": "commissie bijeen", "complaints": "klachten",
    "direct contact": "direct contact", "dispute resolved": "geschil opgelost",
    "escalated": "geëscaleerd", "inspection: as reported": "inspectie: klopt",
    "invoice approved": "factuur goedgekeurd", "invoice disputed": "factuur betwist",
    "joint project team": "gezamenlijk projectteam", "meerwerk approved": "meerwerk goedgekeurd",
    "meerwerk rejected": "meerwerk afgewezen", "meeting": "overleg",
    "micromanagement": "operationele instructie",
    "misreporting discovered": "onjuiste rapportage ontdekt",
    "monthly report": "maandrapportage", "month on the street": "de maand op straat",
    "penalty": "boete",
    "positions hardened": "posities verhard",
}

SIGNAL: dict[str, tuple[str, str]] = {
    "media": ("mediabericht", "media story"), "inject": ("inject", "inject"),
    "dispute": ("geschil", "dispute"), "council_question": ("raadsvraag", "council question"),
    "bypass": ("omzeiling", "bypass"), "meerwerk_request": ("meerwerkverzoek", "meerwerk request"),
    "complaints_day": ("dag met veel klachten", "day with many complaints"),
    "injuries_day": ("dag met letsel", "day with injuries"),
    "reachability_dip": ("bereikbaarheid gedaald", "reachability dropped"),
    "incident": ("incident", "incident"),
}


def t(key: str, lang: str) -> str:
    """A text by key."""
    nl, en = T[key]
    return en if lang == "en" else nl


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
    return "–" if value is None else "€ " + num(value, lang, 0)


def when(t_hour: int, hours_per_season: int, lang: str) -> str:
    """'dag 12, 10:00' for an hour since the first season began."""
    season, h = divmod(int(t_hour), max(hours_per_season, 1))
    day, hod = divmod(h, 24)
    prefix = (f"{'winter' if lang == 'en' else 'winter'} {season + 1}, " if season else "")
    return f"{prefix}{t('day', lang)} {day}, {hod:02d}:00"
