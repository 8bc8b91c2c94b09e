"""The Dutch report names what the model does in Dutch: trust reasons and KPIs."""

from __future__ import annotations

import re
from pathlib import Path

from debrief import i18n
from sim.kpi import KPI_NAMES

SIM = Path(__file__).resolve().parents[2] / "sim"
# Every place the model records a trust experience names its reason as a literal.
EXPERIENCE = re.compile(r"\.experience\(\s*[\w.]+,\s*\"([^\"]+)\"")


def _reasons() -> set[str]:
    return {m.group(1) for path in SIM.rglob("*.py")
            for m in EXPERIENCE.finditer(path.read_text(encoding="utf-8"))}


def test_every_trust_reason_of_the_model_has_a_dutch_name() -> None:
    reasons = _reasons()
    assert "bypass" in reasons and "month on the street" in reasons  # the scan finds them
    assert sorted(reasons - set(i18n.TRUST_REASON)) == []


def test_the_kpis_a_report_shows_have_names_in_both_languages() -> None:
    for name in ("adhoc_rounds", "plan_preventive_share_pct", "reachability_pct"):
        assert name in KPI_NAMES
        nl, en, _unit = i18n.KPI[name]
        assert nl and en and nl != en
