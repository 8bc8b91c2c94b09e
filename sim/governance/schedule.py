"""The regie's calendar: decision points at fixed moments (the evening forecast briefing,
the monthly report and invoice, meetings at the contract's rhythm, the joint project
team), the close of each day and of the season, and the tender between contract periods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.governance.invoices import monthly_invoice, monthly_report
from sim.governance.meetings import HOURS_DISPUTE_PER_WEEK, meeting_due, schedule_meeting
from sim.governance.politics import end_campaign
from sim.governance.regimes import benchmark_check
from sim.governance.regimes import tender as regime_tender
from sim.governance.trust import feel

if TYPE_CHECKING:
    from sim.governance.regie import Governance

BRIEFING_HOUR = 18  # the evening forecast briefing [hour of day]
# The hours of the day with something on the calendar (`raise_scheduled_points`): the
# briefing, the monthly report, the operational and management meetings, the joint team.
_SCHEDULED_HOURS = frozenset({BRIEFING_HOUR, 9, 10, 11, 14})
MATURITY_GROWTH_PER_MONTH = 0.01  # learning by doing alone (assumption) [1/month]
# The call-outs of an average month (ODD 8.4: 44.5 priority-1 call-outs in 151 days): a
# month with this many gives the joint team half the lessons it can learn [call-outs].
HALF_LESSONS_CALLOUTS = 9.0


def raise_scheduled_points(gov: Governance, hour: int) -> None:
    """Briefing at 18h; report and invoice monthly; meetings at the contract's rhythm."""
    day, hod = hour // 24, hour % 24
    if hod not in _SCHEDULED_HOURS:  # asked every hour: most have nothing on the calendar
        return
    contract = gov.contract
    if hod == BRIEFING_HOUR:
        fc = gov.model.weather.forecast(hour, 24)
        options = [
            {"type": "plan_night", "briefing_id": day, "mode": m}
            for m in ("follow_plan", "preventive_now", "stand_down")
        ]
        gov.raise_point(
            "forecast_briefing",
            day,
            options,
            {
                "min_surface_temp_c": round(fc.min_surface_temp(), 2),
                "max_precip_prob": round(float(fc.precip_prob.max()), 3)
                if len(fc.precip_prob)
                else 0.0,
            },
        )
    if hod == 9 and day > 0 and day % 30 == 0:
        monthly_report(gov)
        monthly_invoice(gov)
        benchmark_check(gov)
    per_month = contract.meetings_operational_per_month
    if (
        hod == 10
        and per_month
        and day % max(1, 30 // per_month) == 15 % max(1, 30 // per_month)
        and meeting_due(gov, "operational")
    ):
        schedule_meeting(gov, "operational")
    per_q = contract.meetings_management_per_quarter
    if hod == 11 and per_q and day % max(1, 90 // per_q) == 45 % max(1, 90 // per_q):
        schedule_meeting(gov, "management", committee=False)
    if hod == 14 and day % 30 == 20 and contract.transition_months > 0:
        # The joint project team meets monthly during the transition; afterwards the
        # learning arrangement stays as a monthly joint evaluation (Hesselink et al.: "Hef deze
        # leervoorzieningen niet op bij de overgang").
        in_team = in_transition(gov, day)
        feel(
            gov.rel, hour, "joint project team", "in transition" if in_team else "after transition"
        )
        if in_team:
            team_learns(gov, hour)


def team_learns(gov: Governance, hour: int) -> None:
    """The joint project team learns from the month's events: maturity closes a share of
    its gap that grows with the call-outs the sides went through together and with how
    much they see of each other (shared experience; Hesselink et al.: "leervoorzieningen")."""
    n = sum(1 for a in gov.model.executor.fleet.actions if a.alarm_hour > hour - 30 * 24)
    lessons = n / (n + HALF_LESSONS_CALLOUTS)
    gov.rel.grow_maturity(
        gov.model.scenario.regime.team_learning_per_meeting * gov.rel.contact * lessons
    )


def in_transition(gov: Governance, day: int) -> bool:
    """Whether the contract's transition period still runs on this season day."""
    return gov.contract.transition_months * 30 > gov.model.season_day0 + day


def close_day(gov: Governance) -> None:
    """Daily: trust drift, efficiency recovery, maturity growth, regie hours, campaign."""
    model = gov.model
    conduct = model.executor.conduct
    gov.rel.drift(model.hour)
    conduct.recover_efficiency()
    day = model.day
    if day % 30 == 29:
        gov.rel.grow_maturity(MATURITY_GROWTH_PER_MONTH)
    if day % 7 == 6:
        open_disputes = sum(1 for d in gov.disputes if not d.resolved)
        gov.ledger.regie_hours += gov.week_hours + HOURS_DISPUTE_PER_WEEK * open_disputes
        gov.week_hours = 0.0
    end_campaign(gov)
    conduct.apply()  # maturity may have grown, a plough approval run out


def tender(gov: Governance) -> None:
    """Market regime, end of a contract period: tender; the incumbent may lose."""
    regime_tender(gov)


def end_of_season(gov: Governance) -> None:
    """Bill the rest of the season and book the last week's regie hours."""
    if gov.contract.sourcing != "in_house":
        monthly_invoice(gov)
        for point in gov.board.open_for("regisseur"):
            if point.kind == "invoice":  # the year closes: open invoices are paid
                gov.submit(
                    "regisseur",
                    {
                        "type": "review_invoice",
                        "invoice_id": point.ref,
                        "decision": "approve",
                        "note": "end of season",
                    },
                    by="rule",
                )
    gov.ledger.regie_hours += gov.week_hours
    gov.week_hours = 0.0
