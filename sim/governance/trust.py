"""Trust observations as data: each experience that informs a side's belief about the
other, which aspect it informs, how strong a signal it is, how much of it a side sees,
how it can be misread, and where each number comes from.

An experience is an observation (see `relationship`): towards the gemeente (evidence about
the executor) and towards the executor (evidence about the gemeente), each a signal in
[-1, 1] about reliability or benevolence. A side sees `seen` of such deeds without contact
(what is on paper: all); an ambiguous deed is misread with a chance (`misread_chance`, or
for control the executor's `control_aversion`) and then counts as `misread` until the
sides clear it. Every size is a prior: an assumption unless a source is named; signs follow
the case (Hesselink, Den Hollander & Keesmaat, "'Regiegemeente' worden: onderschat
vraagstuk"). The table is docs/ODD.md 7.15 as code; the reason texts are what the model
stores in the relationship's history and writes to the session log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sim.governance.relationship import (
    BENEVOLENCE,
    CLEARED,
    EXECUTOR,
    GEMEENTE,
    RELIABILITY,
    REVERSION,
    Relationship,
)

ASSUMPTION = "assumption (ODD 7.15); sign after Hesselink et al."
FALK_KOSFELD = "Falk & Kosfeld, 'The hidden costs of control': most agents read control as distrust"
# How a regisseur judges a month: by the reported share of routes within the norm
# (output) or, steering on outcome, by the passable share of the priority network it sees
# itself. Expectations and weights are assumptions; the outcome weight gives a month one
# point below expectation about the weight of a report 5 points below (0.1 vs 2 x 0.05).
OUTPUT_EXPECTED_SHARE = 0.9  # [-]
OUTPUT_SURPRISE_PER_SHARE = 2.0  # gemeente trust signal per unit of reported share [-]
OUTCOME_EXPECTED_REACHABILITY_PCT = 97.0  # [%] (calibration, ODD 8.4: 95-99.5 %)
OUTCOME_SURPRISE_PER_PCT = 0.1  # gemeente trust signal per point of reachability [-]
R, B = RELIABILITY, BENEVOLENCE


@dataclass(frozen=True)
class TrustEffect:
    """What one kind of experience tells each side about the other.

    `sizes` maps a variant ('' when there is one) to the true signal towards the gemeente
    and towards the executor [-1..1]; `scale`, for an effect of variable size, says what the
    caller multiplies the sizes by. Per side (gemeente, executor): the `aspects` informed,
    the share `seen` without contact, the signal when `misread` (0: never misread) and
    which chance of misreading applies (`control`: the executor's control aversion, else
    the relationship's misread chance). `contact`: the experience brings the sides together.
    """

    sizes: Mapping[str, tuple[float, float]]
    source: str = ASSUMPTION
    scale: str = ""
    aspects: tuple[str, str] = (R, R)
    seen: tuple[float, float] = (1.0, 1.0)
    misread: tuple[float, float] = (0.0, 0.0)
    control: bool = False
    contact: bool = False


def _fixed(gemeente: float, executor: float, source: str = ASSUMPTION, **how) -> TrustEffect:
    return TrustEffect({"": (gemeente, executor)}, source, **how)


def _control(gemeente: float, executor: float, distrust: float, note: str) -> TrustEffect:
    """Control by the gemeente: the executor learns `executor` about the gemeente's
    benevolence, or with its control aversion reads `distrust` into it (a misreading,
    cleared like any other); the gemeente learns `gemeente` about the executor."""
    return _fixed(
        gemeente,
        executor,
        FALK_KOSFELD + note,
        aspects=(R, B),
        misread=(0.0, distrust),
        control=True,
    )


TRUST_EFFECTS: dict[str, TrustEffect] = {
    # Invoices, reports and penalties
    "invoice approved": _fixed(0.0, 0.2, aspects=(R, B)),
    "invoice disputed": TrustEffect(
        {"inflated": (-0.4, -0.2), "fair": (-0.1, -0.2)},
        ASSUMPTION + "; inflated: claimed above fair value; a dispute of a fair invoice is "
        "misread as bad faith (-0.6)",
        aspects=(B, B),
        misread=(0.0, -0.6),
    ),
    "monthly report": TrustEffect(
        {"": (OUTPUT_SURPRISE_PER_SHARE, 0.0)},
        ASSUMPTION,
        "reported share of routes within the norm minus the expected 0.9 (OUTPUT_EXPECTED_SHARE)",
    ),
    "month on the street": TrustEffect(
        {"": (OUTCOME_SURPRISE_PER_PCT, 0.0)},
        ASSUMPTION + "; one point of reachability about a report 5 points off",
        "the month's reachability of the priority network minus the "
        "expected 97 % (OUTCOME_EXPECTED_REACHABILITY_PCT; ODD 8.4: 95-99.5 %)",
    ),
    "inspection: as reported": _control(0.15, 0.0, -0.1, "; read as distrust -0.1"),
    "misreporting discovered": _fixed(-1.0, -0.3, aspects=(R, B)),
    "penalty": _fixed(0.0, -0.8, aspects=(R, B)),
    # Meerwerk
    "meerwerk approved": _fixed(0.0, 0.2, aspects=(R, B)),
    "meerwerk rejected": _fixed(0.0, -0.3, aspects=(R, B)),
    # Meetings, disputes and contact
    "meeting": _fixed(
        0.1,
        0.1,
        ASSUMPTION + "; face to face (Balliet, 'Communication and cooperation in social dilemmas')",
        aspects=(B, B),
        contact=True,
    ),
    "dispute resolved": _fixed(0.35, 0.35, aspects=(B, B)),
    "positions hardened": _fixed(
        -0.15, -0.15, ASSUMPTION + "; Hesselink et al.: avoid taking positions", aspects=(B, B)
    ),
    "escalated": _fixed(-0.3, -0.3, aspects=(B, B)),
    "direct contact": _fixed(
        0.0,
        0.0,
        "Hesselink et al. (direct contact builds trust); "
        "Balliet: face to face d = 1.21; acts through what the sides "
        "see, no trust by decree",
        contact=True,
    ),
    "joint project team": TrustEffect(
        {"in transition": (0.0, 0.0), "after transition": (0.0, 0.0)},
        "Hesselink et al.: keep the learning arrangements after the transition; acts "
        "through contact and learning (maturity), no trust by decree",
        contact=True,
    ),
    # Conduct and politics
    "micromanagement": _control(
        0.0,
        -0.1,
        -0.35,
        "; controlling principals do expect less, so the reading is partly right (-0.1); "
        "read as distrust -0.35 (sizes assumptions)",
    ),
    "complaints": TrustEffect(
        {"": (-1.0, 0.0)},
        ASSUMPTION,
        "min(1, (complaints - 3) / 30): a day's complaints above the 3 a regisseur shrugs "
        "off (COMPLAINTS_EXPECTED_PER_DAY)",
    ),
    "blamed in the council": _fixed(0.0, -0.7, aspects=(R, B)),
    "bypass": _fixed(
        -0.5, -0.4, ASSUMPTION + "; Hesselink et al.: 'de waan van de dag'", aspects=(B, B)
    ),
    "committee convened": _fixed(0.1, 0.1, aspects=(B, B)),
    # The executor as a business and the negotiation (issue 13): what each side sees the
    # other do. Signs after Hesselink et al. and the sources named; sizes assumptions.
    "promise kept": _fixed(
        0.2,
        0.0,
        ASSUMPTION + "; reliability (Mayer, Davis & Schoorman); a kept promise goes half unnoticed",
        seen=(0.5, 1.0),
    ),
    "promise broken": _fixed(
        -0.3,
        0.0,
        ASSUMPTION + "; reliability (Mayer, Davis & Schoorman); a broken one is mostly noticed",
        seen=(0.9, 1.0),
    ),
    "help given": _fixed(
        0.3,
        0.0,
        ASSUMPTION + "; benevolence: a small job done tussendoor "
        "(Hesselink et al.: 'even tussendoor'), invisible to the accounts",
        aspects=(B, B),
        seen=(0.3, 1.0),
    ),
    "order refused": _fixed(
        -0.1,
        0.0,
        ASSUMPTION + "; a refusal for want of capacity, misread as unwillingness (-0.4)",
        aspects=(B, B),
        misread=(-0.4, 0.0),
    ),
    "order delayed": _fixed(-0.15, 0.0, seen=(0.8, 1.0)),
    "written approval asked": _fixed(
        -0.05,
        0.0,
        ASSUMPTION + "; Hesselink et al.: 'Tegenover elke vraag ... staat een factuur'",
        aspects=(B, B),
    ),
    "concession made": TrustEffect(
        {"by executor": (0.2, 0.0), "by gemeente": (0.0, 0.2)},
        ASSUMPTION + "; a concession is evidence of benevolence (Zeuthen: who concedes)",
        aspects=(B, B),
    ),
    "hold-up": TrustEffect(
        {"by executor": (-0.4, 0.0), "by gemeente": (0.0, -0.4)},
        ASSUMPTION + "; keeping to one's line while the other has no exit (Williamson)",
        aspects=(B, B),
    ),
    "invoice matches benchmark": _fixed(
        0.15,
        0.0,
        ASSUMPTION + "; the benchmark as evidence (Hesselink et al.: Staatsbosbeheer)",
        aspects=(B, B),
    ),
    "invoice above benchmark": TrustEffect(
        {"": (-1.0, 0.0)},
        ASSUMPTION + "; the benchmark as evidence (Hesselink et al.: Staatsbosbeheer)",
        "min(1, premium over the price check / 0.2): the Gouda-Cyclus gap is full evidence "
        "(PREMIUM_FULL_SIGNAL)",
        aspects=(B, B),
    ),
}

# Every reason a trust change carries in the session log (the catalogue of words names
# each in Dutch and English).
TRUST_REASONS: tuple[str, ...] = (*TRUST_EFFECTS, REVERSION, CLEARED)


def feel(
    rel: Relationship, hour: int, reason: str, variant: str = "", scale: float | None = None
) -> None:
    """Each side observes the experience `reason` (one of TRUST_EFFECTS): if it sees it,
    it takes the signal in, or misreads it; an experience with contact brings the sides
    together first. `scale` multiplies the sizes of an effect of variable size."""
    effect = TRUST_EFFECTS[reason]
    if effect.contact:
        rel.meet()
    cfg = rel.cfg
    taken = []
    before = dict(rel.trust)
    sizes = effect.sizes[variant]
    for i, side in enumerate((GEMEENTE, EXECUTOR)):
        signal, misread = sizes[i], effect.misread[i]
        if scale is not None:  # a side the effect leaves alone stays exactly 0.0
            signal = signal * scale if signal else 0.0
        if not (signal or misread) or not rel.sees(effect.seen[i]):
            taken.append(0.0)
            continue
        chance = cfg.control_aversion if effect.control else cfg.misread_chance
        if misread and rel.misreads(chance):
            rel.observe(side, effect.aspects[i], misread, true_signal=signal)
            taken.append(misread)
        else:
            if signal:
                rel.observe(side, effect.aspects[i], signal)
            taken.append(signal)
    rel.record(hour, reason, taken[0], taken[1], before)
