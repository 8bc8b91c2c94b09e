"""What the report says about an indicator, generated from its value and level.

Each sentence names the value and is chosen by the level of the indicator it talks about,
so it cannot contradict the number next to it. An indicator is only scored when it was
observed and the session was long enough to judge it:

- n = 0 (no occasion: no invoice, no signal, no seat time) -> "not observed", no score;
- rates and sums (per 30 days) and weekly coverage need ``MIN_PLAYED_DAYS`` days in the
  seat: fewer days are "too short to judge", with the threshold stated;
- season figures (kpi_final, series_stat) need the seat for ``MIN_SEASON_SHARE`` of the
  season: a five-day session is not judged on a whole winter's totals.
The competence's own text in the rubric is advice for its level, shown as advice.
"""

from __future__ import annotations

from debrief.i18n import num

SCORED, NOT_OBSERVED, TOO_SHORT = "scored", "not_observed", "too_short"
MIN_PLAYED_DAYS = 7.0  # days in the seat before a rate per 30 days means something
MIN_SEASON_SHARE = 0.5  # share of the season in the seat before season figures count
PER_DAY_METRICS = frozenset({"action_rate", "action_sum", "weekly_coverage"})
SEASON_METRICS = frozenset({"kpi_final", "series_stat"})

_BASIS = {  # metric -> (nl, en) name of what n counts
    "action_rate": ("gespeelde dagen", "days played"),
    "action_sum": ("gespeelde dagen", "days played"),
    "weekly_coverage": ("weken", "weeks"),
    "signal_response": ("signalen", "signals"),
    "invoice_judgement": ("facturen", "invoices"),
    "invoice_markup": ("facturen", "invoices"),
    "meeting_outcomes": ("agendapunten", "agenda items"),
    "dispute_stat": ("geschillen", "disputes"),
    "meerwerk_approval": ("verzoeken", "requests"),
    "risky_nights": ("koude nachten", "cold nights"),
    "channel_share": ("ingrepen", "interventions"),
    "action_share": ("beslissingen", "decisions"),
    "series_stat": ("dagen", "days"),
    "kpi_final": ("seizoen", "season"),
    "design_foresight": ("risico's", "risks"),
    "gaps_closed": ("gaten", "gaps"),
    "design_terms": ("contract", "contract"),
    "transition_agreed": ("contract", "contract"),
    "transition_contact": ("dagen in de overgang", "days in transition"),
}

# Level sentences: {name}, {value}, {level} (the rubric's level name), {t1}..{t3}.
_SAYS = {
    ("higher", 1): (
        "{name}: {value}. {level}: onder {t1}, de grens voor niveau 2.",
        "{name}: {value}. {level}: below {t1}, the boundary for level 2.",
    ),
    ("higher", 2): (
        "{name}: {value}. {level}: vanaf {t1}; niveau 3 vanaf {t2}.",
        "{name}: {value}. {level}: from {t1}; level 3 from {t2}.",
    ),
    ("higher", 3): (
        "{name}: {value}. {level}: vanaf {t2}; niveau 4 vanaf {t3}.",
        "{name}: {value}. {level}: from {t2}; level 4 from {t3}.",
    ),
    ("higher", 4): (
        "{name}: {value}. {level}: {t3} of meer.",
        "{name}: {value}. {level}: {t3} or more.",
    ),
    ("lower", 1): (
        "{name}: {value}. {level}: boven {t1}, de grens voor niveau 2.",
        "{name}: {value}. {level}: above {t1}, the boundary for level 2.",
    ),
    ("lower", 2): (
        "{name}: {value}. {level}: hoogstens {t1}; niveau 3 bij hoogstens {t2}.",
        "{name}: {value}. {level}: at most {t1}; level 3 at most {t2}.",
    ),
    ("lower", 3): (
        "{name}: {value}. {level}: hoogstens {t2}; niveau 4 bij hoogstens {t3}.",
        "{name}: {value}. {level}: at most {t2}; level 4 at most {t3}.",
    ),
    ("lower", 4): (
        "{name}: {value}. {level}: {t3} of minder.",
        "{name}: {value}. {level}: {t3} or less.",
    ),
}
_NOT_OBSERVED = (
    "{name}: niet waargenomen; deze sessie bood er geen gelegenheid voor.",
    "{name}: not observed; this session gave no occasion for it.",
)
# Why an indicator had no occasion, when the metric knows (Measure.why).
_WHY = {
    "design_skipped": (
        "{name}: niet beoordeeld; dit scenario slaat de ontwerpfase over, het contract lag "
        "vast en is niet door de klas ontworpen.",
        "{name}: not scored; this scenario skips the design phase, so the contract was "
        "given, not designed by the class.",
    ),
    "design_unfinished": (
        "{name}: niet beoordeeld; de sessie stopte voordat het contract was afgesproken.",
        "{name}: not scored; the session stopped before the contract was agreed.",
    ),
    "design_by_other": (
        "{name}: niet beoordeeld; in de ontwerpfase zat een bot op deze stoel.",
        "{name}: not scored; a bot held this seat in the design phase.",
    ),
    "no_transition": (
        "{name}: niet waargenomen; het contract had geen overgangsperiode.",
        "{name}: not observed; the contract had no transition period.",
    ),
}
_TOO_SHORT_DAYS = (
    "{name}: te kort om te beoordelen ({days} dagen gespeeld; een tempo per "
    "30 dagen telt vanaf {min} dagen).",
    "{name}: too short to judge ({days} days played; a rate per 30 days counts from {min} days).",
)
_TOO_SHORT_SEASON = (
    "{name}: te kort om te beoordelen ({days} van {season} dagen gespeeld; "
    "een seizoenscijfer telt vanaf de helft van het seizoen).",
    "{name}: too short to judge ({days} of {season} days played; a season "
    "figure counts from half the season).",
)


