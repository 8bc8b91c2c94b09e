"""The report names what the model does with the shared catalogue's words (sim.words)."""

from __future__ import annotations

from debrief import i18n
from sim import words
from sim.governance.trust import TRUST_REASONS
from sim.kpi import KPI_NAMES


def test_every_trust_reason_of_the_model_has_a_dutch_name() -> None:
    assert "bypass" in TRUST_REASONS and "month on the street" in TRUST_REASONS
    assert sorted(set(TRUST_REASONS) - set(i18n.TRUST_REASON)) == []


def test_the_kpis_a_report_shows_have_names_in_both_languages() -> None:
    for name in ("adhoc_rounds", "plan_preventive_share_pct", "reachability_pct"):
        assert name in KPI_NAMES
        nl, en, _unit = i18n.KPI[name]
        assert nl and en and nl != en


def test_the_report_uses_the_catalogues_words() -> None:
    assert i18n.KPI["reachability_pct"] == ("Bereikbaarheid prioriteitsnet",
                                            words.word("kpi", "reachability_pct", "en"), "%")
    assert i18n.ROLE["executor"] == words.pairs("role")["executor"]
    assert words.pairs("action") == i18n.ACTION
    assert words.pairs("event") == i18n.EVENT
    assert i18n.BOT["incident_driven"] == ("incidentgedreven", "incident-driven")


def test_a_dispute_kind_is_named_like_the_game_names_it() -> None:
    assert i18n.pick(i18n.VALUE["secondary_routes"], "nl") == "secundaire routes"
    assert i18n.pick(i18n.VALUE["approve"], "en") == "approved"  # a verdict as recorded
