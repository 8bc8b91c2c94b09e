"""Trust between every pair of parties: each effect with its size and source.

An effect moves trust[a, b] (how much a trusts b) towards 1 (gain) or 0 (loss) by a
fraction of the distance, so trust stays in [0, 1] (a leaky integrator, as in the
gladheid family's relationship rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.procesregie.model import ProcesModel
    from sim.procesregie.parties import Party

TRUST_EFFECTS: dict[str, tuple[float, str]] = {
    # name: (fraction of the distance moved, + up / - down; source)
    "met": (
        0.04,
        "Klijn, Edelenbos & Steijn 2010: interaction and strategies raise trust; size assumed",
    ),
    "left_out": (-0.03, "assumption: a party with a stake hears of meetings without it"),
    "core_value_overruled": (
        -0.25,
        "Opgavegericht werken (VPNG): conditions in advance disrespect core values; size assumed",
    ),
    "process_rules": (
        0.15,
        "De Bruijn, Ten Heuvelhof & In 't Veld, ch. 7: protection of "
        "core values and an exit option; size assumed",
    ),
    "one_to_one": (0.12, "Klijn, Steijn & Edelenbos 2010: connecting strategies; size assumed"),
    "not_consented": (-0.05, "assumption: a party outvoted at consolidation"),
}


def effect(model: ProcesModel, name: str, a: Party, b: Party) -> None:
    """Apply the named effect to a's trust in b."""
    size = TRUST_EFFECTS[name][0]
    t = model.trust[a.index, b.index]
    after = t + size * ((1.0 - t) if size > 0 else t)
    model.trust[a.index, b.index] = after
    if name not in QUIET:
        model.note("pair_trust", reason=name, a=a.key, b=b.key, before=float(t), after=float(after))


QUIET = ("met",)
"""Effects not logged one by one: every round's meeting (the `round` event says it)."""
