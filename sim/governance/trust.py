"""Trust effects as data: each experience that moves trust, its size towards each side,
and where the size comes from.

A size is the surprise `x` of an experience (see `relationship.update_trust`): towards
the gemeente (its trust in the executor) and towards the executor (its trust in the
gemeente). Magnitudes are assumptions unless a source is named; their signs follow the
case (Hesselink, Den Hollander & Keesmaat, "'Regiegemeente' worden: onderschat vraagstuk":
"Vertrouwen ontstaat niet door veel vast te leggen op papier, maar door direct contact").
The table is docs/ODD.md 7.15 as code: the reason texts are what the model stores in the
relationship's history and writes to the session log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sim.governance.relationship import REVERSION, Relationship

ASSUMPTION = "assumption (ODD 7.15); sign after Hesselink et al."
# How a regisseur judges a month: by the reported share of routes within the norm
# (output) or, steering on outcome, by the passable share of the priority network it sees
# itself. Expectations and weights are assumptions; the outcome weight gives a month one
# point below expectation about the weight of a report 5 points below (0.1 vs 2 x 0.05).
OUTPUT_EXPECTED_SHARE = 0.9  # [-]
OUTPUT_SURPRISE_PER_SHARE = 2.0  # gemeente trust surprise per unit of reported share [-]
OUTCOME_EXPECTED_REACHABILITY_PCT = 97.0  # [%] (calibration, ODD 8.4: 95-99.5 %)
OUTCOME_SURPRISE_PER_PCT = 0.1  # gemeente trust surprise per point of reachability [-]


@dataclass(frozen=True)
class TrustEffect:
    """What one kind of experience does to trust.

    `sizes` maps a variant ('' when there is one) to the surprise towards the gemeente and
    towards the executor [-1..1]; `scale`, for an effect of variable size, says what the
    caller multiplies the sizes by.
    """

    sizes: Mapping[str, tuple[float, float]]
    source: str = ASSUMPTION
    scale: str = ""


def _fixed(gemeente: float, executor: float, source: str = ASSUMPTION) -> TrustEffect:
    return TrustEffect({"": (gemeente, executor)}, source)


TRUST_EFFECTS: dict[str, TrustEffect] = {
    # Invoices, reports and penalties
    "invoice approved": _fixed(0.0, 0.2),
    "invoice disputed": TrustEffect(
        {"inflated": (-0.4, -0.2), "fair": (-0.1, -0.6)},
        ASSUMPTION + "; inflated: claimed above 1.03 x fair value"),
    "monthly report": TrustEffect(
        {"": (OUTPUT_SURPRISE_PER_SHARE, 0.0)}, ASSUMPTION,
        "reported share of routes within the norm minus the expected 0.9 "
        "(OUTPUT_EXPECTED_SHARE)"),
    "month on the street": TrustEffect(
        {"": (OUTCOME_SURPRISE_PER_PCT, 0.0)},
        ASSUMPTION + "; one point of reachability about a report 5 points off",
        "the month's reachability of the priority network minus the "
        "expected 97 % (OUTCOME_EXPECTED_REACHABILITY_PCT; ODD 8.4: 95-99.5 %)"),
    "inspection: as reported": _fixed(0.15, -0.1, ASSUMPTION + "; the executor reads "
                                      "control as distrust (Falk & Kosfeld 2006)"),
    "misreporting discovered": _fixed(-1.0, -0.3),
    "penalty": _fixed(0.0, -0.8),
    # Meerwerk
    "meerwerk approved": _fixed(0.0, 0.2),
    "meerwerk rejected": _fixed(0.0, -0.3),
    # Meetings, disputes and contact
    "meeting": _fixed(0.1, 0.1),
    "dispute resolved": _fixed(0.35, 0.35),
    "positions hardened": _fixed(-0.15, -0.15, ASSUMPTION + "; Hesselink et al.: avoid taking "
                                 "positions"),
    "escalated": _fixed(-0.3, -0.3),
    "direct contact": _fixed(0.3, 0.3, "Hesselink et al. (direct contact builds trust); "
                             "face-to-face communication d = 1.21 (Balliet 2010); size "
                             "an assumption"),
    "joint project team": TrustEffect(
        {"in transition": (0.3, 0.3), "after transition": (0.15, 0.15)},
        ASSUMPTION + "; Hesselink et al.: keep the learning arrangements after the transition"),
    # Conduct and politics
    "micromanagement": _fixed(0.0, -0.35, "hidden costs of control (Falk & Kosfeld "
                              "2006); size an assumption"),
    "complaints": TrustEffect(
        {"": (-1.0, 0.0)}, ASSUMPTION,
        "min(1, (complaints - 3) / 30): a day's complaints above the 3 a regisseur shrugs "
        "off (COMPLAINTS_EXPECTED_PER_DAY)"),
    "blamed in the council": _fixed(0.0, -0.7),
    "bypass": _fixed(-0.5, -0.4, ASSUMPTION + "; Hesselink et al.: 'de waan van de dag'"),
    "committee convened": _fixed(0.1, 0.1),
    # The executor as a business and the negotiation (issue 13): what each side sees the
    # other do. Signs after Hesselink et al. and the sources named; sizes assumptions.
    "promise kept": _fixed(0.2, 0.0, ASSUMPTION + "; reliability (Mayer, Davis & Schoorman)"),
    "promise broken": _fixed(-0.3, 0.0, ASSUMPTION + "; reliability (Mayer, Davis & "
                             "Schoorman)"),
    "help given": _fixed(0.3, 0.0, ASSUMPTION + "; benevolence: a small job done tussendoor "
                         "(Hesselink et al.: 'even tussendoor')"),
    "order refused": _fixed(-0.3, 0.0, ASSUMPTION + "; the gemeente reads a refusal as "
                            "unwillingness"),
    "order delayed": _fixed(-0.15, 0.0),
    "written approval asked": _fixed(-0.05, 0.0, ASSUMPTION + "; Hesselink et al.: 'Tegenover "
                                     "elke vraag ... staat een factuur'"),
    "concession made": TrustEffect(
        {"by executor": (0.2, 0.0), "by gemeente": (0.0, 0.2)},
        ASSUMPTION + "; a concession is evidence of benevolence (Zeuthen: who concedes)"),
    "hold-up": TrustEffect(
        {"by executor": (-0.4, 0.0), "by gemeente": (0.0, -0.4)},
        ASSUMPTION + "; keeping to one's line while the other has no exit (Williamson)"),
    "invoice matches benchmark": _fixed(0.15, 0.0, ASSUMPTION + "; the benchmark as "
                                        "evidence (Hesselink et al.: Staatsbosbeheer)"),
    "invoice above benchmark": _fixed(-0.3, 0.0, ASSUMPTION + "; the benchmark as evidence "
                                      "(Hesselink et al.: Staatsbosbeheer)"),
}

# Every reason a trust change carries in the session log (the catalogue of words names
# each in Dutch and English).
TRUST_REASONS: tuple[str, ...] = (*TRUST_EFFECTS, REVERSION)


def feel(rel: Relationship, hour: int, reason: str, variant: str = "",
         scale: float | None = None) -> None:
    """Apply the experience `reason` (one of TRUST_EFFECTS) to both sides' trust.

    `scale` multiplies the sizes of an effect of variable size (see its `scale`).
    """
    gemeente, executor = TRUST_EFFECTS[reason].sizes[variant]
    if scale is not None:  # a side the effect leaves alone stays exactly 0.0
        gemeente = gemeente * scale if gemeente else 0.0
        executor = executor * scale if executor else 0.0
    rel.experience(hour, reason, gemeente=gemeente, executor=executor)