def judge(metric: str, value: float | None, n: int, played_days: float, season_days: float) -> str:
    """Whether an indicator is scored, not observed, or too short to judge."""
    if value is None or n <= 0:
        return NOT_OBSERVED
    if metric in PER_DAY_METRICS and played_days < MIN_PLAYED_DAYS:
        return TOO_SHORT
    if metric in SEASON_METRICS and played_days < MIN_SEASON_SHARE * season_days:
        return TOO_SHORT
    return SCORED


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def shown_value(indicator, value: float, lang: str) -> str:
    """An indicator value as the report shows it (scaled, with its unit), with the decimals
    its boundaries need (0.45 stays 0,45: a rounded boundary could put a value on its
    wrong side)."""
    if indicator.unit == "EUR":
        return "€\u00a0" + num(value * indicator.scale, lang, 0)
    text = num(value * indicator.scale, lang, _decimals(indicator))
    return text + (f"\u00a0{indicator.unit}" if indicator.unit else "")  # never broken


def _decimals(indicator) -> int:
    """1, or 2 when a boundary has a second decimal."""
    exact = all(
        abs(round(x * indicator.scale, 1) - x * indicator.scale) < 1e-9
        for x in indicator.thresholds
    )
    return 1 if exact else 2


def basis(ir, lang: str) -> str:
    """What the indicator rests on, in words: '12 gespeelde dagen', '5 invoices'."""
    # A family's indicator class may name its own metrics' bases (basis_names).
    name = getattr(ir.indicator, "basis_names", _BASIS).get(ir.indicator.metric)
    if ir.indicator.metric == "kpi_final" or name is None:
        return _pick(("hele sessie", "whole session"), lang)
    return f"{ir.measure.n} {_pick(name, lang)}"


def sentence(ir, levels, lang: str) -> str:
    """The sentence about one measured indicator, chosen by its own level.

    `ir` is a rubric IndicatorResult, `levels` the rubric's level names.
    """
    i = ir.indicator
    name = i.name.get(lang)
    if ir.status == NOT_OBSERVED:
        why = _WHY.get(getattr(ir.measure, "why", ""), _NOT_OBSERVED)
        return _pick(why, lang).format(name=name)
    if ir.status == TOO_SHORT:
        days = num(ir.played_days, lang, 0)
        own = getattr(i, "too_short_texts", {}).get(i.metric)  # a family's own wording
        if own is not None:
            return _pick(own, lang).format(
                name=name, days=days, season=num(ir.season_days, lang, 0)
            )
        if i.metric in SEASON_METRICS:
            return _pick(_TOO_SHORT_SEASON, lang).format(
                name=name, days=days, season=num(ir.season_days, lang, 0)
            )
        return _pick(_TOO_SHORT_DAYS, lang).format(
            name=name, days=days, min=num(MIN_PLAYED_DAYS, lang, 0)
        )
    level = ir.level
    t1, t2, t3 = (shown_value(i, x, lang) for x in i.thresholds)
    return _pick(_SAYS[(i.better, level)], lang).format(
        name=name,
        value=shown_value(i, ir.value, lang),
        level=levels.get(level).get(lang),
        t1=t1,
        t2=t2,
        t3=t3,
    )


def short_session_note(played_days: float, lang: str) -> str | None:
    """A line for a session too short to judge rates (None when long enough)."""
    if played_days >= MIN_PLAYED_DAYS:
        return None
    return _pick(
        (
            f"Korte sessie: {num(played_days, 'nl', 1)} dagen gespeeld. Tempo's per 30 "
            f"dagen tellen vanaf {num(MIN_PLAYED_DAYS, 'nl', 0)} dagen, "
            "seizoenscijfers vanaf de helft van het seizoen; de rest wordt beoordeeld "
            "op wat er gebeurde.",
            f"Short session: {num(played_days, 'en', 1)} days played. Rates per 30 "
            f"days count from {num(MIN_PLAYED_DAYS, 'en', 0)} days, season figures "
            "from half the season; the rest is judged on what happened.",
        ),
        lang,
    )
