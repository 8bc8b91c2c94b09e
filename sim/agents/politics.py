"""Politics: the wethouder's attention, media stories and council questions.

Attention is a leaky integrator (half-life from the scenario) fed by injuries, complaints,
media stories, council questions and escalations. Above the threshold the wethouder
intervenes: through the regisseur, through an escalation committee if the contract has
one, or by phoning the executor directly (bypass: the waan van de dag, Hesselink et al.).
An intervention is aimed: at the place where residents meet the most trouble (a school
route, the hospital's pavements, a shopping street; see `sim.agents.places`), after what
last brought the subject up (a media story, a council question, complaints).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.agents.places import town_places, trouble_kind
from sim.scenario.schema import PoliticsConfig
from sim.state_parts import plain_values

if TYPE_CHECKING:
    from sim.model import RegieModel

W_INJURY = 0.12  # attention per injury in the town [-] (assumption)
W_COMPLAINT = 0.006  # per complaint
W_MEDIA = 0.6  # per media story
W_COUNCIL = 0.4  # per council question
W_ESCALATION = 0.3  # per escalated dispute
COMPLAINTS_PER_INJURY_IN_NEWS = 5  # a story also follows this many complaints per injury
COOL_DOWN_H = 72  # no second intervention within three days [h]


class Wethouder(mesa.Agent):
    """The alderman: attention, and the decision to intervene."""

    def __init__(self, model: RegieModel, cfg: PoliticsConfig) -> None:
        super().__init__(model)
        self.cfg = cfg
        self.attention = 0.0
        self.attention_peak = 0.0
        self.decay = 0.5 ** (1.0 / cfg.attention_half_life_days)
        self.pending = 0.0
        self.last_intervention = -10_000
        self.media_stories = 0
        self.week_complaints = 0
        self.interventions: dict[str, int] = {}
        self.last_trigger = "complaints"  # what last brought icy roads up: media, council
        self.places = town_places(model.town)

    def feed(self, injuries: int = 0, complaints: int = 0, media: int = 0, council: int = 0,
             escalation: int = 0) -> None:
        """Add news to today's input; a media story or a council question is what brought
        the subject up (the next intervention's trigger)."""
        self.pending += (W_INJURY * injuries + W_COMPLAINT * complaints + W_MEDIA * media
                         + W_COUNCIL * council + W_ESCALATION * escalation)
        if media or council:
            self.last_trigger = "media" if media else "council"

    def hash_parts(self) -> list:
        """What the state hash takes from the wethouder: counters, flags, interventions."""
        return [plain_values(self), self.interventions]

    def step(self) -> None:
        """Hourly: incidents may need an answer; daily: news, council, the integrator."""
        if self.model.hour % 24 == 23:
            self.read_the_news()
            self.council_asks()
            self.integrate()
        if self.attention > self.cfg.intervention_threshold and (
                self.model.hour - self.last_intervention >= COOL_DOWN_H) and not any(
                p.kind == "incident" for p in self.model.governance.board.open_for("wethouder")):
            self.raise_incident()

    def read_the_news(self) -> None:
        """A cluster of injuries or complaints makes a local news story."""
        today = self.model.citizens.today
        # "Gemeente zonder zout" was national news in 2010: a shortage is a story by itself.
        story = (self.model.executor.shortage_today
                 or today["injuries"] >= self.cfg.media_incident_cluster
                 or today["complaints"] >= COMPLAINTS_PER_INJURY_IN_NEWS
                 * self.cfg.media_incident_cluster)
        if story:
            self.media_stories += 1
            self.model.governance.emit({"kind": "media", "injuries": today["injuries"],
                                        "complaints": today["complaints"]})
        self.feed(injuries=today["injuries"], complaints=today["complaints"], media=int(story))

    def council_asks(self) -> None:
        """Weekly: many complaints or a budget overrun lead to a council question."""
        self.week_complaints += self.model.citizens.today["complaints"]
        if self.model.day % 7 != 6:
            return
        gemeente = self.model.gemeente
        elapsed = (self.model.day + 1) / max(self.model.hours / 24, 1)
        overrun = gemeente.total_cost_eur() > 1.1 * elapsed * gemeente.cfg.budget_eur_per_season
        if self.week_complaints >= self.cfg.council_complaint_threshold or overrun:
            gov = self.model.governance
            qid = len(gov.council_questions)
            topic = "complaints" if not overrun else "budget"
            gov.council_questions.append({"id": qid, "hour": self.model.hour, "topic": topic})
            options = [{"type": "answer_council", "question_id": qid, "tone": t}
                       for t in ("factual", "defensive", "blame_executor")]
            gov.raise_point("council_question", qid, options,
                            {"topic": topic, "complaints_week": self.week_complaints})
            self.feed(council=1)
        self.week_complaints = 0

    def integrate(self) -> None:
        """Leaky integration of the day's input."""
        self.attention = self.attention * self.decay + self.pending
        self.pending = 0.0
        self.attention_peak = max(self.attention_peak, self.attention)

    def raise_incident(self) -> None:
        """Attention above threshold: the wethouder must decide how to act, and where: the
        place with the most trouble now, after what last brought the subject up."""
        gov = self.model.governance
        iid = len(gov.incidents)
        kind = trouble_kind(self.model)
        gov.incidents.append({"id": iid, "hour": self.model.hour, "attention": self.attention,
                              "place": kind, "trigger": self.last_trigger})
        channels = ["none", "via_regisseur", "call_executor"]
        if gov.contract.escalation_committee:
            channels.insert(2, "committee")
        options = [{"type": "intervene", "incident_id": iid, "channel": c, "place": kind}
                   for c in channels]
        gov.raise_point("incident", iid, options, {"attention": round(self.attention, 3),
                                                   "place": kind, "trigger": self.last_trigger})
        self.last_intervention = self.model.hour

    def intervened(self, channel: str) -> None:
        """Having acted, the wethouder's attention eases."""
        self.interventions[channel] = self.interventions.get(channel, 0) + 1
        if channel != "none":
            self.attention *= 0.6
            self.last_trigger = "complaints"  # until new news brings it up again
