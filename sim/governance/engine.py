"""Names kept for callers outside sim.governance (the game, the observation) while they
move to the modules that now hold them: `api` (ActionResult), `regie` (Governance),
`politics` (CAMPAIGN_DAYS)."""

from sim.governance.api import ActionResult
from sim.governance.politics import CAMPAIGN_DAYS
from sim.governance.regie import Governance

__all__ = ["CAMPAIGN_DAYS", "ActionResult", "Governance"]
