"""Wethouder archetypes: hands_off, incident_driven, procedural. Each aims its intervention
at the place the incident is about (where the trouble is, see `sim.agents.places`)."""

from __future__ import annotations

from sim.bots.base import Bot


class _Wethouder(Bot):
    role = "wethouder"
    active_hours: frozenset[int] = frozenset()  # acts only on incidents

    def channel(self, obs: dict, point: dict) -> str:
        return "none"

    def answer(self, point: dict, obs: dict) -> dict | None:
        return {"type": "intervene", "incident_id": point["ref"],
                "channel": self.channel(obs, point), "place": point["context"]["place"]}


class HandsOff(_Wethouder):
    """Leaves it to the regisseur; only under heavy pressure asks the regisseur to act."""

    name = "hands_off"
    description_nl = "Afstandelijk: laat het aan de regisseur, behalve onder grote druk."
    description_en = "Hands off: leaves it to the regisseur unless pressure is high."

    def channel(self, obs: dict, point: dict) -> str:
        threshold = self.scenario.politics.intervention_threshold
        return "via_regisseur" if point["context"]["attention"] > 2 * threshold else "none"


class IncidentDriven(_Wethouder):
    """The waan van de dag: uses the committee if there is one, otherwise phones the executor."""

    name = "incident_driven"
    description_nl = "Incidentgedreven: belt de uitvoerder zelf als er geen commissie is."
    description_en = "Incident-driven: phones the executor when there is no committee."

    def channel(self, obs: dict, point: dict) -> str:
        return "committee" if self.scenario.contract.escalation_committee else "call_executor"


class Procedural(_Wethouder):
    """Acts through the proper route: the committee, or the regisseur."""

    name = "procedural"
    description_nl = "Procedureel: via de commissie of via de regisseur."
    description_en = "Procedural: through the committee or the regisseur."

    def channel(self, obs: dict, point: dict) -> str:
        return "committee" if self.scenario.contract.escalation_committee else "via_regisseur"
