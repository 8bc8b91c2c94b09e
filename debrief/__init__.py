"""Debrief: competence rubric, ghost runs, briefing cards and the HTML report."""
